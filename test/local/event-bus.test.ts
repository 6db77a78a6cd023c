import { describe, expect, it } from 'vitest';
import { LocalEventBus, ratePeriodMs, type BusEvent } from '../../shared/local/stack/event-bus';
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

const busWith = (rules: TemplateRule[], invoke: (fn: string, e: BusEvent) => Promise<unknown>) => {
  const failures: Array<{ event: BusEvent; error: string }> = [];
  const bus = new LocalEventBus(rules, {
    invoke,
    onFailure: (e, error) => failures.push({ event: e, error: error.message }),
    now: () => new Date('2026-11-02T00:00:00Z'),
    accountId: '111111111111',
    region: 'us-east-1',
  });
  return { bus, failures };
};

describe('LocalEventBus', () => {
  it('delivers only to rules of the bus whose pattern matches', async () => {
    // Prepare
    const seen: string[] = [];
    const { bus } = busWith(
      [rule({ pattern: { source: ['a'] } }), rule({ logicalId: 'Other', eventBusName: 'orgwarden-local', pattern: { source: ['a'] } })],
      (fn, e) => Promise.resolve(seen.push(`${fn}:${e.source}`)),
    );
    // Act
    bus.put('default', event('a'));
    bus.put('default', event('b'));
    await bus.settle();
    // Assess
    expect(seen).toEqual(['fn:a']);
  });

  it('retries a failing invocation twice, then hands the event to the on-failure destination', async () => {
    let calls = 0;
    const { bus, failures } = busWith([rule({ pattern: { source: ['a'] } })], () => Promise.reject(new Error(`boom ${++calls}`)));
    bus.put('default', event('a'));
    await bus.settle();
    expect(calls).toBe(3);
    expect(failures).toEqual([{ event: event('a'), error: 'boom 3' }]);
    expect(bus.deliveries).toMatchObject([{ outcome: 'failed', attempts: 3 }]);
  });

  it('fires a rate schedule once per period that ends within the time that passed', async () => {
    const times: string[] = [];
    const { bus } = busWith([rule({ schedule: 'rate(1 hour)' })], (_fn, e) => Promise.resolve(times.push(e.time)));
    const origin = new Date('2026-11-02T00:00:00Z');
    expect(bus.fireSchedules(origin, origin, new Date('2026-11-02T02:30:00Z'))).toBe(2);
    expect(bus.fireSchedules(origin, new Date('2026-11-02T02:30:00Z'), new Date('2026-11-02T03:00:00Z'))).toBe(1);
    await bus.settle();
    expect(times).toEqual(['2026-11-02T01:00:00Z', '2026-11-02T02:00:00Z', '2026-11-02T03:00:00Z']);
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
      { Entries: [{ Source: 'orgwarden', DetailType: 'X', Detail: '{"a":1}', EventBusName: 'arn:aws:events:us-east-1:111111111111:event-bus/orgwarden-local' }, { Source: 'orgwarden', DetailType: 'X', Detail: '{' }] },
      { accessKeyId: 'k' },
    ) as { FailedEntryCount: number; Entries: Array<Record<string, string>> };
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' });
    expect(bus.emitted).toMatchObject([{ bus: 'orgwarden-local', source: 'orgwarden', 'detail-type': 'X', detail: { a: 1 } }]);
  });
});
