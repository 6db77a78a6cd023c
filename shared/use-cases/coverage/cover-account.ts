import type { LedgerEntry } from '../../domain/ledger';
import { outcomeOfError, type EffectOutcome, type Effect } from '../effects/effect';
import { confirmationOf, outcomeOf, sameAccount, type CoverageDeps } from './coverage-steps';

/** What `cover-account` adds: the account's OU to the membership's OUs. */
export interface CoverAccountPayload {
  readonly accountId: string;
  readonly membershipId: string;
  readonly organizationalUnitId: string;
}

/**
 * `cover-account`: under enforce, the OU of an account the check found not covered is added to the
 * membership (UpdateMembership, `membershipAccountsConfigurationsUpdate`), and a confirmation is put
 * in the due-time index, because AWS applies coverage changes asynchronously: re-reading right after
 * the call would prove nothing. UpdateMembership takes no idempotency token; the adapter reads the
 * membership's OUs first, so a retry after a crash finds the OU listed and says `already-done`.
 */
export const coverAccount: Effect<CoverageDeps, CoverAccountPayload> = {
  action: 'cover-account',
  // Under enforce, the account's OU added (UpdateMembership after GetMembership: no idempotency token).
  permissions: ['security-ir:GetMembership', 'security-ir:UpdateMembership'],
  // Never planned itself: the check that found the gap creates it, for the same account.
  followUpOf: { action: 'check-coverage', sameTarget: sameAccount },
  async run(deps, entries: readonly LedgerEntry<CoverAccountPayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      const { accountId, membershipId, organizationalUnitId } = entry.payload;
      try {
        const added = await deps.securityIr().addOrganizationalUnits(membershipId, [organizationalUnitId]);
        const now = deps.clock.now();
        await deps.schedule([
          confirmationOf(entry, { accountId, membershipId, organizationalUnitId, attempt: 1 }, now),
        ]);
        const executed = added.added.length > 0;
        const reason = executed
          ? `added ${organizationalUnitId} to the membership's OUs to cover account ${accountId}; confirmed later`
          : `${organizationalUnitId} was already listed; coverage of ${accountId} still pending; confirmed later`;
        outcomes.push({
          status: 'done',
          followUps: [outcomeOf(entry, executed ? 'executed' : 'already-done', now, membershipId, reason)],
        });
      } catch (error) {
        outcomes.push(
          outcomeOfError(error, (refusal) => [
            outcomeOf(entry, 'failed', deps.clock.now(), membershipId, refusal.message),
          ]),
        );
      }
    }
    return outcomes;
  },
};
