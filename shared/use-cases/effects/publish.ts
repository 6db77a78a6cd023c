import { UpstreamUnavailableError } from '../../domain/errors';
import type { LedgerEntry } from '../../domain/ledger';
import type { PublishedEvent } from '../../domain/published-events';
import type { EventPublisher } from '../../ports/event-publisher';
import type { EffectExecutor, EffectOutcome } from './effect-executor';
import { executorOf, type Effect } from './effect';

/**
 * Publishing on orgwarden's bus. Every refusal is `retry`, even AccessDenied: an announcement must
 * never be given up (a policy fixed later lets it through); the ledger keeps it until it is out.
 * Entries of one call are published in subject and version order.
 */
export const publish: Effect<{ readonly publisher: () => EventPublisher }, PublishedEvent> = {
  action: 'publish',
  permissions: ['events:PutEvents'],
  announcesOnly: true,
  async run({ publisher }, entries: readonly LedgerEntry<PublishedEvent>[]): Promise<EffectOutcome[]> {
    try {
      const outcomes = await publisher().publish(entries.map((entry) => entry.payload));
      return outcomes.map((outcome) =>
        outcome.accepted
          ? { status: 'done' }
          : {
              status: 'retry',
              error: new UpstreamUnavailableError(
                `PutEvents did not accept the entry: ${outcome.code}: ${outcome.message}`,
              ),
            },
      );
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      return entries.map(() => ({ status: 'retry', error: failure }));
    }
  },
};

/** The publishing executor over one publisher. */
export const publishExecutor = (publisher: EventPublisher): EffectExecutor<PublishedEvent> =>
  executorOf(publish, { publisher: () => publisher });
