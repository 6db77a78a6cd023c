/** An entry for PutEvents on orgwarden's bus: its public events, or its own internal ones (an audit's continuation). */
export interface OutgoingEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly time: string;
  readonly resources: readonly string[];
  /** Values that name outside parties: masked where the policy says so, never sent themselves. */
  readonly outsideParties?: readonly string[];
}

/** How one entry of a publish call ended: accepted by the bus, or refused with EventBridge's code. */
export type PublishOutcome =
  { readonly accepted: true } | { readonly accepted: false; readonly code: string; readonly message: string };

/**
 * Publishes on orgwarden's own bus. Returns one outcome per event, in order: a call that partly
 * fails says which entries were accepted, so that only the others are tried again. Throws
 * (`UpstreamUnavailableError` or `UpstreamRejectedError`) only when a whole call failed.
 */
export interface EventPublisher {
  publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]>;
}
