import { emfMetrics } from '../adapters/cloudwatch/emf-metrics';
import type { HealthMetrics } from '../ports/health-metrics';
import type { Config } from './config';
import type { Runtime } from './runtime';

/**
 * The health counts of a function: the runtime's own sink (the local stack's collector), else EMF
 * lines on standard output in Lambda. Outside both (a bundle run by hand, a test's child process)
 * nothing turns standard output into metrics, and the lines would mix with what the process prints:
 * none are written.
 */
export const healthMetrics = (
  config: Pick<Config, 'ORGWARDEN_STAGE' | 'AWS_LAMBDA_FUNCTION_NAME'>,
  runtime: Runtime,
): HealthMetrics => {
  const write = runtime.metricLines ?? (config.AWS_LAMBDA_FUNCTION_NAME ? undefined : () => undefined);
  return emfMetrics({ stage: config.ORGWARDEN_STAGE, write });
};
