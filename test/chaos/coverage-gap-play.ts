import { inject } from 'vitest';
import { rehearse } from '../../shared/local/scenario/run-scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import type { ProxyFaults } from '../../shared/local/stack/counting-proxy';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

// The coverage-gap scenario played for the chaos findings about coverage (test/chaos/README.md,
// "Findings", 6 and 7): a new account moved from the root to the Sandbox OU, which the membership
// does not cover, under enforce.

export interface Played {
  readonly gaps: readonly string[];
  /** `<action> <outcome>` of each coverage reaction announced (check-coverage, cover-account). */
  readonly outcomes: readonly string[];
  readonly added: readonly string[];
}

/**
 * Plays the scenario (with faults, if any), lets hours pass (the sweep, the audit), and says what was announced and
 * done.
 */
export const play = async (faults: {
  dynamodb?: ProxyFaults;
  worldEvents?: (event: BusEvent, deliver: (event: BusEvent) => void) => void;
}): Promise<Played> => {
  const scenario = await readScenario('events/scenarios/coverage-gap.json');
  const stack = await LocalStack.start({
    ...stackOptionsOf(scenario),
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: 'SILENT',
    faults: (service) => (service === 'dynamodb' ? faults.dynamodb : undefined),
    ...(faults.worldEvents ? { worldEvents: faults.worldEvents } : {}),
  });
  try {
    await rehearse({ ...scenario, steps: [...scenario.steps, { advanceTo: '2026-11-03T16:00:00Z' }] }, stack);
    const details = stack.bus.emitted.map((event) => ({
      type: event['detail-type'],
      detail: event.detail as { trigger?: string; action?: string; outcome?: string },
    }));
    return {
      gaps: details.filter((e) => e.type === 'Coverage Gap Detected').map((e) => String(e.detail.trigger)),
      outcomes: details
        .filter(
          (e) =>
            e.type.startsWith('Reaction ') &&
            (e.detail.action === 'check-coverage' || e.detail.action === 'cover-account'),
        )
        .map((e) => `${String(e.detail.action)} ${String(e.detail.outcome)}`),
      added: stack
        .apiCalls()
        .filter((call) => call.operation === 'UpdateMembership' && !call.error)
        .map((call) => JSON.stringify(call.input)),
    };
  } finally {
    await stack.stop();
  }
};
