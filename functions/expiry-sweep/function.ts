import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, eventPublisher, lazy, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { createLogger } from '../../shared/config/logger';
import type { Runtime } from '../../shared/config/runtime';
import { publishing } from '../../shared/config/subjects';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { parseEvent } from '../../shared/middleware/parse-event';
import { scheduledEventSchema, type ScheduledEvent } from '../../shared/schemas/scheduled-event';
import { sweepDue } from '../../shared/use-cases/sweep/sweep-due';

export const functionName = 'expiry-sweep';

/** Scheduled: finishes effects left unfinished (crashes, failures) and handles deadlines that came. */
export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const sweep = sweepDue({ store: stateStore(config, runtime), clock: runtime.clock, executors: publishing(lazy(() => eventPublisher(config, runtime))) });
  return middy<ScheduledEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters: lazy(() => deadLetterSink(config, runtime)) }))
    .use(parseEvent(scheduledEventSchema))
    .handler(async (event, context) => {
      const report = await sweep(() => context.getRemainingTimeInMillis());
      logger.info('swept', { eventId: event.id, report });
      return report;
    });
};
