import { describe, expect, inject, it } from 'vitest';
import { rehearse } from '../../shared/local/scenario/run-scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

// Issue 7: a follow-up call raced by two deliveries at once happens once. The untrusted invitation's
// CloudTrail record is held back from the bus, then handed to handshake-changed twice at the same time.
describe('an untrusted invitation delivered twice at once (enforce)', () => {
  it('cancels it once and opens one case, whichever delivery wins', async () => {
    // Prepare: the scenario up to the untrusted invitation, its record held back
    const scenario = await readScenario('events/scenarios/untrusted-invitation-enforced.json');
    const held: BusEvent[] = [];
    const stack = await LocalStack.start({
      ...stackOptionsOf(scenario),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      worldEvents: (event, deliver) => {
        if ((event.detail as { eventName?: string } | undefined)?.eventName === 'InviteAccountToOrganization')
          held.push(event);
        else deliver(event);
      },
    });
    try {
      await rehearse({ ...scenario, steps: scenario.steps.slice(0, 2) }, stack);
      expect(held).toHaveLength(1);
      // Act: two deliveries of the same record, concurrently
      await Promise.all([
        stack.runtime.invoke('handshake-changed', held[0]),
        stack.runtime.invoke('handshake-changed', held[0]),
      ]);
      await stack.bus.settle();
      // Assess
      const changing = stack
        .apiCalls()
        .filter((call) => (call.operation === 'CancelHandshake' || call.operation === 'CreateCase') && !call.error);
      expect(changing.map((call) => call.operation).sort()).toEqual(['CancelHandshake', 'CreateCase']);
      const reactions = stack.bus.emitted
        .filter((event) => event['detail-type'].startsWith('Reaction '))
        .map((event) => `${event['detail-type']} ${(event.detail as { action: string }).action}`);
      expect(new Set(reactions)).toEqual(
        new Set(['Reaction Executed cancel-handshake', 'Reaction Executed open-case']),
      );
    } finally {
      await stack.stop();
    }
  }, 60_000);
});
