import { emfMetrics } from '../adapters/cloudwatch/emf-metrics';
import type { HealthMetrics } from '../ports/health-metrics';
import type { Config } from './config';
import type { Runtime } from './runtime';

/** The health counts of a function: EMF lines on standard output in Lambda, the runtime's own sink locally. */
export const healthMetrics = (config: Pick<Config, 'ORGWARDEN_STAGE'>, runtime: Runtime): HealthMetrics =>
  emfMetrics({ stage: config.ORGWARDEN_STAGE, ...(runtime.metricLines ? { write: runtime.metricLines } : {}) });
