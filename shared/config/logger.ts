import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from './config';

/** One structured logger per function instance; LOG_LEVEL (or POWERTOOLS_LOG_LEVEL) configures it. */
export const createLogger = (functionName: string, config?: Pick<Config, 'LOG_LEVEL'>): Logger =>
  new Logger({ serviceName: 'orgwarden', persistentKeys: { function: functionName }, ...(config?.LOG_LEVEL ? { logLevel: config.LOG_LEVEL } : {}) });
