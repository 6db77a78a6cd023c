import { describe, expect, it } from 'vitest';
import { LocalEventBus, ratePeriodMs, type BusEvent, type ScheduleDemand } from '../../shared/local/stack/event-bus';
import type { TemplateRule } from '../../shared/local/template';

const rule = (overrides: Partial<TemplateRule>): TemplateRule => ({
  logicalId: 'Rule',
  ruleName: 'rule',
  eventBusName: 'default',
  pattern: null,
  schedule: null,
  enabled: true,
  targets: [{ id: 't', functionName: 'fn', handler: 'functions/fn/handler.handler' }],
  otherTargets: [],
  ...overrides,
});

const event = (source: string): BusEvent => ({
  version: '0',
  id: `id-${source}`,
  'detail-type': 'Test',
  source,
  account: '111111111111',
  time: '2026-11-02T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {},
});

const busWith = (
  rules: TemplateRule[],
  invoke: (fn: string, e: BusEvent) => Promise<unknown>,
  demand?: ScheduleDemand,
) => {
  const failures: Array<{ event: BusEvent; error: string }> = [];
  let now = new Date('2026-11-02T00:00:00Z');
  const bus = new LocalEventBus(rules, {
    invoke,
    onFailure: (e, error) => failures.push({ event: e, error: error.message }),
    now: () => now,
    accountId: '111111111111',
    region: 'us-east-1',
    ...(demand ? { demand } : {}),
  });
  /** Lets time pass as the local stack does: stop at each due instant and run what is due. */
  const advanceTo = async (to: string): Promise<void> => {
    for (let next = await bus.nextDue(now, new Date(to)); next; next = await bus.nextDue(now, new Date(to))) {
      now = next;
      await bus.runDue(next);
      await bus.settle();
    }
    now = new Date(to);
  };
  return { bus, failures, advanceTo };
};

describe('LocalEventBus', () => {
  it('delivers only to rules of the bus whose pattern matches', async () => {
    // Prepare
    const seen: string[] = [];
    const { bus } = busWith(
      [
        rule({ pattern: { source: ['a'] } }),
        rule({ logicalId: 'Other', eventBusName: 'orgwarden-local', pattern: { source: ['a'] } }),
      ],
      (fn, e) => Promise.resolve(seen.push(`${fn}:${e.source}`)),
    );
    // Act
    bus.put('default', event('a'));
    bus.put('default', event('b'));
    await bus.settle();
    // Assess
    expect(seen).toEqual(['fn:a']);
  });

  it("retries a failing invocation on Lambda's schedule (one, then two minutes later), then hands it to the on-failure destination", async () => {
    // Prepare
    const calls: string[] = [];
    const { bus, failures, advanceTo } = busWith([rule({ pattern: { source: ['a'] } })], () =>
      Promise.reject(new Error(`boom ${calls.push('x')}`)),
    );
    // Act
    bus.put('default', event('a'));
    await bus.settle();
    // Assess: no instant retry
    expect(calls).toHaveLength(1);
    expect(bus.retries).toHaveLength(1);
    await advanceTo('2026-11-02T00:00:59Z');
    expect(calls).toHaveLength(1);
    await advanceTo('2026-11-02T00:10:00Z');
    expect(bus.deliveries.map((d) => `${d.attempt} ${d.at} ${d.outcome}`)).toEqual([
      '1 2026-11-02T00:00:00.000Z retry-scheduled',
      '2 2026-11-02T00:01:00.000Z retry-scheduled',
      '3 2026-11-02T00:03:00.000Z gave-up',
    ]);
    expect(failures).toEqual([{ event: event('a'), error: 'boom 3' }]);
  });

  it('fires a rate schedule once per period that ends within the time that passed', async () => {
    const times: string[] = [];
    const { advanceTo } = busWith([rule({ schedule: 'rate(1 hour)' })], (_fn, e) =>
      Promise.resolve(times.push(e.time)),
    );
    await advanceTo('2026-11-02T02:30:00Z');
    await advanceTo('2026-11-02T03:00:00Z');
    expect(times).toEqual(['2026-11-02T01:00:00Z', '2026-11-02T02:00:00Z', '2026-11-02T03:00:00Z']);
  });

  it('leaves out the ticks of a schedule whose function has nothing due, and fires the first tick at or after the due time', async () => {
    const times: string[] = [];
    const demand: ScheduleDemand = () =>
      Promise.resolve(times.length === 0 ? new Date('2026-11-02T05:20:00Z') : undefined);
    const { advanceTo } = busWith(
      [rule({ schedule: 'rate(15 minutes)' })],
      (_fn, e) => Promise.resolve(times.push(e.time)),
      demand,
    );
    await advanceTo('2026-11-03T00:00:00Z');
    expect(times).toEqual(['2026-11-02T05:30:00Z']);
  });

  it.each([
    ['rate(5 minutes)', 300_000],
    ['rate(1 day)', 86_400_000],
  ])('reads %s', (expression, ms) => {
    expect(ratePeriodMs(expression)).toBe(ms);
  });

  it.each(['rate(1 minutes)', 'rate(5 minute)', 'cron(0 12 * * ? *)'])('refuses %s', (expression) => {
    expect(() => ratePeriodMs(expression)).toThrow(expression);
  });

  it('answers PutEvents like EventBridge and records what was published', () => {
    const { bus } = busWith([], () => Promise.resolve());
    const out = bus.putEvents(
      {
        Entries: [
          {
            Source: 'orgwarden',
            DetailType: 'X',
            Detail: '{"a":1}',
            EventBusName: 'arn:aws:events:us-east-1:111111111111:event-bus/orgwarden-local',
          },
          { Source: 'orgwarden', DetailType: 'X', Detail: '{' },
        ],
      },
      { accessKeyId: 'k' },
    ) as { FailedEntryCount: number; Entries: Array<Record<string, string>> };
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' });
    expect(bus.emitted).toMatchObject([
      { bus: 'orgwarden-local', source: 'orgwarden', 'detail-type': 'X', detail: { a: 1 } },
    ]);
  });
});
