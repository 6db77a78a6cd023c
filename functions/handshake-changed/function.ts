import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, delegations, eventPublisher, lazy, organizationsClient, organizationsReader, organizationsWriter, partyCases, securityIncidentResponse, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { createLogger } from '../../shared/config/logger';
import { loadPolicy } from '../../shared/config/policy';
import type { Runtime } from '../../shared/config/runtime';
import { delegatedAdmins, dueAtUnder, caseGroupingOf, handshakeReactions, organizationsSubjects, placements, publishing } from '../../shared/config/subjects';
import { accountDirectory, coverageExecutors } from '../../shared/config/coverage';
import { authorityUnder } from '../../shared/config/authority';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { refuseForeignEvents } from '../../shared/middleware/refuse-foreign-events';
import { checkedEvent, parseEvent } from '../../shared/middleware/parse-event';
import { organizationsEventSchema, type OrganizationsEvent } from '../../shared/schemas/organizations-event';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { subjectRegistry } from '../../shared/use-cases/pipeline/subject-registry';
import { policyPlanner } from '../../shared/use-cases/reactions/policy-planner';

export const functionName = 'handshake-changed';

/** Organizations handshake, membership and billing-transfer changes: re-read, reconcile, record, react, publish. */
const build = (config: Config, runtime: Runtime) => {
  const policy = loadPolicy(config.ORGWARDEN_POLICY);
  const client = lazy(() => organizationsClient(runtime));
  const organizations = lazy(() => organizationsReader(client()));
  const store = stateStore(config, runtime);
  const securityIr = lazy(() => securityIncidentResponse(config, runtime));
  const accounts = lazy(() => accountDirectory(client()));
  const executors = {
    ...publishing(lazy(() => eventPublisher(config, runtime)), { store, clock: runtime.clock }),
    ...handshakeReactions(lazy(() => organizationsWriter(client())), securityIr, runtime.clock, caseGroupingOf(lazy(() => partyCases(config, runtime)), policy)),
    // An account that joins or moves: its Security IR coverage (the clients are here already).
    ...coverageExecutors({ securityIr, accounts, store, clock: runtime.clock }),
  };
  // Entries read back from the table run only as the history and the policy authorize them.
  const authority = authorityUnder(policy, store, executors);
  const observe = observeSubjects({
    store,
    clock: runtime.clock,
    // Where each account sits (MoveAccount, and with every change of its membership); who administers each service.
    subjects: subjectRegistry(...organizationsSubjects(organizations, runtime.clock), placements(accounts), delegatedAdmins(lazy(() => delegations(client())))),
    executors,
    plan: policyPlanner(policy),
    authority,
    dueAt: dueAtUnder(policy),
  });
  return handshakeChanged({ observe, organizations, clock: runtime.clock });
};

export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const react = build(config, runtime);
  return middy<OrganizationsEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters: lazy(() => deadLetterSink(config, runtime)) }))
    // In a delegated administrator's deployment, the management account's events are forwarded here.
    .use(refuseForeignEvents(undefined, { source: 'aws.organizations', account: config.MANAGEMENT_ACCOUNT_ID }))
    .use(parseEvent(organizationsEventSchema))
    .handler(async (event, context) => {
      const result = await react(event, context.getRemainingTimeInMillis(), { functionName });
      logger.info('processed', { eventId: event.id, eventName: event.detail.eventName, result });
      return result;
    });
};

/**
 * The same function without its effects, for `orgwarden replay` without `--apply`: the event is
 * checked as the handler checks it, re-read and reconciled against the store, and what it would
 * record and do is returned; nothing is written or called but the reads.
 */
export const createPlanner = (config: Config, runtime: Runtime) => {
  const react = build(config, runtime);
  return (raw: unknown, remainingMs = 60_000) => react(checkedEvent(organizationsEventSchema, raw), remainingMs, { dryRun: true });
};
