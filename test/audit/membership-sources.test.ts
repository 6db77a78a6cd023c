import {
  CreateOrganizationalUnitCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateMembershipCommand, SecurityIRClient, UpdateMembershipCommand } from '../../shared/adapters/security-ir';
import type { AuditRunData } from '../../shared/domain/subjects/audit-run';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { scheduledAudit } from '../support/scheduled';

const audit = async (stack: LocalStack, time: string) => {
  stack.clock.set(new Date(time));
  const before = { calls: stack.apiCalls().length, emitted: stack.bus.emitted.length };
  const report = (await stack.runtime.invoke('audit', scheduledAudit(time))) as AuditRunData;
  await stack.bus.settle();
  return {
    report,
    calls: stack
      .apiCalls()
      .slice(before.calls)
      .map((c) => c.operation),
    emitted: stack.bus.emitted.slice(before.emitted),
  };
};

const byName = (report: AuditRunData) =>
  Object.fromEntries(report.sources.map((s) => [s.scope ? `${s.kind} ${s.scope}` : s.kind, s]));

describe('the audit’s Security IR and Macie sources', () => {
  let stack: LocalStack;
  let moved: string;
  let membershipId: string;
  let workloads: string;
  let securityIr: SecurityIRClient;

  beforeAll(async () => {
    stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      macie: { regions: ['us-east-1', 'eu-west-1'] },
      securityIr: { coveragePropagationSeconds: 0 },
    });
    const credentials = credentialsFor('111111111111', 'scenario');
    const organizations = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials,
    });
    securityIr = new SecurityIRClient({ region: 'us-east-1', endpoint: stack.endpoints.securityIr, credentials });
    // 250 members and the management account; one of them in the Workloads OU, which the membership covers.
    [moved] = (await stack.organizations.seed({ members: 250 })).members as [string];
    const root = (await organizations.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    workloads = (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Workloads' })))
      .OrganizationalUnit!.Id!;
    await organizations.send(
      new MoveAccountCommand({ AccountId: moved, SourceParentId: root, DestinationParentId: workloads }),
    );
    membershipId = (
      await securityIr.send(
        new CreateMembershipCommand({
          clientToken: 'sources-test',
          membershipName: 'sources',
          incidentResponseTeam: [
            { name: 'Ada', jobTitle: 'CISO', email: 'ada@example.com' },
            { name: 'Bob', jobTitle: 'Engineer', email: 'bob@example.com' },
          ],
        }),
      )
    ).membershipId!;
    await securityIr.send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [workloads] },
      }),
    );
    await stack.bus.settle();
  }, 120_000);
  afterAll(() => stack.stop());

  it('reads the whole world at the pagination minimum: every source’s calls as the README’s formula says', async () => {
    // Act: the first audit (251 accounts, no handshake or transfer, one membership, no Macie member).
    const { report, calls } = await audit(stack, '2026-11-02T10:00:00Z');
    // Assess
    const sources = byName(report);
    // The tree: ListRoots; for the root and Workloads, their OUs and their accounts (250 in the root, 1 in Workloads).
    const tree = 1 + 2 + Math.ceil(250 / 20) + Math.ceil(1 / 20);
    // Who administers Security IR and Macie: one ListDelegatedAdministrators each.
    const minimum = {
      account: tree,
      placement: 0,
      handshake: 2,
      transfer: 2,
      'delegated-admin': 2,
      membership: 1 + 1,
      coverage: Math.ceil(251 / 100),
      'macie-member us-east-1': 1,
      'macie-member eu-west-1': 1,
    };
    expect(Object.fromEntries(Object.entries(sources).map(([name, s]) => [name, s.calls]))).toEqual(minimum);
    expect(report.calls).toBe(30);
    // What the emulators answered is what the run reports (nothing changed: no reaction made a call),
    // besides the organization itself, read once per cold start.
    expect(calls.filter((c) => c !== 'DescribeOrganization')).toHaveLength(30);
    expect(calls.filter((c) => c === 'BatchGetMemberAccountDetails')).toHaveLength(3);
    expect(sources.coverage).toMatchObject({ listed: 251, complete: true });
    expect(report).toMatchObject({ state: 'COMPLETE', import: true });
  });

  it('reports a coverage the audit finds lost once, as the coverage check of a move would, and not again the next hour', async () => {
    // Prepare: the OU taken out of the membership; nothing announces which accounts that uncovers.
    await securityIr.send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToRemove: [workloads] },
      }),
    );
    await stack.bus.settle();
    // Act
    const first = await audit(stack, '2026-11-02T11:00:00Z');
    const second = await audit(stack, '2026-11-02T12:00:00Z');
    // Assess
    expect(byName(first.report).coverage).toMatchObject({ fed: 1, changed: 1 });
    const gaps = first.emitted.filter((e) => e['detail-type'] === 'Coverage Gap Detected');
    expect(gaps.map((e) => e.detail)).toEqual([
      expect.objectContaining({
        subject: `account:${moved}`,
        accountId: moved,
        membershipId,
        coverage: 'Disassociated',
        trigger: 'lost',
        parentId: workloads,
        mode: 'notify',
      }),
    ]);
    expect((await stack.store.getSnapshot(`coverage:${moved}`))?.state).toBe('Disassociated');
    expect(second.report.findings).toBe(0);
    expect(second.emitted.map((e) => e['detail-type'])).toEqual(['Audit Completed']);
  });

  it('is partial for a Macie Region whose listing fails, and for it only: nothing of it is taken for gone', async () => {
    // Prepare
    stack.macie.injectFailures([{ operation: 'ListMembers', region: 'eu-west-1', error: 'AccessDeniedException' }]);
    // Act
    const { report } = await audit(stack, '2026-11-02T13:00:00Z');
    stack.macie.injectFailures([]);
    // Assess
    const sources = byName(report);
    expect(report.state).toBe('PARTIAL');
    expect(sources['macie-member eu-west-1']).toMatchObject({
      complete: false,
      gone: 0,
      fed: 0,
      error: expect.stringContaining('ListMembers eu-west-1') as string,
    });
    expect(report.sources.filter((s) => !s.complete).map((s) => `${s.kind} ${s.scope ?? ''}`)).toEqual([
      'macie-member eu-west-1',
    ]);
  });
});
