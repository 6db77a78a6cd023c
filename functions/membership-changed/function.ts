import { pipelineOf } from '../../shared/config/pipeline';
import { eventPublisher, securityIncidentResponse, stateStore } from '../../shared/config/clients';
import { membershipChangedCapabilities as capabilities } from '../../shared/config/capabilities/membership-changed';
import { eventFunction, lazy } from '../../shared/config/event-function';
import type { FunctionContext } from '../../shared/config/function-context';
import { securityIrEventSchema } from '../../shared/schemas/security-ir-event';
import { membershipChanged } from '../../shared/use-cases/memberships/membership-changed';

export const functionName = 'membership-changed';

/**
 * Security Incident Response membership events (native and CloudTrail): re-read, reconcile, record, restore a
 * cancellation under enforce, publish.
 */
const build = ({ config, runtime, policy, masker }: FunctionContext) => {
  const { clock } = runtime;
  const store = stateStore(config, runtime);
  const ports = {
    clock,
    store,
    securityIr: lazy(() => securityIncidentResponse(config, runtime)),
    publisher: lazy(() => eventPublisher(config, runtime, masker)),
  };
  // Entries read back from the table run only as the history and the policy authorize them; a cancelled
  // membership is due at its deactivation time (the sweep re-reads it then).
  const { observe } = pipelineOf(capabilities, ports, { store, clock, policy });
  return membershipChanged({ observe });
};

const membershipChangedFunction = eventFunction({
  name: functionName,
  schema: securityIrEventSchema,
  build: (context) => {
    const react = build(context);
    return {
      handle: async (event, lambda) => {
        const result = await react(event, lambda.getRemainingTimeInMillis(), { functionName });
        return {
          result,
          logged: { message: 'processed', fields: { eventId: event.id, detailType: event['detail-type'], result } },
        };
      },
      plan: (event, remainingMs) => react(event, remainingMs, { dryRun: true }),
    };
  },
});

export const createHandler = membershipChangedFunction.createHandler;

/** The function without its effects (`orgwarden replay` without `--apply`): what the event would record and do. */
export const createPlanner = membershipChangedFunction.createPlanner;
