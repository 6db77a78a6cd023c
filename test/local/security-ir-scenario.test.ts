import { afterAll, beforeAll, describe, expect, inject, it, vi, type MockInstance } from 'vitest';
import {
  GetCaseCommand,
  GetMembershipCommand,
  SecurityIncidentResponseNotActiveException,
  SecurityIRClient,
} from '../../shared/adapters/security-ir';
import { AwsSecurityIncidentResponse } from '../../shared/adapters/security-ir/security-ir-port-adapter';
import { credentialsFor } from '../../shared/local/emulators/organizations';
import { buildReport, type LocalReport } from '../../shared/local/scenario/report';
import { runScenario, type TimelineEntry } from '../../shared/local/scenario/run-scenario';
import { parseScenario, ScenarioError, type Scenario } from '../../shared/local/scenario/scenario';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

const MANAGEMENT = '111111111111';
const TRAIL = 'AWS API Call via CloudTrail';

describe('scenario with security-ir steps on the local stack', () => {
  let scenario: Scenario;
  let stack: LocalStack;
  let put: MockInstance<LocalStack['bus']['put']>;
  let timeline: TimelineEntry[];
  let report: LocalReport;
  let membershipId: string;
  let caseId: string;
  const securityIrEvents = (): BusEvent[] =>
    put.mock.calls
      .filter(([bus, event]) => bus === 'default' && event.source === 'aws.security-ir')
      .map(([, event]) => event);

  beforeAll(async () => {
    scenario = await readScenario('events/scenarios/security-ir-membership.json');
    stack = await LocalStack.start({
      start: new Date(scenario.start),
      organizationId: scenario.organization?.id,
      managementAccountId: scenario.organization?.managementAccountId,
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
    });
    put = vi.spyOn(stack.bus, 'put');
    timeline = await runScenario(scenario, stack);
    report = await buildReport(stack);
    const created = stack.securityIr.events.find((e) => e['detail-type'] === 'Membership Created')!;
    membershipId = created.detail.membershipId as string;
    caseId = stack.securityIr.events.find((e) => e['detail-type'] === 'Case Created')!.detail.caseId as string;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('plays every security-ir step, the injected throttling and the refused restore included', () => {
    // Assess
    const lines = timeline
      .filter((t) => t.kind === 'api' && t.text.includes('security-ir:'))
      .map((t) => `${t.at} ${t.text}`);
    // Issue 8: membership-changed re-reads the membership on its Created event, so the one injected
    // throttling falls on orgwarden's own first GetMembership (its client retries it), not on the step's.
    expect(
      report.apiCalls
        .filter((c) => c.operation === 'GetMembership')
        .slice(0, 2)
        .map((c) => c.error?.name ?? 'ok'),
    ).toEqual(['ThrottlingException', 'ok']);
    expect(lines).toEqual([
      `2026-11-02T09:05:00.000Z ${MANAGEMENT} security-ir:CreateMembership (saved as membership)`,
      `2026-11-02T09:10:00.000Z ${MANAGEMENT} security-ir:UpdateMembership`,
      `2026-11-02T09:10:00.000Z ${MANAGEMENT} security-ir:GetMembership`,
      `2026-11-02T09:10:00.000Z ${MANAGEMENT} security-ir:GetMembership (saved as covered)`,
      `2026-11-03T10:00:00.000Z ${MANAGEMENT} security-ir:CreateCase (saved as case1)`,
      `2026-11-03T10:30:00.000Z ${MANAGEMENT} security-ir:CreateCaseComment`,
      `2026-11-20T16:00:00.000Z ${MANAGEMENT} security-ir:CancelMembership`,
      `2026-11-25T09:00:00.000Z ${MANAGEMENT} security-ir:UpdateMembership`,
      `2026-11-28T12:00:00.000Z ${MANAGEMENT} security-ir:CancelMembership`,
      `2026-12-01T09:00:00.000Z ${MANAGEMENT} security-ir:UpdateMembership failed: SecurityIncidentResponseNotActiveException`,
    ]);
  });

  it("leaves the world as AWS would: the membership Terminated at its billing cycle's end (the emulator's default window), its cases out of reach", async () => {
    // Prepare
    const client = new SecurityIRClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.securityIr,
      credentials: credentialsFor(MANAGEMENT, 'scenario'),
      maxAttempts: 1,
    });

    // Act
    const membership = await client.send(new GetMembershipCommand({ membershipId }));
    const caseAfter = await client.send(new GetCaseCommand({ caseId })).catch((e: unknown) => e);
    client.destroy();

    // Assess
    expect(membership).toMatchObject({
      membershipStatus: 'Terminated',
      membershipDeactivationTimestamp: new Date('2026-11-29T00:00:00Z'),
      customerType: 'Organization',
    });
    expect(membership.membershipAccountsConfigurations?.organizationalUnits).toHaveLength(1);
    expect(caseAfter).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
    expect(stack.securityIr.responseViolations).toEqual([]);
  });

  it('delivers the native events to the default bus, each at the time of its change', () => {
    // Assess
    expect(
      securityIrEvents()
        .filter((e) => e['detail-type'] !== TRAIL)
        .map((e) => `${e.time} ${e['detail-type']}`),
    ).toEqual([
      '2026-11-02T09:05:00Z Membership Created',
      '2026-11-02T09:10:00Z Membership Updated',
      '2026-11-03T10:00:00Z Case Created',
      '2026-11-03T10:30:00Z Case Comment Added',
      '2026-11-20T16:00:00Z Membership Cancelled',
      '2026-11-25T09:00:00Z Membership Updated',
      '2026-11-28T12:00:00Z Membership Cancelled',
      '2026-11-29T00:00:00Z Membership Terminated',
    ]);
  });

  it('delivers the CloudTrail records of the mutating calls, the refused one with its errorCode', () => {
    // Assess
    const trail = securityIrEvents().filter((e) => e['detail-type'] === TRAIL);
    expect(trail.map((e) => (e.detail as { eventName: string }).eventName)).toEqual([
      'CreateMembership',
      'UpdateMembership',
      'CreateCase',
      'CreateCaseComment',
      'CancelMembership',
      'UpdateMembership',
      'CancelMembership',
      'UpdateMembership',
    ]);
    expect(trail.at(-1)!.detail).toMatchObject({
      eventSource: 'security-ir.amazonaws.com',
      errorCode: 'SecurityIncidentResponseNotActiveException',
      responseElements: null,
    });
  });

  it('membership-changed takes the membership events (issue 8): the membership recorded through every state, ending Terminated', () => {
    // Assess
    const events = securityIrEvents().filter((e) => e['detail-type'].startsWith('Membership '));
    expect(
      events.every((e) =>
        stack.bus
          .matchingRules('default', e)
          .some((rule) => rule.targets.some((t) => t.functionName === 'membership-changed')),
      ),
    ).toBe(true);
    expect(
      securityIrEvents()
        .filter((e) => e['detail-type'].startsWith('Case '))
        .flatMap((e) => stack.bus.matchingRules('default', e)),
    ).toEqual([]);
    expect(report.history.filter((h) => h.subject === `membership:${membershipId}`).map((h) => h.to)).toEqual([
      'Active',
      'Cancelled',
      'Active',
      'Cancelled',
      'Terminated',
    ]);
    expect(report.snapshots.find((s) => s.subject === `membership:${membershipId}`)).toMatchObject({
      state: 'Terminated',
    });
  });

  it("counts orgwarden's own Security IR calls, made with the functions' runtime, in apiCalls", async () => {
    // Prepare: a client as a function's factory builds it: the stack's endpoint and orgwarden's credentials.
    const runtime = stack.functionRuntime;
    const client = new SecurityIRClient({
      region: 'us-east-1',
      endpoint: runtime.endpoints!.securityIr!,
      credentials: runtime.credentials!,
    });
    const port = new AwsSecurityIncidentResponse(client);

    // Act
    const before = stack.apiCalls().length;
    const { membership, coverage } = await port.readMembership(membershipId, [MANAGEMENT]);
    client.destroy();

    // Assess
    expect(membership.status).toBe('Terminated');
    expect(coverage).toEqual([{ accountId: MANAGEMENT, status: 'Unassociated', relationship: 'Organization' }]);
    expect(
      stack
        .apiCalls()
        .slice(before)
        .map(({ service, operation, caller }) => `${service} ${operation} ${caller}`),
    ).toEqual([`security-ir GetMembership ${MANAGEMENT}`, `security-ir BatchGetMemberAccountDetails ${MANAGEMENT}`]);
  });
});

describe('scenario format: securityIr options', () => {
  it('accepts failures and refuses a rate above 1, naming the path', () => {
    // Prepare
    const base = { name: 'x', start: '2026-11-02T09:00:00Z', steps: [{ advanceTo: '2026-11-03T00:00:00Z' }] };

    // Act
    const parsed = parseScenario({ ...base, securityIr: { failures: [{ error: 'ThrottlingException', times: 2 }] } });
    const refused = (() => {
      try {
        return parseScenario({ ...base, securityIr: { failures: [{ error: 'ThrottlingException', rate: 2 }] } });
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(parsed.securityIr?.failures).toEqual([{ error: 'ThrottlingException', times: 2 }]);
    expect(refused).toBeInstanceOf(ScenarioError);
    expect((refused as Error).message).toContain('securityIr.failures.0.rate');
  });
});
