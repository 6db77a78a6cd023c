import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, eventPublisher, lazy, organizationsClient, organizationsReader, organizationsWriter, partyCases, securityIncidentResponse, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { healthMetrics } from '../../shared/config/health-metrics';
import { createLogger } from '../../shared/config/logger';
import { loadPolicy } from '../../shared/config/policy';
import type { Runtime } from '../../shared/config/runtime';
import { dueAtUnder, caseGroupingOf, handshakeReactions, organizationsSubjects, publishing } from '../../shared/config/subjects';
import { accountDirectory, coverageExecutors } from '../../shared/config/coverage';
import { membershipExecutors, membershipSubjects } from '../../shared/config/memberships';
import { authorityUnder } from '../../shared/config/authority';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { refuseForeignEvents } from '../../shared/middleware/refuse-foreign-events';
import { parseEvent } from '../../shared/middleware/parse-event';
import { scheduledEventSchema, type ScheduledEvent } from '../../shared/schemas/scheduled-event';
import { sweepHealth } from '../../shared/use-cases/health/health-counts';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { subjectRegistry } from '../../shared/use-cases/pipeline/subject-registry';
import { policyPlanner } from '../../shared/use-cases/reactions/policy-planner';
import { handleDueSubject } from '../../shared/use-cases/sweep/deadlines';
import { pollReceivedInvitations } from '../../shared/use-cases/sweep/received-invitations';
import { sweepDue } from '../../shared/use-cases/sweep/sweep-due';

export const functionName = 'expiry-sweep';

/**
 * Scheduled: finishes effects left unfinished (crashes, failures), handles deadlines that came
 * (warnings, expiries, ends), and looks for billing-transfer invitations received (no event
 * announces them).
 */
export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const policy = loadPolicy(config.ORGWARDEN_POLICY);
  const store = stateStore(config, runtime);
  const client = lazy(() => organizationsClient(runtime));
  const organizations = lazy(() => organizationsReader(client()));
  const securityIr = lazy(() => securityIncidentResponse(config, runtime));
  // Memberships: a cancelled one is due at its deactivation time (re-read then).
  const subjects = subjectRegistry(...organizationsSubjects(organizations, runtime.clock), ...membershipSubjects(securityIr));
  const executors = {
    ...publishing(lazy(() => eventPublisher(config, runtime)), { store, clock: runtime.clock }),
    ...handshakeReactions(lazy(() => organizationsWriter(client())), securityIr, runtime.clock, caseGroupingOf(lazy(() => partyCases(config, runtime)), policy)),
    // Coverage confirmations are due here; restores and checks left unfinished are finished here.
    ...membershipExecutors(securityIr, runtime.clock),
    ...coverageExecutors({ securityIr, accounts: lazy(() => accountDirectory(client())), store, clock: runtime.clock }),
  };
  // Entries read back from the table run only as the history and the policy authorize them.
  const authority = authorityUnder(policy, store, executors);
  const observe = observeSubjects({ store, clock: runtime.clock, subjects, executors, plan: policyPlanner(policy), dueAt: dueAtUnder(policy), authority });
  const sweep = sweepDue({
    store,
    clock: runtime.clock,
    executors,
    authority,
    onSubjectDue: handleDueSubject({ store, clock: runtime.clock, executors, authority, subjects, policy, observe }),
    onError: (subject, error) => logger.warn('due subject left for the next run', { subject, error: error as Error }),
  });
  const inbox = pollReceivedInvitations({ observe, organizations });
  const health = healthMetrics(config, runtime);
  return middy<ScheduledEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters: lazy(() => deadLetterSink(config, runtime)) }))
    .use(refuseForeignEvents())
    .use(parseEvent(scheduledEventSchema))
    .handler(async (event, context) => {
      const received = await inbox(event.id, () => context.getRemainingTimeInMillis());
      const report = await sweep(() => context.getRemainingTimeInMillis());
      logger.info('swept', { eventId: event.id, report, received });
      health.record(sweepHealth(), runtime.clock.now());
      return { ...report, received };
    });
};
