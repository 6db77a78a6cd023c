import {
  AcceptHandshakeCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  InviteAccountToOrganizationCommand,
  InviteOrganizationToTransferResponsibilityCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const INVITEE = '222222222222';
const PARTNER = '444444444444';

const running: OrganizationsHarness[] = [];

afterEach(async () => {
  for (const harness of running.splice(0)) {
    expect(harness.emulator.responseViolations).toEqual([]);
    await harness.stop();
  }
});

async function start(options: Parameters<typeof startOrganizations>[1]): Promise<OrganizationsHarness> {
  // `random: undefined` turns the harness's own generator off: ids come from the seed alone.
  const harness = await startOrganizations(undefined, { random: undefined, ...options });
  running.push(harness);
  return harness;
}

/** The same calls, in the same order: every response as the SDK returns it (request ids included). */
async function play(harness: OrganizationsHarness): Promise<unknown[]> {
  harness.emulator.registerOutsideAccount({ id: PARTNER, managesOrganization: true });
  const management = harness.client(MANAGEMENT, 'orgwarden');
  const responses: unknown[] = [];
  const rootId = (await management.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  responses.push(await management.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })));
  responses.push(await management.send(new CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'dev' })));
  const invite = await management.send(
    new InviteAccountToOrganizationCommand({ Target: { Id: INVITEE, Type: 'ACCOUNT' } }),
  );
  responses.push(
    invite,
    await harness.client(INVITEE).send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! })),
  );
  const transfer = await management.send(
    new InviteOrganizationToTransferResponsibilityCommand({
      Type: 'BILLING',
      Target: { Id: PARTNER, Type: 'ACCOUNT' },
      StartTimestamp: new Date('2026-05-01T00:00:00Z'),
      SourceName: 'Partner',
    }),
  );
  responses.push(
    transfer,
    await harness.client(PARTNER).send(new AcceptHandshakeCommand({ HandshakeId: transfer.Handshake!.Id! })),
  );
  return responses;
}

describe('Organizations emulator: reproducible ids (seed)', () => {
  it('gives byte-identical responses, events and calls for the same seed and the same calls', async () => {
    // Prepare
    const first = await start({ seed: 20260310 });
    const second = await start({ seed: 20260310 });

    // Act
    const a = await play(first);
    const b = await play(second);

    // Assess
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(second.delivered)).toBe(JSON.stringify(first.delivered));
    expect(JSON.stringify(second.emulator.calls)).toBe(JSON.stringify(first.emulator.calls));
    expect(first.delivered.length).toBeGreaterThan(5);
    expect(second.emulator.organizationId).toBe(first.emulator.organizationId);
    const requestIds = a.map((response) => (response as { $metadata: { requestId: string } }).$metadata.requestId);
    expect(new Set(requestIds).size).toBe(requestIds.length);
  });

  it('gives other ids for another seed', async () => {
    // Prepare
    const first = await start({ seed: 1 });
    const second = await start({ seed: 2 });

    // Act
    await play(first);
    await play(second);

    // Assess
    expect(second.emulator.organizationId).not.toBe(first.emulator.organizationId);
    expect(second.delivered.map((e) => e.id)).not.toEqual(first.delivered.map((e) => e.id));
  });
});

describe('Organizations emulator: lossy delivery (deliveryFaults)', () => {
  it('drops only the events named in `only`, and keeps them with a reason', async () => {
    // Prepare
    const harness = await start({ seed: 5, deliveryFaults: { drop: 1, only: ['AccountJoinedOrganization'] } });

    // Act
    await play(harness);

    // Assess
    expect(harness.delivered.map((e) => e.detail.eventName)).not.toContain('AccountJoinedOrganization');
    expect(harness.emulator.droppedEvents.map((d) => d.event.detail.eventName)).toEqual([
      'AccountJoinedOrganization',
      'AccountJoinedOrganization',
    ]);
    expect(harness.emulator.events.filter((e) => e.detail.eventName === 'AccountJoinedOrganization')).toHaveLength(2);
  });

  it('holds delayed events until tick releases them, with their original time', async () => {
    // Prepare
    const harness = await start({ seed: 5, deliveryFaults: { seed: 9, delay: { rate: 1, maxSeconds: 300 } } });

    // Act
    await play(harness);
    const atOnce = harness.delivered.length;
    const held = harness.emulator.delayedEvents.length;
    harness.setNow(new Date(harness.now().getTime() + 300_000));
    await harness.emulator.tick();

    // Assess
    expect(atOnce).toBe(0);
    expect(harness.delivered).toHaveLength(held);
    expect(harness.delivered.every((e) => e.time === '2026-03-10T12:00:00Z')).toBe(true);
    expect(harness.emulator.delayedEvents).toEqual([]);
  });
});
