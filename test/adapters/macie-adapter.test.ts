import {
  CreateMemberCommand,
  DisassociateMemberCommand,
  EnableMacieCommand,
  DisassociateFromAdministratorAccountCommand,
} from '@aws-sdk/client-macie2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsMacie } from '../../shared/adapters/macie';
import { UpstreamRejectedError, UpstreamUnavailableError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import {
  ADMIN,
  HOME,
  ORG_MEMBER,
  ORG_MEMBER_2,
  OUTSIDER,
  startMacie,
  type MacieHarness,
} from '../emulators/macie-harness';

describe('AwsMacie against the Macie emulator', () => {
  let h: MacieHarness;
  let port: AwsMacie;

  beforeEach(async () => {
    h = await startMacie();
    // orgwarden's own credentials as the delegated administrator; no retries, so each failure reaches the adapter as
    // is.
    port = new AwsMacie({
      clientConfig: { endpoint: h.endpoint, credentials: credentialsFor(ADMIN, 'orgwarden'), maxAttempts: 1 },
    });
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    port.destroy();
    await h.stop();
  });

  it('getMember reads a member as a domain record, and undefined for an account that is not one', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);
    await h.invite(OUTSIDER);

    // Act
    const organizationMember = await port.getMember(HOME, ORG_MEMBER);
    const invited = await port.getMember(HOME, OUTSIDER);
    const stranger = await port.getMember(HOME, ORG_MEMBER_2);
    const otherRegion = await port.getMember('us-west-2', ORG_MEMBER);

    // Assess
    expect(organizationMember).toEqual({
      accountId: ORG_MEMBER,
      region: HOME,
      relationshipStatus: 'Enabled',
      administratorAccountId: ADMIN,
      updatedAt: '2026-06-12T12:00:00.000Z',
      invitedAt: undefined,
    });
    expect(invited).toMatchObject({
      accountId: OUTSIDER,
      relationshipStatus: 'Enabled',
      invitedAt: '2026-06-12T12:00:00.000Z',
    });
    expect(stranger).toBeUndefined();
    expect(otherRegion).toBeUndefined();
  });

  it('getMember shows the statuses no API call announced', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);
    await h.addOrgMember(ORG_MEMBER, 'us-west-2');
    h.advanceSeconds(90);

    // Act
    h.emulator.disableRegion(ORG_MEMBER, 'us-west-2');
    h.emulator.suspendAccount(ORG_MEMBER_2);
    const disabled = await port.getMember('us-west-2', ORG_MEMBER);
    const home = await port.getMember(HOME, ORG_MEMBER);

    // Assess
    expect(disabled).toMatchObject({ relationshipStatus: 'RegionDisabled', updatedAt: '2026-06-12T12:01:30.000Z' });
    expect(home?.relationshipStatus).toBe('Enabled');
  });

  it('listMembers reads every page and includes members that are not associated', async () => {
    // Prepare
    const outsiders = Array.from({ length: 27 }, (_, i) => String(500000000000 + i));
    for (const accountId of outsiders)
      await h.client().send(new CreateMemberCommand({ account: { accountId, email: `${accountId}@example.com` } }));
    await h.addOrgMember(ORG_MEMBER);
    await h.addOrgMember(ORG_MEMBER_2);
    await h.client().send(new DisassociateMemberCommand({ id: ORG_MEMBER_2 }));
    await h.invite(OUTSIDER);
    await h.client(OUTSIDER).send(new DisassociateFromAdministratorAccountCommand({}));
    h.emulator.suspendAccount(ORG_MEMBER);

    // Act
    const members = await port.listMembers(HOME);

    // Assess
    expect(members).toHaveLength(30);
    expect(new Set(members.map((m) => m.relationshipStatus))).toEqual(
      new Set(['Created', 'AccountSuspended', 'Removed', 'Resigned']),
    );
    expect(members.find((m) => m.accountId === ORG_MEMBER_2)).toMatchObject({
      region: HOME,
      relationshipStatus: 'Removed',
      administratorAccountId: ADMIN,
    });
    expect(
      h.emulator
        .callsIn(HOME)
        .filter((c) => c.operation === 'ListMembers')
        .map((c) => (c.input as { onlyAssociated?: string }).onlyAssociated),
    ).toEqual(['false', 'false']);
    expect(await port.listMembers('eu-west-1')).toEqual([]);
  });

  it('createMember associates a Removed organization member again, logged in the administrator’s trail as orgwarden', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER, 'us-west-2');
    await h.client(ADMIN, 'us-west-2').send(new DisassociateMemberCommand({ id: ORG_MEMBER }));
    h.delivered.length = 0;

    // Act
    const outcome = await port.createMember('us-west-2', ORG_MEMBER, 'member@example.com');

    // Assess
    expect(outcome).toBe('associated');
    expect(await h.statusOf(ORG_MEMBER, 'us-west-2')).toBe('Enabled');
    expect(h.trail()).toEqual([`${ADMIN} us-west-2 CreateMember`]);
    expect(h.delivered[0]?.detail).toMatchObject({
      userIdentity: { userName: 'orgwarden', accessKeyId: `ORGWARDEN${ADMIN}` },
    });
  });

  it('createMember leaves an associated member alone, with or without an email (the answer is the same on a retry)', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);
    const before = h.emulator.calls.length;

    // Act
    const withEmail = await port.createMember(HOME, ORG_MEMBER, 'member@example.com');
    const withoutEmail = await port.createMember(HOME, ORG_MEMBER);

    // Assess
    expect([withEmail, withoutEmail]).toEqual(['already-associated', 'already-associated']);
    expect(h.emulator.calls.slice(before).map((c) => `${c.operation}${c.error ? `:${c.error.name}` : ''}`)).toEqual([
      'CreateMember:ConflictException',
      'GetMember',
      'GetMember',
    ]);
  });

  it('createMember without an email uses the one Macie keeps for an invitation-based member', async () => {
    // Prepare
    await h.invite(OUTSIDER);
    await h.client(OUTSIDER).send(new DisassociateFromAdministratorAccountCommand({}));

    // Act
    const outcome = await port.createMember(HOME, OUTSIDER);

    // Assess
    expect(outcome).toBe('associated');
    expect(await h.statusOf(OUTSIDER)).toBe('Created');
    const created = h.emulator.calls.filter((c) => c.operation === 'CreateMember').at(-1);
    expect(created?.input).toMatchObject({ account: { accountId: OUTSIDER, email: `${OUTSIDER}@example.com` } });
  });

  it('createMember without an email Macie could supply is refused before anything is sent', async () => {
    // Act
    const error = await port.createMember(HOME, ORG_MEMBER).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect((error as Error).message).toMatch(/email address/);
    expect(h.emulator.calls.filter((c) => c.operation === 'CreateMember')).toEqual([]);
  });

  it('an account already a member of another administrator is a permanent refusal', async () => {
    // Prepare
    const other = '666666666666';
    await h.client(other).send(new EnableMacieCommand({}));
    await h.invite(OUTSIDER, HOME, other);

    // Act
    const error = await port.createMember(HOME, OUTSIDER, 'outsider@example.com').catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect((error as Error).message).toContain(`CreateMember macie-member:${HOME}:${OUTSIDER}: ConflictException`);
  });

  it('throttling and 5xx are transient; Macie not enabled in the Region is permanent', async () => {
    // Prepare
    h.emulator.injectFailures([
      { operation: 'ListMembers', error: 'ThrottlingException', times: 1 },
      { operation: 'GetMember', error: 'InternalServerException', times: 1 },
    ]);
    const stranger = new AwsMacie({
      clientConfig: { endpoint: h.endpoint, credentials: credentialsFor(OUTSIDER, 'orgwarden'), maxAttempts: 1 },
    });

    // Act
    const throttled = await port.listMembers(HOME).catch((e: unknown) => e);
    const internal = await port.getMember(HOME, ORG_MEMBER).catch((e: unknown) => e);
    const notEnabled = await stranger.listMembers(HOME).catch((e: unknown) => e);
    stranger.destroy();

    // Assess
    expect(throttled).toBeInstanceOf(UpstreamUnavailableError);
    expect(internal).toBeInstanceOf(UpstreamUnavailableError);
    expect(notEnabled).toBeInstanceOf(UpstreamRejectedError);
    expect((notEnabled as Error).message).toBe('ListMembers us-east-1: AccessDeniedException: Macie is not enabled.');
  });

  it('a malformed Region or account id is refused without a call', async () => {
    await expect(port.getMember('not a region', ORG_MEMBER)).rejects.toBeInstanceOf(UpstreamRejectedError);
    await expect(port.createMember(HOME, '12', 'x@example.com')).rejects.toBeInstanceOf(UpstreamRejectedError);
    expect(h.emulator.calls).toEqual([]);
  });

  it('each Region gets its own client, signed for that Region', async () => {
    // Act
    await port.listMembers('us-west-2');
    await port.listMembers('eu-west-1');
    await port.listMembers('us-west-2');

    // Assess
    expect(h.emulator.callsIn('us-west-2')).toHaveLength(2);
    expect(h.emulator.callsIn('eu-west-1')).toHaveLength(1);
  });
});
