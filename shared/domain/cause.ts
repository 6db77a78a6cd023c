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
