import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { AuditRunData } from '../../shared/domain/subjects/audit-run';
import type { ProxyFault, ProxyFaults } from '../../shared/local/stack/counting-proxy';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { scheduledAudit } from '../support/scheduled';
import { forgeContinuation, shortAuditInvocations } from './forged-continuation';

// Issue 17: a continuation the bus does not accept fails the invocation (transient: Lambda retries
// it and the error alarm fires); the retry publishes it again and the run completes, each source once.

const policy = {
  version: 1,
  trust: { invitations: { sent: { accounts: ['222222222222'] } } },
  reactions: { untrustedInvitation: 'enforce' },
};

/** The continuations' PutEvents calls answered by `fault` while `times` lasts; every other call passes. */
const continuationFaults = (fault: ProxyFault) => {
  const state = { times: 0, hit: 0 };
  const hook: ProxyFaults = (request) => {
    if (request.operation !== 'PutEvents' || !request.body.includes('Audit Continuation') || state.times <= 0)
      return undefined;
    state.times--;
    state.hit++;
    return fault;
  };
  return { state, hook };
};

/**
 * The entry refused by the bus itself: its detail made unreadable on the way, so the local bus answers it failed
 * (FailedEntryCount 1) and delivers nothing.
 */
const entryRefused: ProxyFault = {
  rewrite: {
    request: (body) => {
      const input = JSON.parse(body) as { Entries: Array<Record<string, unknown>> };
      return JSON.stringify({
        ...input,
        Entries: input.Entries.map((entry) =>
          entry.DetailType === 'Audit Continuation' ? { ...entry, Detail: '{not json' } : entry,
        ),
      });
    },
  },
};

/** The call refused whole, with an error any other call would take as permanent. */
const callDenied: ProxyFault = {
  fail: {
    status: 400,
    code: 'AccessDeniedException',
    message: 'not authorized to perform events:PutEvents (injected)',
  },
};

/** The id of the first event the audit's schedule delivered after `mark` (a delivery's index). */
const scheduleEventOf = (stack: LocalStack, mark: number): string => {
  const first = stack.bus.deliveries
    .slice(mark)
    .find((d) => d.functionName === 'audit' && !/continuation/i.test(d.rule));
  if (!first) throw new Error('the audit schedule did not fire');
  return first.eventId;
};

const keyOf = (s: { kind: string; scope?: string }): string => `${s.kind}${s.scope ? ` ${s.scope}` : ''}`;

