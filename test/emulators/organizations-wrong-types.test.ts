import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { AcceptHandshakeCommand, InviteAccountToOrganizationCommand } from '@aws-sdk/client-organizations';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

// The SDK serializes what the model allows, so wrong JSON types are sent raw, as a hand-written or
// foreign client would, with the credential convention in a SigV4-shaped Authorization header.
const MEMBER = '222222222222';

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations();
  const invite = await harness
    .client(MANAGEMENT)
    .send(new InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } }));
  await harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
  harness.delivered.length = 0;
});

afterEach(async () => {
  expect(harness.emulator.responseViolations).toEqual([]);
  await harness.stop();
});

async function post(
  caller: string,
  operation: string,
  body: string,
): Promise<{ status: number; type: string | null; body: { __type?: string; Reason?: string; Message?: string } }> {
  const response = await fetch(harness.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSOrganizationsV20161128.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=SCENARIO${caller}/20260310/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as { __type?: string },
  };
}

const TOP_LEVEL: Array<[string, unknown]> = [
  ['CreateAccount', { Email: 'a@example.com', AccountName: 'a', Tags: 'not a list' }],
  ['CreateAccount', { Email: 42, AccountName: 'a' }],
  ['InviteAccountToOrganization', { Target: 'an account' }],
  ['TerminateResponsibilityTransfer', { Id: 'rt-0000000000', EndTimestamp: 'end of June' }],
  ['CloseAccount', { AccountId: ['222222222222'] }],
  ['RegisterDelegatedAdministrator', { AccountId: MEMBER, ServicePrincipal: { name: 'x' } }],
];

const NESTED: Array<[string, unknown]> = [
  ['CreateAccount', { Email: 'a@example.com', AccountName: 'a', Tags: [{ Key: 1, Value: 'v' }] }],
  ['CreateAccount', { Email: 'a@example.com', AccountName: 'a', Tags: [{ Key: 'k', Value: { deep: true } }] }],
  ['CreateAccount', { Email: 'a@example.com', AccountName: 'a', Tags: ['k=v'] }],
  ['InviteAccountToOrganization', { Target: { Id: MEMBER, Type: 5 } }],
  ['InviteAccountToOrganization', { Target: { Id: [MEMBER], Type: 'ACCOUNT' }, Tags: { Key: 'k' } }],
  [
    'InviteOrganizationToTransferResponsibility',
    { Type: 'BILLING', Target: { Id: '444444444444', Type: 'ACCOUNT' }, StartTimestamp: 'tomorrow', SourceName: 'x' },
  ],
  ['ListHandshakesForOrganization', { Filter: { ActionType: 7 } }],
];

describe('Organizations emulator: wrong JSON types never answer HTTP 500', () => {
  it.each(TOP_LEVEL)(
    'answers %s with a wrong-typed top-level member from the management account with SerializationException',
    async (operation, body) => {
      // Act
      const answer = await post(MANAGEMENT, operation, JSON.stringify(body));

      // Assess
      expect(answer).toMatchObject({
        status: 400,
        type: 'SerializationException',
        body: { __type: 'SerializationException' },
      });
    },
  );

  it.each(NESTED)(
    'answers %s with a wrong-typed nested member from the management account with SerializationException',
    async (operation, body) => {
      // Act
      const answer = await post(MANAGEMENT, operation, JSON.stringify(body));

      // Assess
      expect(answer).toMatchObject({ status: 400, type: 'SerializationException' });
    },
  );

  it.each([...TOP_LEVEL, ...NESTED])(
    'answers %s with a wrong-typed member from a member account with SerializationException',
    async (operation, body) => {
      // Act
      const answer = await post(MEMBER, operation, JSON.stringify(body));

      // Assess
      expect(answer).toMatchObject({ status: 400, type: 'SerializationException' });
    },
  );

  it.each(['[]', '"a string"', '5', 'true', '[{"Target": 1}]'])(
    'answers a body that is not an object (%s) with SerializationException',
    async (body) => {
      // Act
      const fromManagement = await post(MANAGEMENT, 'InviteAccountToOrganization', body);
      const fromMember = await post(MEMBER, 'LeaveOrganization', body);

      // Assess
      expect(fromManagement).toMatchObject({ status: 400, type: 'SerializationException' });
      expect(fromMember).toMatchObject({ status: 400, type: 'SerializationException' });
    },
  );

  it('still answers a well-typed nested value the model refuses with InvalidInputException and its Reason', async () => {
    // Act
    const answer = await post(
      MANAGEMENT,
      'CreateAccount',
      JSON.stringify({ Email: 'a@example.com', AccountName: 'a', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }),
    );

    // Assess
    expect(answer).toMatchObject({
      status: 400,
      type: 'InvalidInputException',
      body: { Reason: 'MAX_LENGTH_EXCEEDED', Message: expect.stringContaining('Tags[0].Key') },
    });
  });

  it("records the management account's refused calls in its trail, the values logged as sent; a member's are not delivered", async () => {
    // Act
    await post(
      MANAGEMENT,
      'CreateAccount',
      JSON.stringify({ Email: 'a@example.com', AccountName: 'a', Tags: 'not a list' }),
    );
    await post(MANAGEMENT, 'InviteAccountToOrganization', JSON.stringify({ Target: { Id: MEMBER, Type: 5 } }));
    await post(
      MEMBER,
      'CreateAccount',
      JSON.stringify({ Email: 'a@example.com', AccountName: 'a', Tags: 'not a list' }),
    );

    // Assess
    expect(harness.delivered.map((e) => e.detail)).toMatchObject([
      {
        eventName: 'CreateAccount',
        errorCode: 'SerializationException',
        requestParameters: { email: 'HIDDEN_DUE_TO_SECURITY_REASONS', tags: 'not a list' },
        responseElements: null,
      },
      {
        eventName: 'InviteAccountToOrganization',
        errorCode: 'SerializationException',
        requestParameters: { target: { id: MEMBER, type: 5 } },
      },
    ]);
  });
});
