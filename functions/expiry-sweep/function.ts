import { pipelineOf } from '../../shared/config/pipeline';
import {
  eventPublisher,
  organizationsClient,
  organizationsReader,
  organizationsWriter,
  partyCases,
  securityIncidentResponse,
  stateStore,
} from '../../shared/config/clients';
import { expirySweepCapabilities as capabilities } from '../../shared/config/capabilities/expiry-sweep';
import { accountDirectory, coveragePorts } from '../../shared/config/coverage';
import { eventFunction, lazy } from '../../shared/config/event-function';
import { healthMetrics } from '../../shared/config/health-metrics';
import { macieClient } from '../../shared/config/macie';
import { caseGroupingOf } from '../../shared/config/subjects';
import { scheduledEventSchema } from '../../shared/schemas/scheduled-event';
import { sweepHealth } from '../../shared/use-cases/health/health-counts';
import { handleDueSubject } from '../../shared/use-cases/sweep/deadlines';
import { pollReceivedInvitations } from '../../shared/use-cases/sweep/received-invitations';
import { sweepDue } from '../../shared/use-cases/sweep/sweep-due';

export const functionName = 'expiry-sweep';

/**
 * Scheduled: finishes effects left unfinished (crashes, failures), handles deadlines that came
 * (warnings, expiries, ends), and looks for billing-transfer invitations received (no event
 * announces them).
 */
export const { createHandler } = eventFunction({
  name: functionName,
  schema: scheduledEventSchema,
  build: ({ config, runtime, policy, masker, logger }) => {
    const { clock } = runtime;
    const store = stateStore(config, runtime);
    const client = lazy(() => organizationsClient(runtime));
    const organizations = lazy(() => organizationsReader(client()));
    const securityIr = lazy(() => securityIncidentResponse(config, runtime));
    const accounts = lazy(() => accountDirectory(client()));
    // Any kind's unfinished entries are finished here (restores, coverage checks and their
    // confirmations, Macie associations); memberships: a cancelled one is due at its deactivation time.
    const ports = {
      ...coveragePorts({ securityIr, accounts, store, clock }),
      store,
      organizations,
      publisher: lazy(() => eventPublisher(config, runtime, masker)),
      writer: lazy(() => organizationsWriter(client())),
      grouping: caseGroupingOf(
        lazy(() => partyCases(config, runtime)),
        policy,
      ),
      macie: lazy(() => macieClient(runtime)),
    };
    // Entries read back from the table run only as the history and the policy authorize them.
    const { subjects, executors, authority, observe } = pipelineOf(capabilities, ports, { store, clock, policy });
    const sweep = sweepDue({
      store,
      clock,
      executors,
      authority,
      onSubjectDue: handleDueSubject({ store, clock, executors, authority, subjects, policy, observe }),
      onError: (subject, error) => logger.warn('due subject left for the next run', { subject, error: error as Error }),
    });
    const inbox = pollReceivedInvitations({ observe, organizations });
    const health = healthMetrics(config, runtime);
    return {
      handle: async (event, lambda) => {
        const received = await inbox(event.id, () => lambda.getRemainingTimeInMillis());
        const report = await sweep(() => lambda.getRemainingTimeInMillis());
        logger.info('swept', { eventId: event.id, report, received });
        health.record(sweepHealth(report), clock.now());
        return { result: { ...report, received } };
      },
    };
  },
});
