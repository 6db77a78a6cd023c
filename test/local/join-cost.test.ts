import {
  AcceptHandshakeCommand,
  InviteAccountToOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { describe, expect, inject, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { LocalStack } from '../../shared/local/stack/local-stack';

const MANAGEMENT = '111111111111';
const INVITEE = '777777777777';

/** Distinct account ids for the organization's other invitations (none of them the invitee). */
const otherAccounts = (count: number): string[] =>
  Array.from({ length: count }, (_, n) => String(300_000_000_000 + n).padStart(12, '0'));

/**
 * An organization with `handshakes` open invitations besides orgwarden's: the invitee accepts the one
 * orgwarden recorded. Returns what handling the AccountJoinedOrganization event cost (AWS calls by
 * operation, DynamoDB requests by operation) and what was recorded.
 */
const join = async (handshakes: number) => {
  const stack = await LocalStack.start({
    start: new Date('2026-11-02T09:00:00Z'),
    managementAccountId: MANAGEMENT,
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: 'SILENT',
  });
  const client = (account: string) =>
    new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor(account, 'scenario'),
    });
  const management = client(MANAGEMENT);
  const invitee = client(INVITEE);
  try {
    await stack.organizations.seed({ invitations: otherAccounts(handshakes) });
    const invited = await management.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: INVITEE, Type: 'ACCOUNT' } }),
    );
    await stack.bus.settle();
    const before = { aws: stack.apiCalls().length, dynamo: stack.dynamoRequests.length };
    await invitee.send(new AcceptHandshakeCommand({ HandshakeId: invited.Handshake!.Id! }));
    await stack.bus.settle();
    const snapshots = await stack.store.listSnapshots(`handshake:${invited.Handshake!.Id!}`);
    return {
      aws: stack
        .apiCalls()
        .slice(before.aws)
        .map((call) => call.operation),
      dynamo: stack.dynamoRequests.slice(before.dynamo).map((request) => request.operation),
      handshake: snapshots.map((s) => s.state),
    };
  } finally {
    management.destroy();
    invitee.destroy();
    await stack.stop();
  }
};

describe('an account that joins by accepting an invitation orgwarden recorded', () => {
  it('costs the same calls with 10 and with 2,000 handshakes in the organization: no listing of them', async () => {
    // Act
    const small = await join(10);
    const large = await join(2_000);

    // Assess: the invitation is found in orgwarden's records (one index query per key: the account id
    // and its email) and re-read with one DescribeHandshake; the organization's handshakes are never listed.
    expect(small.handshake).toEqual(['ACCEPTED']);
    expect(large.handshake).toEqual(['ACCEPTED']);
    expect(large.aws).toEqual(small.aws);
    expect(large.dynamo).toEqual(small.dynamo);
    expect(small.aws).not.toContain('ListHandshakesForOrganization');
    expect(small.aws.filter((operation) => operation === 'DescribeHandshake')).toEqual(['DescribeHandshake']);
    expect(small.dynamo.filter((operation) => operation === 'Query')).toHaveLength(2);
  }, 180_000);
});
