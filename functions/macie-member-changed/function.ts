import { pipelineOf } from '../../shared/config/pipeline';
import { eventPublisher, organizationsClient, stateStore } from '../../shared/config/clients';
import { macieMemberChangedCapabilities as capabilities } from '../../shared/config/capabilities/macie-member-changed';
import { accountDirectory } from '../../shared/config/coverage';
import { eventFunction, lazy } from '../../shared/config/event-function';
import type { FunctionContext } from '../../shared/config/function-context';
import { macieClient } from '../../shared/config/macie';
import { macieEventSchema, type MacieCallEvent, type MacieEvent } from '../../shared/schemas/macie-event';
import { listMacieMembers } from '../../shared/use-cases/macie/list-members';
import { macieMemberChanged } from '../../shared/use-cases/macie/macie-member-changed';

export const functionName = 'macie-member-changed';

const isCall = (event: MacieEvent): event is MacieCallEvent => event['detail-type'] === 'AWS API Call via CloudTrail';

/**
 * Macie members in every configured Region: the administrator's member calls (forwarded from each
 * Region to the home Region's default bus) and, on a schedule, the listing that finds what no call
 * in this account announces (a member's resignation, a Region disabled, an account suspended).
 */
const build = ({ config, runtime, policy, masker }: FunctionContext) => {
  const { clock } = runtime;
  const macie = lazy(() => macieClient(runtime));
  const store = stateStore(config, runtime);
  const ports = {
    clock,
    store,
    macie,
    accounts: lazy(() => accountDirectory(organizationsClient(runtime))),
    publisher: lazy(() => eventPublisher(config, runtime, masker)),
  };
  // Entries read back from the table run only as the history and the policy authorize them (Macie members
  // declare no deadline: none is ever due).
  const { observe } = pipelineOf(capabilities, ports, { store, clock, policy });
  const react = macieMemberChanged({ observe, regions: config.MACIE_REGIONS });
  const list = listMacieMembers({ observe, macie, regions: config.MACIE_REGIONS });
  return { react, list };
};

const macieMemberChangedFunction = eventFunction({
  name: functionName,
  schema: macieEventSchema,
  forwarded: (config) => ({ regions: { source: 'aws.macie2', regions: config.MACIE_REGIONS } }),
  build: (context) => {
    const { react, list } = build(context);
    return {
      handle: async (event, lambda) => {
        if (!isCall(event)) {
          const regions = await list(event.id, () => lambda.getRemainingTimeInMillis());
          return { result: { regions }, logged: { message: 'listed', fields: { eventId: event.id, regions } } };
        }
        const result = await react(event, lambda.getRemainingTimeInMillis(), { functionName });
        return {
          result,
          logged: {
            message: 'processed',
            fields: { eventId: event.id, eventName: event.detail.eventName, region: event.region, result },
          },
        };
      },
      // The scheduled listing is not an event that can be replayed: it lists again at its next tick.
      plan: async (event, remainingMs) =>
        isCall(event)
          ? react(event, remainingMs, { dryRun: true })
          : { ignored: 'a scheduled listing: nothing to replay (the next one lists again)' },
    };
  },
});

export const createHandler = macieMemberChangedFunction.createHandler;

/** The function without its effects (`orgwarden replay` without `--apply`): what a member call would record and do. */
export const createPlanner = macieMemberChangedFunction.createPlanner;
