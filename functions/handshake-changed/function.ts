import { pipelineOf } from '../../shared/config/pipeline';
import {
  delegations,
  eventPublisher,
  organizationsClient,
  organizationsReader,
  organizationsWriter,
  partyCases,
  securityIncidentResponse,
  stateStore,
} from '../../shared/config/clients';
import { handshakeChangedCapabilities as capabilities } from '../../shared/config/capabilities/handshake-changed';
import { accountDirectory, coveragePorts } from '../../shared/config/coverage';
import { eventFunction, lazy } from '../../shared/config/event-function';
import type { FunctionContext } from '../../shared/config/function-context';
import { caseGroupingOf } from '../../shared/config/subjects';
import { organizationsEventSchema } from '../../shared/schemas/organizations-event';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';

export const functionName = 'handshake-changed';

/** Organizations handshake, membership and billing-transfer changes: re-read, reconcile, record, react, publish. */
const build = ({ config, runtime, policy, masker }: FunctionContext) => {
  const { clock } = runtime;
  const client = lazy(() => organizationsClient(runtime));
  const organizations = lazy(() => organizationsReader(client()));
  const store = stateStore(config, runtime);
  const securityIr = lazy(() => securityIncidentResponse(config, runtime));
  const accounts = lazy(() => accountDirectory(client()));
  const ports = {
    ...coveragePorts({ securityIr, accounts, store, clock }),
    store,
    publisher: lazy(() => eventPublisher(config, runtime, masker)),
    writer: lazy(() => organizationsWriter(client())),
    grouping: caseGroupingOf(
      lazy(() => partyCases(config, runtime)),
      policy,
    ),
    organizations,
    delegations: lazy(() => delegations(client())),
  };
  // Entries read back from the table run only as the history and the policy authorize them.
  const { observe } = pipelineOf(capabilities, ports, { store, clock, policy });
  const react = handshakeChanged({ observe, organizations, records: store, clock });
  return { react };
};

const handshakeChangedFunction = eventFunction({
  name: functionName,
  schema: organizationsEventSchema,
  // In a delegated administrator's deployment, the management account's events are forwarded here.
  forwarded: (config) => ({ account: { source: 'aws.organizations', account: config.MANAGEMENT_ACCOUNT_ID } }),
  build: (context) => {
    const { react } = build(context);
    return {
      handle: async (event, lambda) => {
        const result = await react(event, lambda.getRemainingTimeInMillis(), { functionName });
        return {
          result,
          logged: { message: 'processed', fields: { eventId: event.id, eventName: event.detail.eventName, result } },
        };
      },
      plan: (event, remainingMs) => react(event, remainingMs, { dryRun: true }),
    };
  },
});

export const createHandler = handshakeChangedFunction.createHandler;

/**
 * The same function without its effects, for `orgwarden replay` without `--apply`: the event is
 * checked as the handler checks it, re-read and reconciled against the store, and what it would
 * record and do is returned; nothing is written or called but the reads.
 */
export const createPlanner = handshakeChangedFunction.createPlanner;
