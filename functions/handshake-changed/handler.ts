import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { loadConfig } from '../../shared/config/config';
import { awsDependencies } from '../../shared/config/dependencies';
import { createLogger } from '../../shared/config/logger';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { organizationsEventSchema, type OrganizationsEvent } from '../../shared/schemas/organizations-event';
import { observeOrganizationsEvent } from '../../shared/use-cases/observe-organizations-event';

const functionName = 'handshake-changed';
const logger = createLogger(functionName);
const deps = awsDependencies(loadConfig(process.env));
const observe = observeOrganizationsEvent(deps);

/** Organizations handshake and membership changes: re-read, reconcile, record, publish. */
export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(classifyErrors({ functionName, logger, deadLetters: () => deps.deadLetters }))
  .use(parser({ schema: organizationsEventSchema }))
  .handler(async (event: OrganizationsEvent) => {
    const result = await observe(event);
    logger.info('processed', { eventId: event.id, eventName: event.detail.eventName, result });
    return result;
  });
