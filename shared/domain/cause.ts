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
