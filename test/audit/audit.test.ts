import {
  DeclineHandshakeCommand,
  OrganizationsClient,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRunData } from '../../shared/domain/subjects/audit-run';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { startStack } from '../support/stack';
import { keys } from '../../shared/adapters/dynamodb/table';
import { scheduledAudit } from '../support/scheduled';

/** Runs the audit function once, as its schedule would, and returns its report and what it cost. */
const audit = async (stack: LocalStack, time: string) => {
  stack.clock.set(new Date(time));
  const before = {
    dynamo: stack.dynamoRequests.length,
    aws: stack.apiCalls().length,
    emitted: stack.bus.emitted.length,
  };
  const report = (await stack.runtime.invoke('audit', scheduledAudit(time))) as AuditRunData;
  await stack.bus.settle();
  const writes = stack.dynamoRequests
    .slice(before.dynamo)
    .map((r) => r.operation)
    .filter((op) => !['GetItem', 'BatchGetItem', 'Query'].includes(op));
  return { report, writes, aws: stack.apiCalls().slice(before.aws), emitted: stack.bus.emitted.slice(before.emitted) };
};

const source = (report: AuditRunData, kind: string) => report.sources.find((s) => s.kind === kind)!;

describe('the audit on the local stack', () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startStack();
    await stack.organizations.seed({ members: 400, invitations: ['222222222222', '333333333333'] });
  });
  afterEach(() => stack.stop());

  it('imports an organization of 400 accounts as its baseline, with one summary and no per-subject event', async () => {
    // Act
    const { report, emitted } = await audit(stack, '2026-11-02T10:00:00Z');
    // Assess
    // 401 accounts and where each sits, 2 handshakes.
    expect(report).toMatchObject({ state: 'COMPLETE', import: true, findings: 401 + 401 + 2 });
    // The walk of the tree, all accounts in the root: ListRoots, ListOrganizationalUnitsForParent, ⌈401/20⌉
    // ListAccountsForParent.
    expect(source(report, 'account')).toMatchObject({
      listed: 401,
      stored: 0,
      fed: 401,
      changed: 401,
      gone: 0,
      complete: true,
      calls: 1 + 1 + Math.ceil(401 / 20),
    });
    expect(source(report, 'placement')).toMatchObject({
      listed: 401,
      stored: 0,
      fed: 401,
      changed: 401,
      gone: 0,
      complete: true,
      calls: 0,
    });
    expect(source(report, 'handshake')).toMatchObject({ listed: 2, fed: 2, changed: 2 });
    expect(emitted.map((e) => e['detail-type'])).toEqual(['Audit Completed']);
    expect((await stack.store.listSnapshots('account:')).length).toBe(401);
    expect((await stack.store.listSnapshots('placement:')).length).toBe(401);
  });

  it('writes one run record and changes nothing when it audits an unchanged world', async () => {
    await audit(stack, '2026-11-02T10:00:00Z');
    const { report, writes, emitted } = await audit(stack, '2026-11-02T11:00:00Z');
    expect(report).toMatchObject({ state: 'COMPLETE', import: false, findings: 0 });
    expect(report.sources.every((s) => s.fed === 0 && s.changed === 0)).toBe(true);
    // The run's progress record started (a conditional put), its report: one transaction (its snapshot,
    // history, journal line, announcement) and its settlement, then the progress record completed.
    expect(writes).toEqual(['PutItem', 'TransactWriteItems', 'TransactWriteItems', 'PutItem']);
    expect(emitted.map((e) => e['detail-type'])).toEqual(['Audit Completed']);
  });

  it('decides whether a run is the first import by looking for one stored run, not by listing every run', async () => {
    // Prepare
    const run = async (time: string) => {
      const before = stack.dynamoRequests.length;
      const { report } = await audit(stack, time);
      return { report, queries: stack.dynamoRequests.slice(before).filter((r) => r.operation === 'Query').length };
    };
    // Act: the import (no run stored: every shard of the runs' partition is read, all empty), then a run
    const first = await run('2026-11-02T10:00:00Z');
    const second = await run('2026-11-02T11:00:00Z');
    // Assess: the same listings of the stored subjects; the runs' partition read up to the first shard
    // holding a run (a listing read all of them, whatever they hold)
    expect([first.report.import, second.report.import]).toEqual([true, false]);
    expect(second.queries).toBeLessThan(first.queries);
    expect(first.queries - second.queries).toBeLessThanOrEqual(keys.kindPartitions('audit-run').length - 1);
    expect([await stack.store.hasSubjects('audit-run'), await stack.store.hasSubjects('no-such-kind')]).toEqual([
      true,
      false,
    ]);
  });

  it('answers its schedule event delivered again from the completed run: one DynamoDB request, no AWS call, nothing published', async () => {
    // Prepare
    const { report } = await audit(stack, '2026-11-02T10:00:00Z');
    const before = {
      dynamo: stack.dynamoRequests.length,
      aws: stack.apiCalls().length,
      emitted: stack.bus.emitted.length,
    };
    // Act: the same event (EventBridge delivers at least once)
    const again = await stack.runtime.invoke('audit', scheduledAudit('2026-11-02T10:00:00Z'));
    await stack.bus.settle();
    // Assess
    expect(again).toEqual({ outcome: 'duplicate', runId: report.id });
    expect(stack.dynamoRequests.slice(before.dynamo).map((r) => r.operation)).toEqual(['GetItem']);
    expect(stack.apiCalls().length - before.aws).toBe(0);
    expect(stack.bus.emitted.length - before.emitted).toBe(0);
  });

  it('finds what no event announced and reacts as the event would have: an invitation declined in the invitee’s account', async () => {
    await audit(stack, '2026-11-02T10:00:00Z');
    const [invitation] = (await stack.store.listSnapshots('handshake:')).filter(
      (s) => (s.data as { counterparties: Array<{ id: string }> }).counterparties[0]!.id === '222222222222',
    );
    const invitee = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('222222222222', 'scenario'),
    });
    await invitee.send(new DeclineHandshakeCommand({ HandshakeId: invitation!.subject.slice('handshake:'.length) }));
    const { report, emitted } = await audit(stack, '2026-11-02T11:00:00Z');
    expect(source(report, 'handshake')).toMatchObject({ fed: 1, changed: 1 });
    expect(emitted.map((e) => `${e['detail-type']} ${(e.detail as { after?: string }).after ?? ''}`.trim())).toEqual([
      'Handshake State Changed DECLINED',
      'Audit Completed COMPLETE',
    ]);
  });

  it('re-reads a departed account once, when its departure is found, never again in later runs', async () => {
    // Prepare: three accounts removed after the import (past the created accounts' waiting period).
    await audit(stack, '2026-11-02T10:00:00Z');
    const departed = (await stack.store.listSnapshots('account:'))
      .map((s) => s.subject.slice('account:'.length))
      .filter((id) => id !== stack.managementAccountId)
      .slice(0, 3);
    stack.clock.set(new Date('2026-11-12T09:00:00Z'));
    const management = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor(stack.managementAccountId, 'scenario'),
    });
    for (const id of departed) await management.send(new RemoveAccountFromOrganizationCommand({ AccountId: id }));
    // Act
    await stack.bus.settle();
    const found = await audit(stack, '2026-11-12T10:00:00Z');
    const later = await audit(stack, '2026-11-12T11:00:00Z');
    // Assess
    const aboutDeparted = (calls: typeof found.aws): string[] =>
      calls.filter((c) => departed.some((id) => JSON.stringify(c.input).includes(id))).map((c) => c.operation);
    expect(
      (await stack.store.listSnapshots('account:'))
        .filter((s) => s.state === 'DEPARTED')
        .map((s) => s.subject)
        .sort(),
    ).toEqual(departed.map((id) => `account:${id}`).sort());
    expect(aboutDeparted(later.aws)).toEqual([]);
    expect(source(later.report, 'account')).toMatchObject({ gone: 0, fed: 0 });
    expect(source(later.report, 'placement')).toMatchObject({ gone: 0, fed: 0 });
    expect(source(later.report, 'coverage')).toMatchObject({ fed: 0 });
    expect(found.report.state).toBe('COMPLETE');
  });

  it('is partial and deletes nothing when a ListAccountsForParent page is throttled beyond the SDK’s retries', async () => {
    await audit(stack, '2026-11-02T10:00:00Z');
    stack.organizations.injectFailures([
      {
        operation: 'ListAccountsForParent',
        error: 'TooManyRequestsException',
        principal: 'ORGWARDEN',
        skip: 5,
        times: 3,
      },
    ]);
    const { report, emitted } = await audit(stack, '2026-11-02T11:00:00Z');
    expect(report.state).toBe('PARTIAL');
    expect(source(report, 'account')).toMatchObject({
      complete: false,
      listed: 100,
      gone: 0,
      fed: 0,
      error: expect.stringContaining('TooManyRequestsException') as string,
    });
    expect(source(report, 'placement')).toMatchObject({ complete: false, listed: 100, gone: 0, fed: 0 });
    expect(emitted.filter((e) => e['detail-type'] === 'Account Membership Changed')).toEqual([]);
    expect((await stack.store.listSnapshots('account:')).every((s) => s.state === 'JOINED')).toBe(true);
  });
});
