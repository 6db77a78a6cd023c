import {
  AcceptHandshakeCommand,
  DeclineHandshakeCommand,
  InviteAccountToOrganizationCommand,
  ListOutboundResponsibilityTransfersCommand,
  OrganizationsClient,
  RemoveAccountFromOrganizationCommand,
  TerminateResponsibilityTransferCommand,
  InviteOrganizationToTransferResponsibilityCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../shared/domain/policy/policy';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { again, alertsOf, changesOf, lastEvent, startWatchedStack } from './unrecognized-support';

/**
 * A value AWS added that orgwarden's model does not list, from the Organizations emulator (its test
 * hook `unmodeledValues`), through the real handlers on DynamoDB Local: recorded as read, announced
 * as unrecognized, alerted once, and the subject's next real change recorded. Today such a value
 * was an UpstreamRejectedError: the event was dead-lettered and the subject never recorded again.
 */
describe('values Organizations added that orgwarden does not know', () => {
  let stack: LocalStack;
  afterEach(() => stack.stop());

  const clientOf = (accountId: string): OrganizationsClient =>
    new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor(accountId, 'scenario'),
    });

  it('records a handshake State it does not know, alerts once for two handshakes, and records the decline that follows', async () => {
    // Prepare: two invitations recorded OPEN; then AWS shows both in a state the model does not list.
    const watched = await startWatchedStack();
    stack = watched.stack;
    const management = clientOf('111111111111');
    const first = (
      await management.send(new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }))
    ).Handshake!.Id!;
    const second = (
      await management.send(new InviteAccountToOrganizationCommand({ Target: { Id: '333333333333', Type: 'ACCOUNT' } }))
    ).Handshake!.Id!;
    await stack.bus.settle();
    for (const id of [first, second])
      stack.organizations.unmodeledValues.show({ id, member: 'State', value: 'PENDING_REVIEW' });
    // Act: each is re-read (another event names it), the first twice.
    await stack.deliver(again(lastEvent(watched.seen, 'InviteAccountToOrganization', first)));
    await stack.deliver(again(lastEvent(watched.seen, 'InviteAccountToOrganization', first)));
    await stack.deliver(again(lastEvent(watched.seen, 'InviteAccountToOrganization', second)));
    // Assess: recorded as read, announced as unrecognized, one alert for the value.
    const unrecognized = [{ field: 'handshake.state', value: 'PENDING_REVIEW' }];
    expect(await stack.store.getSnapshot(`handshake:${first}`)).toMatchObject({
      state: 'PENDING_REVIEW',
      data: { state: 'PENDING_REVIEW', unrecognized },
    });
    expect(changesOf(stack, 'Handshake State Changed', `handshake:${first}`)).toEqual([
      { before: null, after: 'OPEN' },
      { before: 'OPEN', after: 'PENDING_REVIEW', unrecognized },
    ]);
    expect(changesOf(stack, 'Handshake State Changed', `handshake:${second}`).at(-1)).toEqual({
      before: 'OPEN',
      after: 'PENDING_REVIEW',
      unrecognized,
    });
    expect(alertsOf(stack)).toEqual([
      { field: 'handshake.state', value: 'PENDING_REVIEW', subject: `handshake:${first}` },
    ]);
    expect(defaultPolicy.alerts).toContain('Unrecognized Value Detected');
    expect(stack.deadLetters).toEqual([]);

    // Act: AWS knows the state again, and the invitee declines.
    stack.organizations.unmodeledValues.hide(first);
    await clientOf('222222222222').send(new DeclineHandshakeCommand({ HandshakeId: first }));
    await stack.deliver(again(lastEvent(watched.seen, 'InviteAccountToOrganization', first)));
    // Assess: the subject is still watched.
    expect((await stack.store.listHistory(`handshake:${first}`)).map((h) => `${h.from}->${h.to}`)).toEqual([
      'null->OPEN',
      'OPEN->PENDING_REVIEW',
      'PENDING_REVIEW->DECLINED',
    ]);
    expect(changesOf(stack, 'Handshake State Changed', `handshake:${first}`).at(-1)).toEqual({
      before: 'PENDING_REVIEW',
      after: 'DECLINED',
    });
    // The alert is settled (an hour of sweeps and audits sends it no second time).
    await stack.advanceTo(new Date(stack.clock.now().getTime() + 3_600_000));
    expect(
      await stack.store.getLedger('unrecognized:handshake.state:PENDING_REVIEW#v1#publish:unrecognized'),
    ).toMatchObject({ status: 'done' });
    expect(alertsOf(stack)).toHaveLength(1);
    expect(stack.deadLetters).toEqual([]);
  });

  it("records an account State it does not know when the account joins, alerts once for two accounts, and records the account's removal", async () => {
    // Prepare: two invited accounts that AWS shows in a State the model does not list.
    const watched = await startWatchedStack();
    stack = watched.stack;
    const management = clientOf('111111111111');
    for (const id of ['222222222222', '333333333333'])
      stack.organizations.unmodeledValues.show({ id, member: 'State', value: 'PENDING_MIGRATION' });
    // Act: both accept and join.
    for (const id of ['222222222222', '333333333333']) {
      const handshake = (
        await management.send(new InviteAccountToOrganizationCommand({ Target: { Id: id, Type: 'ACCOUNT' } }))
      ).Handshake!.Id!;
      await clientOf(id).send(new AcceptHandshakeCommand({ HandshakeId: handshake }));
      await stack.bus.settle();
    }
    // Assess
    const unrecognized = [{ field: 'account.accountState', value: 'PENDING_MIGRATION' }];
    expect(await stack.store.getSnapshot('account:222222222222')).toMatchObject({
      state: 'JOINED',
      data: { accountState: 'PENDING_MIGRATION', unrecognized },
    });
    expect(changesOf(stack, 'Account Membership Changed', 'account:222222222222')).toEqual([
      { before: null, after: 'JOINED', unrecognized },
    ]);
    expect(changesOf(stack, 'Account Membership Changed', 'account:333333333333')).toEqual([
      { before: null, after: 'JOINED', unrecognized },
    ]);
    expect(alertsOf(stack)).toEqual([
      { field: 'account.accountState', value: 'PENDING_MIGRATION', subject: 'account:222222222222' },
    ]);

    // Act: a member's State changes to another value orgwarden does not know (no change of membership).
    stack.organizations.unmodeledValues.show({ id: '333333333333', member: 'State', value: 'PENDING_OTHER' });
    await stack.deliver(again(lastEvent(watched.seen, 'AccountJoinedOrganization', '333333333333')));
    // Assess: recorded as read (a refresh: not announced as a membership change), and alerted.
    expect(await stack.store.getSnapshot('account:333333333333')).toMatchObject({
      state: 'JOINED',
      data: {
        accountState: 'PENDING_OTHER',
        unrecognized: [{ field: 'account.accountState', value: 'PENDING_OTHER' }],
      },
    });
    expect(changesOf(stack, 'Account Membership Changed', 'account:333333333333')).toHaveLength(1);
    expect(alertsOf(stack).map((alert) => alert.value)).toEqual(['PENDING_MIGRATION', 'PENDING_OTHER']);

    // Act: the management account removes one of them.
    stack.organizations.unmodeledValues.hide('222222222222');
    await management.send(new RemoveAccountFromOrganizationCommand({ AccountId: '222222222222' }));
    await stack.bus.settle();
    // Assess
    expect(changesOf(stack, 'Account Membership Changed', 'account:222222222222').at(-1)).toMatchObject({
      before: 'JOINED',
      after: 'DEPARTED',
    });
    expect(alertsOf(stack)).toHaveLength(2);
    expect(stack.deadLetters).toEqual([]);
  });

  it('records a transfer Status it does not know, alerts once for two readings, and records the withdrawal that follows', async () => {
    // Prepare: an outside organization's billing invitation, accepted by this organization's management account.
    const watched = await startWatchedStack();
    stack = watched.stack;
    stack.organizations.registerOutsideAccount({
      id: '777777777777',
      email: 'billing@payer.example.com',
      name: 'Payer',
      managesOrganization: true,
    });
    const invitation = await clientOf('777777777777').send(
      new InviteOrganizationToTransferResponsibilityCommand({
        Type: 'BILLING',
        Target: { Id: '111111111111', Type: 'ACCOUNT' },
        StartTimestamp: new Date('2026-12-01T00:00:00Z'),
        SourceName: 'Our bill',
      }),
    );
    await clientOf('111111111111').send(new AcceptHandshakeCommand({ HandshakeId: invitation.Handshake!.Id! }));
    await stack.bus.settle();
    const { ResponsibilityTransfers } = await clientOf('111111111111').send(
      new ListOutboundResponsibilityTransfersCommand({ Type: 'BILLING' }),
    );
    const id = ResponsibilityTransfers![0]!.Id!;
    expect((await stack.store.getSnapshot(`transfer:${id}`))?.state).toBe('ACCEPTED');
    stack.organizations.unmodeledValues.show({ id, member: 'Status', value: 'PENDING_REVIEW' });
    // Act: the transfer is re-read twice (another event names it).
    await stack.deliver(again(lastEvent(watched.seen, 'AcceptHandshake')));
    await stack.deliver(again(lastEvent(watched.seen, 'AcceptHandshake')));
    // Assess: the status is its own state, as read.
    const unrecognized = [{ field: 'transfer.status', value: 'PENDING_REVIEW' }];
    expect(await stack.store.getSnapshot(`transfer:${id}`)).toMatchObject({
      state: 'PENDING_REVIEW',
      data: { status: 'PENDING_REVIEW', unrecognized },
    });
    expect(changesOf(stack, 'Responsibility Transfer State Changed', `transfer:${id}`).at(-1)).toEqual({
      before: 'ACCEPTED',
      after: 'PENDING_REVIEW',
      unrecognized,
    });
    expect(alertsOf(stack)).toEqual([{ field: 'transfer.status', value: 'PENDING_REVIEW', subject: `transfer:${id}` }]);

    // Act: AWS knows the status again, and this organization withdraws the transfer.
    stack.organizations.unmodeledValues.hide(id);
    await clientOf('111111111111').send(new TerminateResponsibilityTransferCommand({ Id: id }));
    await stack.bus.settle();
    // Assess
    expect(changesOf(stack, 'Responsibility Transfer State Changed', `transfer:${id}`).at(-1)).toEqual({
      before: 'PENDING_REVIEW',
      after: 'ENDING',
    });
    expect(alertsOf(stack)).toHaveLength(1);
    expect(stack.deadLetters).toEqual([]);
  });

  it('sends an alert whose PutEvents was refused later, through the sweep, still once', async () => {
    // Prepare: an invitation recorded OPEN, then shown in a state the model does not list.
    const watched = await startWatchedStack();
    stack = watched.stack;
    const id = (
      await clientOf('111111111111').send(
        new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }),
      )
    ).Handshake!.Id!;
    await stack.bus.settle();
    stack.organizations.unmodeledValues.show({ id, member: 'State', value: 'PENDING_REVIEW' });
    // The alert goes out first (its entry sorts before the announcement's): its PutEvents is refused,
    // the SDK's three attempts included.
    for (let attempt = 0; attempt < 3; attempt++)
      stack.putEventsFailures.push({ code: 'InternalException', status: 500 });
    // Act
    await stack.deliver(again(lastEvent(watched.seen, 'InviteAccountToOrganization', id)));
    const before = alertsOf(stack).length;
    await stack.advanceTo(new Date(stack.clock.now().getTime() + 3_600_000));
    await stack.deliver(again(lastEvent(watched.seen, 'InviteAccountToOrganization', id)));
    // Assess: recorded and announced at once, alerted by the sweep, once.
    expect(changesOf(stack, 'Handshake State Changed', `handshake:${id}`).at(-1)).toMatchObject({
      before: 'OPEN',
      after: 'PENDING_REVIEW',
    });
    expect(before).toBe(0);
    expect(alertsOf(stack)).toEqual([
      { field: 'handshake.state', value: 'PENDING_REVIEW', subject: `handshake:${id}` },
    ]);
    expect(stack.deadLetters).toEqual([]);
  });
});
