import { leaseUntil, type LedgerEntry } from '../domain/ledger';
import type { PublishedEvent } from '../domain/published-events';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { StateStore } from '../ports/state-store';

/**
 * Takes over the unfinished effects of an event processed before (a duplicate delivery, a retry
 * after a crash): an entry still leased by a live invocation is left to it.
 */
export const claimUnfinished = async (
  deps: { store: StateStore; clock: Clock },
  ledgerIds: readonly string[],
): Promise<LedgerEntry<PublishedEvent>[]> => {
  const claimed: LedgerEntry<PublishedEvent>[] = [];
  for (const id of ledgerIds) {
    const entry = (await deps.store.getLedger(id)) as LedgerEntry<PublishedEvent> | undefined;
    if (!entry || entry.status === 'done') continue;
    const now = deps.clock.now();
    if (await deps.store.claimLedger(id, now, leaseUntil(now))) claimed.push(entry);
  }
  return claimed;
};

/**
 * Publishes the claimed events and marks their ledger entries done. If publishing fails the leases
 * are given up at once, so that Lambda's retry can take the entries over instead of waiting.
 */
export const publishClaimed = async (
  deps: { store: StateStore; clock: Clock; publisher: EventPublisher },
  claimed: readonly LedgerEntry<PublishedEvent>[],
): Promise<void> => {
  if (claimed.length === 0) return;
  try {
    await deps.publisher.publish(claimed.map((entry) => entry.payload));
  } catch (error) {
    await Promise.allSettled(claimed.map((entry) => deps.store.releaseLedger(entry.id)));
    throw error;
  }
  const at = deps.clock.now().toISOString();
  await Promise.all(claimed.map((entry) => deps.store.completeLedger(entry.id, at)));
};
