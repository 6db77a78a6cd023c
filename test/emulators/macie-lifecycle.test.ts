import {
  AcceptInvitationCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DeleteMemberCommand,
  DisableMacieCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateMemberCommand,
  EnableMacieCommand,
  GetMacieSessionCommand,
  GetMemberCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  UpdateMacieSessionCommand,
  UpdateMemberSessionCommand,
} from '@aws-sdk/client-macie2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, HOME, ORG_MEMBER, ORG_MEMBER_2, OUTSIDER, startMacie, type MacieHarness } from './macie-harness';

const listed = async (h: MacieHarness, onlyAssociated?: 'true' | 'false', region = HOME): Promise<string[]> =>
  ((await h.client(ADMIN, region).send(new ListMembersCommand({ onlyAssociated }))).members ?? []).map(
    (m) => `${m.accountId}:${m.relationshipStatus}`,
  );

describe('Macie emulator: relationship statuses', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('an organization account added by the delegated administrator is Enabled at once, with Macie enabled for it', async () => {
    // Act
    await h.addOrgMember(ORG_MEMBER);

    // Assess
    expect(await h.statusOf(ORG_MEMBER)).toBe('Enabled');
    expect((await h.client(ORG_MEMBER).send(new GetMacieSessionCommand({}))).status).toBe('ENABLED');
  });

  it('an account outside the organization goes Created → Invited → Enabled once it accepts', async () => {
    // Prepare
    const statuses: (string | undefined)[] = [];
    const admin = h.client();

    // Act
    await admin.send(new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'outsider@example.com' } }));
    statuses.push(await h.statusOf(OUTSIDER));
    h.advanceSeconds(60);
    await admin.send(new CreateInvitationsCommand({ accountIds: [OUTSIDER] }));
    statuses.push(await h.statusOf(OUTSIDER));
    const member = h.client(OUTSIDER);
    await member.send(new EnableMacieCommand({}));
    const { invitations } = await member.send(new ListInvitationsCommand({}));
    await member.send(
      new AcceptInvitationCommand({ administratorAccountId: ADMIN, invitationId: invitations![0]!.invitationId! }),
    );
    statuses.push(await h.statusOf(OUTSIDER));
    const read = await admin.send(new GetMemberCommand({ id: OUTSIDER }));

    // Assess
    expect(statuses).toEqual(['Created', 'Invited', 'Enabled']);
    expect(read).toMatchObject({ email: 'outsider@example.com', invitedAt: new Date('2026-06-12T12:01:00Z') });
  });

  it('DisassociateMember → Removed: listed only with onlyAssociated=false; CreateMember associates it again', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);
    await h.addOrgMember(ORG_MEMBER_2);

    // Act
    await h.client().send(new DisassociateMemberCommand({ id: ORG_MEMBER }));
    const current = await listed(h);
    const all = await listed(h, 'false');
    await h.addOrgMember(ORG_MEMBER);

    // Assess
    expect(current).toEqual([`${ORG_MEMBER_2}:Enabled`]);
    expect(all).toEqual([`${ORG_MEMBER}:Removed`, `${ORG_MEMBER_2}:Enabled`]);
    expect(await h.statusOf(ORG_MEMBER)).toBe('Enabled');
  });

  it('the member’s DisassociateFromAdministratorAccount → Resigned; adding it again starts a new invitation (Created)', async () => {
    // Prepare
    await h.invite(OUTSIDER);

    // Act
    await h.client(OUTSIDER).send(new DisassociateFromAdministratorAccountCommand({}));
    const resigned = await h.statusOf(OUTSIDER);
    await h.client().send(new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'outsider@example.com' } }));

    // Assess
    expect(resigned).toBe('Resigned');
    expect(await h.statusOf(OUTSIDER)).toBe('Created');
  });

  it('UpdateMemberSession PAUSED → Paused, still a current member; DeleteMember removes it from every list', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);

    // Act
    await h.client().send(new UpdateMemberSessionCommand({ id: ORG_MEMBER, status: 'PAUSED' }));
    const paused = await listed(h);
    await h.client().send(new DeleteMemberCommand({ id: ORG_MEMBER }));

    // Assess
    expect(paused).toEqual([`${ORG_MEMBER}:Paused`]);
    expect(await listed(h, 'false')).toEqual([]);
  });

  it('an invited member that suspends its own Macie reads Paused; an organization member may not suspend itself', async () => {
    // Prepare
    await h.invite(OUTSIDER);
    await h.addOrgMember(ORG_MEMBER);

    // Act
    await h.client(OUTSIDER).send(new UpdateMacieSessionCommand({ status: 'PAUSED' }));
    const refused = await h
      .client(ORG_MEMBER)
      .send(new UpdateMacieSessionCommand({ status: 'PAUSED' }))
      .catch((e: Error) => e);
    const resign = await h
      .client(ORG_MEMBER)
      .send(new DisassociateFromAdministratorAccountCommand({}))
      .catch((e: Error) => e);

    // Assess
    expect(await h.statusOf(OUTSIDER)).toBe('Paused');
    expect(refused).toMatchObject({ name: 'AccessDeniedException' });
    expect(resign).toMatchObject({ name: 'AccessDeniedException' });
    expect(await h.statusOf(ORG_MEMBER)).toBe('Enabled');
  });

  it('an administrator with current members can neither suspend nor disable Macie', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);

    // Act
    const pause = await h
      .client()
      .send(new UpdateMacieSessionCommand({ status: 'PAUSED' }))
      .catch((e: Error) => e);
    const disable = await h
      .client()
      .send(new DisableMacieCommand({}))
      .catch((e: Error) => e);

    // Assess
    expect(pause).toMatchObject({ name: 'ConflictException' });
    expect(disable).toMatchObject({ name: 'ConflictException' });
  });

  it('a member has one administrator at a time: another administrator can’t add it', async () => {
    // Prepare
    const other = '666666666666';
    await h.invite(OUTSIDER);
    await h.client(other).send(new EnableMacieCommand({}));

    // Act
    const error = await h
      .client(other)
      .send(new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'o@example.com' } }))
      .catch((e: Error) => e);

    // Assess
    expect(error).toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
  });

  it('each Region has its own members', async () => {
    // Act
    await h.addOrgMember(ORG_MEMBER, 'us-west-2');

    // Assess
    expect(await listed(h, 'false', 'us-west-2')).toEqual([`${ORG_MEMBER}:Enabled`]);
    expect(await listed(h, 'false', HOME)).toEqual([]);
  });
});

