import type { LedgerEntry } from '../../domain/ledger';
import type { Clock } from '../../ports/clock';
import { SecurityIrMembershipNotRestorableError, type SecurityIncidentResponse } from '../../ports/security-ir';
import { outcomeFollowUp } from '../effects/answer-handshake';
import { outcomeOfError, type EffectExecutor, type EffectOutcome, executorOf, type Effect } from '../effects/effect';

/** What a restore is about. */
export interface RestoreMembershipPayload {
  readonly membershipId: string;
  /** The deactivation time the cancelled membership reported when the restore was planned. */
  readonly deactivatesAt?: string;
}

/**
 * Restores a cancelled Security Incident Response membership (`restore-membership`):
 * UpdateMembership with `undoMembershipCancellation: true`. The call takes no idempotency token, so
 * the port re-reads the membership first and counts one already Active as done ("already-done").
 * A membership that is Terminated, or whose undo the service refuses as such, is unrecoverable:
 * recorded as failed with the reason and announced (`Reaction Failed`), never retried. Throttling
 * and 5xx are retried.
 */
export const restoreMembership: Effect<
  { readonly securityIr: () => SecurityIncidentResponse; readonly clock: Clock },
  RestoreMembershipPayload
> = {
  action: 'restore-membership',
  // UpdateMembership takes no clientToken: the adapter re-reads the membership first.
  permissions: ['security-ir:GetMembership', 'security-ir:UpdateMembership'],
  async run(
    { securityIr, clock },
    entries: readonly LedgerEntry<RestoreMembershipPayload>[],
  ): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      const { membershipId } = entry.payload;
      try {
        const outcome = await securityIr().restoreMembership(membershipId);
        const already = outcome === 'already-active';
        const reason = already
          ? 'the membership was already Active'
          : 'cancellation undone (undoMembershipCancellation)';
        outcomes.push({
          status: 'done',
          followUps: [outcomeFollowUp(entry, already ? 'already-done' : 'executed', clock.now(), membershipId, reason)],
        });
      } catch (error) {
        const reasonOf = (refusal: Error): string =>
          refusal instanceof SecurityIrMembershipNotRestorableError
            ? `unrecoverable: the membership is terminated and cannot be restored (${refusal.message})`
            : refusal.message;
        outcomes.push(
          outcomeOfError(error, (refusal) => [
            outcomeFollowUp(entry, 'failed', clock.now(), membershipId, reasonOf(refusal)),
          ]),
        );
      }
    }
    return outcomes;
  },
};

/** The restore's executor over one Security IR port. */
export const restoreMembershipExecutor = (
  securityIr: () => SecurityIncidentResponse,
  clock: Clock,
): EffectExecutor<RestoreMembershipPayload> => executorOf(restoreMembership, { securityIr, clock });
