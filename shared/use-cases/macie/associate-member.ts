import type { LedgerEntry } from '../../domain/ledger';
import type { AccountDirectory } from '../../ports/account-directory';
import type { Clock } from '../../ports/clock';
import type { MacieMembers } from '../../ports/macie';
import { outcomeFollowUp } from '../effects/answer-handshake';
import { maciePermissions } from '../../adapters/macie/permissions';
import { outcomeOfError, type EffectOutcome, type Effect } from '../effects/effect';

/** Which member to associate again, and why. */
export interface AssociateMemberPayload {
  readonly region: string;
  readonly accountId: string;
  /** The status that called for it (Removed or Resigned). */
  readonly status: string;
}

/** What associating a member runs with. */
export interface AssociateMemberDeps {
  readonly macie: () => MacieMembers;
  readonly accounts: () => AccountDirectory;
  readonly clock: Clock;
}

/**
 * Associates a Macie member again (`associate-macie-member`): CreateMember in the member's Region
 * with the email AWS Organizations knows for the account (DescribeAccount; Macie requires one and
 * shows none for Organizations members). CreateMember takes no idempotency token: the adapter
 * re-reads the member first and counts one already Enabled or Paused as done. An account that is no
 * longer in the organization is not associated again (reported as failed, with the reason); a
 * refusal by Macie likewise; throttling and 5xx are retried.
 */
export const associateMacieMember: Effect<AssociateMemberDeps, AssociateMemberPayload> = {
  action: 'associate-macie-member',
  // The email from Organizations (DescribeAccount); CreateMember after GetMember (no idempotency token).
  permissions: [...maciePermissions.macieMembers, 'organizations:DescribeAccount'],
  async run(
    { macie, accounts, clock },
    entries: readonly LedgerEntry<AssociateMemberPayload>[],
  ): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      const { region, accountId, status } = entry.payload;
      const target = `${region}:${accountId}`;
      try {
        const member = await accounts().memberAccount(accountId);
        if (!member) {
          const reason =
            `account ${accountId} is not in the organization (any more): only organization members ` +
            `are associated again`;
          outcomes.push({
            status: 'failed',
            failure: { name: 'NotAnOrganizationMemberError', message: reason },
            followUps: [outcomeFollowUp(entry, 'failed', clock.now(), target, reason)],
          });
          continue;
        }
        const outcome = await macie().createMember(region, accountId, member.email);
        const already = outcome === 'already-associated';
        const reason = already
          ? 'the account was already associated'
          : `associated again after it was ${status} (CreateMember)`;
        outcomes.push({
          status: 'done',
          followUps: [outcomeFollowUp(entry, already ? 'already-done' : 'executed', clock.now(), target, reason)],
        });
      } catch (error) {
        outcomes.push(
          outcomeOfError(error, (refusal) => [outcomeFollowUp(entry, 'failed', clock.now(), target, refusal.message)]),
        );
      }
    }
    return outcomes;
  },
};
