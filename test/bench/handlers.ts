import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { performance } from 'node:perf_hooks';
import { parseScenario, type Scenario } from '../../shared/local/scenario/scenario';
import { rehearse } from '../../shared/local/scenario/run-scenario';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';

export type EventKind = 'change' | 'duplicate' | 'unchanged';

export interface Latency {
  readonly fn: string;
  readonly kind: EventKind;
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
}

export interface HandlerFigures {
  readonly putItem: { readonly p50: number; readonly p99: number };
  readonly latencies: readonly Latency[];
  /** handshake-changed's change p50 with ~100 stored subjects, then with 100,000 more. */
  readonly scale: {
    readonly small: { subjects: number; p50: number };
    readonly large: { subjects: number; p50: number };
  };
  /** A burst through the bus: new changes, duplicates and replays mixed. */
  readonly burst: {
    readonly events: number;
    readonly duplicates: number;
    readonly replays: number;
    readonly perSecond: number;
  };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (values: readonly number[]): { p50: number; p99: number } => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

interface Timed {
  readonly at: number;
  readonly fn: string;
  readonly event: BusEvent;
  readonly ms: number;
  readonly kind: EventKind;
}

/** What a handler's answer says it did: a duplicate, a change recorded, or nothing new. */
const kindOf = (result: unknown): EventKind => {
  const observed = result as { outcome?: string; recorded?: Array<{ outcome: string }> } | undefined;
  if (observed?.outcome === 'duplicate') return 'duplicate';
  return observed?.recorded?.some((entry) => ['changed', 'refreshed'].includes(entry.outcome)) ? 'change' : 'unchanged';
};

const team = [
  { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
  { name: 'Bob Smith', jobTitle: 'Engineer', email: 'bob@example.com' },
];

/** `n` changes for each handler: invitations, Macie members, the membership cancelled and restored in turn. */
const changesOf = (n: number, offset: number): unknown[] => [
  ...Array.from({ length: n }, (_, i) => ({
    api: {
      service: 'organizations',
      operation: 'InviteAccountToOrganization',
      input: { Target: { Id: String(500000000000 + offset + i), Type: 'ACCOUNT' } },
    },
  })),
  ...Array.from({ length: n }, (_, i) => ({
    api: {
      service: 'macie2',
      operation: 'CreateMember',
      input: { account: { accountId: String(600000000000 + offset + i), email: `m${offset + i}@example.net` } },
    },
  })),
  ...Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? {
          api: {
            service: 'security-ir',
            operation: 'CancelMembership',
            input: { membershipId: '${membership.membershipId}' },
          },
        }
      : {
          api: {
            service: 'security-ir',
            operation: 'UpdateMembership',
            input: { membershipId: '${membership.membershipId}', undoMembershipCancellation: true },
          },
        },
  ),
];

/** The bench's world: a warm-up round (not measured), then from 10:00 the measured round. */
const worldOf = (n: number): Scenario =>
  parseScenario(
    {
      name: 'bench',
      start: '2026-11-02T09:00:00Z',
      organization: { id: 'o-bench12345', managementAccountId: '111111111111' },
      macie: { regions: ['us-east-1'] },
      steps: [
        {
          api: {
            service: 'security-ir',
            operation: 'CreateMembership',
            input: { clientToken: 'bench', membershipName: 'bench', incidentResponseTeam: team },
          },
          save: 'membership',
        },
        ...changesOf(n, 0),
        { at: measuredFrom, api: { service: 'organizations', operation: 'DescribeOrganization', input: {} } },
        ...changesOf(n, n),
      ],
    },
    'bench',
  );

const measuredFrom = '2026-11-02T10:00:00Z';

/** Plays a scenario and refuses to go on if a step failed (the figures would be of something else). */
const play = async (scenario: Scenario, stack: LocalStack): Promise<void> => {
  const run = await rehearse(scenario, stack);
  if (run.failures.length > 0) throw new Error(`bench scenario ${scenario.name}: ${JSON.stringify(run.failures[0])}`);
};

/**
 * Warm per-event handling time of each event-driven handler, for a change, a duplicate and an
 * unchanged event, with a bare conditional PutItem round trip to the same DynamoDB measured in the
 * same run; then the same handler with 100,000 more stored subjects; then a mixed burst.
 */
export const handlerFigures = async (n = Number(process.env.BENCH_EVENTS ?? 200)): Promise<HandlerFigures> => {
  const stack = await LocalStack.start({
    start: new Date('2026-11-02T09:00:00Z'),
    logLevel: 'SILENT',
    macie: { regions: ['us-east-1'] },
  });
  try {
    const timed: Timed[] = [];
    const invoke = stack.runtime.invoke.bind(stack.runtime);
    stack.runtime.invoke = async (fn, event) => {
      const start = performance.now();
      const result = await invoke(fn, event);
      timed.push({
        at: stack.clock.now().getTime(),
        fn,
        event: event as BusEvent,
        ms: performance.now() - start,
        kind: kindOf(result),
      });
      return result;
    };
    // Changes, after a warm-up round of the same (JIT, connections, caches).
    await play(worldOf(n), stack);
    const handlers = ['handshake-changed', 'membership-changed', 'macie-member-changed'];
    const measured = timed.filter(
      (t) => handlers.includes(t.fn) && t.event.source !== 'aws.events' && t.at >= Date.parse(measuredFrom),
    );
    // Each event again (a duplicate), then under a new id (nothing changed since).
    for (const { fn, event } of [...measured]) await stack.runtime.invoke(fn, event);
    for (const { fn, event } of [...measured]) await stack.runtime.invoke(fn, { ...event, id: `${event.id}-again` });
    const byFunction = new Map<string, Timed[]>();
    for (const t of timed.filter(
      (t) => handlers.includes(t.fn) && t.event.source !== 'aws.events' && t.at >= Date.parse(measuredFrom),
    ))
      byFunction.set(`${t.fn}/${t.kind}`, [...(byFunction.get(`${t.fn}/${t.kind}`) ?? []), t]);
    const latencies = [...byFunction].map(([key, items]) => {
      const [fn, kind] = key.split('/') as [string, EventKind];
      return { fn, kind, count: items.length, ...summary(items.map((t) => t.ms)) };
    });

    // The floor: one conditional PutItem round trip through the same proxy to the same DynamoDB Local.
    const table = stack.environmentOf('handshake-changed').TABLE_NAME!;
    const dynamo = new DynamoDBClient({
      endpoint: stack.functionRuntime.endpoints!.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    });
    const puts: number[] = [];
    for (let i = 0; i < 50 + n; i++) {
      const start = performance.now();
      await dynamo.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: `BENCH#${i}` }, sk: { S: 'PUT' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      if (i >= 50) puts.push(performance.now() - start);
    }

    // The same change with the subjects stored so far, then with 100,000 more (copies of a real snapshot).
    const invitations = (offset: number, name: string): Scenario =>
      parseScenario(
        {
          name,
          start: stack.clock.now().toISOString(),
          steps: Array.from({ length: n }, (_, i) => ({
            api: {
              service: 'organizations',
              operation: 'InviteAccountToOrganization',
              input: { Target: { Id: String(700000000000 + offset + i), Type: 'ACCOUNT' } },
            },
          })),
        },
        name,
      );
    const changeTimes = async (scenario: Scenario): Promise<{ p50: number; p99: number }> => {
      const before = timed.length;
      await play(scenario, stack);
      return summary(
        timed
          .slice(before)
          .filter((t) => t.fn === 'handshake-changed' && t.kind === 'change')
          .map((t) => t.ms),
      );
    };
    const stored = (await stack.store.listSnapshots()).length;
    const small = await changeTimes(invitations(0, 'small'));
    const sample = (await stack.store.listSnapshots()).find((snapshot) => snapshot.subject.startsWith('handshake:'))!;
    const template = (
      await dynamo.send(
        new GetItemCommand({
          TableName: table,
          Key: { pk: { S: `SUBJECT#${sample.subject}` }, sk: { S: 'SNAPSHOT' } },
        }),
      )
    ).Item!;
    const extra = 100_000;
    for (let start = 0; start < extra; start += 25) {
      const items = Array.from({ length: Math.min(25, extra - start) }, (_, k) => {
        const subject = `handshake:h-bench${String(start + k).padStart(12, '0')}`;
        return { PutRequest: { Item: { ...template, pk: { S: `SUBJECT#${subject}` }, subject: { S: subject } } } };
      });
      await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: items } }));
    }
    const large = await changeTimes(invitations(n, 'large'));

    // A burst: new invitations, duplicates of past events and replays of them, all at once.
    const past = measured.filter((t) => t.fn === 'handshake-changed').map((t) => t.event);
    const burst: Array<{ fn: string; event: BusEvent }> = [];
    for (let i = 0; i < n; i++) {
      const event = past[i % past.length]!;
      if (i % 4 === 1) burst.push({ fn: 'handshake-changed', event });
      else if (i % 4 === 3) burst.push({ fn: 'handshake-changed', event: { ...event, 'replay-name': `bench-${i}` } });
    }
    const startBurst = performance.now();
    const organizations = play(
      parseScenario(
        {
          name: 'burst',
          start: stack.clock.now().toISOString(),
          steps: Array.from({ length: n / 2 }, (_, i) => ({
            api: {
              service: 'organizations',
              operation: 'InviteAccountToOrganization',
              input: { Target: { Id: String(800000000000 + i), Type: 'ACCOUNT' } },
            },
          })),
        },
        'burst',
      ),
      stack,
    );
    await Promise.all([organizations, ...burst.map(({ event }) => stack.deliver(event))]);
    await stack.bus.settle();
    const seconds = (performance.now() - startBurst) / 1000;
    dynamo.destroy();
    return {
      putItem: summary(puts),
      latencies,
      scale: { small: { subjects: stored, p50: small.p50 }, large: { subjects: stored + n + extra, p50: large.p50 } },
      burst: {
        events: n / 2 + burst.length,
        duplicates: burst.filter((b) => !b.event['replay-name']).length,
        replays: burst.filter((b) => b.event['replay-name']).length,
        perSecond: (n / 2 + burst.length) / seconds,
      },
    };
  } finally {
    await stack.stop();
  }
};
