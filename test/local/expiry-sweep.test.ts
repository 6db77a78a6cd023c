import { InviteAccountToOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { startStack } from '../support/stack';

describe('expiry-sweep on the local stack', () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(() => stack.stop());

  it('announces a change that no attempt of its event could publish (HTTP 500 on every attempt), once, at its next run', async () => {
    // Prepare: EventBridge fails the first attempt and both of Lambda's retries (the SDK tries each call three times).
    stack.putEventsFailures.push(...Array.from({ length: 9 }, () => ({ code: 'InternalException', status: 500 })));
    const client = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
      maxAttempts: 1,
    });
    // Act
    await client.send(new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }));
    await stack.bus.settle();
    await stack.advanceTo(new Date('2026-11-02T09:10:00Z'));
    const afterRetries = stack.bus.deliveries.map((d) => `${d.functionName} ${d.attempt} ${d.outcome}`);
    await stack.advanceTo(new Date('2026-11-02T10:00:00Z'));
    // Assess: Lambda gave up (the event is kept), but the change is committed and the sweep announces it.
    expect(afterRetries).toEqual([
      'handshake-changed 1 retry-scheduled',
      'handshake-changed 2 retry-scheduled',
      'handshake-changed 3 gave-up',
    ]);
    expect(stack.deadLetters.map((l) => l.error.name)).toEqual(['EffectsPendingError']);
    const sweeps = stack.bus.deliveries.filter((d) => d.functionName === 'expiry-sweep');
    expect(sweeps.map((d) => d.at)).toEqual(['2026-11-02T09:15:00.000Z']);
    // Two entries were left open: the announcement and (the default policy trusts nobody) the report of an untrusted
    // party.
    expect(sweeps[0]!.result).toMatchObject({ handled: 2, done: 2, partial: false });
    expect(
      stack.bus.emitted
        .filter((e) => e.source === 'orgwarden' && e['detail-type'] !== 'Audit Completed')
        .map((e) => (e.detail as { key: string }).key)
        .sort(),
    ).toEqual([
      expect.stringMatching(/^handshake:h-[0-9a-z]+@v1$/),
      expect.stringMatching(/^handshake:h-[0-9a-z]+@v1#untrusted$/),
    ]);
  });

  it('does not run when nothing is due', async () => {
    await stack.advanceTo(new Date('2026-11-09T09:00:00Z'));
    expect(stack.bus.deliveries.filter((d) => d.functionName === 'expiry-sweep')).toEqual([]);
  });
});
