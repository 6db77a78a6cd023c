import type { LedgerEntry } from '../../domain/ledger';
import { reactionEvent } from '../../domain/published-events';
import type { OrganizationsWriter } from '../../ports/organizations';
import type { Clock } from '../../ports/clock';
import { outcomeOfError, type EffectOutcome, type Effect } from './effect';

/** What a cancel or decline is about. */
export interface AnswerHandshakePayload {
  readonly handshakeId: string;
  readonly reason: string;
  /** The outside parties the reason names (masked in the outcome's announcement where the policy says so). */
  readonly outsideParties?: readonly string[];
}

const outsidePartiesIn = (payload: unknown): readonly string[] | undefined => {
  const parties =
    typeof payload === 'object' && payload !== null
      ? (payload as { outsideParties?: unknown }).outsideParties
      : undefined;
  return Array.isArray(parties) ? parties.filter((party): party is string => typeof party === 'string') : undefined;
};

/** The announcement of a reaction's outcome, a follow-up effect of the reaction's own entry. */
export const outcomeFollowUp = (
  entry: LedgerEntry,
  outcome: 'executed' | 'already-done' | 'failed',
  at: Date,
  target?: string,
  reason?: string,
) => {
  const outsideParties = outsidePartiesIn(entry.payload);
  return {
    action: 'publish',
    key: `publish:outcome:${entry.action}`,
    payload: reactionEvent({
      ledgerId: entry.id,
      subject: entry.subject,
      version: entry.version,
      action: entry.action,
      outcome,
      at: at.toISOString(),
      ...(target ? { target } : {}),
      ...(reason ? { reason } : {}),
      ...(outsideParties ? { outsideParties } : {}),
    }),
  };
};

/** What answering a handshake runs with. */
export interface AnswerHandshakeDeps {
  readonly writer: () => OrganizationsWriter;
  readonly clock: Clock;
}

type Answer = 'cancel-handshake' | 'decline-handshake';

/**
 * Cancels (`cancel-handshake`) or declines (`decline-handshake`) a handshake with an untrusted party.
 * No idempotency token exists for these calls: the writer re-reads the handshake first, and one
 * already closed counts as done. A refusal a retry cannot change is recorded as failed with its
 * reason; throttling and 5xx are retried. Each outcome is announced (`Reaction Executed` / `Failed`).
 */
const answerHandshake = (
  action: Answer,
  permissions: readonly string[],
): Effect<AnswerHandshakeDeps, AnswerHandshakePayload> => ({
  action,
  permissions,
  async run({ writer, clock }, entries: readonly LedgerEntry<AnswerHandshakePayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      const { handshakeId } = entry.payload;
      try {
        const answer =
          action === 'cancel-handshake'
            ? await writer().cancelHandshake(handshakeId)
            : await writer().declineHandshake(handshakeId);
        const already = 'alreadyClosed' in answer;
        outcomes.push({
          status: 'done',
          followUps: [
            outcomeFollowUp(
              entry,
              already ? 'already-done' : 'executed',
              clock.now(),
              handshakeId,
              already ? `the handshake was already ${answer.alreadyClosed}` : entry.payload.reason,
            ),
          ],
        });
      } catch (error) {
        outcomes.push(
          outcomeOfError(error, (refusal) => [
            outcomeFollowUp(entry, 'failed', clock.now(), handshakeId, refusal.message),
          ]),
        );
      }
    }
    return outcomes;
  },
});

// The writer re-reads the handshake before answering it (no idempotency token).
export const cancelHandshake = answerHandshake('cancel-handshake', [
  'organizations:CancelHandshake',
  'organizations:DescribeHandshake',
]);
export const declineHandshake = answerHandshake('decline-handshake', [
  'organizations:DeclineHandshake',
  'organizations:DescribeHandshake',
]);
