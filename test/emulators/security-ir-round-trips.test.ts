import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BatchGetMemberAccountDetailsCommand,
  CancelMembershipCommand,
  CloseCaseCommand,
  CreateCaseCommand,
  CreateCaseCommentCommand,
  GetCaseCommand,
  GetMembershipCommand,
  ListCasesCommand,
  ListMembershipsCommand,
  paginateListCases,
  UpdateCaseCommand,
  UpdateCaseStatusCommand,
  UpdateMembershipCommand,
  type SecurityIRClient,
} from '../../shared/adapters/security-ir';
import * as sdk from '../../shared/adapters/security-ir';
import { model } from '../security-ir/support/model';
import { MANAGEMENT, startSecurityIr, TEAM, type SecurityIrHarness } from './security-ir-harness';

const caseInput = (title: string, resolverType: 'AWS' | 'Self' = 'Self') => ({
  resolverType,
  title,
  description: 'Seen by orgwarden.',
  engagementType: 'Investigation' as const,
  reportedIncidentStartDate: new Date('2026-03-09T08:00:00Z'),
  impactedAccounts: [MANAGEMENT],
  watchers: [{ email: 'sec@example.com', name: 'Sec Team' }],
  impactedAwsRegions: [{ region: 'us-east-1' as const }],
});

