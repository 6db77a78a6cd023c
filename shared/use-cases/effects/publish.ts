import { UpstreamUnavailableError, UnauthorizedEffectError } from '../../domain/errors';
import { type LedgerEntry, leaseFor, ledgerEntryOf, type PlannedEffect } from '../../domain/ledger';
import type { PublishedEvent } from '../../domain/published-events';
import type { EventPublisher } from '../../ports/event-publisher';
import { type EffectExecutor, type EffectOutcome, executorOf, type Effect } from './effect';
import type { Cause, Snapshot } from '../../domain/snapshot';
import { unrecognizedOf, unrecognizedSubject, type UnrecognizedValue } from '../../domain/unrecognized';
import { unrecognizedEvent } from '../../domain/unrecognized-events';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { EffectAuthority } from './authorize-effects';
import { runEffects } from './run-effects';

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

export const alertUnrecognizedAction = 'alert-unrecognized';

/** The values a reading carries that orgwarden does not know, and where they were read. */
export interface AlertUnrecognizedPayload {
  readonly subject: string;
  readonly version: number;
  readonly observedAt: string;
  readonly cause: Cause;
  readonly values: readonly UnrecognizedValue[];
}

const same = (a: UnrecognizedValue, b: UnrecognizedValue): boolean => a.field === b.field && a.value === b.value;

/**
 * The alert a stored reading calls for: the unrecognized values it carries that the reading before
 * it did not (a subject that keeps an unknown state does not ask again at every change). The alert
 * itself goes out once per value, whatever subject shows it (see {@link alertUnrecognizedExecutor}).
 */
export const alertsOf = (
  snapshot: Snapshot,
  previous: Snapshot | undefined,
  cause: Cause,
): PlannedEffect<AlertUnrecognizedPayload>[] => {
  const before = previous ? unrecognizedOf(previous.data) : [];
  const values = unrecognizedOf(snapshot.data).filter((note) => !before.some((seen) => same(seen, note)));
  if (values.length === 0) return [];
  return [
    {
      action: alertUnrecognizedAction,
      payload: {
        subject: snapshot.subject,
        version: snapshot.version,
        observedAt: snapshot.observedAt,
        cause,
        values: values.map((note) => ({ ...note })),
      },
    },
  ];
};

export interface AlertUnrecognizedDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  /** The publisher the alerts go out through (built on first publish). */
  readonly publisher: () => EventPublisher;
}

/** It runs only the alerts it just committed: nothing read back from the table is taken over here. */
const ownAlertsOnly: EffectAuthority = {
  authorize: (entries) =>
    Promise.resolve(
      entries.map((entry) => ({
        refused: new UnauthorizedEffectError(`${entry.id}: an alert's run takes nothing over`),
      })),
    ),
};

/** How long the alert's own entries are held by the invocation that commits them. */
const alertLeaseMs = 30_000;

/** The kind of the subjects that record the values orgwarden has alerted about (`unrecognized:<field>:<value>`). */
export const unrecognizedKind = 'unrecognized';

/**
 * Sends `Unrecognized Value Detected` once per field and value across all subjects. Each value is a
 * subject of its own (`unrecognized:<field>:<value>`), recorded once (SEEN) by a conditional write on
 * its absent snapshot, in one transaction with its history and its alert's ledger entry: whichever
 * invocation records it first alerts, the others find it recorded and alert nothing. The committed
 * alert is published at once; one that fails is taken over later through the due-time index (the
 * sweep), as any unfinished entry. This entry is done once every value is recorded.
 */
export const alertUnrecognized: Effect<AlertUnrecognizedDeps, AlertUnrecognizedPayload> = {
  action: alertUnrecognizedAction,
  // Its own ledger entry and the value's records are in the table (the store's); then published.
  permissions: publish.permissions,
  // It records the value and announces it: nothing outside orgwarden changes (and a refresh that brings a value has no
  // history).
  announcesOnly: true,
  async run(deps, entries: readonly LedgerEntry<AlertUnrecognizedPayload>[]): Promise<EffectOutcome[]> {
    const now = deps.clock.now();
    const leaseUntil = leaseFor(now, alertLeaseMs);
    try {
      const created: LedgerEntry[] = [];
      const recorded = new Set<string>();
      for (const { id, payload } of entries) {
        for (const note of payload.values) {
          const subject = unrecognizedSubject(note);
          if (recorded.has(subject)) continue;
          recorded.add(subject);
          const snapshot: Snapshot = {
            subject,
            kind: unrecognizedKind,
            state: 'SEEN',
            version: 1,
            observedAt: payload.observedAt,
            data: { field: note.field, value: note.value, subject: payload.subject },
          };
          const event = unrecognizedEvent({
            note,
            subject: payload.subject,
            version: payload.version,
            observedAt: payload.observedAt,
            cause: payload.cause,
          });
          const alert = ledgerEntryOf(
            subject,
            1,
            { action: 'publish', key: 'publish:unrecognized', payload: event },
            now,
            leaseUntil,
          );
          const committed = await deps.store.commit({
            // Journaled under this entry: its retry finds the value recorded (`duplicate`), as does any other reading
            // of it (`conflict`).
            journal: {
              eventId: `alert:${id}`,
              subject,
              outcome: 'changed',
              processedAt: now.toISOString(),
              eventName: payload.cause.eventName,
              source: payload.cause.source,
              ledgerIds: [alert.id],
            },
            snapshot: { next: snapshot, expectedVersion: 0 },
            history: { subject, from: null, to: 'SEEN', at: payload.observedAt, version: 1, cause: payload.cause },
            ledger: [alert],
          });
          if (committed === 'committed') created.push(alert);
        }
      }
      // Its failures are released in the ledger with their due time: the sweep takes them over.
      if (created.length > 0)
        await runEffects(
          {
            store: deps.store,
            clock: deps.clock,
            executors: { publish: executorOf(publish, deps) },
            authority: ownAlertsOnly,
          },
          { claimed: created, takeOver: [], leaseUntil },
        );
      return entries.map(() => ({ status: 'done' }));
    } catch (error) {
      return entries.map(() => ({ status: 'retry', error: error instanceof Error ? error : new Error(String(error)) }));
    }
  },
};
