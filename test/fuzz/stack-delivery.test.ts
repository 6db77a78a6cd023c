import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  ContinuationRefusedError,
  ForeignEventError,
  MalformedEventError,
  OrgwardenError,
  SubjectNotFoundError,
  UnsupportedEventError,
  UpstreamRejectedError,
} from '../../shared/domain/errors';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { doorCases, expectedRefusals, type DoorCase } from './support/door-cases';
import { eventDrivenFunctions, type EventDrivenFunction } from './support/door';
import { fuzzRuns, fuzzSeed, startFuzzStack, watchedRegions } from './support/fuzz-stack';
import { canary } from './support/hostile-values';
import { samplesFor } from './support/samples';

/** Cases per function through the whole stack: the door's fuzzing has the volume, this has the path. */
const stackRuns = 60;

// A continuation of a run never started (the sample's) is refused by the run's record: ContinuationRefusedError.
const permanent = [
  MalformedEventError,
  ForeignEventError,
  UnsupportedEventError,
  SubjectNotFoundError,
  UpstreamRejectedError,
  ConfigurationError,
  ContinuationRefusedError,
].map((type) => type.name);
const writes = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

type Run = {
  readonly outcome: 'ok' | 'threw';
  readonly result?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
};

const contains = (value: unknown, token: string): boolean => JSON.stringify(value)?.includes(token) ?? false;

/**
 * A case as EventBridge delivers it: put on the default bus, routed by the packaged template's
 * rules, run by the local Lambda runtime with its retries. When no rule takes the event (its
 * pattern does not match what was broken), the function is invoked with it directly, as a rule
 * nobody meant for it, or a replay, would: the handler is the last line either way.
 */
const deliver = async (stack: LocalStack, fn: EventDrivenFunction, c: DoorCase): Promise<Run[]> => {
  const before = stack.bus.deliveries.length;
  await stack.deliver(c.event as unknown as BusEvent);
  const runs: Run[] = stack.bus.deliveries
    .slice(before)
    .filter((delivery) => delivery.functionName === fn)
    .map((delivery) => ({
      outcome: delivery.outcome === 'ok' ? 'ok' : 'threw',
      result: delivery.result,
      ...(delivery.error ? { error: delivery.error } : {}),
    }));
  if (runs.length > 0) return runs;
  return [
    await stack.runtime.invoke(fn, c.event).then(
      (result): Run => ({ outcome: 'ok', result }),
      (error: unknown): Run => ({
        outcome: 'threw',
        error:
          error instanceof OrgwardenError
            ? { name: error.name, message: error.message }
            : { name: `untyped ${String(error)}`, message: '' },
      }),
    ),
  ];
};

describe('hostile and odd events through the full local stack (bus, rules, Lambda runtime, real handlers)', () => {
  let stack: LocalStack;
  const counts = new Map<string, number>();
  beforeAll(async () => {
    stack = await startFuzzStack();
  });
  afterAll(async () => {
    console.log(`fuzz through the stack: ${[...counts].map(([key, n]) => `${key} ${n}`).join(', ')}`);
    await stack.stop();
  });

  it.each(eventDrivenFunctions)(
    '%s: refuses what it must, processes what it may, and no injected id reaches a key, a call or a published event',
    async (fn) => {
      // Prepare
      const own = { account: stack.managementAccountId, region: 'us-east-1' };
      const forwarded = fn === 'macie-member-changed' ? { source: 'aws.macie2', regions: watchedRegions } : undefined;
      const samples = await samplesFor(fn, own, (region) => forwarded?.regions.includes(region) ?? false);
      // Act and Assess
      await fc.assert(
        fc.asyncProperty(doorCases(samples, own, forwarded, { tolerant: true }), async (c) => {
          const before = {
            dynamo: stack.dynamoRequests.length,
            calls: stack.apiCalls().length,
            emitted: stack.bus.emitted.length,
            putEvents: stack.putEventsCalls.length,
            letters: stack.deadLetters.length,
          };
          const runs = await deliver(stack, fn, c);
          const dynamo = stack.dynamoRequests.slice(before.dynamo).map((request) => request.operation);
          const calls = stack.apiCalls().slice(before.calls);
          const refused = runs.every(
            (run) =>
              run.outcome === 'ok' && (run.result as { outcome?: string } | undefined)?.outcome === 'dead-lettered',
          );
          for (const run of runs) {
            expect(run.outcome, `threw ${run.error?.name}: ${run.error?.message}`).toBe('ok');
            const answer = run.result as { outcome?: string; error?: { name: string } } | undefined;
            if (answer?.outcome === 'dead-lettered') expect(permanent).toContain(answer.error?.name);
          }
          if (c.broken) {
            expect(runs.map((run) => (run.result as { error?: { name: string } }).error?.name)).toEqual([
              expect.toBeOneOf([...expectedRefusals(c.event, own, forwarded)]),
            ]);
            expect(dynamo, 'DynamoDB requests of a refused event').toEqual([]);
            expect(calls, 'AWS calls of a refused event').toEqual([]);
          }
          if (refused) {
            expect(
              dynamo.filter((operation) => writes.has(operation)),
              'DynamoDB writes of a refused event',
            ).toEqual([]);
            expect(
              calls.map((call) => call.operation).filter((operation) => !/^(Describe|List|Get)/.test(operation)),
              'changing calls of a refused event',
            ).toEqual([]);
            expect(stack.putEventsCalls.length - before.putEvents).toBe(0);
            expect(stack.deadLetters.length - before.letters).toBe(runs.length);
          }
          expect(
            calls.filter((call) => contains(call.input, canary)),
            'AWS calls carrying an injected value',
          ).toEqual([]);
          expect(
            stack.bus.emitted.slice(before.emitted).filter((event) => contains(event.detail, canary)),
            'published events carrying an injected value',
          ).toEqual([]);
          const key = `${fn} ${c.broken ? 'broken' : 'odd'} ${refused ? 'refused' : 'processed'}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }),
        { numRuns: fuzzRuns(stackRuns), ...fuzzSeed() },
      );
      const stored = [
        ...(await stack.store.listSnapshots()).map((s) => s.subject),
        ...(await stack.store.listHistory()).map((h) => h.subject),
      ];
      expect(stored.filter((subject) => subject.includes(canary))).toEqual([]);
    },
    300_000,
  );
});
