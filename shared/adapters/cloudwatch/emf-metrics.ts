import { healthNamespace, unitOf, type HealthMetrics, type MetricName } from '../../ports/health-metrics';

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
