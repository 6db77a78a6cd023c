import { eventPublisher, securityIncidentResponse, stateStore } from '../../shared/config/clients';
import { membershipChangedCapabilities as capabilities } from '../../shared/config/capabilities/membership-changed';
import { authorityUnder } from '../../shared/config/authority';
import { eventFunction, lazy } from '../../shared/config/event-function';
import type { FunctionContext } from '../../shared/config/function-context';
import { subjectsOf } from '../../shared/config/readers';
import { dueAtUnder } from '../../shared/config/subjects';
import { securityIrEventSchema } from '../../shared/schemas/security-ir-event';
import { executorsOf } from '../../shared/use-cases/effects/effect';
import { membershipChanged } from '../../shared/use-cases/memberships/membership-changed';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { policyPlanner } from '../../shared/use-cases/reactions/reaction-table';

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
  const executors = executorsOf(capabilities.effects, ports);
  const observe = observeSubjects({
    store,
    clock,
    subjects: subjectsOf(capabilities.readers, ports),
    executors,
    plan: policyPlanner(policy),
    // Entries read back from the table run only as the history and the policy authorize them.
    authority: authorityUnder(policy, store, executors),
    // A cancelled membership is due at its deactivation time: the sweep re-reads it then.
    dueAt: dueAtUnder(policy),
  });
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