describe('a continuation the bus does not accept', () => {
  let stack: LocalStack;
  let faults: ReturnType<typeof continuationFaults>;
  let sources: string[];
  let fault: ProxyFault;
  const start = async (chosen: ProxyFault): Promise<void> => {
    fault = chosen;
    faults = continuationFaults(fault);
    stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      policy,
      faults: (service) => (service === 'eventbridge' ? faults.hook : undefined),
    });
    await stack.organizations.seed({ members: 3, invitations: ['222222222222'] });
    // The import, in one invocation; from here on each invocation audits one source and hands the run on.
    stack.clock.set(new Date('2026-11-02T10:00:00Z'));
    sources = (
      (await stack.runtime.invoke('audit', scheduledAudit('2026-11-02T10:00:00Z'))) as AuditRunData
    ).sources.map(keyOf);
    shortAuditInvocations(stack);
    await stack.organizations.seed({ invitations: ['444444444444'] });
  };
  afterEach(() => stack.stop());

  describe('an entry the bus refuses (FailedEntryCount 1)', () => {
    beforeEach(() => start(entryRefused));

    it('fails the invocation twice as transient; Lambda’s last retry publishes it, and the run completes with each source once', async () => {
      // Prepare: the first continuation refused on the first attempt and on the first retry
      faults.state.times = 2;
      const mark = {
        aws: stack.apiCalls().length,
        emitted: stack.bus.emitted.length,
        deliveries: stack.bus.deliveries.length,
      };
      // Act: the audit's schedule fires at 11:00 (the world changed), then the time Lambda's retries take
      await stack.advanceTo(new Date('2026-11-02T11:00:30Z'));
      const afterFirst = await stack.store.getAuditRun('20261102T110000Z');
      await stack.advanceTo(new Date('2026-11-02T11:10:00Z'));
      // Assess: the failures were errors Lambda retried (the function's error metric counts them)
      const event = scheduleEventOf(stack, mark.deliveries);
      const attempts = stack.bus.deliveries.filter((d) => d.eventId === event);
      expect(attempts.map((d) => `${d.outcome} ${d.error?.name ?? ''}`.trim())).toEqual([
        'retry-scheduled ContinuationUndeliveredError',
        'retry-scheduled ContinuationUndeliveredError',
        'ok',
      ]);
      expect(faults.state.hit).toBe(2);
      expect(afterFirst).toMatchObject({ state: 'RUNNING', step: 1, import: false, handoffBy: event });
      // The run: complete, every source reported once, in order
      const run = await stack.store.getAuditRun('20261102T110000Z');
      expect(run).toMatchObject({ state: 'COMPLETE', step: sources.length });
      expect(run!.sources.map(keyOf)).toEqual(sources);
      // One continuation per source after the first, each accepted once
      const published = stack.bus.emitted.slice(mark.emitted);
      expect(
        published
          .filter((e) => e['detail-type'] === 'Audit Continuation')
          .map((e) => (e.detail as { step: number }).step),
      ).toEqual(sources.slice(1).map((_, i) => i + 1));
      expect(published.filter((e) => e['detail-type'] === 'Audit Completed')).toHaveLength(1);
      expect(published.filter((e) => e['detail-type'] === 'Untrusted Party Detected')).toHaveLength(1);
      expect(
        stack
          .apiCalls()
          .slice(mark.aws)
          .filter((c) => c.operation === 'CancelHandshake'),
      ).toHaveLength(1);
      expect(stack.deadLetters).toEqual([]);
    });
  });

  describe('the call refused whole (AccessDeniedException)', () => {
    beforeEach(() => start(callDenied));

    it('is retried all the same; meanwhile a forged step is refused with nothing written, and a copy of a continuation delivered after the run is refused', async () => {
      // Prepare: the audit's schedule fires at 11:00; its first continuation is denied once
      faults.state.times = 1;
      const mark = stack.bus.deliveries.length;
      await stack.advanceTo(new Date('2026-11-02T11:00:30Z'));
      const event = scheduleEventOf(stack, mark);
      const writes = () =>
        stack.dynamoRequests.filter((r) => !['GetItem', 'BatchGetItem', 'Query'].includes(r.operation)).length;
      // Act: forgeries while the run waits for Lambda's retry (its record at step 1)
      const before = writes();
      await forgeContinuation(stack, { runId: '20261102T110000Z', step: 3 });
      await forgeContinuation(stack, { runId: '20261102T110000Z', step: 1, import: true });
      const forgedWrites = writes() - before;
      const forged = stack.deadLetters.map((d) => `${d.error.name}: ${d.error.message}`);
      await stack.advanceTo(new Date('2026-11-02T11:10:00Z'));
      // A copy of the run's first continuation, delivered again after the run went on
      const copy = stack.bus.emitted.find(
        (e) =>
          e['detail-type'] === 'Audit Continuation' && (e.detail as { runId: string }).runId === '20261102T110000Z',
      )!;
      const beforeCopy = writes();
      await forgeContinuation(stack, copy.detail as Record<string, unknown>);
      // Assess
      expect(
        stack.bus.deliveries
          .filter((d) => d.eventId === event)
          .map((d) => `${d.outcome} ${d.error?.name ?? ''}`.trim()),
      ).toEqual(['retry-scheduled ContinuationUndeliveredError', 'ok']);
      expect(forgedWrites).toBe(0);
      expect(forged).toEqual([
        'ContinuationRefusedError: audit run 20261102T110000Z is at step 1, not 3: its continuation is refused',
        expect.stringMatching(/^MalformedEventError: the event does not match its schema/) as string,
      ]);
      expect(stack.deadLetters.slice(2).map((d) => `${d.error.name}: ${d.error.message}`)).toEqual([
        'ContinuationRefusedError: audit run 20261102T110000Z is complete: its continuation is refused',
      ]);
      expect(writes()).toBe(beforeCopy);
      const run = await stack.store.getAuditRun('20261102T110000Z');
      expect(run).toMatchObject({ state: 'COMPLETE', step: sources.length });
      expect(run!.sources.map(keyOf)).toEqual(sources);
      expect(stack.apiCalls().filter((c) => c.operation === 'CancelHandshake')).toHaveLength(1);
    });
  });

  describe('a run interrupted after its start', () => {
    it('resumes from its record when its schedule event comes again (Lambda’s retry): still the import it was started as, though another run completed meanwhile', async () => {
      // Prepare: a fresh deployment; the import's first continuation refused once
      faults = continuationFaults(entryRefused);
      stack = await LocalStack.start({
        start: new Date('2026-11-02T09:00:00Z'),
        dynamoEndpoint: inject('dynamoEndpoint'),
        logLevel: 'SILENT',
        policy,
        faults: (service) => (service === 'eventbridge' ? faults.hook : undefined),
      });
      await stack.organizations.seed({ members: 3, invitations: ['222222222222'] });
      shortAuditInvocations(stack);
      faults.state.times = 1;
      const first = scheduledAudit('2026-11-02T10:00:00Z');
      stack.clock.set(new Date('2026-11-02T10:00:00Z'));
      await expect(stack.runtime.invoke('audit', first)).rejects.toMatchObject({
        name: 'ContinuationUndeliveredError',
      });
      // Another run starts and completes before the retry: the table now holds a completed run
      stack.clock.set(new Date('2026-11-02T10:30:00Z'));
      await stack.runtime.invoke('audit', scheduledAudit('2026-11-02T10:30:00Z'));
      await stack.bus.settle();
      expect(await stack.store.getAuditRun('20261102T103000Z')).toMatchObject({ state: 'COMPLETE' });
      // Act: Lambda's retry of the first run's event
      stack.clock.set(new Date('2026-11-02T10:31:00Z'));
      const retried = await stack.runtime.invoke('audit', first);
      await stack.bus.settle();
      // Assess
      expect(retried).toEqual({ continued: true, runId: '20261102T100000Z' });
      expect(await stack.store.getAuditRun('20261102T100000Z')).toMatchObject({ state: 'COMPLETE', import: true });
      expect((await stack.store.getSnapshot('audit-run:20261102T100000Z'))?.data).toMatchObject({
        import: true,
        state: 'COMPLETE',
      });
      expect(stack.deadLetters).toEqual([]);
    });
  });
});
