import { Logger } from '@aws-lambda-powertools/logger';
import type { Masker } from '../adapters/privacy/masker';
import type { Config } from './config';

/**
 * One structured logger per function instance; LOG_LEVEL (or POWERTOOLS_LOG_LEVEL) configures it.
 * Where the policy masks outside parties, every line is masked as it is written (the event logged
 * with POWERTOOLS_LOGGER_LOG_EVENT included): the masker's log replacer
 * (shared/adapters/privacy/masker.ts), built once per cold start with the policy.
 */
export const createLogger = (
  functionName: string,
  config?: Pick<Config, 'LOG_LEVEL'>,
  masker?: Pick<Masker, 'logReplacer'>,
): Logger => {
  const replacer = masker?.logReplacer;
  return new Logger({
    serviceName: 'orgwarden',
    persistentKeys: { function: functionName },
    ...(config?.LOG_LEVEL ? { logLevel: config.LOG_LEVEL } : {}),
    ...(replacer ? { jsonReplacerFn: replacer } : {}),
  });
};
