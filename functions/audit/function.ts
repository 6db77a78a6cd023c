import { pipelineOf } from '../../shared/config/pipeline';
import type { Context } from 'aws-lambda';
import {
  delegations,
  eventPublisher,
  organizationsClient,
  organizationsReader,
  organizationsWriter,
  partyCases,
  securityIncidentResponse,
  auditStateStore,
} from '../../shared/config/clients';
import type { Config } from '../../shared/config/config';
import { auditCapabilities as capabilities } from '../../shared/config/capabilities/audit';
import { auditMembershipSources, lazyMacie } from '../../shared/config/audit-memberships';
import { accountDirectory, coveragePorts } from '../../shared/config/coverage';
import { eventFunction, lazy } from '../../shared/config/event-function';
import { functionContext, type FunctionContext } from '../../shared/config/function-context';
import { healthMetrics } from '../../shared/config/health-metrics';
import type { Runtime } from '../../shared/config/runtime';
import { caseGroupingOf } from '../../shared/config/subjects';
import type { AuditTrigger } from '../../shared/domain/audit-run-record';
import { auditContinuationSource, auditEventSchema, type AuditEvent } from '../../shared/schemas/audit-event';
import { organizationsSources } from '../../shared/use-cases/audit/audit-source';
import { delegationSource } from '../../shared/use-cases/audit/delegation-source';
import { auditRunSteps, progressOf } from '../../shared/use-cases/audit/audit-run-steps';
import { runAudit, startAudit } from '../../shared/use-cases/audit/run-audit';
import { auditHealth } from '../../shared/use-cases/health/health-counts';

export const functionName = 'audit';

/** A run's id from its schedule's time: `20261124T070000Z`. */
const runIdOf = (time: string): string => time.replace(/[-:]/g, '').replace(/\.\d+/, '');

/** The audit use case, composed once per cold start. */
const auditOf = ({ config, runtime, policy, masker }: FunctionContext) => {
  const { clock } = runtime;
  const store = auditStateStore(config, runtime);
  const client = lazy(() => organizationsClient(runtime));
  const organizations = lazy(() => organizationsReader(client()));
  const publisher = lazy(() => eventPublisher(config, runtime, masker));
  const securityIr = lazy(() => securityIncidentResponse(config, runtime));
  const accounts = lazy(() => accountDirectory(client()));
  // Macie members in every watched Region (the Macie client loads on first use).
  const macie = lazyMacie(runtime);
  const delegationReader = lazy(() => delegations(client()));
  const ports = {
    // An account the audit finds joined (or uncovered) is checked for coverage as its event would have had it.
    ...coveragePorts({ securityIr, accounts, store, clock }),
    store,
    publisher,
    organizations,
    delegations: delegationReader,
    macie: () => macie,
    writer: lazy(() => organizationsWriter(client())),
    grouping: caseGroupingOf(
      lazy(() => partyCases(config, runtime)),
      policy,
    ),
  };
  // Entries read back from the table run only as the history and the policy authorize them.
  const { subjects, observe } = pipelineOf(capabilities, ports, { store, clock, policy });
  const sources = [
    ...organizationsSources(organizations, clock),
    delegationSource(delegationReader),
    ...auditMembershipSources({ securityIr, macie, store, macieRegions: config.MACIE_REGIONS }),
  ];
  const audit = runAudit({ store, clock, subjects, sources, observe, policy });
  // The CLI's run, in one go and with no run record.
  const start = (runId: string) => startAudit(store, clock, runId);
  const runs = auditRunSteps({ store, clock, publisher });
  return { audit, store, publisher, start, runs };
};

/** The audit use case, wired from configuration: the function's, and the CLI's `orgwarden audit`. */
export const buildAudit = (config: Config, runtime: Runtime) => auditOf(functionContext(functionName, config, runtime));

/** The run an event is about: its schedule's time, or the run its continuation names (and the step). */
const triggerOf = (event: AuditEvent): AuditTrigger =>
  event.source === auditContinuationSource
    ? { kind: 'continuation', runId: event.detail.runId, step: event.detail.step, eventId: event.id }
    : { kind: 'schedule', runId: runIdOf(event.time), eventId: event.id };

/**
 * Scheduled: the reconciliation that finds every change no event announced, and the first import of
 * an organization. Goes on in a next invocation (an event on orgwarden's bus naming the run and its
 * step; the run's record says the rest) when one is not enough.
 */
export const { createHandler } = eventFunction({
  name: functionName,
  schema: auditEventSchema,
  build: (context) => {
    const { logger, runtime } = context;
    const { audit, runs } = auditOf(context);
    const health = healthMetrics(context.config, runtime);
    const handle = async (event: AuditEvent, lambda: Context): Promise<unknown> => {
      const holder = {
        id: event.id,
        until: new Date(runtime.clock.now().getTime() + lambda.getRemainingTimeInMillis()).toISOString(),
      };
      const admitted = await runs.admit(triggerOf(event), holder);
      const { runId } = admitted.run;
      if (admitted.kind === 'duplicate') {
        logger.info('audit run complete or going on elsewhere: this event changes nothing', {
          runId,
          eventId: event.id,
        });
        return { outcome: 'duplicate', runId };
      }
      if (admitted.kind === 'hand-off') {
        // Lambda's retry of the invocation whose continuation the bus did not accept.
        await runs.publishContinuation(admitted.run);
        logger.info('audit continuation published again', { runId, step: admitted.run.step });
        return { continued: true, runId };
      }
      const outcome = await audit(progressOf(admitted.run), {
        remaining: () => lambda.getRemainingTimeInMillis(),
      }).catch(async (error: unknown) => {
        await runs.release(admitted.run, holder.id);
        throw error;
      });
      const moved =
        'continueWith' in outcome
          ? await runs.handOff(admitted.run, outcome.continueWith, holder.id)
          : await runs.finish(admitted.run, outcome.done, holder.id);
      if (!moved) {
        logger.warn('audit run recorded by another invocation first: this one stops', {
          runId,
          step: admitted.run.step,
        });
        return { outcome: 'superseded', runId };
      }
      if ('continueWith' in outcome) {
        logger.info('audit goes on in a next invocation', { runId, step: moved.step });
        return { continued: true, runId };
      }
      logger.info('audit completed', { report: outcome.done });
      health.record(auditHealth(outcome.done), runtime.clock.now());
      return outcome.done;
    };
    // Its outcomes are logged as they happen (a duplicate, a hand-off, a run completed).
    return { handle: async (event, lambda) => ({ result: await handle(event, lambda) }) };
  },
});
