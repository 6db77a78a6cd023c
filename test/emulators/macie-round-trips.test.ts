import {
  AcceptInvitationCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DeleteMemberCommand,
  DisableMacieCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMemberCommand,
  EnableMacieCommand,
  EnableOrganizationAdminAccountCommand,
  GetAdministratorAccountCommand,
  GetInvitationsCountCommand,
  GetMacieSessionCommand,
  GetMasterAccountCommand,
  GetMemberCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  ListOrganizationAdminAccountsCommand,
  ListTagsForResourceCommand,
  paginateListMembers,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMacieSessionCommand,
  UpdateMemberSessionCommand,
} from '@aws-sdk/client-macie2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, HOME, MANAGEMENT, ORG_MEMBER, OUTSIDER, startMacie, type MacieHarness } from './macie-harness';

describe('Macie emulator: round trips through @aws-sdk/client-macie2', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('EnableMacie, GetMacieSession, UpdateMacieSession and DisableMacie manage the caller’s session', async () => {
    // Prepare
    const client = h.client(OUTSIDER);

    // Act
    await client.send(new EnableMacieCommand({ findingPublishingFrequency: 'ONE_HOUR' }));
    const enabled = await client.send(new GetMacieSessionCommand({}));
    h.advanceSeconds(60);
    await client.send(
      new UpdateMacieSessionCommand({ status: 'PAUSED', findingPublishingFrequency: 'FIFTEEN_MINUTES' }),
    );
    const paused = await client.send(new GetMacieSessionCommand({}));
    await client.send(new DisableMacieCommand({}));
    const afterDisable = await client.send(new GetMacieSessionCommand({})).catch((e: Error) => e);

    // Assess
    expect(enabled).toMatchObject({
      status: 'ENABLED',
      findingPublishingFrequency: 'ONE_HOUR',
      createdAt: new Date('2026-06-12T12:00:00Z'),
      serviceRole: `arn:aws:iam::${OUTSIDER}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
    });
    expect(paused).toMatchObject({
      status: 'PAUSED',
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      updatedAt: new Date('2026-06-12T12:01:00Z'),
    });
    expect(afterDisable).toMatchObject({
      name: 'AccessDeniedException',
      message: 'Macie is not enabled.',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('a session enabled without settings is ENABLED, SIX_HOURS; a second EnableMacie is a conflict', async () => {
    // Prepare
    const client = h.client(OUTSIDER);
    await client.send(new EnableMacieCommand({}));

    // Act
    const session = await client.send(new GetMacieSessionCommand({}));
    const again = await client.send(new EnableMacieCommand({})).catch((e: Error) => e);

    // Assess
    expect(session).toMatchObject({ status: 'ENABLED', findingPublishingFrequency: 'SIX_HOURS' });
    expect(again).toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
  });

  it('EnableMacie with the same clientToken answers the first answer again', async () => {
    // Prepare
    const client = h.client(OUTSIDER);
    await client.send(new EnableMacieCommand({ clientToken: 'token-1' }));

    // Act
    const replay = await client.send(new EnableMacieCommand({ clientToken: 'token-1' }));
    const clash = await client
      .send(new EnableMacieCommand({ clientToken: 'token-1', status: 'PAUSED' }))
      .catch((e: Error) => e);

    // Assess
    expect(replay.$metadata.httpStatusCode).toBe(200);
    expect(clash).toMatchObject({ name: 'ConflictException' });
  });

  it('the administrator option designates the delegated administrator in every Region; the management account reads it', async () => {
    // Act
    const listed = await h.client(MANAGEMENT, 'eu-west-1').send(new ListOrganizationAdminAccountsCommand({}));
    const adminSession = await h.client(ADMIN, 'eu-west-1').send(new GetMacieSessionCommand({}));

    // Assess
    expect(listed.adminAccounts).toEqual([{ accountId: ADMIN, status: 'ENABLED' }]);
    expect(adminSession.status).toBe('ENABLED');
  });

  it('EnableOrganizationAdminAccount designates an organization account, enables Macie for it; only the management account may call it', async () => {
    // Prepare
    const fresh = await startMacie({ administratorAccountId: undefined });
    try {
      // Act
      const refused = await fresh
        .client(ORG_MEMBER)
        .send(new EnableOrganizationAdminAccountCommand({ adminAccountId: ADMIN }))
        .catch((e: Error) => e);
      await fresh.client(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ adminAccountId: ADMIN }));
      const again = await fresh
        .client(MANAGEMENT)
        .send(new EnableOrganizationAdminAccountCommand({ adminAccountId: ADMIN }));
      const other = await fresh
        .client(MANAGEMENT)
        .send(new EnableOrganizationAdminAccountCommand({ adminAccountId: ORG_MEMBER }))
        .catch((e: Error) => e);
      const outsider = await fresh
        .client(MANAGEMENT)
        .send(new EnableOrganizationAdminAccountCommand({ adminAccountId: OUTSIDER }))
        .catch((e: Error) => e);
      const listed = await fresh.client(MANAGEMENT).send(new ListOrganizationAdminAccountsCommand({}));
      const elsewhere = await fresh.client(MANAGEMENT, 'us-west-2').send(new ListOrganizationAdminAccountsCommand({}));
      const session = await fresh.client(ADMIN).send(new GetMacieSessionCommand({}));

      // Assess
      expect(refused).toMatchObject({ name: 'AccessDeniedException' });
      expect(again.$metadata.httpStatusCode).toBe(200);
      expect(other).toMatchObject({ name: 'ConflictException' });
      expect(outsider).toMatchObject({ name: 'ValidationException' });
      expect(listed.adminAccounts).toEqual([{ accountId: ADMIN, status: 'ENABLED' }]);
      expect(elsewhere.adminAccounts).toEqual([]);
      expect(session.status).toBe('ENABLED');
      expect(fresh.emulator.responseViolations).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });

  it('CreateMember, GetMember and ListMembers round-trip an organization member with tags', async () => {
    // Act
    const created = await h.client().send(
      new CreateMemberCommand({
        account: { accountId: ORG_MEMBER, email: 'member@example.com' },
        tags: { team: 'security' },
      }),
    );
    const member = await h.client().send(new GetMemberCommand({ id: ORG_MEMBER }));
    const listed = await h.client().send(new ListMembersCommand({}));

    // Assess
    const arn = `arn:aws:macie2:${HOME}:${ADMIN}:member/${ORG_MEMBER}`;
    expect(created.arn).toBe(arn);
    expect(member).toMatchObject({
      accountId: ORG_MEMBER,
      administratorAccountId: ADMIN,
      masterAccountId: ADMIN,
      arn,
      relationshipStatus: 'Enabled',
      tags: { team: 'security' },
      updatedAt: new Date('2026-06-12T12:00:00Z'),
    });
    // Organization members carry no email and were never invited (model documentation).
    expect(member.email).toBeUndefined();
    expect(member.invitedAt).toBeUndefined();
    expect(listed.members?.map((m) => m.accountId)).toEqual([ORG_MEMBER]);
  });

  it('ListMembers pages through every member with the paginator, 25 at most per page', async () => {
    // Prepare
    const outsiders = Array.from({ length: 30 }, (_, i) => String(500000000000 + i));
    for (const accountId of outsiders)
      await h.client().send(new CreateMemberCommand({ account: { accountId, email: `${accountId}@example.com` } }));
    const pages: number[] = [];

    // Act
    const all: string[] = [];
    for await (const page of paginateListMembers({ client: h.client(), pageSize: 7 }, { onlyAssociated: 'false' })) {
      pages.push(page.members?.length ?? 0);
      all.push(...(page.members ?? []).map((m) => m.accountId!));
    }
    const firstDefault = await h.client().send(new ListMembersCommand({ onlyAssociated: 'false' }));
    const associated = await h.client().send(new ListMembersCommand({}));

    // Assess
    expect(all).toEqual(outsiders);
    expect(pages).toEqual([7, 7, 7, 7, 2]);
    expect(firstDefault.members).toHaveLength(25);
    expect(firstDefault.nextToken).toBeDefined();
    expect(associated.members).toEqual([]);
  });

  it('the invitation flow: CreateInvitations, ListInvitations, GetInvitationsCount, AcceptInvitation, GetAdministratorAccount, GetMasterAccount', async () => {
    // Prepare
    await h.client().send(new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'outsider@example.com' } }));
    const member = h.client(OUTSIDER);
    await member.send(new EnableMacieCommand({}));

    // Act
    const sent = await h
      .client()
      .send(new CreateInvitationsCommand({ accountIds: [OUTSIDER, '555555555555'], message: 'Join us' }));
    const count = await member.send(new GetInvitationsCountCommand({}));
    const { invitations } = await member.send(new ListInvitationsCommand({}));
    await member.send(
      new AcceptInvitationCommand({ administratorAccountId: ADMIN, invitationId: invitations![0]!.invitationId! }),
    );
    const administrator = await member.send(new GetAdministratorAccountCommand({}));
    const master = await member.send(new GetMasterAccountCommand({}));
    const after = await member.send(new GetInvitationsCountCommand({}));

    // Assess
    expect(sent.unprocessedAccounts).toEqual([
      { accountId: '555555555555', errorCode: 'ClientError', errorMessage: expect.any(String) },
    ]);
    expect(count.invitationsCount).toBe(1);
    expect(invitations).toEqual([
      {
        accountId: ADMIN,
        invitationId: expect.stringMatching(/^[0-9a-f]{32}$/),
        invitedAt: new Date('2026-06-12T12:00:00Z'),
        relationshipStatus: 'Invited',
      },
    ]);
    expect(administrator.administrator).toEqual({
      accountId: ADMIN,
      invitationId: invitations![0]!.invitationId,
      invitedAt: new Date('2026-06-12T12:00:00Z'),
      relationshipStatus: 'Enabled',
    });
    expect(master.master).toEqual(administrator.administrator);
    expect(after.invitationsCount).toBe(0);
    expect(await h.statusOf(OUTSIDER)).toBe('Enabled');
  });

  it('DeclineInvitations and DeleteInvitations remove received invitations; unknown senders come back unprocessed', async () => {
    // Prepare
    await h.client().send(new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'outsider@example.com' } }));
    await h.client().send(new CreateInvitationsCommand({ accountIds: [OUTSIDER] }));
    const member = h.client(OUTSIDER);

    // Act
    const declined = await member.send(new DeclineInvitationsCommand({ accountIds: [ADMIN, '555555555555'] }));
    const deleted = await member.send(new DeleteInvitationsCommand({ accountIds: [ADMIN] }));
    const count = await member.send(new GetInvitationsCountCommand({}));

    // Assess
    expect(declined.unprocessedAccounts?.map((u) => u.accountId)).toEqual(['555555555555']);
    expect(deleted.unprocessedAccounts?.map((u) => u.accountId)).toEqual([ADMIN]);
    expect(count.invitationsCount).toBe(0);
  });

  it('DisassociateMember, UpdateMemberSession and DeleteMember act on the administrator’s members', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);

    // Act
    await h.client().send(new UpdateMemberSessionCommand({ id: ORG_MEMBER, status: 'PAUSED' }));
    const paused = await h.statusOf(ORG_MEMBER);
    const memberSession = await h.client(ORG_MEMBER).send(new GetMacieSessionCommand({}));
    await h.client().send(new UpdateMemberSessionCommand({ id: ORG_MEMBER, status: 'ENABLED' }));
    const resumed = await h.statusOf(ORG_MEMBER);
    await h.client().send(new DisassociateMemberCommand({ id: ORG_MEMBER }));
    const removed = await h.statusOf(ORG_MEMBER);
    await h.client().send(new DeleteMemberCommand({ id: ORG_MEMBER }));
    const gone = await h
      .client()
      .send(new GetMemberCommand({ id: ORG_MEMBER }))
      .catch((e: Error) => e);

    // Assess
    expect([paused, memberSession.status, resumed, removed]).toEqual(['Paused', 'PAUSED', 'Enabled', 'Removed']);
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('DisassociateFromAdministratorAccount and DisassociateFromMasterAccount let an invited member resign', async () => {
    // Prepare
    await h.invite(OUTSIDER);
    await h.invite(OUTSIDER, 'us-west-2');

    // Act
    await h.client(OUTSIDER).send(new DisassociateFromAdministratorAccountCommand({}));
    await h.client(OUTSIDER, 'us-west-2').send(new DisassociateFromMasterAccountCommand({}));
    const administrator = await h.client(OUTSIDER).send(new GetAdministratorAccountCommand({}));

    // Assess
    expect(await h.statusOf(OUTSIDER)).toBe('Resigned');
    expect(await h.statusOf(OUTSIDER, 'us-west-2')).toBe('Resigned');
    expect(administrator.administrator).toBeUndefined();
  });

  it('TagResource, UntagResource and ListTagsForResource work on a member ARN', async () => {
    // Prepare
    const { arn } = await h
      .client()
      .send(
        new CreateMemberCommand({ account: { accountId: OUTSIDER, email: 'outsider@example.com' }, tags: { a: '1' } }),
      );

    // Act
    const tagged = await h.client().send(new TagResourceCommand({ resourceArn: arn, tags: { b: '2', c: '3' } }));
    await h.client().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'c'] }));
    const { tags } = await h.client().send(new ListTagsForResourceCommand({ resourceArn: arn }));
    await h.client(OUTSIDER).send(new EnableMacieCommand({}));
    const foreign = await h
      .client(OUTSIDER)
      .send(new ListTagsForResourceCommand({ resourceArn: arn }))
      .catch((e: Error) => e);

    // Assess
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    expect(tags).toEqual({ b: '2' });
    expect(foreign).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
