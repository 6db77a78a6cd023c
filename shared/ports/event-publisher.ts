import type { PublishedEvent } from '../domain/published-events';

/** How one entry of a publish call ended: accepted by the bus, or refused with EventBridge's code. */
export type PublishOutcome = { readonly accepted: true } | { readonly accepted: false; readonly code: string; readonly message: string };

/**
 * Publishes on orgwarden's own bus. Returns one outcome per event, in order: a call that partly
 * fails says which entries were accepted, so that only the others are tried again. Throws
 * (`UpstreamUnavailableError` or `UpstreamRejectedError`) only when a whole call failed.
 */
export interface EventPublisher {
  publish(events: readonly PublishedEvent[]): Promise<PublishOutcome[]>;
}
