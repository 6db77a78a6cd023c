import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateCaseCommand,
  CreateMembershipCommand,
  GetCaseCommand,
  GetMembershipCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
  type SecurityIRClient,
} from '../../shared/adapters/security-ir';
import { MANAGEMENT, startSecurityIr, TEAM, type SecurityIrHarness } from './security-ir-harness';

describe('Security IR emulator: tags on memberships and cases', () => {
  let h: SecurityIrHarness;
  let client: SecurityIRClient;
  let membershipArn: string;

  const tagsOf = async (resourceArn: string): Promise<Record<string, string> | undefined> =>
    (await client.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

  beforeEach(async () => {
    h = await startSecurityIr();
    client = h.client();
    const { membershipId } = await client.send(
      new CreateMembershipCommand({
        membershipName: 'tagged',
        incidentResponseTeam: TEAM,
        tags: { owner: 'security', env: 'prod' },
      }),
    );
    membershipArn = (await client.send(new GetMembershipCommand({ membershipId }))).membershipArn!;
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('keeps the tags given to CreateMembership and CreateCase', async () => {
    // Prepare
    const { caseId } = await client.send(
      new CreateCaseCommand({
        resolverType: 'Self',
        title: 'Tagged case',
        description: 'd',
        engagementType: 'Investigation',
        reportedIncidentStartDate: new Date('2026-03-10T00:00:00Z'),
        impactedAccounts: [],
        watchers: [],
        tags: { source: 'orgwarden' },
      }),
    );
    const caseArn = (await client.send(new GetCaseCommand({ caseId }))).caseArn!;

    // Act
    const onMembership = await tagsOf(membershipArn);
    const onCase = await tagsOf(caseArn);

    // Assess
    expect(onMembership).toEqual({ owner: 'security', env: 'prod' });
    expect(onCase).toEqual({ source: 'orgwarden' });
  });

  it('TagResource adds and overwrites (204), UntagResource removes the keys given, unknown keys ignored', async () => {
    // Act
    const tagged = await client.send(
      new TagResourceCommand({ resourceArn: membershipArn, tags: { env: 'staging', 'cost center': '42' } }),
    );
    await client.send(
      new UntagResourceCommand({ resourceArn: membershipArn, tagKeys: ['owner', 'cost center', 'never-there'] }),
    );

    // Assess
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    expect(await tagsOf(membershipArn)).toEqual({ env: 'staging' });
  });

  it('tags a case created without tags', async () => {
    // Prepare
    const { caseId } = await client.send(
      new CreateCaseCommand({
        resolverType: 'AWS',
        title: 'Untagged',
        description: 'd',
        engagementType: 'Security Incident',
        reportedIncidentStartDate: new Date('2026-03-10T00:00:00Z'),
        impactedAccounts: [],
        watchers: [],
      }),
    );
    const caseArn = `arn:aws:security-ir:us-east-1:${MANAGEMENT}:case/${caseId}`;

    // Act
    const before = await tagsOf(caseArn);
    await client.send(new TagResourceCommand({ resourceArn: caseArn, tags: { severity: 'high' } }));

    // Assess
    expect(before).toEqual({});
    expect(await tagsOf(caseArn)).toEqual({ severity: 'high' });
  });

  it('refuses resources that do not exist or are not the caller’s, and the reserved aws: prefix', async () => {
    // Prepare
    const other = '999999999999';

    // Act
    const [missingCase, otherRegion, otherAccount, reserved] = await Promise.all([
      tagsOf(`arn:aws:security-ir:us-east-1:${MANAGEMENT}:case/1000000000`).catch((e: unknown) => e),
      tagsOf(membershipArn.replace('us-east-1', 'eu-west-1')).catch((e: unknown) => e),
      h
        .client(other)
        .send(new ListTagsForResourceCommand({ resourceArn: membershipArn }))
        .catch((e: unknown) => e),
      client
        .send(new TagResourceCommand({ resourceArn: membershipArn, tags: { 'aws:owner': 'me' } }))
        .catch((e: unknown) => e),
    ]);

    // Assess
    expect(missingCase).toBeInstanceOf(ResourceNotFoundException);
    expect(otherRegion).toBeInstanceOf(ResourceNotFoundException);
    expect(otherAccount).toBeInstanceOf(ResourceNotFoundException);
    expect(reserved).toBeInstanceOf(ValidationException);
    expect(reserved).toMatchObject({ fieldList: [{ name: 'tags' }] });
  });
});
