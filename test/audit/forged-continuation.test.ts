import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRunData } from '../../shared/domain/subjects/audit-run';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { scheduledAudit } from '../support/scheduled';
import { startStack } from '../support/stack';
import { forgeContinuation } from './forged-continuation';

// Issue 17: a continuation carries a run's id and step only; anything else is read from the run's
// record. A forged one is refused (classified, kept in the dead-letter queue) and changes nothing.

/** Enforce on invitations sent to anyone but 222222222222; no first-import reaction (the default). */
const policy = {
  version: 1,
  trust: { invitations: { sent: { accounts: ['222222222222'] } } },
  reactions: { untrustedInvitation: 'enforce' },
};

const reads = new Set(['GetItem', 'BatchGetItem', 'Query']);

/**
 * What the functions did from a mark on: DynamoDB requests, writes among them, AWS calls, what was published, dead
 * letters.
 */
const since = (stack: LocalStack, mark: { dynamo: number; aws: number; emitted: number; dead: number }) => {
  const dynamo = stack.dynamoRequests.slice(mark.dynamo).map((r) => r.operation);
  return {
    dynamo,
    writes: dynamo.filter((op) => !reads.has(op)),
    aws: stack
      .apiCalls()
      .slice(mark.aws)
      .map((c) => c.operation),
    emitted: stack.bus.emitted
      .slice(mark.emitted)
      .filter((e) => e.source === 'orgwarden')
      .map((e) => e['detail-type']),
    dead: stack.deadLetters.slice(mark.dead).map((d) => `${d.functionName} ${d.error.name}`),
  };
};
const markOf = (stack: LocalStack) => ({
  dynamo: stack.dynamoRequests.length,
  aws: stack.apiCalls().length,
  emitted: stack.bus.emitted.length,
  dead: stack.deadLetters.length,
});

/** The audit as its schedule runs it at `time`. */
const audit = async (stack: LocalStack, time: string): Promise<AuditRunData> => {
  stack.clock.set(new Date(time));
  const report = (await stack.runtime.invoke('audit', scheduledAudit(time))) as AuditRunData;
  await stack.bus.settle();
  return report;
};

/** An untrusted invitation sent with no event delivered yet: only an audit (or its late record) can find it. */
const untrustedInvitation = async (stack: LocalStack): Promise<string> =>
  (await stack.organizations.seed({ invitations: ['444444444444'] })).invitations[0]!;

const refusedAtTheDoor = ['audit MalformedEventError'];
const refused = ['audit ContinuationRefusedError'];

