import {
  AcceptHandshakeCommand,
  AccessDeniedException,
  AccountNotFoundException,
  AWSOrganizationsNotInUseException,
  CancelHandshakeCommand,
  ConstraintViolationException,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  DescribeHandshakeCommand,
  DescribeOrganizationCommand,
  DuplicateHandshakeException,
  HandshakeAlreadyInStateException,
  HandshakeConstraintViolationException,
  HandshakeNotFoundException,
  InvalidHandshakeTransitionException,
  InvalidInputException,
  InviteAccountToOrganizationCommand,
  LeaveOrganizationCommand,
  ListAccountsCommand,
  ListHandshakesForAccountCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  MasterCannotLeaveOrganizationException,
  OrganizationsClient,
  OrganizationsServiceException,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmulatorResponseInvalidError, OrganizationsServiceError } from '../../shared/local/emulators/organizations';
import { World } from '../../shared/local/emulators/organizations/world';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const INVITEE = '222222222222';
const OUTSIDER = '333333333333';

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await harness.stop();
});

/** Settles a request that must fail, so no rejection is ever left unobserved. */
async function errorOf(request: Promise<unknown>): Promise<unknown> {
  return request.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function invite(accountId: string): Promise<string> {
  return (
    await harness
      .client(MANAGEMENT)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' } }))
  ).Handshake!.Id!;
}

describe('Organizations emulator: errors the SDK surfaces as typed exceptions', () => {
  it('answers unknown ids with the not-found exceptions', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);

    // Act
    const handshake = management.send(new DescribeHandshakeCommand({ HandshakeId: 'h-0000000000' }));
    const account = management.send(new DescribeAccountCommand({ AccountId: '999999999999' }));

    // Assess
    await expect(handshake).rejects.toBeInstanceOf(HandshakeNotFoundException);
    await expect(account).rejects.toBeInstanceOf(AccountNotFoundException);
  });

  it('refuses a second invitation while one is open, and an invitation to a member', async () => {
    // Prepare
    await invite(INVITEE);
    const member = await invite(OUTSIDER);
    await harness.client(OUTSIDER).send(new AcceptHandshakeCommand({ HandshakeId: member }));

    // Act
    const duplicate = invite(INVITEE);
    const already = invite(OUTSIDER);

    // Assess
    await expect(duplicate).rejects.toBeInstanceOf(DuplicateHandshakeException);
    const error = await already.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeConstraintViolationException);
    expect((error as HandshakeConstraintViolationException).Reason).toBe('ALREADY_IN_AN_ORGANIZATION');
  });

  it('refuses answers a handshake no longer allows', async () => {
    // Prepare
    const handshakeId = await invite(INVITEE);
    await harness.client(INVITEE).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));

    // Act
    const again = harness.client(INVITEE).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));
    const cancel = harness.client(MANAGEMENT).send(new CancelHandshakeCommand({ HandshakeId: handshakeId }));

    // Assess
    await expect(again).rejects.toBeInstanceOf(HandshakeAlreadyInStateException);
    await expect(cancel).rejects.toBeInstanceOf(InvalidHandshakeTransitionException);
  });

  it('enforces who may call what', async () => {
    // Prepare
    const handshakeId = await invite(INVITEE);

    // Act
    const outsider = await errorOf(harness.client(OUTSIDER).send(new DescribeOrganizationCommand({})));
    const senderAccepts = await errorOf(
      harness.client(MANAGEMENT).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId })),
    );
    const inviteeCancels = await errorOf(
      harness.client(INVITEE).send(new CancelHandshakeCommand({ HandshakeId: handshakeId })),
    );
    await harness.client(INVITEE).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));
    const memberLists = await errorOf(harness.client(INVITEE).send(new ListAccountsCommand({})));
    const managementLeaves = await errorOf(harness.client(MANAGEMENT).send(new LeaveOrganizationCommand({})));

    // Assess
    expect(outsider).toBeInstanceOf(AWSOrganizationsNotInUseException);
    expect(senderAccepts).toBeInstanceOf(AccessDeniedException);
    expect(inviteeCancels).toBeInstanceOf(AccessDeniedException);
    expect(memberLists).toBeInstanceOf(AccessDeniedException);
    expect(managementLeaves).toBeInstanceOf(MasterCannotLeaveOrganizationException);
  });

  it('carries the Reason of ConstraintViolationException', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    let parentId = (await management.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    for (let level = 1; level <= 5; level++) {
      parentId = (await management.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: `L${level}` })))
        .OrganizationalUnit!.Id!;
    }

    // Act
    const error = await management
      .send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: 'L6' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConstraintViolationException);
    expect((error as ConstraintViolationException).Reason).toBe('OU_DEPTH_LIMIT_EXCEEDED');
  });

  it('rejects requests that break the model with InvalidInputException naming the field', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);

    // Act
    const pattern = await management
      .send(new DescribeHandshakeCommand({ HandshakeId: 'h-NOT_VALID' }))
      .catch((e: unknown) => e);
    const range = await management
      .send(new ListHandshakesForAccountCommand({ MaxResults: 50 }))
      .catch((e: unknown) => e);
    const nested = await management
      .send(
        new InviteAccountToOrganizationCommand({ Target: { Id: INVITEE, Type: 'ACCOUNT' }, Notes: 'x'.repeat(1025) }),
      )
      .catch((e: unknown) => e);

    // Assess
    expect(pattern).toBeInstanceOf(InvalidInputException);
    expect(pattern).toMatchObject({ Reason: 'INVALID_PATTERN', message: expect.stringContaining('HandshakeId') });
    expect(range).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'MAX_VALUE_EXCEEDED',
      message: expect.stringContaining('MaxResults'),
    });
    expect(nested).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'MAX_LENGTH_EXCEEDED',
      message: expect.stringContaining('Notes'),
    });
  });

  it('answers a key that does not follow the credential convention with UnrecognizedClientException', async () => {
    // Prepare
    const client = new OrganizationsClient({
      endpoint: harness.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 1,
    });

    // Act
    const error = await client.send(new DescribeOrganizationCommand({})).catch((e: unknown) => e);
    client.destroy();

    // Assess
    expect(error).toBeInstanceOf(OrganizationsServiceException);
    expect(error).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
    expect(harness.emulator.calls).toEqual([]);
  });

  it('records every call with its caller, principal and outcome', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT, 'orgwarden');

    // Act
    await management.send(new DescribeOrganizationCommand({}));
    await management.send(new DescribeHandshakeCommand({ HandshakeId: 'h-0000000000' })).catch(() => undefined);

    // Assess
    expect(harness.emulator.calls).toMatchObject([
      {
        service: 'organizations',
        operation: 'DescribeOrganization',
        caller: MANAGEMENT,
        principal: `ORGWARDEN${MANAGEMENT}`,
        at: harness.now().toISOString(),
      },
      {
        operation: 'DescribeHandshake',
        input: { HandshakeId: 'h-0000000000' },
        error: { name: 'HandshakeNotFoundException' },
      },
    ]);
    expect(harness.emulator.calls[0]!.error).toBeUndefined();
  });
});

