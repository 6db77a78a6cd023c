import {
  DeclineHandshakeCommand,
  InviteAccountToOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { readEvent, startStack } from '../support/stack';

/** The real handler, through its middleware, on DynamoDB Local and the Organizations emulator over HTTP. */
describe('handshake-changed on the local stack', () => {
  let stack: LocalStack;
  let invite: (target: string) => Promise<string>;
  let invitee: OrganizationsClient;

  beforeEach(async () => {
    stack = await startStack();
    const client = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
    });
    invitee = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('222222222222', 'scenario'),
    });
    invite = async (target) => {
      const out = await client.send(
        new InviteAccountToOrganizationCommand({ Target: { Id: target, Type: 'ACCOUNT' } }),
      );
      await stack.bus.settle();
      return out.Handshake!.Id!;
    };
  });
  afterEach(() => stack.stop());

  /**
   * The documentation's sample, pointed at a handshake that exists in this emulated organization and
   * delivered as the management account's bus would receive it (the handlers refuse another account's
   * events: the decline sample is the invitee's own record).
   */
  const sampleFor = async (file: string, handshakeId: string): Promise<BusEvent> => ({
    ...(JSON.parse(JSON.stringify(await readEvent(file)).replace(/h-examplehandshakeid\d+/g, handshakeId)) as BusEvent),
    account: stack.managementAccountId,
  });

  const stored = async () => ({
    snapshots: await stack.store.listSnapshots(),
    history: await stack.store.listHistory(),
  });

  it('records a handshake from the documentation sample (lower-case action, CloudTrail dates)', async () => {
    // Prepare
    const id = await invite('222222222222');
    const before = stack.bus.emitted.length;
    const event = await sampleFor('organizations/cancel-handshake.json', id);
    // Act
    await stack.deliver(event);
    // Assess
    expect((await stack.store.getSnapshot(`handshake:${id}`))?.state).toBe('OPEN');
    expect(stack.bus.emitted.length).toBe(before);
    expect(stack.bus.deliveries.at(-1)).toMatchObject({
      functionName: 'handshake-changed',
      outcome: 'ok',
      result: { recorded: [{ outcome: 'unchanged' }] },
    });
  });

  it('gives one history entry and one emitted event for five concurrent deliveries of one event', async () => {
    // Prepare: the invitee declines; that call is logged in its own account, so nothing is delivered.
    const id = await invite('222222222222');
    await invitee.send(new DeclineHandshakeCommand({ HandshakeId: id }));
    await stack.bus.settle();
    const event = { ...(await sampleFor('organizations/decline-handshake.json', id)), id: 'same-event-five-times' };
    const emittedFor = () =>
      stack.bus.emitted.filter(
        (e) =>
          e['detail-type'] === 'Handshake State Changed' &&
          (e.detail as { subject: string }).subject === `handshake:${id}`,
      );
    expect(emittedFor()).toHaveLength(1);
    // Act
    for (let i = 0; i < 5; i++) stack.bus.put('default', event);
    await stack.bus.settle();
    // Assess
    expect((await stack.store.listHistory(`handshake:${id}`)).map((h) => `${h.from}->${h.to}`)).toEqual([
      'null->OPEN',
      'OPEN->DECLINED',
    ]);
    expect(emittedFor().map((e) => (e.detail as { after: string }).after)).toEqual(['OPEN', 'DECLINED']);
    expect(stack.bus.deliveries.filter((d) => d.eventId === 'same-event-five-times').map((d) => d.outcome)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('leaves the newest state stored when events arrive newest first', async () => {
    const id = await invite('222222222222');
    await invitee.send(new DeclineHandshakeCommand({ HandshakeId: id }));
    await stack.deliver(await sampleFor('organizations/decline-handshake.json', id));
    await stack.deliver(await sampleFor('organizations/invite-account-to-organization.json', id));
    expect(await stack.store.getSnapshot(`handshake:${id}`)).toMatchObject({ state: 'DECLINED', version: 2 });
  });

  it.each([
    ['missing detail', (e: Record<string, unknown>) => ({ ...e, detail: undefined }), 'MalformedEventError'],
    [
      'wrong types',
      (e: Record<string, unknown>) => ({ ...e, detail: { ...(e.detail as object), eventName: 42 } }),
      'MalformedEventError',
    ],
    [
      'an unknown eventName',
      (e: Record<string, unknown>) => ({ ...e, detail: { ...(e.detail as object), eventName: 'TagResource' } }),
      'UnsupportedEventError',
    ],
    ['a handshake id that does not exist', (e: Record<string, unknown>) => e, 'SubjectNotFoundError'],
  ])('keeps an event with %s as a classified dead letter and writes nothing', async (_case, mutate, errorName) => {
    // Prepare
    const event = mutate(await readEvent('organizations/cancel-handshake.json'));
    // Act
    const result = await stack.runtime.invoke('handshake-changed', event);
    // Assess
    expect(result).toMatchObject({ outcome: 'dead-lettered', error: { name: errorName } });
    expect(stack.deadLetters).toEqual([
      {
        event,
        error: {
          name: errorName,
          message: expect.any(String) as string,
          code: errorCodes[errorName as keyof typeof errorCodes],
        },
        functionName: 'handshake-changed',
      },
    ]);
    expect(await stored()).toEqual({ snapshots: [], history: [] });
  });

  it('answers a duplicate delivery with one DynamoDB request and no AWS call (counted at the HTTP proxy and the emulator)', async () => {
    // Prepare
    const id = await invite('222222222222');
    await invitee.send(new DeclineHandshakeCommand({ HandshakeId: id }));
    const event = { ...(await sampleFor('organizations/decline-handshake.json', id)), id: 'delivered-twice' };
    await stack.deliver(event);
    const change = {
      dynamo: stack.dynamoRequests.map((r) => r.operation),
      aws: stack.apiCalls().map((c) => c.operation),
    };
    const before = { dynamo: stack.dynamoRequests.length, aws: stack.apiCalls().length };
    // Act
    await stack.deliver(event);
    // Assess
    expect(stack.dynamoRequests.slice(before.dynamo).map((r) => r.operation)).toEqual(['BatchGetItem']);
    expect(stack.apiCalls().length - before.aws).toBe(0);
    expect(stack.bus.deliveries.at(-1)).toMatchObject({ result: { outcome: 'duplicate' } });
    // The change itself: the invitation's first sighting (its own call), then the decline.
    expect(change.aws.slice(-1)).toEqual(['DescribeHandshake']);
    expect(change.dynamo.slice(-3)).toEqual(['BatchGetItem', 'TransactWriteItems', 'TransactWriteItems']);
  });

  it('changes nothing for a failed call, and keeps no dead letter for it', async () => {
    const event = await readEvent('organizations/invite-account-to-organization-failed.json');
    const result = await stack.runtime.invoke('handshake-changed', event);
    expect(result).toMatchObject({ ignored: expect.stringContaining('failed with') as string });
    expect(stack.deadLetters).toEqual([]);
    expect(await stored()).toEqual({ snapshots: [], history: [] });
  });

  it('reads the handshake from responseElements when requestParameters is null', async () => {
    const id = await invite('333333333333');
    const event = await sampleFor('organizations/enable-all-features.json', id);
    await stack.runtime.invoke('handshake-changed', event);
    expect(
      stack
        .apiCalls()
        .filter((call) => call.operation === 'DescribeHandshake')
        .at(-1),
    ).toMatchObject({ input: { HandshakeId: id } });
  });

  it("retries a transient failure on Lambda's schedule and keeps the event when the retries run out", async () => {
    const id = await invite('222222222222');
    await stack.organizations.stop();
    const event = await sampleFor('organizations/cancel-handshake.json', id);
    await stack.deliver(event);
    const attempts = () =>
      stack.bus.deliveries
        .filter((d) => d.eventId === event.id)
        .map((d) => `${d.attempt}@${d.at.slice(11, 19)}:${d.outcome}`);
    // No instant retry: the second attempt waits a minute of scenario time, the third two more.
    expect(attempts()).toEqual(['1@09:00:00:retry-scheduled']);
    await stack.advanceTo(new Date('2026-11-02T09:00:59Z'));
    expect(attempts()).toHaveLength(1);
    await stack.advanceTo(new Date('2026-11-02T09:10:00Z'));
    expect(attempts()).toEqual(['1@09:00:00:retry-scheduled', '2@09:01:00:retry-scheduled', '3@09:03:00:gave-up']);
    expect(stack.bus.deliveries.at(-1)).toMatchObject({ error: { name: 'UpstreamUnavailableError' } });
    expect(stack.deadLetters.map((letter) => letter.error.name)).toEqual(['UpstreamUnavailableError']);
  });
});
