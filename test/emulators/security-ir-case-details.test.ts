import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CloseCaseCommand,
  ConflictException,
  CreateCaseCommand,
  CreateCaseCommentCommand,
  GetCaseAttachmentDownloadUrlCommand,
  GetCaseAttachmentUploadUrlCommand,
  GetCaseCommand,
  ListCaseEditsCommand,
  ListCommentsCommand,
  ListInvestigationsCommand,
  paginateListComments,
  ResourceNotFoundException,
  SendFeedbackCommand,
  UpdateCaseCommand,
  UpdateCaseCommentCommand,
  UpdateCaseStatusCommand,
  UpdateResolverTypeCommand,
  ValidationException,
  type CreateCaseCommandInput,
  type SecurityIRClient,
} from '../../shared/adapters/security-ir';
import { MANAGEMENT, nativeTypes, startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

const caseInput = (resolverType: 'AWS' | 'Self' = 'Self'): CreateCaseCommandInput => ({
  resolverType,
  title: 'Suspicious sign-in',
  description: 'A console sign-in from an unknown address.',
  engagementType: 'Investigation',
  reportedIncidentStartDate: new Date('2026-03-10T08:00:00Z'),
  impactedAccounts: [MANAGEMENT],
  watchers: [{ email: 'sec@example.com' }],
});

describe('Security IR emulator: comments, history, investigations, resolver type, attachments', () => {
  let h: SecurityIrHarness;
  let client: SecurityIRClient;

  beforeEach(async () => {
    h = await startSecurityIr();
    client = h.client();
    await h.createMembership();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('ListComments pages the comments; UpdateCaseComment changes a body and who last changed it', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));
    for (const body of ['first', 'second', 'third']) await client.send(new CreateCaseCommentCommand({ caseId, body }));
    h.setNow(new Date('2026-03-10T13:00:00Z'));

    // Act
    const updated = await client.send(
      new UpdateCaseCommentCommand({ caseId, commentId: '000002', body: 'second, edited' }),
    );
    const bodies: string[] = [];
    for await (const page of paginateListComments({ client, pageSize: 2 }, { caseId }))
      bodies.push(...page.items!.map((c) => c.body!));
    const firstPage = await client.send(new ListCommentsCommand({ caseId, maxResults: 2 }));
    const missing = await client
      .send(new UpdateCaseCommentCommand({ caseId, commentId: '000009', body: 'x' }))
      .catch((e: unknown) => e);

    // Assess
    expect(updated).toMatchObject({ commentId: '000002', body: 'second, edited' });
    expect(bodies).toEqual(['first', 'second, edited', 'third']);
    expect(firstPage.total).toBe(3);
    expect(firstPage.items![1]).toEqual({
      commentId: '000002',
      body: 'second, edited',
      creator: MANAGEMENT,
      lastUpdatedBy: MANAGEMENT,
      createdDate: new Date('2026-03-10T12:00:00Z'),
      lastUpdatedDate: new Date('2026-03-10T13:00:00Z'),
    });
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it('ListCaseEdits tells the history of the case, one entry a change', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));

    // Act
    await client.send(new UpdateCaseCommand({ caseId, title: 'Retitled' }));
    await client.send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Detection and Analysis' }));
    await client.send(new CloseCaseCommand({ caseId }));
    const edits = await client.send(new ListCaseEditsCommand({ caseId }));

    // Assess
    expect(edits.total).toBe(4);
    expect(edits.items!.map((e) => e.action)).toEqual(['CreateCase', 'UpdateCase', 'UpdateCaseStatus', 'CloseCase']);
    expect(edits.items![0]).toMatchObject({ principal: MANAGEMENT, eventTimestamp: new Date('2026-03-10T12:00:00Z') });
    expect(edits.items![2]!.message).toContain('Submitted to Detection and Analysis');
  });

  it('UpdateResolverType: Self to AWS once, never back; the agent investigates, feedback is kept', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));
    const before = await client.send(new ListInvestigationsCommand({ caseId }));

    // Act
    const changed = await client.send(new UpdateResolverTypeCommand({ caseId, resolverType: 'AWS' }));
    const back = await client
      .send(new UpdateResolverTypeCommand({ caseId, resolverType: 'Self' }))
      .catch((e: unknown) => e);
    const [investigation] =
      (await client.send(new ListInvestigationsCommand({ caseId, maxResults: 5 }))).investigationActions ?? [];
    await client.send(
      new SendFeedbackCommand({
        caseId,
        resultId: investigation!.investigationId,
        usefulness: 'USEFUL',
        comment: 'Clear.',
      }),
    );
    const unknown = await client
      .send(new SendFeedbackCommand({ caseId, resultId: 'inv-0000000000', usefulness: 'NOT_USEFUL' }))
      .catch((e: unknown) => e);
    const after = await client.send(new ListInvestigationsCommand({ caseId }));

    // Assess
    expect(before.investigationActions).toEqual([]);
    expect(changed).toMatchObject({ caseId, caseStatus: 'Submitted', resolverType: 'AWS' });
    expect(back).toBeInstanceOf(ValidationException);
    expect(back).toMatchObject({ fieldList: [{ name: 'resolverType' }] });
    expect(investigation).toMatchObject({
      investigationId: expect.stringMatching(/^inv-[a-z0-9]{16}$/) as string,
      actionType: 'Investigation',
      status: 'Completed',
    });
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(after.investigationActions?.[0]?.feedback).toEqual({
      usefulness: 'USEFUL',
      comment: 'Clear.',
      submittedAt: new Date('2026-03-10T12:00:00Z'),
    });
    expect((await client.send(new GetCaseCommand({ caseId }))).resolverType).toBe('AWS');
    expect(nativeTypes(h.delivered)).toEqual(['Membership Created', 'Case Created', 'Case Updated']);
  });

  it('an AWS-supported case is investigated from its creation', async () => {
    // Act
    const { caseId } = await client.send(new CreateCaseCommand(caseInput('AWS')));
    const listed = await client.send(new ListInvestigationsCommand({ caseId }));

    // Assess
    expect(listed.investigationActions).toHaveLength(1);
  });

  it('attachments: an upload URL registers the file, GetCase lists it, a download URL is given for it only', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));

    // Act
    const upload = await client.send(
      new GetCaseAttachmentUploadUrlCommand({
        caseId,
        fileName: 'trail.json',
        contentLength: 1024,
        clientToken: 'upload-1',
      }),
    );
    const again = await client.send(
      new GetCaseAttachmentUploadUrlCommand({
        caseId,
        fileName: 'trail.json',
        contentLength: 1024,
        clientToken: 'upload-1',
      }),
    );
    const { caseAttachments } = await client.send(new GetCaseCommand({ caseId }));
    const download = await client.send(
      new GetCaseAttachmentDownloadUrlCommand({ caseId, attachmentId: caseAttachments![0]!.attachmentId }),
    );
    const missing = await client
      .send(new GetCaseAttachmentDownloadUrlCommand({ caseId, attachmentId: '00000000-0000-4000-8000-000000000000' }))
      .catch((e: unknown) => e);

    // Assess
    expect(upload.$metadata.httpStatusCode).toBe(201);
    expect(upload.attachmentPresignedUrl).toMatch(/^https:\/\/.+\.amazonaws\.com\//);
    expect(again.attachmentPresignedUrl).toBe(upload.attachmentPresignedUrl);
    expect(caseAttachments).toEqual([
      {
        attachmentId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
        fileName: 'trail.json',
        attachmentStatus: 'Verified',
        creator: MANAGEMENT,
        createdDate: new Date('2026-03-10T12:00:00Z'),
      },
    ]);
    expect(download.attachmentPresignedUrl).toContain(caseAttachments![0]!.attachmentId!);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it('a closed case refuses comment edits, resolver changes and uploads, and still reads', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));
    await client.send(new CreateCaseCommentCommand({ caseId, body: 'before closing' }));
    await client.send(new CloseCaseCommand({ caseId }));

    // Act
    const refused = await Promise.all([
      client
        .send(new UpdateCaseCommentCommand({ caseId, commentId: '000001', body: 'after' }))
        .catch((e: unknown) => e),
      client.send(new UpdateResolverTypeCommand({ caseId, resolverType: 'AWS' })).catch((e: unknown) => e),
      client
        .send(new GetCaseAttachmentUploadUrlCommand({ caseId, fileName: 'late.txt', contentLength: 1 }))
        .catch((e: unknown) => e),
    ]);
    const comments = await client.send(new ListCommentsCommand({ caseId }));

    // Assess
    for (const error of refused) expect(error).toBeInstanceOf(ConflictException);
    expect(comments.items!.map((c) => c.body)).toEqual(['before closing']);
  });
});
