import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, eventPublisher, lazy, organizationsReader, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { createLogger } from '../../shared/config/logger';
import type { Runtime } from '../../shared/config/runtime';
import { organizationsSubjects, publishing } from '../../shared/config/subjects';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { parseEvent } from '../../shared/middleware/parse-event';
import { organizationsEventSchema, type OrganizationsEvent } from '../../shared/schemas/organizations-event';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { subjectRegistry } from '../../shared/use-cases/pipeline/subject-registry';

export const functionName = 'handshake-changed';

/** Organizations handshake and membership changes: re-read, reconcile, record, publish. */
export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const organizations = lazy(() => organizationsReader(config, runtime));
  const deadLetters = lazy(() => deadLetterSink(config, runtime));
  const observe = observeSubjects({
    store: stateStore(config, runtime),
    clock: runtime.clock,
    subjects: subjectRegistry(...organizationsSubjects(organizations)),
    executors: publishing(lazy(() => eventPublisher(config, runtime))),
  });
  const react = handshakeChanged({ observe, organizations });
  return middy<OrganizationsEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters }))
    .use(parseEvent(organizationsEventSchema))
    .handler(async (event, context) => {
      const result = await react(event, context.getRemainingTimeInMillis());
      logger.info('processed', { eventId: event.id, eventName: event.detail.eventName, result });
      return result;
    });
};
