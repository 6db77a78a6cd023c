import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyReplay, planReplay, selectReplay } from '../../shared/local/cli/commands/replay';
import { rehearse } from '../../shared/local/scenario/run-scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

const scenarioFile = 'events/scenarios/replay-after-fix.json';
const writes = (stack: LocalStack, from: number): string[] =>
  stack.dynamoRequests
    .slice(from)
    .map((request) => request.operation)
    .filter((operation) => !['GetItem', 'BatchGetItem', 'Query'].includes(operation));

describe('replays after a fix (events/scenarios/replay-after-fix.json)', () => {
  let stack: LocalStack;
  let untrusted: string;
  beforeAll(async () => {
    const scenario = await readScenario(scenarioFile);
    stack = await LocalStack.start({
      ...stackOptionsOf(scenario),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
    });
    await rehearse(scenario, stack);
    // The second invitation's event was refused (AccessDenied) and kept in the dead-letter queue.
    expect(stack.deadLetters).toHaveLength(1);
    const invitation = stack.bus.archived
      .map((kept) => kept.event)
      .find((event) => JSON.stringify(event.detail).includes('444444444444'))!;
    untrusted = (invitation.detail as { responseElements: { handshake: { id: string } } }).responseElements.handshake
      .id;
    expect(await stack.store.getSnapshot(`handshake:${untrusted}`)).toBeUndefined();
  }, 120_000);
  afterAll(() => stack.stop());

  it('plans from the input archive without writing or changing anything: the refused event would be recorded and cancelled, the other changes nothing', async () => {
    // Prepare
    const mark = {
      calls: stack.apiCalls().length,
      dynamo: stack.dynamoRequests.length,
      emitted: stack.bus.emitted.length,
    };
    // Act
    const items = await selectReplay(stack, {
      source: 'archive',
      since: '2026-11-03T00:00:00Z',
      until: '2026-11-04T00:00:00Z',
    });
    const plans = await planReplay(stack, items, 'plan-1');
    // Assess
    expect(plans.map((plan) => [plan.eventName, plan.functionName, plan.outcome])).toEqual([
      ['InviteAccountToOrganization', 'handshake-changed', 'no change'],
      ['InviteAccountToOrganization', 'handshake-changed', 'would change'],
    ]);
    expect(plans[1]!.changes).toEqual([
      expect.objectContaining({
        subject: `handshake:${untrusted}`,
        to: 'OPEN',
        effects: expect.arrayContaining(['cancel-handshake']),
      }),
    ]);
    expect(writes(stack, mark.dynamo)).toEqual([]);
    expect(
      stack
        .apiCalls()
        .slice(mark.calls)
        .filter((call) => !/^(Describe|List|Get)/.test(call.operation)),
    ).toEqual([]);
    expect(stack.bus.emitted.length).toBe(mark.emitted);
    expect(await stack.store.getSnapshot(`handshake:${untrusted}`)).toBeUndefined();
  });

  it('applies the day through the replay function: only what was missing is done, once; a second replay repeats nothing', async () => {
    const window = { source: 'archive' as const, since: '2026-11-03T00:00:00Z', until: '2026-11-04T00:00:00Z' };
    const items = await selectReplay(stack, window);
    // Act: the deployed path (the replay function starts an EventBridge replay to orgwarden's rules).
    const first = await applyReplay(stack, items, window, 'after-the-fix');
    // Assess
    expect(first).toMatchObject({ events: 2, calls: { CancelHandshake: 1 }, deadLetters: 0 });
    expect(first.published).toBeGreaterThan(0);
    expect((await stack.store.getSnapshot(`handshake:${untrusted}`))?.state).toBe('CANCELED');
    // Act: the same day again, under another name.
    const mark = stack.apiCalls().length;
    // The archive now also holds the record of orgwarden's own CancelHandshake.
    expect(await selectReplay(stack, window)).toHaveLength(3);
    const second = await applyReplay(stack, items, window, 'once-more');
    // Assess: processed again (each handshake re-read: a replay is not taken for a duplicate), nothing differs, nothing
    // done.
    expect(
      stack
        .apiCalls()
        .slice(mark)
        .filter((call) => call.operation === 'DescribeHandshake'),
    ).toHaveLength(3);
    expect(second).toEqual({ events: 3, calls: {}, published: 0, deadLetters: 0 });
    // Act: the same request delivered again (an asynchronous invocation may be): EventBridge refuses a
    // replay name used before, and the function finds its replay already started.
    const again = {
      calls: stack.apiCalls().length,
      emitted: stack.bus.emitted.length,
      dynamo: stack.dynamoRequests.length,
    };
    const repeated = await stack.runtime.invoke('replay', {
      since: window.since,
      until: window.until,
      replayName: 'once-more',
      apply: true,
    });
    await stack.bus.settle();
    // Assess: that replay, nothing replayed again
    expect(repeated).toMatchObject({
      started: { replayName: 'once-more', state: 'COMPLETED', replayArn: expect.stringContaining(':replay/once-more') },
    });
    expect([stack.apiCalls().length, stack.bus.emitted.length, stack.dynamoRequests.length]).toEqual([
      again.calls,
      again.emitted,
      again.dynamo,
    ]);
    // Act: the name again for another window: refused, classified, kept as a dead letter
    const other = await stack.runtime.invoke('replay', {
      since: window.since,
      until: '2026-11-03T12:00:00Z',
      replayName: 'once-more',
      apply: true,
    });
    // Assess
    expect(other).toMatchObject({
      outcome: 'dead-lettered',
      error: { name: 'UpstreamRejectedError', message: expect.stringContaining('choose another replay-name') },
    });
  });

  it('replays single events from the journal; the same replay name again is a duplicate and costs one read', async () => {
    const items = await selectReplay(stack, { source: 'journal' });
    // The journal holds what was processed, with its event and function (the refused event was never processed).
    expect(items.map((item) => item.functionName)).toEqual(expect.arrayContaining(['handshake-changed']));
    const trusted = items.find((item) => JSON.stringify(item.event).includes('222222222222'))!;
    const plans = await planReplay(stack, [trusted], 'journal-1');
    expect(plans).toEqual([expect.objectContaining({ outcome: 'no change' })]);
    const applied = await applyReplay(
      stack,
      [trusted],
      { source: 'journal', eventIds: [trusted.event.id] },
      'journal-1',
    );
    expect(applied).toEqual({ events: 1, calls: {}, published: 0, deadLetters: 0 });
    // Act: the same name again.
    const mark = stack.dynamoRequests.length;
    await applyReplay(stack, [trusted], { source: 'journal', eventIds: [trusted.event.id] }, 'journal-1');
    expect(stack.dynamoRequests.slice(mark).map((request) => request.operation)).toEqual(['BatchGetItem']);
    expect((await planReplay(stack, [trusted], 'journal-1'))[0]!.outcome).toBe('already replayed');
  });

  it('counts a replayed event whose handshake the API has forgotten (closed over 30 days ago) as unchanged, not as an error', async () => {
    // Prepare: 32 days later, Organizations no longer returns the cancelled invitation.
    await stack.advanceTo(new Date('2026-12-05T09:00:00Z'));
    const window = { source: 'archive' as const, since: '2026-11-03T00:00:00Z', until: '2026-11-04T00:00:00Z' };
    const items = await selectReplay(stack, window);
    const mark = { calls: stack.apiCalls().length, deadLetters: stack.deadLetters.length };
    // Act
    const applied = await applyReplay(stack, items, window, 'a-month-later');
    // Assess: the handshake was asked for and is gone; its closed snapshot stands; nothing else happened.
    const asked = stack
      .apiCalls()
      .slice(mark.calls)
      .filter((call) => call.operation === 'DescribeHandshake' && JSON.stringify(call.input).includes(untrusted));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((call) => call.error?.name === 'HandshakeNotFoundException')).toBe(true);
    expect(applied).toMatchObject({ calls: {}, published: 0, deadLetters: 0 });
    expect((await stack.store.getSnapshot(`handshake:${untrusted}`))?.state).toBe('CANCELED');
  });

  it('refuses a hostile event file with a classified reason, and changes nothing', async () => {
    const mark = { dynamo: stack.dynamoRequests.length, calls: stack.apiCalls().length };
    // A record nested 40 levels deep (no real one nests more than a dozen).
    let nested: Record<string, unknown> = { id: 'h-abcdefgh' };
    for (let level = 0; level < 40; level++) nested = { nested };
    const hostile = {
      ...items0(),
      detail: {
        eventName: 'InviteAccountToOrganization',
        eventSource: 'organizations.amazonaws.com',
        requestParameters: nested,
      },
    };
    const plans = await planReplay(stack, [{ event: hostile, functionName: 'handshake-changed' }], 'hostile');
    expect(plans).toEqual([
      expect.objectContaining({ outcome: 'refused', note: expect.stringMatching(/^MalformedEventError: /) }),
    ]);
    expect(writes(stack, mark.dynamo)).toEqual([]);
    expect(stack.apiCalls().length).toBe(mark.calls);
  });
});

const items0 = () => ({
  version: '0',
  id: 'e-hostile',
  'detail-type': 'AWS API Call via CloudTrail',
  source: 'aws.organizations',
  account: '111111111111',
  time: '2026-11-03T09:30:00Z',
  region: 'us-east-1',
  resources: [],
});
