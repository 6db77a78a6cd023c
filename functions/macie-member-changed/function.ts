import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, eventPublisher, lazy, organizationsClient, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { createLogger } from '../../shared/config/logger';
import { macieClient, macieExecutors, macieSubjects } from '../../shared/config/macie';
import { accountDirectory } from '../../shared/config/coverage';
import { loadPolicy } from '../../shared/config/policy';
import type { Runtime } from '../../shared/config/runtime';
import { publishing } from '../../shared/config/subjects';
import { authorityUnder } from '../../shared/config/authority';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { refuseForeignEvents } from '../../shared/middleware/refuse-foreign-events';
import { checkedEvent, parseEvent } from '../../shared/middleware/parse-event';
import { macieEventSchema, type MacieCallEvent, type MacieEvent } from '../../shared/schemas/macie-event';
import { listMacieMembers } from '../../shared/use-cases/macie/list-members';
import { macieMemberChanged } from '../../shared/use-cases/macie/macie-member-changed';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { subjectRegistry } from '../../shared/use-cases/pipeline/subject-registry';
import { policyPlanner } from '../../shared/use-cases/reactions/policy-planner';

export const functionName = 'macie-member-changed';

const isCall = (event: MacieEvent): event is MacieCallEvent => event['detail-type'] === 'AWS API Call via CloudTrail';

/**
 * Macie members in every configured Region: the administrator's member calls (forwarded from each
 * Region to the home Region's default bus) and, on a schedule, the listing that finds what no call
 * in this account announces (a member's resignation, a Region disabled, an account suspended).
 */
const build = (config: Config, runtime: Runtime) => {
  const policy = loadPolicy(config.ORGWARDEN_POLICY);
  const macie = lazy(() => macieClient(runtime));
  const store = stateStore(config, runtime);
  const executors = { ...publishing(lazy(() => eventPublisher(config, runtime)), { store, clock: runtime.clock }), ...macieExecutors(macie, lazy(() => accountDirectory(organizationsClient(runtime))), runtime.clock) };
  const observe = observeSubjects({
    store,
    clock: runtime.clock,
    subjects: subjectRegistry(...macieSubjects(macie)),
    executors,
    plan: policyPlanner(policy),
    // Entries read back from the table run only as the history and the policy authorize them.
    authority: authorityUnder(policy, store, executors),
  });
  const react = macieMemberChanged({ observe, regions: config.MACIE_REGIONS });
  const list = listMacieMembers({ observe, macie, regions: config.MACIE_REGIONS });
  return { react, list };
};

export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const { react, list } = build(config, runtime);
  return middy<MacieEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters: lazy(() => deadLetterSink(config, runtime)) }))
    .use(refuseForeignEvents({ source: 'aws.macie2', regions: config.MACIE_REGIONS }))
    .use(parseEvent(macieEventSchema))
    .handler(async (event, context) => {
      if (!isCall(event)) {
        const regions = await list(event.id, () => context.getRemainingTimeInMillis());
        logger.info('listed', { eventId: event.id, regions });
        return { regions };
      }
      const result = await react(event, context.getRemainingTimeInMillis(), { functionName });
      logger.info('processed', { eventId: event.id, eventName: event.detail.eventName, region: event.region, result });
      return result;
    });
};

/** The function without its effects (`orgwarden replay` without `--apply`): what a member call would record and do. */
export const createPlanner = (config: Config, runtime: Runtime) => {
  const { react } = build(config, runtime);
  return async (raw: unknown, remainingMs = 60_000) => {
    const event = checkedEvent(macieEventSchema, raw);
    // The scheduled listing is not an event that can be replayed: it lists again at its next tick.
    return isCall(event) ? react(event, remainingMs, { dryRun: true }) : { ignored: 'a scheduled listing: nothing to replay (the next one lists again)' };
  };
};