describe('Organizations emulator: requests it cannot serve', () => {
  it('answers operations it does not emulate with UnknownOperationException', async () => {
    // Act
    const error = await errorOf(
      harness.client(MANAGEMENT).send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })),
    );

    // Assess
    expect(error).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
  });

  it('answers bodies the model cannot bind with SerializationException', async () => {
    // Act
    const unknownMember = await errorOf(harness.emulator.handle('DescribeOrganization', { Verbose: true }, MANAGEMENT));
    const wrongType = await errorOf(harness.emulator.handle('DescribeHandshake', { HandshakeId: 42 }, MANAGEMENT));

    // Assess
    expect(unknownMember).toMatchObject({ code: 'SerializationException' });
    expect(wrongType).toMatchObject({ code: 'SerializationException' });
  });

  it('keeps an API call successful when the event subscriber fails', async () => {
    // Prepare
    const failing = await startOrganizations(undefined, {
      onEvent: () => {
        throw new Error('bus down');
      },
    });

    // Act
    const out = await failing
      .client(MANAGEMENT)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: INVITEE, Type: 'ACCOUNT' } }));
    await failing.stop();

    // Assess
    expect(out.Handshake!.State).toBe('OPEN');
    expect(failing.emulator.deliveryErrors).toMatchObject([
      { event: { detail: { eventName: 'InviteAccountToOrganization' } }, error: { message: 'bus down' } },
    ]);
  });
});

describe('Organizations emulator: response validation', () => {
  it('treats a response that breaks the model as an emulator bug, never as a valid answer', async () => {
    // Prepare: make the emulator render an account the model rejects.
    vi.spyOn(World.prototype, 'renderAccount').mockReturnValue({ Id: 'abc', Status: 'HAPPY' });

    // Act
    const direct = await harness.emulator
      .handle('DescribeAccount', { AccountId: MANAGEMENT }, MANAGEMENT)
      .catch((e: unknown) => e);
    const overHttp = await harness
      .client(MANAGEMENT)
      .send(new DescribeAccountCommand({ AccountId: MANAGEMENT }))
      .catch((e: unknown) => e);

    // Assess
    expect(direct).toBeInstanceOf(EmulatorResponseInvalidError);
    expect((direct as EmulatorResponseInvalidError).violations.map((v) => `${v.path}:${v.kind}`)).toEqual([
      'Account.Id:pattern',
      'Account.Status:enum',
    ]);
    expect(overHttp).toMatchObject({ name: 'EmulatorResponseInvalid', $metadata: { httpStatusCode: 500 } });
    expect(harness.emulator.responseViolations).toHaveLength(2);
  });

  it('throws service errors from handle() for direct callers', async () => {
    // Act
    const error = await harness.emulator
      .handle('DescribeHandshake', { HandshakeId: 'h-0000000000' }, MANAGEMENT)
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(OrganizationsServiceError);
    expect(error).toMatchObject({ code: 'HandshakeNotFoundException', status: 400 });
  });
});
