import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InviteAccountToOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { compileEventPattern, matchesPattern } from '../../shared/local/event-pattern/matcher';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { loadTemplate, packageTemplate, projectRoot, rulesOf } from '../../shared/local/template';

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export const matcherBench = async (): Promise<void> => {
  const rule = rulesOf(loadTemplate(await packageTemplate({ stage: 'local' }))).find((r) =>
    r.targets.some((t) => t.functionName === 'handshake-changed'),
  );
  const index = JSON.parse(await readFile(join(projectRoot, 'events/index.json'), 'utf8')) as Array<{ file: string }>;
  const events = await Promise.all(
    index.map(async ({ file }) => JSON.parse(await readFile(join(projectRoot, 'events', file), 'utf8')) as unknown),
  );
  const rounds = 20_000;
  const compiled = compileEventPattern(rule!.pattern);
  let matched = 0;
  let start = performance.now();
  for (let i = 0; i < rounds; i++) for (const event of events) if (compiled(event)) matched++;
  const compiledMs = performance.now() - start;
  start = performance.now();
  for (let i = 0; i < rounds / 10; i++) for (const event of events) if (matchesPattern(rule!.pattern, event)) matched++;
  const perEventMs = (performance.now() - start) * 10;
  const total = rounds * events.length;
  console.log(`matcher: ${events.length} sample events x ${rounds} rounds (${matched} matches)`);
  console.log(`  compiled once:        ${(total / (compiledMs / 1000)).toFixed(0)} matches/s`);
  console.log(
    `  validated per event:  ${(total / (perEventMs / 1000)).toFixed(0)} matches/s  (compiled is ${(perEventMs / compiledMs).toFixed(1)}x faster)`,
  );
};

export const pipelineBench = async (): Promise<void> => {
  const invitations = Number(process.env.BENCH_INVITATIONS ?? 200);
  const stack = await LocalStack.start({ start: new Date('2026-11-02T09:00:00Z'), logLevel: 'SILENT' });
  try {
    const client = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
    });
    const timed: number[] = [];
    const invoke = stack.runtime.invoke.bind(stack.runtime);
    stack.runtime.invoke = async (fn, event) => {
      const t0 = performance.now();
      try {
        return await invoke(fn, event);
      } finally {
        timed.push(performance.now() - t0);
      }
    };
    // Warm up (cold start: module import, first connections) before measuring.
    await client.send(new InviteAccountToOrganizationCommand({ Target: { Id: '200000000000', Type: 'ACCOUNT' } }));
    await stack.bus.settle();
    timed.length = 0;
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    // One at a time: the latency of one reaction with nothing else running.
    for (let i = 1; i <= invitations / 2; i++) {
      await client.send(
        new InviteAccountToOrganizationCommand({ Target: { Id: String(200000000000 + i), Type: 'ACCOUNT' } }),
      );
      await stack.bus.settle();
    }
    const sorted = [...timed].sort((a, b) => a - b);
    // Back to back without waiting: reactions overlap as they do under a burst of events.
    const start = performance.now();
    for (let i = invitations / 2 + 1; i <= invitations; i++) {
      await client.send(
        new InviteAccountToOrganizationCommand({ Target: { Id: String(200000000000 + i), Type: 'ACCOUNT' } }),
      );
    }
    await stack.bus.settle();
    const seconds = (performance.now() - start) / 1000;
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const stored = (await stack.store.listHistory()).length;
    console.log(
      `pipeline: ${invitations} invitations -> ${timed.length} handler invocations, ${stored - 1} new history entries, ${stack.deadLetters.length} dead letters`,
    );
    console.log(
      `  handler alone (${sorted.length}): p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
    );
    console.log(
      `  burst of ${invitations / 2}: ${(invitations / 2 / seconds).toFixed(1)} events/s end to end (API call, CloudTrail event, rule, handler, DynamoDB, publish)`,
    );
    console.log(
      `  heap growth: ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB over the run (rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB)`,
    );
  } finally {
    await stack.stop();
  }
};
