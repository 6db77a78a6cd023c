import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per function instance; POWERTOOLS_SERVICE_NAME and LOG_LEVEL configure it. */
export const createLogger = (functionName: string): Logger => new Logger({ serviceName: 'orgwarden', persistentKeys: { function: functionName } });
