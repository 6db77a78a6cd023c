import { CreateMemberCommand, DisassociateMemberCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { LocalStack } from '../../shared/local/stack/local-stack';

/** The sweep takes over ANY kind's unfinished ledger entries: a Macie association left released is one. */
describe('expiry-sweep and a released Macie association', () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      macie: { regions: ['us-east-1'] },
      policy: { version: 1, reactions: { macieMember: 'enforce' } },
    });
  });
  afterEach(() => stack.stop());

  it('carries it out at its next run, once, before the hourly listing would', async () => {
    // Prepare: an organization account that is a Macie member, then removed while CreateMember is throttled.
    const { members } = await stack.organizations.seed({ members: 1 });
    const accountId = members[0]!;
    const macie = new Macie2Client({
      region: 'us-east-1',
      endpoint: stack.endpoints.macie,
      credentials: credentialsFor('111111111111', 'scenario'),
      maxAttempts: 1,
    });
    await macie.send(new CreateMemberCommand({ account: { accountId, email: `member-${accountId}@example.com` } }));
    await stack.bus.settle();
    stack.macie.injectFailures([{ operation: 'CreateMember', error: 'ThrottlingException' }]);
    await stack.advanceTo(new Date('2026-11-02T09:05:00Z'));
    await macie.send(new DisassociateMemberCommand({ id: accountId }));
    await stack.bus.settle();
    // Lambda's attempts all end with the association released on the due index.
    await stack.advanceTo(new Date('2026-11-02T09:14:00Z'));
    const failedCreates = stack.apiCalls().filter((call) => call.operation === 'CreateMember' && call.error).length;
    stack.macie.clearFailures();
    // Act: sweeps run every 15 minutes; the listing runs on the hour.
    await stack.advanceTo(new Date('2026-11-02T09:55:00Z'));
    // Assess: the sweep took it over and associated the account again, once.
    expect(failedCreates).toBeGreaterThan(0);
    const sweeps = stack.bus.deliveries
      .filter((d) => d.functionName === 'expiry-sweep')
      .map((d) => ({ at: d.at, ...(d.result as { handled: number; done: number }) }));
    // The association and its announcement (`Reaction Executed`), at the first run after Lambda gave up.
    expect(sweeps[0]).toMatchObject({ at: '2026-11-02T09:15:00.000Z', handled: 1, done: 2 });
    const creates = stack.apiCalls().filter((call) => call.operation === 'CreateMember' && !call.error);
    expect(creates.map((call) => call.input)).toEqual([
      { account: { accountId, email: `member-${accountId}@example.com` } },
    ]);
    const outcomes = stack.bus.emitted
      .filter((e) => e['detail-type'] === 'Reaction Executed')
      .map((e) => e.detail as { action: string; outcome: string; target: string });
    expect(outcomes).toEqual([
      expect.objectContaining({
        action: 'associate-macie-member',
        outcome: 'executed',
        target: `us-east-1:${accountId}`,
      }),
    ]);
  });
});
