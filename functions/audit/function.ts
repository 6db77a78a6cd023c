import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadLetterSink, delegations, eventPublisher, lazy, organizationsClient, organizationsReader, organizationsWriter, partyCases, securityIncidentResponse, stateStore } from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { createLogger } from '../../shared/config/logger';
import { loadPolicy } from '../../shared/config/policy';
import type { Runtime } from '../../shared/config/runtime';
import { auditMemberships, lazyMacie } from '../../shared/config/audit-memberships';
import { accountDirectory, coverageExecutors } from '../../shared/config/coverage';
import { auditRuns, delegatedAdmins, dueAtUnder, caseGroupingOf, handshakeReactions, organizationsSubjects, placements, publishing } from '../../shared/config/subjects';
import { classifyErrors } from '../../shared/middleware/classify-errors';
import { refuseForeignEvents } from '../../shared/middleware/refuse-foreign-events';
import { parseEvent } from '../../shared/middleware/parse-event';
import { auditContinuationDetailType, auditContinuationSource, auditEventSchema, type AuditEvent } from '../../shared/schemas/audit-event';
import { organizationsSources } from '../../shared/use-cases/audit/audit-source';
import { delegationSource } from '../../shared/use-cases/audit/delegation-source';
import { completedAudit, runAudit, startAudit } from '../../shared/use-cases/audit/run-audit';
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
    ...publishing(publisher),
    ...handshakeReactions(lazy(() => organizationsWriter(client())), securityIr, runtime.clock, caseGroupingOf(lazy(() => partyCases(config, runtime)), policy)),
    // An account the audit finds joined (or uncovered) is checked for coverage as its event would have had it.
    ...coverageExecutors({ securityIr, accounts, store, clock: runtime.clock }),
    ...memberships.executors,
  };
  const observe = observeSubjects({ store, clock: runtime.clock, subjects, executors, plan: policyPlanner(policy), dueAt: dueAtUnder(policy) });
  const sources = [...organizationsSources(organizations, runtime.clock), delegationSource(delegationReader), ...memberships.sources];
  const audit = runAudit({ store, clock: runtime.clock, subjects, sources, observe, policy });
  const start = (runId: string) => startAudit(store, runtime.clock, runId);
  // A scheduled run: none when that run completed already (its schedule's event delivered again).
  const startUnlessCompleted = async (runId: string) => ((await completedAudit(store, runId)) ? undefined : start(runId));
  return { audit, store, publisher, start, startUnlessCompleted };
};

/**
 * Scheduled: the reconciliation that finds every change no event announced, and the first import of
 * an organization. Goes on in a next invocation (an event on orgwarden's bus) when one is not enough.
 */
export const createHandler = (config: Config, runtime: Runtime) => {
  const logger = createLogger(functionName, config);
  const { audit, publisher, startUnlessCompleted } = buildAudit(config, runtime);
  return middy<AuditEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(classifyErrors({ functionName, logger, deadLetters: lazy(() => deadLetterSink(config, runtime)) }))
    .use(refuseForeignEvents())
    .use(parseEvent(auditEventSchema))
    .handler(async (event, context) => {
      const progress = event.source === auditContinuationSource ? event.detail : await startUnlessCompleted(runIdOf(event.time));
      if (!progress) {
        const runId = runIdOf(event.time);
        logger.info('audit run already completed: its schedule event delivered again', { runId, eventId: event.id });
        return { outcome: 'duplicate', runId };
      }
      const outcome = await audit(progress, { remaining: () => context.getRemainingTimeInMillis() });
      if ('continueWith' in outcome) {
        // At least once: a continuation delivered twice audits the rest twice, which the journal makes harmless.
        await publisher().publish([{ source: auditContinuationSource, detailType: auditContinuationDetailType, detail: { ...outcome.continueWith }, time: runtime.clock.now().toISOString(), resources: [] }]);
        logger.info('audit goes on in a next invocation', { runId: progress.runId, sourcesDone: outcome.continueWith.sources.length });
        return { continued: true, runId: progress.runId };
      }
      logger.info('audit completed', { report: outcome.done });
      return outcome.done;
    });
};
