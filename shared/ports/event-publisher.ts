import type { PublishedEvent } from '../domain/published-events';

/** Publishes on orgwarden's own bus. Throws `UpstreamUnavailableError` if any entry was not accepted. */
export interface EventPublisher {
  publish(events: readonly PublishedEvent[]): Promise<void>;
}
