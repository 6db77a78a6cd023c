import type { Cause } from '../../domain/cause';
import { leaseFor, ledgerEntryOf, type LedgerEntry, type PlannedEffect } from '../../domain/ledger';
import type { Snapshot } from '../../domain/snapshot';
import { unrecognizedOf, unrecognizedSubject, type UnrecognizedValue } from '../../domain/unrecognized';
import { unrecognizedEvent } from '../../domain/unrecognized-events';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { EffectExecutor, EffectOutcome } from './effect-executor';
import { runEffects } from './run-effects';

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
export const alertsOf = (snapshot: Snapshot, previous: Snapshot | undefined, cause: Cause): PlannedEffect<AlertUnrecognizedPayload>[] => {
  const before = previous ? unrecognizedOf(previous.data) : [];
  const values = unrecognizedOf(snapshot.data).filter((note) => !before.some((seen) => same(seen, note)));
  if (values.length === 0) return [];
  return [{ action: alertUnrecognizedAction, payload: { subject: snapshot.subject, version: snapshot.version, observedAt: snapshot.observedAt, cause, values: values.map((note) => ({ ...note })) } }];
};

export interface AlertUnrecognizedDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  /** The publishing executor the alerts go out through. */
  readonly publish: EffectExecutor;
}

/** How long the alert's own entries are held by the invocation that adds them. */
const alertLeaseMs = 30_000;

/**
 * Sends `Unrecognized Value Detected` once per field and value across all subjects. As the sweep's
 * warnings: each alert is a ledger entry of its own under a version-0 key (`unrecognized:<field>:<value>#v0#publish:unrecognized`),
 * added only when absent; the invocation that adds it publishes it, and one that fails to is taken
 * over later through the due-time index (the sweep), as any unfinished entry. This entry is done once
 * the alerts are in the ledger: whether they went out is theirs to settle.
 */
export const alertUnrecognizedExecutor = (deps: AlertUnrecognizedDeps): EffectExecutor<AlertUnrecognizedPayload> => ({
  action: alertUnrecognizedAction,
  async run(entries: readonly LedgerEntry<AlertUnrecognizedPayload>[]): Promise<EffectOutcome[]> {
    const now = deps.clock.now();
    const leaseUntil = leaseFor(now, alertLeaseMs);
    const alerts = new Map<string, LedgerEntry>();
    for (const { payload } of entries) {
      for (const note of payload.values) {
        const alert = ledgerEntryOf(unrecognizedSubject(note), 0, { action: 'publish', key: 'publish:unrecognized', payload: unrecognizedEvent({ note, subject: payload.subject, version: payload.version, observedAt: payload.observedAt, cause: payload.cause }) }, now, leaseUntil);
        if (!alerts.has(alert.id)) alerts.set(alert.id, alert);
      }
    }
    try {
      const created = await deps.store.addEffects([...alerts.values()]);
      // Its failures are released in the ledger with their due time: the sweep takes them over.
      if (created.length > 0) await runEffects({ store: deps.store, clock: deps.clock, executors: { publish: deps.publish } }, { claimed: created, takeOver: [], leaseUntil });
      return entries.map(() => ({ status: 'done' }));
    } catch (error) {
      return entries.map(() => ({ status: 'retry', error: error instanceof Error ? error : new Error(String(error)) }));
    }
  },
});
