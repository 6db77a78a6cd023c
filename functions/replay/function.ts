import { lazy } from '../../shared/config/event-function';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { archiveReplays, deadLetterSink } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { ConfigurationError } from '../../shared/domain/errors';
import { functionContext } from '../../shared/config/function-context';
import type { Runtime } from '../../shared/config/runtime';
import { healthMetrics } from '../../shared/config/health-metrics';
import { classifyErrors, parseEvent } from '../../shared/middleware/door';
import { replayRequestSchema, type ReplayRequest } from '../../shared/schemas/replay-request';
import { archiveReplay } from '../../shared/use-cases/replay/archive-replay';

export const functionName = 'replay';

/**
 * Invoked by an operator (`aws lambda invoke`): re-drives the input archive's events of a time window
 * to orgwarden's rules. Plans by default; starts the replay with `"apply": true`.
 */
export const createHandler = (config: Config, runtime: Runtime) => {
  // Not an event (an operator invokes it): its own chain, without the refusal of foreign events.
  const { logger } = functionContext(functionName, config, runtime);
  if (!config.INPUT_ARCHIVE_NAME || !config.REPLAY_RULES)
    throw new ConfigurationError('invalid configuration: INPUT_ARCHIVE_NAME and REPLAY_RULES: missing');
  const archiveName = config.INPUT_ARCHIVE_NAME;
  const ruleNames = config.REPLAY_RULES.split(',');
  const replays = lazy(() => archiveReplays(config, runtime));
  return middy<ReplayRequest, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(
      classifyErrors({
        functionName,
        logger,
        deadLetters: lazy(() => deadLetterSink(config, runtime)),
        metrics: healthMetrics(config, runtime),
        clock: runtime.clock,
      }),
    )
    .use(parseEvent(replayRequestSchema))
    .handler(async (request, context) => {
      const outcome = await archiveReplay(replays, { functionArn: context.invokedFunctionArn, archiveName, ruleNames })(
        request,
        runtime.clock.now(),
      );
      logger.info('replay', { request, outcome });
      return outcome;
    });
};
