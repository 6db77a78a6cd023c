import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventPublisher, OutgoingEvent, PublishOutcome } from '../../ports/event-publisher';
import { classifyAwsError } from '../aws-errors';

/** PutEvents takes at most 10 entries per call. */
const batchSize = 10;

/** Publishes orgwarden's events on its own bus with the real EventBridge client. */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly eventBusName: string,
    private readonly client: EventBridgeClient = new EventBridgeClient({}),
  ) {}

  async publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    const outcomes: PublishOutcome[] = [];
    for (let start = 0; start < events.length; start += batchSize) {
      const batch = events.slice(start, start + batchSize);
      let entries;
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
        entries = out.Entries ?? [];
      } catch (error) {
        // A batch that failed whole after others were accepted: report the earlier ones as they are.
        if (outcomes.length > 0) {
          const failed = classifyAwsError(error, 'PutEvents');
          return [
            ...outcomes,
            ...events
              .slice(start)
              .map((): PublishOutcome => ({ accepted: false, code: failed.name, message: failed.message })),
          ];
        }
        throw classifyAwsError(error, 'PutEvents');
      }
      // PutEvents answers per entry, in order; an entry with an ErrorCode was not accepted.
      batch.forEach((_event, i) => {
        const entry = entries[i];
        outcomes.push(
          entry?.ErrorCode || !entry?.EventId
            ? {
                accepted: false,
                code: entry?.ErrorCode ?? 'Missing',
                message: entry?.ErrorMessage ?? 'no result for this entry',
              }
            : { accepted: true },
        );
      });
    }
    return outcomes;
  }
}