describe('Security IR emulator: every operation through the real client over HTTP', () => {
  let h: SecurityIrHarness;
  let client: SecurityIRClient;

  beforeEach(async () => {
    h = await startSecurityIr();
    client = h.client();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('CreateMembership, GetMembership, ListMemberships', async () => {
    // Prepare
    const membershipId = await h.createMembership({ coverEntireOrganization: true });

    // Act
    const got = await client.send(new GetMembershipCommand({ membershipId }));
    const listed = await client.send(new ListMembershipsCommand({}));

    // Assess
    expect(membershipId).toMatch(/^m-[a-z0-9]{10,32}$/);
    expect(got).toMatchObject({
      membershipId,
      accountId: MANAGEMENT,
      region: 'us-east-1',
      membershipName: 'orgwarden',
      membershipArn: `arn:aws:security-ir:us-east-1:${MANAGEMENT}:membership/${membershipId}`,
      membershipStatus: 'Active',
      membershipActivationTimestamp: new Date('2026-03-10T12:00:00Z'),
      customerType: 'Organization',
      numberOfAccountsCovered: 1,
      incidentResponseTeam: TEAM,
      membershipAccountsConfigurations: { coverEntireOrganization: true, organizationalUnits: [] },
    });
    expect(got.$metadata.httpStatusCode).toBe(200);
    expect(listed.items).toEqual([
      {
        membershipId,
        accountId: MANAGEMENT,
        region: 'us-east-1',
        membershipArn: got.membershipArn,
        membershipStatus: 'Active',
      },
    ]);
  });

  it('UpdateMembership changes what GetMembership reads', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    const ou = await h.createOu('Security');

    // Act
    await client.send(
      new UpdateMembershipCommand({
        membershipId,
        membershipName: 'renamed',
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [ou] },
      }),
    );
    const got = await client.send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(got).toMatchObject({
      membershipName: 'renamed',
      membershipAccountsConfigurations: { coverEntireOrganization: false, organizationalUnits: [ou] },
    });
  });

  it('CancelMembership answers the id and the membership reads Cancelled', async () => {
    // Prepare
    const membershipId = await h.createMembership();

    // Act
    const out = await client.send(new CancelMembershipCommand({ membershipId }));
    const got = await client.send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(out.membershipId).toBe(membershipId);
    expect(got.membershipStatus).toBe('Cancelled');
    // The end of the March billing cycle (March 29, through the day): see security-ir-cancellation.test.ts.
    expect(got.membershipDeactivationTimestamp).toEqual(new Date('2026-03-30T00:00:00Z'));
  });

  it('BatchGetMemberAccountDetails answers one item per account', async () => {
    // Prepare
    const membershipId = await h.createMembership({ coverEntireOrganization: true });

    // Act
    const out = await client.send(
      new BatchGetMemberAccountDetailsCommand({ membershipId, accountIds: [MANAGEMENT, '999999999999'] }),
    );

    // Assess
    expect(out.items).toEqual([
      { accountId: MANAGEMENT, relationshipStatus: 'Associated', relationshipType: 'Organization' },
      { accountId: '999999999999', relationshipStatus: 'Unassociated', relationshipType: 'Unrelated' },
    ]);
    expect(out.errors).toEqual([]);
  });

  it('CreateCase (201), GetCase, ListCases with its paginator', async () => {
    // Prepare
    await h.createMembership();

    // Act
    const created = await client.send(new CreateCaseCommand(caseInput('first')));
    await client.send(new CreateCaseCommand(caseInput('second')));
    const got = await client.send(new GetCaseCommand({ caseId: created.caseId }));
    const firstPage = await client.send(new ListCasesCommand({ maxResults: 1 }));
    const titles: string[] = [];
    for await (const page of paginateListCases({ client, pageSize: 1 }, {}))
      titles.push(...(page.items ?? []).map((i) => i.title!));

    // Assess
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.caseId).toMatch(/^\d{10}$/);
    expect(got).toMatchObject({
      title: 'first',
      caseArn: `arn:aws:security-ir:us-east-1:${MANAGEMENT}:case/${created.caseId}`,
      caseStatus: 'Submitted',
      resolverType: 'Self',
      reportedIncidentStartDate: new Date('2026-03-09T08:00:00Z'),
      impactedAccounts: [MANAGEMENT],
      createdDate: new Date('2026-03-10T12:00:00Z'),
    });
    expect(firstPage).toMatchObject({ total: 2, items: [{ caseId: created.caseId, title: 'first' }] });
    expect(firstPage.nextToken).toBeTruthy();
    expect(titles).toEqual(['first', 'second']);
  });

  it('UpdateCase adds and deletes list members', async () => {
    // Prepare
    await h.createMembership();
    const { caseId } = await client.send(new CreateCaseCommand(caseInput('case')));

    // Act
    await client.send(
      new UpdateCaseCommand({
        caseId,
        title: 'retitled',
        impactedAccountsToAdd: ['222222222222'],
        impactedAccountsToDelete: [MANAGEMENT],
        watchersToAdd: [{ email: 'ciso@example.com' }],
        actualIncidentStartDate: new Date('2026-03-08T00:00:00Z'),
      }),
    );
    const got = await client.send(new GetCaseCommand({ caseId }));

    // Assess
    expect(got).toMatchObject({
      title: 'retitled',
      impactedAccounts: ['222222222222'],
      watchers: [{ email: 'sec@example.com', name: 'Sec Team' }, { email: 'ciso@example.com' }],
      actualIncidentStartDate: new Date('2026-03-08T00:00:00Z'),
    });
  });

  it('UpdateCaseStatus (201), CreateCaseComment (201), CloseCase', async () => {
    // Prepare
    await h.createMembership();
    const { caseId } = await client.send(new CreateCaseCommand(caseInput('flow')));

    // Act
    const status = await client.send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Detection and Analysis' }));
    const comment = await client.send(new CreateCaseCommentCommand({ caseId, body: 'Looking into it.' }));
    const second = await client.send(new CreateCaseCommentCommand({ caseId, body: 'Contained.' }));
    const closed = await client.send(new CloseCaseCommand({ caseId }));
    const got = await client.send(new GetCaseCommand({ caseId }));

    // Assess
    expect(status).toMatchObject({ caseStatus: 'Detection and Analysis', $metadata: { httpStatusCode: 201 } });
    expect(comment).toMatchObject({ commentId: '000001', $metadata: { httpStatusCode: 201 } });
    expect(second.commentId).toBe('000002');
    expect(closed).toMatchObject({ caseStatus: 'Closed', closedDate: new Date('2026-03-10T12:00:00Z') });
    expect(got).toMatchObject({ caseStatus: 'Closed', closedDate: new Date('2026-03-10T12:00:00Z') });
  });

  it('answers every operation of the model with success, through the real client', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    const membershipArn = `arn:aws:security-ir:us-east-1:${MANAGEMENT}:membership/${membershipId}`;
    const { caseId } = await client.send(new CreateCaseCommand(caseInput('all operations', 'AWS')));
    const caseArn = `arn:aws:security-ir:us-east-1:${MANAGEMENT}:case/${caseId}`;

    // Act
    await client.send(new GetMembershipCommand({ membershipId }));
    await client.send(new ListMembershipsCommand({}));
    await client.send(new UpdateMembershipCommand({ membershipId, membershipName: 'renamed' }));
    await client.send(new BatchGetMemberAccountDetailsCommand({ membershipId, accountIds: [MANAGEMENT] }));
    await client.send(new GetCaseCommand({ caseId }));
    await client.send(new ListCasesCommand({}));
    await client.send(new UpdateCaseCommand({ caseId, title: 'retitled' }));
    await client.send(new sdk.CreateCaseCommentCommand({ caseId, body: 'a comment' }));
    await client.send(new sdk.ListCommentsCommand({ caseId }));
    await client.send(new sdk.UpdateCaseCommentCommand({ caseId, commentId: '000001', body: 'an edited comment' }));
    await client.send(new sdk.ListCaseEditsCommand({ caseId }));
    const { investigationActions } = await client.send(new sdk.ListInvestigationsCommand({ caseId }));
    await client.send(
      new sdk.SendFeedbackCommand({
        caseId,
        resultId: investigationActions?.[0]?.investigationId,
        usefulness: 'USEFUL',
      }),
    );
    await client.send(new sdk.UpdateResolverTypeCommand({ caseId, resolverType: 'AWS' }));
    await client.send(new sdk.GetCaseAttachmentUploadUrlCommand({ caseId, fileName: 'notes.txt', contentLength: 10 }));
    const attachmentId = (await client.send(new GetCaseCommand({ caseId }))).caseAttachments![0]!.attachmentId;
    await client.send(new sdk.GetCaseAttachmentDownloadUrlCommand({ caseId, attachmentId }));
    await client.send(new sdk.TagResourceCommand({ resourceArn: caseArn, tags: { a: 'b' } }));
    await client.send(new sdk.UntagResourceCommand({ resourceArn: caseArn, tagKeys: ['a'] }));
    await client.send(new sdk.ListTagsForResourceCommand({ resourceArn: membershipArn }));
    await client.send(
      new UpdateCaseStatusCommand({
        caseId: (await client.send(new CreateCaseCommand(caseInput('self')))).caseId,
        caseStatus: 'Detection and Analysis',
      }),
    );
    await client.send(new CloseCaseCommand({ caseId }));
    await client.send(new CancelMembershipCommand({ membershipId }));

    // Assess
    const answered = new Set(h.emulator.calls.filter((c) => !c.error).map((c) => c.operation));
    expect([...answered].sort()).toEqual(Object.keys(model.operations).sort());
    expect(answered.size).toBe(24);
  });
});
