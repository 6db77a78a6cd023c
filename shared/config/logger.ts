import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from './config';
import { maskerOf } from './privacy';

type LoggerConfig = Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, 'ORGWARDEN_POLICY' | 'ORGWARDEN_MASK_KEY'>>;

/**
 * One structured logger per function instance; LOG_LEVEL (or POWERTOOLS_LOG_LEVEL) configures it.
 * Where the policy masks outside parties, every line is masked as it is written (the event logged
 * with POWERTOOLS_LOGGER_LOG_EVENT included): see shared/config/privacy.ts.
 */
export const createLogger = (functionName: string, config?: LoggerConfig): Logger => {
  const replacer = config ? maskerOf(config).logReplacer : undefined;
  return new Logger({
    serviceName: 'orgwarden',
    persistentKeys: { function: functionName },
    ...(config?.LOG_LEVEL ? { logLevel: config.LOG_LEVEL } : {}),
    ...(replacer ? { jsonReplacerFn: replacer } : {}),
  });
};
