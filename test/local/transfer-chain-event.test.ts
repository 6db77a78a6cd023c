import {
  AcceptHandshakeCommand,
  InviteOrganizationToTransferResponsibilityCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';

const MANAGEMENT = '111111111111';
const PARTNER = '777777777777';
/** A transfer between two other organizations of the chain: this organization's API does not know it. */
const STRANGERS = 'rt-strangerchain01';

const client = (stack: LocalStack, account: string): OrganizationsClient =>
  new OrganizationsClient({
    region: 'us-east-1',
    endpoint: stack.endpoints.organizations,
    credentials: credentialsFor(account, 'scenario'),
  });

/**
 * A billing-transfer service event reaches every account of a chain, and its `transferChain` lists
 * transfers this organization is not party to. The real handshake-changed handler on DynamoDB Local
 * and the Organizations emulator over HTTP; the emulator's own ResponsibilityTransferAccepted is held
 * back, and the chain's copy of it (naming a stranger's transfer too) is what reaches orgwarden.
 */
describe('a ResponsibilityTransferAccepted event whose transfer chain names a transfer of two other organizations', () => {
  let stack: LocalStack;
  let transferId: string;
  let handshakeId: string;
  let mark: number;
  const heldBack: BusEvent[] = [];

  beforeAll(async () => {
    // Prepare: orgwarden's organization invites a partner to let it pay the partner's bill; the partner accepts.
    stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      managementAccountId: MANAGEMENT,
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      worldEvents: (event, deliver) => {
        if ((event.detail as { eventName?: string }).eventName === 'ResponsibilityTransferAccepted')
          heldBack.push(event);
        else deliver(event);
      },
    });
    stack.organizations.registerOutsideAccount({ id: PARTNER, managesOrganization: true });
    const invitation = await client(stack, MANAGEMENT).send(
      new InviteOrganizationToTransferResponsibilityCommand({
        Type: 'BILLING',
        Target: { Id: PARTNER, Type: 'ACCOUNT' },
        StartTimestamp: new Date('2027-01-01T00:00:00Z'),
        SourceName: 'Partner',
      }),
    );
    handshakeId = invitation.Handshake!.Id!;
    transferId = invitation.Handshake!.Resources!.find((r) => r.Type === 'RESPONSIBILITY_TRANSFER')!.Value!;
    await stack.bus.settle();
    await client(stack, PARTNER).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));
    await stack.bus.settle();
    const [accepted] = heldBack;
    const details = accepted!.detail as { serviceEventDetails: Record<string, unknown> };
    // AWS's documented shape: the chain lists this organization's transfer and one between two others.
    const chained: BusEvent = {
      ...accepted!,
      id: 'chain-accepted-1',
      detail: {
        ...(accepted!.detail as Record<string, unknown>),
        serviceEventDetails: {
          ...details.serviceEventDetails,
          transferChain: [
            { id: transferId, sourceManagementAccountId: PARTNER, targetManagementAccountId: MANAGEMENT },
            { id: STRANGERS, sourceManagementAccountId: '555555555555', targetManagementAccountId: '666666666666' },
          ],
        },
      },
    };
    mark = stack.bus.emitted.length;

    // Act: delivered five times at once (at least once, and to every account of the chain).
    for (let i = 0; i < 5; i++) stack.bus.put('default', chained);
    await stack.bus.settle();
  }, 120_000);
  afterAll(() => stack?.stop());

  it('records orgwarden’s own transfer at once and announces it once', async () => {
    // Assess
    expect(heldBack).toHaveLength(1);
    expect((await stack.store.getSnapshot(`transfer:${transferId}`))?.state).toBe('ACCEPTED');
    const changes = stack.bus.emitted
      .slice(mark)
      .filter((e) => e['detail-type'].endsWith('State Changed'))
      .map((e) => e.detail as { subject: string; before: string; after: string })
      .map((d) => `${d.subject} ${d.before} -> ${d.after}`)
      .sort();
    expect(changes).toEqual([
      `handshake:${handshakeId} OPEN -> ACCEPTED`,
      `transfer:${transferId} PENDING_ACCEPTANCE -> ACCEPTED`,
    ]);
  });

  it('ignores the stranger’s transfer with its reason: nothing dead-lettered, every delivery ok', () => {
    // Assess
    const deliveries = stack.bus.deliveries.filter(
      (d) => d.functionName === 'handshake-changed' && d.eventId === 'chain-accepted-1',
    );
    expect(deliveries).toHaveLength(5);
    expect(deliveries.map((d) => d.outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(stack.deadLetters).toEqual([]);
    const ignored = deliveries
      .flatMap(
        (d) => (d.result as { recorded?: Array<{ subject: string; outcome: string; reason?: string }> }).recorded ?? [],
      )
      .filter((r) => r.subject === `transfer:${STRANGERS}`);
    // Each delivery that read it says why (a later one may find the cause processed: `duplicate`).
    expect(ignored.length).toBeGreaterThan(0);
    for (const entry of ignored)
      expect(
        entry.outcome === 'duplicate' ||
          (entry.outcome === 'ignored' && /not known to this organization/.test(entry.reason ?? '')),
      ).toBe(true);
    expect(
      stack.organizations.calls
        .filter(
          (c) => c.operation === 'DescribeResponsibilityTransfer' && (c.input as { Id?: string }).Id === STRANGERS,
        )
        .every((c) => c.error?.name === 'ResponsibilityTransferNotFoundException'),
    ).toBe(true);
  });
});
