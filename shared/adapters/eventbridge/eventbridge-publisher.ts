import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { UpstreamUnavailableError } from '../../domain/errors';
import type { PublishedEvent } from '../../domain/published-events';
import type { EventPublisher } from '../../ports/event-publisher';
import { classifyAwsError } from '../aws-errors';

/** PutEvents takes at most 10 entries per call. */
const batchSize = 10;

/** Publishes orgwarden's events on its own bus with the real EventBridge client. */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly eventBusName: string,
    private readonly client: EventBridgeClient = new EventBridgeClient({}),
  ) {}

  async publish(events: readonly PublishedEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += batchSize) {
      const batch = events.slice(start, start + batchSize);
      let failed: number;
      try {
        const out = await this.client.send(
          new PutEventsCommand({
            Entries: batch.map((event) => ({
              EventBusName: this.eventBusName,
              Source: event.source,
              DetailType: event.detailType,
              Detail: JSON.stringify(event.detail),
              Time: new Date(event.time),
              Resources: [...event.resources],
            })),
          }),
        );
        failed = out.FailedEntryCount ?? 0;
      } catch (error) {
        throw classifyAwsError(error, 'PutEvents');
      }
      // A partial failure is reported in the answer, not thrown: retry the whole call later; the
      // ledger keeps the unfinished entries and subscribers get events at least once anyway.
      if (failed > 0) throw new UpstreamUnavailableError(`PutEvents: ${failed} of ${batch.length} entries were not accepted`);
    }
  }
}
