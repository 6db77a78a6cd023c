/**
 * Benchmark: prints figures, asserts nothing (timing tests flake; figures go to the README).
 *   npm run bench
 * 1. each packaged function: bundle size and cold initialisation;
 * 2. what one event costs each function: DynamoDB requests, AWS reads, PutEvents calls (change, duplicate, unchanged);
 * 3. the event-pattern matcher on the packaged rule, compiled once vs validated per event (ratio in one run);
 * 4. handshake-changed end to end on the local stack: latency percentiles, a burst, heap growth;
 * 5. warm handling time of each event-driven handler (change, duplicate, unchanged) against a bare
 *    conditional PutItem measured in the same run; with 100,000 more stored subjects; a mixed burst;
 * 6. the audit at 1,000 and 10,000 accounts (import, unchanged, 1% changed) against the pagination minimum;
 * 7. the product files one CloudTrail invitation crosses (test/bench/files-crossed.ts).
 */
import '../../shared/local/quiet-sdk-warning';
import { auditFigures } from './audit';
import { bundleFigures } from './bundles';
import { costFigures } from './costs';
import { filesCrossed } from './files-crossed';
import { handlerFigures } from './handlers';
import { matcherBench, pipelineBench } from './pipeline';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
// Issue #6's targets: a bundle of at most 400 KB (400,000 bytes), cold initialisation at most 60 ms.
const targets = (bytes: number, coldMs: number): string =>
  `${bytes <= 400_000 ? 'within' : 'OVER'} 400 KB, ${coldMs <= 60 ? 'within' : 'OVER'} 60 ms`;

console.log('functions (packaged bundles, Node ' + process.versions.node + '):');
for (const figure of await bundleFigures()) {
  console.log(
    `  ${figure.fn.padEnd(20)} bundle ${kib(figure.bytes).padStart(8)} (${figure.bytes} bytes)   cold init ${figure.coldInitMs.toFixed(0).padStart(3)} ms (median of 10 processes minus bare node; import alone ${figure.importMs.toFixed(0)} ms): ${targets(figure.bytes, figure.coldInitMs)}`,
  );
  // Every byte accounted for (test/bench/bundle-contents.ts, from the packaged source map): the largest origins.
  const accounted = figure.contents.reduce((sum, share) => sum + share.bytes, 0);
  console.log(
    `    ${figure.contents
      .slice(0, 8)
      .map((share) => `${share.origin} ${kib(share.bytes)}`)
      .join(
        ', ',
      )}; ${accounted === figure.bytes ? 'every byte accounted for' : `ACCOUNTED ${accounted} OF ${figure.bytes}`}`,
  );
}
console.log('cost of one event (DynamoDB requests / AWS reads / PutEvents calls):');
for (const cost of await costFigures()) {
  console.log(
    `  ${cost.fn.padEnd(18)} ${cost.kind.padEnd(10)} ${String(cost.dynamo.length).padStart(3)} DynamoDB (${summarize(cost.dynamo)}) / ${cost.awsReads} AWS / ${cost.putEvents} PutEvents`,
  );
}
await matcherBench();
await pipelineBench();

const handlers = await handlerFigures();
const ms = (value: number): string => `${value.toFixed(1)} ms`;
console.log(
  `warm handling time per event (invocation to answer; bare conditional PutItem: p50 ${ms(handlers.putItem.p50)}, p99 ${ms(handlers.putItem.p99)}):`,
);
for (const l of [...handlers.latencies].sort((a, b) => a.fn.localeCompare(b.fn) || a.kind.localeCompare(b.kind))) {
  console.log(
    `  ${l.fn.padEnd(21)} ${l.kind.padEnd(10)} n=${String(l.count).padStart(4)}  p50 ${ms(l.p50).padStart(9)} (${(l.p50 / handlers.putItem.p50).toFixed(1)}x PutItem)  p99 ${ms(l.p99).padStart(9)} (${(l.p99 / handlers.putItem.p99).toFixed(1)}x)`,
  );
}
console.log(
  `  stored subjects: ${handlers.scale.small.subjects} -> p50 of a change ${ms(handlers.scale.small.p50)}; ${handlers.scale.large.subjects} -> ${ms(handlers.scale.large.p50)} (${(handlers.scale.large.p50 / handlers.scale.small.p50).toFixed(2)}x)`,
);
console.log(
  `  burst: ${handlers.burst.events} events (${handlers.burst.duplicates} duplicates, ${handlers.burst.replays} replays) at ${handlers.burst.perSecond.toFixed(0)} events/s in one process`,
);

console.log('audit (the real function, continuations included; calls vs the pagination minimum of its listings):');
for (const accounts of (process.env.BENCH_AUDIT_ACCOUNTS ?? '1000,10000').split(',').map(Number)) {
  for (const f of await auditFigures(accounts)) {
    const over = ((f.listingCalls / f.minimum - 1) * 100).toFixed(1);
    console.log(
      `  ${String(f.accounts).padStart(6)} accounts ${f.run.padEnd(9)} ${(f.ms / 1000).toFixed(1).padStart(6)} s  listing calls ${String(f.listingCalls).padStart(5)} (minimum ${f.minimum}, +${over}%)  other calls ${String(f.callCount - f.listingCalls).padStart(4)}  DynamoDB writes ${String(f.dynamoWrites).padStart(6)}  findings ${f.findings}`,
    );
  }
}
const crossed = await filesCrossed();
console.log(
  `one CloudTrail invitation crosses ${crossed.length} product files (issue #18's target: at most 25): ${crossed.join(' ')}`,
);
process.exit(0);

function summarize(operations: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const operation of operations) counts.set(operation, (counts.get(operation) ?? 0) + 1);
  return [...counts].map(([operation, n]) => (n > 1 ? `${n} ${operation}` : operation)).join(', ');
}
