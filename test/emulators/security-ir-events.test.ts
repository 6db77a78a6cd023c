import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CancelMembershipCommand,
  CreateCaseCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  ListCasesCommand,
  UpdateMembershipCommand,
} from '../../shared/adapters/security-ir';
import { matchesPattern } from '../../shared/local/event-pattern/matcher';
import { MANAGEMENT, startSecurityIr, TEAM, type SecurityIrHarness } from './security-ir-harness';

const TRAIL = 'AWS API Call via CloudTrail';

describe('Security IR emulator: CloudTrail records of its API and the documented patterns', () => {
  let h: SecurityIrHarness;

  beforeEach(async () => {
    h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'), { region: 'eu-west-1' });
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('records a mutating call in the region of the endpoint, sensitive members as ***', async () => {
    // Act
    const membershipId = await h.createMembership();

    // Assess
    const [trail] = h.delivered.filter((e) => e['detail-type'] === TRAIL);
    expect(trail).toMatchObject({
      source: 'aws.security-ir',
      account: MANAGEMENT,
      region: 'eu-west-1',
      time: '2026-03-10T12:00:00Z',
      detail: {
        eventVersion: '1.09',
        eventSource: 'security-ir.amazonaws.com',
        eventName: 'CreateMembership',
        awsRegion: 'eu-west-1',
        eventType: 'AwsApiCall',
        readOnly: false,
        recipientAccountId: MANAGEMENT,
        userIdentity: { accountId: MANAGEMENT, accessKeyId: `SCENARIO${MANAGEMENT}` },
        requestParameters: {
          membershipName: '***',
          incidentResponseTeam: [
            { name: '***', jobTitle: '***', email: '***' },
            { name: '***', jobTitle: '***', email: '***' },
          ],
        },
        responseElements: { membershipId },
      },
    });
    expect((trail!.detail.requestParameters as Record<string, unknown>).clientToken).toEqual(expect.any(String));
  });

  it('records CreateCase as the user guide example shows it: epoch-second dates, the case resource type', async () => {
    // Prepare
    await h.createMembership();

    // Act
    const { caseId } = await h.client().send(
      new CreateCaseCommand({
        resolverType: 'Self',
        title: 'secret title',
        description: 'secret description',
        engagementType: 'Investigation',
        reportedIncidentStartDate: new Date('2024-03-27T15:32:01Z'),
        impactedAccounts: [],
        watchers: [{ email: 'sec@example.com' }],
        threatActorIpAddresses: [{ ipAddress: '198.51.100.7', userAgent: 'browser' }],
      }),
    );

    // Assess
    const trail = h.delivered.filter((e) => e['detail-type'] === TRAIL).at(-1)!;
    expect(trail.detail).toMatchObject({
      eventName: 'CreateCase',
      requestParameters: {
        title: '***',
        description: '***',
        reportedIncidentStartDate: 1711553521,
        impactedAccounts: [],
        watchers: [{ email: '***' }],
        threatActorIpAddresses: [{ ipAddress: '***', userAgent: 'browser' }],
      },
      responseElements: { caseId },
      resources: [
        {
          accountId: MANAGEMENT,
          type: 'AWS::SecurityResponder::Case',
          ARN: `arn:aws:security-ir:eu-west-1:${MANAGEMENT}:case/*`,
        },
      ],
    });
  });

  it('records failed calls with errorCode and no response; never read-only calls', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    const client = h.client();
    const before = h.delivered.length;

    // Act
    await client.send(new GetMembershipCommand({ membershipId }));
    await client.send(new ListCasesCommand({}));
    await client
      .send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }))
      .catch(() => undefined);

    // Assess
    const after = h.delivered.slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]!.detail).toMatchObject({
      eventName: 'UpdateMembership',
      errorCode: 'ConflictException',
      errorMessage: expect.stringContaining('not cancelled'),
      requestParameters: { membershipId, undoMembershipCancellation: true },
      responseElements: null,
    });
  });

  it('gives onEvent only the events of eventAccountId, and keeps them all', async () => {
    // Prepare
    const other = await startSecurityIr(new Date('2026-03-10T12:00:00Z'), { eventAccountId: MANAGEMENT });
    const standalone = '999999999999';

    // Act
    await other.createMembership();
    await other
      .client(standalone)
      .send(new CreateMembershipCommand({ membershipName: 'solo', incidentResponseTeam: TEAM }));

    // Assess
    expect(new Set(other.delivered.map((e) => e.account))).toEqual(new Set([MANAGEMENT]));
    expect(other.emulator.events.filter((e) => e.account === standalone)).toHaveLength(2);
    await other.stop();
  });

  it('matches the patterns the AWS documentation gives for Security IR events', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    const client = h.client();
    const { caseId } = await client.send(
      new CreateCaseCommand({
        resolverType: 'AWS',
        title: 't',
        description: 'd',
        engagementType: 'Security Incident',
        reportedIncidentStartDate: new Date('2026-03-10T00:00:00Z'),
        impactedAccounts: [],
        watchers: [],
      }),
    );
    await client.send(new CancelMembershipCommand({ membershipId }));

    // Act
    const matching = (pattern: unknown) =>
      h.delivered.filter((e) => matchesPattern(pattern, e)).map((e) => e['detail-type']);

    // Assess: patterns of the EventBridge events reference and the user guide ("Using events").
    expect(matching({ source: ['aws.security-ir'], 'detail-type': ['Case Created'] })).toEqual(['Case Created']);
    expect(matching({ source: ['aws.security-ir'], detail: { caseId: [caseId] } })).toEqual(['Case Created']);
    expect(
      matching({
        source: ['aws.security-ir'],
        'detail-type': ['Membership Cancelled', 'Membership Closed'],
        detail: { membershipId: [membershipId] },
      }),
    ).toEqual(['Membership Cancelled']);
    expect(
      matching({
        source: ['aws.security-ir'],
        'detail-type': [TRAIL],
        detail: { eventSource: ['security-ir.amazonaws.com'], eventName: ['CancelMembership'] },
      }),
    ).toEqual([TRAIL]);
  });
});
