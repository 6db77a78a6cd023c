import { publishedSource } from '../../domain/detail-types';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { HealthMetrics } from '../../ports/health-metrics';

/**
 * A publisher that counts what the bus accepted of orgwarden's public events: `Published` by
 * detail-type (the changes by kind, the findings, the warnings), and `Reactions` by action and
 * outcome (every reaction's outcome is announced, its detail parsed with a schema that requires both).
 * One place, whatever function or use case published.
 */
export const countedPublisher = (inner: EventPublisher, metrics: HealthMetrics, clock: Clock): EventPublisher => ({
  async publish(events) {
    const outcomes = await inner.publish(events);
    const at = clock.now();
    outcomes.forEach((outcome, i) => {
      const event = events[i];
      if (!outcome.accepted || event?.source !== publishedSource) return;
      metrics.record({ Published: 1 }, at, { DetailType: event.detailType });
      // Only a reaction's outcome (`Reaction Executed`, `Reaction Failed`) has an `action` at the top of its detail,
      // and its schema requires both (events/schemas/published/).
      const { action, outcome: result } = event.detail as { readonly action?: string; readonly outcome: string };
      if (action) metrics.record({ Reactions: 1 }, at, { Action: action, Outcome: result });
    });
    return outcomes;
  },
});
