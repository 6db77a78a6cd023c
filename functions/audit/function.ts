import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, delegations, eventPublisher, lazy, organizationsClient, organizationsReader, organizationsWriter, partyCases, securityIncidentResponse, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { healthMetrics } from '../../shared/config/health-metrics';
import { createLogger } from '../../shared/config/logger';
import { loadPolicy } from '../../shared/config/policy';
import type { Runtime } from '../../shared/config/runtime';
import { auditMemberships, lazyMacie } from '../../shared/config/audit-memberships';
import { accountDirectory, coverageExecutors } from '../../shared/config/coverage';
import { auditRuns, delegatedAdmins, dueAtUnder, caseGroupingOf, handshakeReactions, organizationsSubjects, placements, publishing } from '../../shared/config/subjects';
import { authorityUnder } from '../../shared/config/authority';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { refuseForeignEvents } from '../../shared/middleware/refuse-foreign-events';
import { parseEvent } from '../../shared/middleware/parse-event';
import type { AuditTrigger } from '../../shared/domain/audit-run-record';
import { auditContinuationSource, auditEventSchema, type AuditEvent } from '../../shared/schemas/audit-event';
import { organizationsSources } from '../../shared/use-cases/audit/audit-source';
import { delegationSource } from '../../shared/use-cases/audit/delegation-source';
import { auditRunSteps, progressOf } from '../../shared/use-cases/audit/audit-run-steps';
import { runAudit, startAudit } from '../../shared/use-cases/audit/run-audit';
import { auditHealth } from '../../shared/use-cases/health/health-counts';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { subjectRegistry } from '../../shared/use-cases/pipeline/subject-registry';
import { policyPlanner } from '../../shared/use-cases/reactions/policy-planner';

export const functionName = 'audit';

/** A run's id from its schedule's time: `20261124T070000Z`. */
const runIdOf = (time: string): string => time.replace(/[-:]/g, '').replace(/\.\d+/, '');

/** The audit use case, wired from configuration: the function's, and the CLI's `orgwarden audit`. */
export const buildAudit = (config: Config, runtime: Runtime) => {
  const policy = loadPolicy(config.ORGWARDEN_POLICY);
  const store = stateStore(config, runtime);
  const client = lazy(() => organizationsClient(runtime));
  const organizations = lazy(() => organizationsReader(client()));
  const publisher = lazy(() => eventPublisher(config, runtime));
  const securityIr = lazy(() => securityIncidentResponse(config, runtime));
  const accounts = lazy(() => accountDirectory(client()));
  // Security IR memberships and coverage, Macie members in every watched Region (the Macie client loads on first use).
  const memberships = auditMemberships({ securityIr, macie: lazyMacie(runtime), accounts, store, clock: runtime.clock, macieRegions: config.MACIE_REGIONS });
  const delegationReader = lazy(() => delegations(client()));
  const subjects = subjectRegistry(...organizationsSubjects(organizations, runtime.clock), placements(accounts), delegatedAdmins(delegationReader), ...memberships.subjects, auditRuns());
  const executors = {
    ...publishing(publisher, { store, clock: runtime.clock }),
    ...handshakeReactions(lazy(() => organizationsWriter(client())), securityIr, runtime.clock, caseGroupingOf(lazy(() => partyCases(config, runtime)), policy)),
    // An account the audit finds joined (or uncovered) is checked for coverage as its event would have had it.
    ...coverageExecutors({ securityIr, accounts, store, clock: runtime.clock }),
    ...memberships.executors,
  };
  // Entries read back from the table run only as the history and the policy authorize them.
  const authority = authorityUnder(policy, store, executors);
  const observe = observeSubjects({ store, clock: runtime.clock, subjects, executors, plan: policyPlanner(policy), dueAt: dueAtUnder(policy), authority });
  const sources = [...organizationsSources(organizations, runtime.clock), delegationSource(delegationReader), ...memberships.sources];
  const audit = runAudit({ store, clock: runtime.clock, subjects, sources, observe, policy });
  // The CLI's run, in one go and with no run record.
  const start = (runId: string) => startAudit(store, runtime.clock, runId);
  const runs = auditRunSteps({ store, clock: runtime.clock, publisher });
  return { audit, store, publisher, start, runs };
};

/** The run an event is about: its schedule's time, or the run its continuation names (and the step). */
const triggerOf = (event: AuditEvent): AuditTrigger =>
  event.source === auditContinuationSource ? { kind: 'continuation', runId: event.detail.runId, step: event.detail.step, eventId: event.id } : { kind: 'schedule', runId: runIdOf(event.time), eventId: event.id };

/**
 * Scheduled: the reconciliation that finds every change no event announced, and the first import of
 * an organization. Goes on in a next invocation (an event on orgwarden's bus naming the run and its
 * step; the run's record says the rest) when one is not enough.
 */
export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const { audit, runs } = buildAudit(config, runtime);
  const health = healthMetrics(config, runtime);
  return middy<AuditEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters: lazy(() => deadLetterSink(config, runtime)) }))
    .use(refuseForeignEvents())
    .use(parseEvent(auditEventSchema))
    .handler(async (event, context) => {
      const holder = { id: event.id, until: new Date(runtime.clock.now().getTime() + context.getRemainingTimeInMillis()).toISOString() };
      const admitted = await runs.admit(triggerOf(event), holder);
      const { runId } = admitted.run;
      if (admitted.kind === 'duplicate') {
        logger.info('audit run complete or going on elsewhere: this event changes nothing', { runId, eventId: event.id });
        return { outcome: 'duplicate', runId };
      }
      if (admitted.kind === 'hand-off') {
        // Lambda's retry of the invocation whose continuation the bus did not accept.
        await runs.publishContinuation(admitted.run);
        logger.info('audit continuation published again', { runId, step: admitted.run.step });
        return { continued: true, runId };
      }
      const outcome = await audit(progressOf(admitted.run), { remaining: () => context.getRemainingTimeInMillis() }).catch(async (error: unknown) => {
        await runs.release(admitted.run, holder.id);
        throw error;
      });
      const moved = 'continueWith' in outcome ? await runs.handOff(admitted.run, outcome.continueWith, holder.id) : await runs.finish(admitted.run, outcome.done, holder.id);
      if (!moved) {
        logger.warn('audit run recorded by another invocation first: this one stops', { runId, step: admitted.run.step });
        return { outcome: 'superseded', runId };
      }
      if ('continueWith' in outcome) {
        logger.info('audit goes on in a next invocation', { runId, step: moved.step });
        return { continued: true, runId };
      }
      logger.info('audit completed', { report: outcome.done });
      health.record(auditHealth(outcome.done), runtime.clock.now());
      return outcome.done;
    });
};
