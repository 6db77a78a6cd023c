import {
  CreateOrganizationalUnitCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { CreateMembershipCommand, SecurityIRClient, UpdateMembershipCommand } from '../../shared/adapters/security-ir';
import type { AuditRunData } from '../../shared/domain/subjects/audit-run';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { scheduledAudit } from '../support/scheduled';

// Where each account sits (`placement:<account>`): recorded by MoveAccount and by the audit's walk of
// the organization's tree, so that a move whose MoveAccount record was lost is found and its account
// checked for coverage (chaos finding 7, test/chaos/README.md).

const isMove = (event: BusEvent): boolean =>
  (event.detail as { eventName?: string } | undefined)?.eventName === 'MoveAccount';

describe('an account’s placement', () => {
  let stack: LocalStack;
  let organizations: OrganizationsClient;
  let root: string;
  let sandbox: string;
  let members: string[];
  /** MoveAccount records held back (CloudTrail lost them, unless the test delivers them). */
  let moves: BusEvent[];

  const audit = async (time: string) => {
    stack.clock.set(new Date(time));
    const before = { emitted: stack.bus.emitted.length, calls: stack.apiCalls().length };
    const report = (await stack.runtime.invoke('audit', scheduledAudit(time))) as AuditRunData;
    await stack.bus.settle();
    return {
      report,
      emitted: stack.bus.emitted.slice(before.emitted),
      calls: stack
        .apiCalls()
        .slice(before.calls)
        .map((c) => c.operation),
    };
  };
  const source = (report: AuditRunData, kind: string) => report.sources.find((s) => s.kind === kind)!;
  const gaps = () =>
    stack.bus.emitted
      .filter((e) => e['detail-type'] === 'Coverage Gap Detected')
      .map((e) => e.detail as { accountId: string; trigger: string; parentId?: string });
  const move = async (accountId: string, from: string, to: string) => {
    await organizations.send(
      new MoveAccountCommand({ AccountId: accountId, SourceParentId: from, DestinationParentId: to }),
    );
    await stack.bus.settle();
  };

  beforeEach(async () => {
    moves = [];
    stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      worldEvents: (event, deliver) => (isMove(event) ? moves.push(event) : deliver(event)),
    });
    const credentials = credentialsFor('111111111111', 'scenario');
    organizations = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials,
    });
    const securityIr = new SecurityIRClient({ region: 'us-east-1', endpoint: stack.endpoints.securityIr, credentials });
    members = (await stack.organizations.seed({ members: 30 })).members;
    root = (await organizations.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const workloads = (
      await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Workloads' }))
    ).OrganizationalUnit!.Id!;
    sandbox = (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Sandbox' })))
      .OrganizationalUnit!.Id!;
    // The membership covers Workloads only: the root and Sandbox are gaps.
    const { membershipId } = await securityIr.send(
      new CreateMembershipCommand({
        clientToken: 'placement-test',
        membershipName: 'placement',
        incidentResponseTeam: [
          { name: 'Ada', jobTitle: 'CISO', email: 'ada@example.com' },
          { name: 'Bob', jobTitle: 'Engineer', email: 'bob@example.com' },
        ],
      }),
    );
    await securityIr.send(
      new UpdateMembershipCommand({
        membershipId: membershipId!,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [workloads] },
      }),
    );
    await stack.bus.settle();
  }, 60_000);
  afterEach(() => stack.stop());

  it('is recorded by the audit’s first import as a silent baseline: every account where it sits, nothing announced, no check', async () => {
    // Act
    const { report, emitted, calls } = await audit('2026-11-02T10:00:00Z');
    // Assess: 31 accounts in the root; the walk reads the root and its two OUs.
    expect(report).toMatchObject({ state: 'COMPLETE', import: true });
    expect(source(report, 'placement')).toMatchObject({
      listed: 31,
      fed: 31,
      changed: 31,
      gone: 0,
      complete: true,
      calls: 0,
    });
    const walk = {
      ListRoots: 1,
      ListOrganizationalUnitsForParent: 3,
      ListAccountsForParent: Math.ceil(31 / 20) + 1 + 1,
    };
    expect(source(report, 'account')).toMatchObject({
      listed: 31,
      calls: walk.ListRoots + walk.ListOrganizationalUnitsForParent + walk.ListAccountsForParent,
    });
    expect(Object.fromEntries(Object.keys(walk).map((op) => [op, calls.filter((c) => c === op).length]))).toEqual(walk);
    expect(calls).not.toContain('ListAccounts');
    expect(emitted.map((e) => e['detail-type'])).toEqual(['Audit Completed']);
    const placements = await stack.store.listSnapshots('placement:');
    expect(placements).toHaveLength(31);
    expect(placements.every((s) => s.state === root)).toBe(true);
    // Act: the next hour, nothing moved.
    const next = await audit('2026-11-02T11:00:00Z');
    // Assess
    expect(source(next.report, 'placement')).toMatchObject({ fed: 0, changed: 0 });
    expect(next.emitted.map((e) => e['detail-type'])).toEqual(['Audit Completed']);
  });

  it('finds a move whose MoveAccount record was lost, between two places the membership does not cover, and checks the account once', async () => {
    // Prepare
    await audit('2026-11-02T10:00:00Z');
    const moved = members[0]!;
    await move(moved, root, sandbox);
    expect(moves).toHaveLength(1);
    // Act
    const { report } = await audit('2026-11-02T11:00:00Z');
    const next = await audit('2026-11-02T12:00:00Z');
    // Assess: the gap in its new OU is reported (notify), once.
    expect(source(report, 'placement')).toMatchObject({ fed: 1, changed: 1 });
    expect(gaps()).toEqual([expect.objectContaining({ accountId: moved, trigger: 'moved', parentId: sandbox })]);
    expect(next.report.findings).toBe(0);
    const history = (await stack.store.listHistory()).filter((t) => t.subject === `placement:${moved}`);
    expect(history.map((t) => [t.from, t.to, t.cause.eventName])).toEqual([
      [null, root, 'AuditImport'],
      [root, sandbox, 'Audit'],
    ]);
    expect(
      stack.bus.emitted.some(
        (e) => (e.detail as { subject?: string }).subject === `placement:${moved}` && 'after' in (e.detail as object),
      ),
    ).toBe(false);
  });

  it('is observed from MoveAccount through the pipeline: the account checked once, however often the record is delivered', async () => {
    // Prepare: an account orgwarden never placed before (no audit yet).
    const moved = members[1]!;
    await move(moved, root, sandbox);
    const [record] = moves;
    // Act
    await stack.deliver(record!);
    await stack.deliver(record!);
    await stack.deliver({ ...record!, id: 'another-delivery-id' });
    await stack.bus.settle();
    // Assess: one check, of the move (its gap reported once; the account, first seen too, did not
    // join: no second check); the placement recorded from the event.
    expect(gaps().map((g) => `${g.accountId} ${g.trigger} ${g.parentId}`)).toEqual([`${moved} moved ${sandbox}`]);
    expect(stack.apiCalls().filter((c) => c.operation === 'BatchGetMemberAccountDetails')).toHaveLength(1);
    expect((await stack.store.getSnapshot(`placement:${moved}`))?.state).toBe(sandbox);
    // Act: the audit then finds nothing new about it.
    const { report } = await audit('2026-11-02T10:00:00Z');
    expect(gaps()).toHaveLength(1);
    expect(report.sources.find((s) => s.kind === 'placement')).toMatchObject({ complete: true });
  });

  it('is partial, and declares no account departed, when a ListAccountsForParent page fails beyond the SDK’s retries', async () => {
    // Prepare
    await audit('2026-11-02T10:00:00Z');
    stack.organizations.injectFailures([
      {
        operation: 'ListAccountsForParent',
        error: 'TooManyRequestsException',
        principal: 'ORGWARDEN',
        skip: 1,
        times: 3,
      },
    ]);
    // Act
    const { report, emitted } = await audit('2026-11-02T11:00:00Z');
    stack.organizations.injectFailures([]);
    // Assess: the root's first page was read (20 accounts); the rest is not taken for gone.
    expect(report.state).toBe('PARTIAL');
    for (const kind of ['account', 'placement']) {
      expect(source(report, kind)).toMatchObject({
        complete: false,
        listed: 20,
        gone: 0,
        fed: 0,
        error: expect.stringContaining('TooManyRequestsException') as string,
      });
    }
    expect(emitted.map((e) => e['detail-type'])).toEqual(['Audit Completed']);
    expect((await stack.store.listSnapshots('placement:')).every((s) => s.state === root)).toBe(true);
    expect((await stack.store.listSnapshots('account:')).every((s) => s.state === 'JOINED')).toBe(true);
  });
});
