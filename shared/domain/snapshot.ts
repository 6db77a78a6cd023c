/**
 * Snapshots, transitions (with their causes, below) and their reconciliation. A snapshot is the last
 * state orgwarden observed of a subject, with a version that grows by one with every stored change;
 * the store writes a new snapshot only if the stored version is still the one it was computed from.
 */
export interface Snapshot {
  readonly subject: string;
  readonly kind: string;
  readonly state: string;
  readonly version: number;
  readonly observedAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Transition {
  readonly subject: string;
  readonly from: string | null;
  readonly to: string;
  readonly at: string;
  readonly version: number;
  readonly cause: Cause;
}

/** A fresh reading of a subject from the service that owns it. */
export interface Observation {
  readonly subject: string;
  readonly kind: string;
  readonly state: string;
  readonly observedAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type Reconciliation =
  | { readonly outcome: 'changed'; readonly snapshot: Snapshot; readonly transition: Transition }
  | { readonly outcome: 'refreshed'; readonly snapshot: Snapshot }
  | { readonly outcome: 'unchanged' }
  /** `older`: ruled stale by its timestamp alone (clocks may disagree): read it again rather than drop it. */
  | { readonly outcome: 'stale'; readonly reason: string; readonly older?: true };

export type MoveRule = (from: string, to: string) => boolean;

/**
 * A short fingerprint of a subject's data (FNV-1a over its canonical JSON, two 32-bit lanes): the
 * audit compares what AWS lists with what is stored without reading every snapshot.
 */
export const digestOf = (data: Readonly<Record<string, unknown>>): string => {
  const text = canonical(data);
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
};

/** Key order does not matter; the data of one subject is small (a handshake, an account). */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** What the caller knows of when an observation was made. */
export interface ReconcileOptions {
  /**
   * The observation was read from the service after the stored snapshot was read from the store:
   * it is newer than the snapshot by causality (whoever committed the snapshot read the service
   * before committing it), whatever the two machines' clocks say, so its timestamp is not compared.
   * A reading handed over by a listing made earlier is not.
   */
  readonly readAfterStored?: boolean;
}

/**
 * Decides what a new observation means against the stored snapshot. An observation that would move
 * a subject backwards (out of a final state) is stale: events arrive unordered and at least once,
 * and the newest truth must win. An observation not known to be newer than the snapshot and stamped
 * earlier is stale too, flagged `older`: clocks of two machines can disagree by seconds, so the
 * caller reads the subject again instead of dropping it (the re-read is `readAfterStored`).
 */
export const reconcile = (
  stored: Snapshot | undefined,
  observation: Observation,
  canMove: MoveRule,
  cause: Cause,
  options: ReconcileOptions = {},
): Reconciliation => {
  const snapshotOf = (version: number): Snapshot => ({ ...observation, version });
  if (!stored) {
    const snapshot = snapshotOf(1);
    return { outcome: 'changed', snapshot, transition: transitionOf(null, snapshot, cause) };
  }
  if (!options.readAfterStored && observation.observedAt < stored.observedAt) {
    return {
      outcome: 'stale',
      reason: `observed at ${observation.observedAt}, stored is from ${stored.observedAt}`,
      older: true,
    };
  }
  if (stored.state === observation.state) {
    return canonical(stored.data) === canonical(observation.data)
      ? { outcome: 'unchanged' }
      : { outcome: 'refreshed', snapshot: snapshotOf(stored.version + 1) };
  }
  if (!canMove(stored.state, observation.state)) {
    return {
      outcome: 'stale',
      reason: `${observation.subject} cannot move from ${stored.state} to ${observation.state}`,
    };
  }
  const snapshot = snapshotOf(stored.version + 1);
  return { outcome: 'changed', snapshot, transition: transitionOf(stored.state, snapshot, cause) };
};

const transitionOf = (from: string | null, snapshot: Snapshot, cause: Cause): Transition => ({
  subject: snapshot.subject,
  from,
  to: snapshot.state,
  at: snapshot.observedAt,
  version: snapshot.version,
  cause,
});

/**
 * What made orgwarden look at a subject: an event (its id, name and source), or orgwarden itself
 * (the expiry sweep, an audit run, a replay). The cause id is the journal's key: the same cause is
 * processed once, however often it is delivered.
 */
export interface Cause {
  readonly eventId: string;
  readonly eventName: string;
  readonly source: string;
  readonly eventTime?: string;
  /** Set when EventBridge re-delivered the event from an archive replay. */
  readonly replayName?: string;
}

/**
 * The key a cause is journaled under: its event id, or, for an event replayed from an archive (or
 * re-driven by orgwarden replay), the id and the replay's name. A replay is processed again (that is
 * what it is for: after a fix), once per replay; the effects it would repeat are keyed by the subject
 * versions they belong to, so the ledger never repeats one that completed.
 */
export const causeKey = (cause: Cause): string =>
  cause.replayName ? `${cause.eventId}@${cause.replayName}` : cause.eventId;