describe('Macie emulator: statuses the world sets with no API call', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie();
    await h.addOrgMember(ORG_MEMBER);
    await h.addOrgMember(ORG_MEMBER, 'us-west-2');
    h.delivered.length = 0;
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('disableRegion → RegionDisabled in that Region only, silently; the account’s calls there are refused; enableRegion gives Enabled back', async () => {
    // Act
    h.advanceSeconds(30);
    h.emulator.disableRegion(ORG_MEMBER, HOME);
    const disabled = await h.client().send(new GetMemberCommand({ id: ORG_MEMBER }));
    const elsewhere = await h.statusOf(ORG_MEMBER, 'us-west-2');
    const ownCall = await h
      .client(ORG_MEMBER)
      .send(new GetMacieSessionCommand({}))
      .catch((e: Error) => e);
    const currentMembers = await listed(h);
    h.emulator.enableRegion(ORG_MEMBER, HOME);

    // Assess
    expect(disabled).toMatchObject({
      relationshipStatus: 'RegionDisabled',
      updatedAt: new Date('2026-06-12T12:00:30Z'),
    });
    expect(elsewhere).toBe('Enabled');
    expect(ownCall).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
    expect(currentMembers).toEqual([]);
    expect(await h.statusOf(ORG_MEMBER)).toBe('Enabled');
    expect(h.delivered).toEqual([]);
  });

  it('suspendAccount → AccountSuspended in every Region, silently, over RegionDisabled; reinstateAccount gives back what it hid', async () => {
    // Act
    h.emulator.disableRegion(ORG_MEMBER, 'us-west-2');
    h.emulator.suspendAccount(ORG_MEMBER);
    const suspended = [await h.statusOf(ORG_MEMBER), await h.statusOf(ORG_MEMBER, 'us-west-2')];
    h.emulator.reinstateAccount(ORG_MEMBER);

    // Assess
    expect(suspended).toEqual(['AccountSuspended', 'AccountSuspended']);
    expect([await h.statusOf(ORG_MEMBER), await h.statusOf(ORG_MEMBER, 'us-west-2')]).toEqual([
      'Enabled',
      'RegionDisabled',
    ]);
    expect(h.delivered).toEqual([]);
  });

  it('a member removed while its Region is disabled shows RegionDisabled, then Removed once the Region is back', async () => {
    // Prepare
    h.emulator.disableRegion(ORG_MEMBER, HOME);

    // Act
    await h.client().send(new DisassociateMemberCommand({ id: ORG_MEMBER }));
    const during = await h.statusOf(ORG_MEMBER);
    h.emulator.enableRegion(ORG_MEMBER, HOME);

    // Assess
    expect(during).toBe('RegionDisabled');
    expect(await h.statusOf(ORG_MEMBER)).toBe('Removed');
  });

  it('world changes for Regions the emulator does not serve are refused', () => {
    expect(() => h.emulator.disableRegion(ORG_MEMBER, 'ap-south-2')).toThrow(/does not serve/);
    expect(() => h.emulator.suspendAccount('12')).toThrow(/12 digits/);
  });
});

describe('Macie emulator: invitation emails', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie({ emailVerificationSeconds: 300 });
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('EmailVerificationInProgress until verified, then Invited or EmailVerificationFailed (address under .invalid), timed at the end of the verification', async () => {
    // Prepare
    const bad = '777777777777';
    await h.client().send(new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'outsider@example.com' } }));
    await h.client().send(new CreateMemberCommand({ account: { accountId: bad, email: 'nobody@mail.invalid' } }));

    // Act
    await h.client().send(new CreateInvitationsCommand({ accountIds: [OUTSIDER, bad] }));
    const during = [await h.statusOf(OUTSIDER), await h.statusOf(bad)];
    h.advanceSeconds(600);
    const after = await h.client().send(new GetMemberCommand({ id: OUTSIDER }));

    // Assess
    expect(during).toEqual(['EmailVerificationInProgress', 'EmailVerificationInProgress']);
    expect(after).toMatchObject({ relationshipStatus: 'Invited', updatedAt: new Date('2026-06-12T12:05:00Z') });
    expect(await h.statusOf(bad)).toBe('EmailVerificationFailed');
  });

  it('without an email (disableEmailNotification) there is nothing to verify: Invited at once', async () => {
    // Prepare
    await h.client().send(new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'outsider@example.com' } }));

    // Act
    await h.client().send(new CreateInvitationsCommand({ accountIds: [OUTSIDER], disableEmailNotification: true }));

    // Assess
    expect(await h.statusOf(OUTSIDER)).toBe('Invited');
  });
});