describe('forged audit continuations, put on orgwarden’s bus as an attacker would', () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startStack('2026-11-02T09:00:00Z', '111111111111', policy);
    await stack.organizations.seed({ members: 3, invitations: ['222222222222'] });
  });
  afterEach(() => stack.stop());

  it('`import: true` for the next run: refused at the door with nothing read or written; the real run still cancels and reports the untrusted invitation', async () => {
    // Prepare: the import, then an invitation to an untrusted account whose record has not arrived
    await audit(stack, '2026-11-02T10:00:00Z');
    const invitation = await untrustedInvitation(stack);
    const mark = markOf(stack);
    // Act: the forgery that would make the invitation a silent baseline, then the real run
    await forgeContinuation(stack, {
      runId: '20261102T110000Z',
      import: true,
      startedAt: '2026-11-02T11:00:00.000Z',
      sources: [],
    });
    const forged = since(stack, mark);
    const report = await audit(stack, '2026-11-02T11:00:00Z');
    // Assess
    expect(forged).toEqual({ dynamo: [], writes: [], aws: [], emitted: [], dead: refusedAtTheDoor });
    expect(report).toMatchObject({ id: '20261102T110000Z', import: false, state: 'COMPLETE' });
    const after = since(stack, mark);
    expect(after.aws.filter((op) => op === 'CancelHandshake')).toHaveLength(1);
    expect(after.emitted).toContain('Untrusted Party Detected');
    expect((await stack.store.getSnapshot(`handshake:${invitation}`))?.state).toBe('CANCELED');
  });

  it('`import: false` on a fresh deployment: refused; the first real run is the import and cancels nothing (actOnImport: false)', async () => {
    // Prepare: nothing audited yet; the untrusted invitation predates the deployment
    const invitation = await untrustedInvitation(stack);
    const mark = markOf(stack);
    // Act
    await forgeContinuation(stack, {
      runId: '20261102T100000Z',
      import: false,
      startedAt: '2026-11-02T10:00:00.000Z',
      sources: [],
    });
    const forged = since(stack, mark);
    const report = await audit(stack, '2026-11-02T10:00:00Z');
    // Assess
    expect(forged).toEqual({ dynamo: [], writes: [], aws: [], emitted: [], dead: refusedAtTheDoor });
    expect(report).toMatchObject({ id: '20261102T100000Z', import: true, state: 'COMPLETE' });
    expect(since(stack, mark).aws.filter((op) => op === 'CancelHandshake')).toEqual([]);
    expect(since(stack, mark).emitted).toEqual(['Audit Completed']);
    expect((await stack.store.getSnapshot(`handshake:${invitation}`))?.state).toBe('OPEN');
  });

  it("a completed run's id: refused after one read, nothing written; a forged completed run under the next id does not make the next run a duplicate", async () => {
    // Prepare
    await audit(stack, '2026-11-02T10:00:00Z');
    const invitation = await untrustedInvitation(stack);
    const mark = markOf(stack);
    // Act: today's shape naming the completed run; the earlier shape claiming the next run done
    await forgeContinuation(stack, { runId: '20261102T100000Z', step: 1 });
    const completed = since(stack, mark);
    const sources = (await stack.store.getAuditRun('20261102T100000Z'))!.sources;
    const mark2 = markOf(stack);
    await forgeContinuation(stack, {
      runId: '20261102T110000Z',
      import: false,
      startedAt: '2026-11-02T11:00:00.000Z',
      sources,
    });
    const next = since(stack, mark2);
    const report = await audit(stack, '2026-11-02T11:00:00Z');
    // Assess
    expect(completed).toEqual({ dynamo: ['GetItem'], writes: [], aws: [], emitted: [], dead: refused });
    expect(stack.deadLetters.at(-2)?.error.message).toContain('audit run 20261102T100000Z is complete');
    expect(next).toEqual({ dynamo: [], writes: [], aws: [], emitted: [], dead: refusedAtTheDoor });
    expect(report).toMatchObject({ id: '20261102T110000Z', state: 'COMPLETE' });
    expect((await stack.store.getSnapshot(`handshake:${invitation}`))?.state).toBe('CANCELED');
  });

  it('a run never started: refused after one read, nothing written; the run of that id later runs as its schedule says', async () => {
    // Prepare
    await audit(stack, '2026-11-02T10:00:00Z');
    const invitation = await untrustedInvitation(stack);
    const mark = markOf(stack);
    // Act
    await forgeContinuation(stack, { runId: '20261102T110000Z', step: 1 });
    const forged = since(stack, mark);
    const report = await audit(stack, '2026-11-02T11:00:00Z');
    // Assess
    expect(forged).toEqual({ dynamo: ['GetItem'], writes: [], aws: [], emitted: [], dead: refused });
    expect(stack.deadLetters.at(-1)?.error.message).toContain('audit run 20261102T110000Z was never started');
    expect(await stack.store.getAuditRun('20261102T110000Z')).toMatchObject({ state: 'COMPLETE', import: false });
    expect(report).toMatchObject({ id: '20261102T110000Z', state: 'COMPLETE' });
    expect((await stack.store.getSnapshot(`handshake:${invitation}`))?.state).toBe('CANCELED');
  });
});
