import { healthNamespace, type HealthMetrics, type MetricName } from '../../ports/health-metrics';
import { publishedSource } from '../../domain/detail-types';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';

/** A metric's CloudWatch unit: the durations (`…Duration`, `…Lag`) in milliseconds, every other a count. */
const unitOf = (name: MetricName): 'Milliseconds' | 'Count' => (/Duration|Lag/.test(name) ? 'Milliseconds' : 'Count');

/**
 * Health counts in CloudWatch's embedded metric format: one JSON line on the function's standard
 * output, which Lambda sends to its log group and CloudWatch turns into metrics (no API call, no
 * `cloudwatch:PutMetricData` permission). Written here rather than with Powertools Metrics
 * (@aws-lambda-powertools/metrics 2.35.0): that package adds about 12 KB to a minified bundle, and
 * the audit's has 6 KB left under its 400,000 bytes (test/infra/bundles.test.ts); the format is
 * one object
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * The line is written with `process.stdout.write`, not `console.log`: Lambda's Node.js runtime
 * prefixes what `console` prints (time, request id, level), and a prefixed line is no EMF document.
 */
export const emfMetrics = (options: {
  readonly stage: string;
  readonly write?: ((line: string) => void) | undefined;
}): HealthMetrics => {
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  return {
    record(values: Readonly<Record<string, number>>, at: Date, dimensions: Readonly<Record<string, string>> = {}) {
      const names = Object.keys(values) as MetricName[];
      if (names.length === 0) return;
      const document = {
        _aws: {
          Timestamp: at.getTime(),
          CloudWatchMetrics: [
            {
              Namespace: healthNamespace,
              Dimensions: [['Stage', ...Object.keys(dimensions)]],
              Metrics: names.map((Name) => ({ Name, Unit: unitOf(Name) })),
            },
          ],
        },
        ...dimensions,
        Stage: options.stage,
        ...values,
      };
      try {
        write(`${JSON.stringify(document)}\n`);
      } catch {
        // Standard output gone: nothing else could report it; the alarms notice the missing counts.
      }
    },
  };
};

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
