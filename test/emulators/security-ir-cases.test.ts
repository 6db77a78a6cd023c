import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CloseCaseCommand,
  ConflictException,
  CreateCaseCommand,
  CreateCaseCommentCommand,
  CreateMembershipCommand,
  GetCaseCommand,
  ListCasesCommand,
  ResourceNotFoundException,
  SecurityIncidentResponseNotActiveException,
  UpdateCaseCommand,
  UpdateCaseStatusCommand,
  ValidationException,
  type CreateCaseCommandInput,
  type SecurityIRClient,
} from '../../shared/adapters/security-ir';
import { MANAGEMENT, nativeTypes, startSecurityIr, TEAM, type SecurityIrHarness } from './security-ir-harness';

const caseInput = (overrides: Partial<CreateCaseCommandInput> = {}): CreateCaseCommandInput => ({
  resolverType: 'Self',
  title: 'Membership cancelled outside change control',
  description: 'orgwarden saw the Security IR membership cancelled.',
  engagementType: 'Security Incident',
  reportedIncidentStartDate: new Date('2026-03-10T11:00:00Z'),
  impactedAccounts: [MANAGEMENT],
  watchers: [{ email: 'sec@example.com' }],
  ...overrides,
});

describe('Security IR emulator: cases', () => {
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

  it('CreateCase is idempotent on clientToken: the same token and input give the same case, once', async () => {
    // Prepare
    const input = caseInput({ clientToken: 'orgwarden:membership:m-1:v3:open-case' });

    // Act
    const first = await client.send(new CreateCaseCommand(input));
    const again = await client.send(new CreateCaseCommand(input));
    const listed = await client.send(new ListCasesCommand({}));

    // Assess
    expect(again.caseId).toBe(first.caseId);
    expect(listed.total).toBe(1);
    expect(nativeTypes(h.delivered).filter((t) => t === 'Case Created')).toHaveLength(1);
  });

  it('the same clientToken with a different input is a ConflictException', async () => {
    // Prepare
    const token = 'orgwarden:token-1';
    await client.send(new CreateCaseCommand(caseInput({ clientToken: token })));

    // Act
    const error = await client
      .send(new CreateCaseCommand(caseInput({ clientToken: token, title: 'Another case' })))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toMatchObject({ resourceId: token, resourceType: 'clientToken', $metadata: { httpStatusCode: 409 } });
    expect((await client.send(new ListCasesCommand({}))).total).toBe(1);
  });

  it('without a clientToken the client generates one: two calls open two cases', async () => {
    // Act
    const first = await client.send(new CreateCaseCommand(caseInput()));
    const second = await client.send(new CreateCaseCommand(caseInput()));

    // Assess
    expect(second.caseId).not.toBe(first.caseId);
  });

  it('CreateCaseComment is idempotent on clientToken', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));

    // Act
    const first = await client.send(
      new CreateCaseCommentCommand({ caseId, body: 'Restored by orgwarden.', clientToken: 'c-1' }),
    );
    const again = await client.send(
      new CreateCaseCommentCommand({ caseId, body: 'Restored by orgwarden.', clientToken: 'c-1' }),
    );
    const other = await client.send(new CreateCaseCommentCommand({ caseId, body: 'Second.', clientToken: 'c-2' }));

    // Assess
    expect(again.commentId).toBe(first.commentId);
    expect(other.commentId).not.toBe(first.commentId);
    expect(nativeTypes(h.delivered).filter((t) => t === 'Case Comment Added')).toHaveLength(2);
  });

  it('follows the self-managed status transitions and refuses others, naming caseStatus', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));

    // Act
    await client.send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Detection and Analysis' }));
    await client.send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Containment, Eradication and Recovery' }));
    const backwards = await client
      .send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Submitted' }))
      .catch((e: unknown) => e);

    // Assess
    expect((await client.send(new GetCaseCommand({ caseId }))).caseStatus).toBe(
      'Containment, Eradication and Recovery',
    );
    expect(backwards).toBeInstanceOf(ValidationException);
    expect(backwards).toMatchObject({ fieldList: [{ name: 'caseStatus' }] });
  });

  it('an AWS-supported case changes status only through AWS; CloseCase still closes it', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput({ resolverType: 'AWS' })));

    // Act
    const status = await client
      .send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Detection and Analysis' }))
      .catch((e: unknown) => e);
    const closed = await client.send(new CloseCaseCommand({ caseId }));

    // Assess
    expect(status).toBeInstanceOf(ValidationException);
    expect(closed.caseStatus).toBe('Closed');
  });

  it('a closed case takes no more changes or comments', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));
    await client.send(new CloseCaseCommand({ caseId }));

    // Act
    const errors = await Promise.all([
      client.send(new CloseCaseCommand({ caseId })).catch((e: unknown) => e),
      client.send(new UpdateCaseCommand({ caseId, title: 'late' })).catch((e: unknown) => e),
      client.send(new CreateCaseCommentCommand({ caseId, body: 'late' })).catch((e: unknown) => e),
    ]);

    // Assess
    for (const error of errors) expect(error).toBeInstanceOf(ConflictException);
  });

  it('delivers Case Created, Updated, Comment Added and Closed with the case ARN and the caller', async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));
    const arn = `arn:aws:security-ir:us-east-1:${MANAGEMENT}:case/${caseId}`;

    // Act
    await client.send(new UpdateCaseCommand({ caseId, description: 'More detail.' }));
    await client.send(new CreateCaseCommentCommand({ caseId, body: 'Note.' }));
    await client.send(new CloseCaseCommand({ caseId }));

    // Assess
    const native = h.delivered.filter((e) => e['detail-type'].startsWith('Case'));
    expect(native.map((e) => [e['detail-type'], e.detail])).toEqual([
      ['Case Created', { caseId, createdBy: MANAGEMENT }],
      ['Case Updated', { caseId, updatedBy: MANAGEMENT }],
      ['Case Comment Added', { caseId, createdBy: MANAGEMENT }],
      ['Case Closed', { caseId }],
    ]);
    for (const event of native)
      expect(event).toMatchObject({
        source: 'aws.security-ir',
        account: MANAGEMENT,
        region: 'us-east-1',
        resources: [arn],
      });
  });

  it("another account sees none of the membership account's cases; an account without membership none at all", async () => {
    // Prepare
    const { caseId } = await client.send(new CreateCaseCommand(caseInput()));
    const standalone = '999999999999';
    await h
      .client(standalone)
      .send(new CreateMembershipCommand({ membershipName: 'solo', incidentResponseTeam: TEAM }));

    // Act
    const fromStandalone = await h
      .client(standalone)
      .send(new GetCaseCommand({ caseId }))
      .catch((e: unknown) => e);
    const withoutMembership = await h
      .client('888888888888')
      .send(new ListCasesCommand({}))
      .catch((e: unknown) => e);

    // Assess
    expect(fromStandalone).toBeInstanceOf(ResourceNotFoundException);
    expect(withoutMembership).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
  });
});
