import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { again, alertsOf, changesOf, lastEvent, lastOfType, startWatchedStack } from './unrecognized-support';

/**
 * A status AWS added that orgwarden's model does not list, from the Security IR and Macie emulators
 * (their test hook `unmodeledValues`), through the real handlers on DynamoDB Local: recorded as read,
 * announced as unrecognized, alerted once, and the subject's next real change recorded. Today such a
 * status was an UpstreamRejectedError: the event was dead-lettered and the subject never recorded again.
 */
describe('statuses Security IR and Macie added that orgwarden does not know', () => {
  let stack: LocalStack;
  afterEach(() => stack.stop());

  it('records a membership status it does not know, alerts once for two events, and records the cancellation that follows', async () => {
    // Prepare: a membership recorded Active; then AWS shows it in a status the model does not list.
    const watched = await startWatchedStack();
    stack = watched.stack;
    const team = [
      { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
      { name: 'Bob Smith', jobTitle: 'Security engineer', email: 'bob@example.com' },
    ];
    const created = await stack.securityIr.handle(
      'CreateMembership',
      { clientToken: 'unknown-status', membershipName: 'team', incidentResponseTeam: team },
      '111111111111',
    );
    const id = created.membershipId as string;
    await stack.bus.settle();
    stack.securityIr.unmodeledValues.show({ id, member: 'membershipStatus', value: 'Suspended' });
    // Act: two more events about it.
    await stack.deliver(again(lastOfType(watched.seen, 'Membership Created', id)));
    await stack.deliver(again(lastOfType(watched.seen, 'Membership Created', id)));
    // Assess
    const unrecognized = [{ field: 'membership.status', value: 'Suspended' }];
    expect(await stack.store.getSnapshot(`membership:${id}`)).toMatchObject({
      state: 'Suspended',
      data: { state: 'Suspended', unrecognized },
    });
    expect(changesOf(stack, 'Membership State Changed', `membership:${id}`)).toEqual([
      { before: null, after: 'Active' },
      { before: 'Active', after: 'Suspended', unrecognized },
    ]);
    expect(alertsOf(stack)).toEqual([{ field: 'membership.status', value: 'Suspended', subject: `membership:${id}` }]);
    expect(stack.deadLetters).toEqual([]);

    // Act: AWS knows the status again, and the membership is cancelled.
    stack.securityIr.unmodeledValues.hide(id);
    await stack.securityIr.handle('CancelMembership', { membershipId: id }, '111111111111');
    await stack.bus.settle();
    // Assess
    expect(changesOf(stack, 'Membership State Changed', `membership:${id}`).at(-1)).toEqual({
      before: 'Suspended',
      after: 'Cancelled',
    });
    expect(alertsOf(stack)).toHaveLength(1);
    expect(stack.deadLetters).toEqual([]);
  });

  it('records a Macie relationshipStatus it does not know, alerts once for two members, and records the disassociation that follows', async () => {
    // Prepare: two organization accounts, Macie members of orgwarden's account in us-east-1.
    const watched = await startWatchedStack({ macie: { regions: ['us-east-1'] } });
    stack = watched.stack;
    const organizations = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
    });
    const members: string[] = [];
    for (const name of ['data', 'logs']) {
      const request = await organizations.send(
        new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }),
      );
      const status = await organizations.send(
        new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.CreateAccountStatus!.Id! }),
      );
      const accountId = status.CreateAccountStatus!.AccountId!;
      members.push(accountId);
      await stack.macie.handle(
        'CreateMember',
        { account: { accountId, email: `${name}@example.com` } },
        '111111111111',
        'us-east-1',
      );
    }
    await stack.bus.settle();
    const [first, second] = members as [string, string];
    expect((await stack.store.getSnapshot(`macie-member:us-east-1:${first}`))?.state).toBe('Enabled');
    for (const id of members)
      stack.macie.unmodeledValues.show({ id, member: 'relationshipStatus', value: 'Quarantined' });
    // Act: each member is re-read (another event names it).
    for (const id of members) await stack.deliver(again(lastEvent(watched.seen, 'CreateMember', id)));
    // Assess
    const unrecognized = [{ field: 'macieMember.relationshipStatus', value: 'Quarantined' }];
    expect(await stack.store.getSnapshot(`macie-member:us-east-1:${second}`)).toMatchObject({
      state: 'Quarantined',
      data: { state: 'Quarantined', unrecognized },
    });
    expect(changesOf(stack, 'Macie Member State Changed', `macie-member:us-east-1:${first}`)).toEqual([
      { before: null, after: 'Enabled' },
      { before: 'Enabled', after: 'Quarantined', unrecognized },
    ]);
    expect(alertsOf(stack)).toEqual([
      { field: 'macieMember.relationshipStatus', value: 'Quarantined', subject: `macie-member:us-east-1:${first}` },
    ]);
    expect(stack.deadLetters).toEqual([]);

    // Act: AWS knows the status again, and the administrator disassociates the first member.
    stack.macie.unmodeledValues.hide(first);
    await stack.macie.handle('DisassociateMember', { id: first }, '111111111111', 'us-east-1');
    await stack.bus.settle();
    // Assess
    expect(changesOf(stack, 'Macie Member State Changed', `macie-member:us-east-1:${first}`).at(-1)).toEqual({
      before: 'Quarantined',
      after: 'Removed',
    });
    expect(alertsOf(stack)).toHaveLength(1);
    expect(stack.deadLetters).toEqual([]);
  });
});
