import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, eventPublisher, lazy, securityIncidentResponse, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { createLogger } from '../../shared/config/logger';
import { membershipExecutors, membershipSubjects } from '../../shared/config/memberships';
import { loadPolicy } from '../../shared/config/policy';
import type { Runtime } from '../../shared/config/runtime';
import { dueAtUnder, publishing } from '../../shared/config/subjects';
import { authorityUnder } from '../../shared/config/authority';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { refuseForeignEvents } from '../../shared/middleware/refuse-foreign-events';
import { checkedEvent, parseEvent } from '../../shared/middleware/parse-event';
import { securityIrEventSchema, type SecurityIrEvent } from '../../shared/schemas/security-ir-event';
import { membershipChanged } from '../../shared/use-cases/memberships/membership-changed';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { subjectRegistry } from '../../shared/use-cases/pipeline/subject-registry';
import { policyPlanner } from '../../shared/use-cases/reactions/policy-planner';

export const functionName = 'membership-changed';

/** Security Incident Response membership events (native and CloudTrail): re-read, reconcile, record, restore a cancellation under enforce, publish. */
const build = (config: Config, runtime: Runtime) => {
  const policy = loadPolicy(config.ORGWARDEN_POLICY);
  const securityIr = lazy(() => securityIncidentResponse(config, runtime));
  const store = stateStore(config, runtime);
  const executors = { ...publishing(lazy(() => eventPublisher(config, runtime)), { store, clock: runtime.clock }), ...membershipExecutors(securityIr, runtime.clock) };
  const observe = observeSubjects({
    store,
    clock: runtime.clock,
    subjects: subjectRegistry(...membershipSubjects(securityIr)),
    executors,
    plan: policyPlanner(policy),
    // Entries read back from the table run only as the history and the policy authorize them.
    authority: authorityUnder(policy, store, executors),
    // A cancelled membership is due at its deactivation time: the sweep re-reads it then.
    dueAt: dueAtUnder(policy),
  });
  return membershipChanged({ observe });
};

export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const react = build(config, runtime);
  return middy<SecurityIrEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters: lazy(() => deadLetterSink(config, runtime)) }))
    .use(refuseForeignEvents())
    .use(parseEvent(securityIrEventSchema))
    .handler(async (event, context) => {
      const result = await react(event, context.getRemainingTimeInMillis(), { functionName });
      logger.info('processed', { eventId: event.id, detailType: event['detail-type'], result });
      return result;
    });
};

/** The function without its effects (`orgwarden replay` without `--apply`): what the event would record and do. */
export const createPlanner = (config: Config, runtime: Runtime) => {
  const react = build(config, runtime);
  return (raw: unknown, remainingMs = 60_000) => react(checkedEvent(securityIrEventSchema, raw), remainingMs, { dryRun: true });
};
