/**
 * Benchmark: prints figures, asserts nothing (timing tests flake; figures go to the README).
 *   npm run bench
 * 1. each packaged function: bundle size and cold initialisation;
 * 2. what one event costs each function: DynamoDB requests, AWS reads, PutEvents calls (change, duplicate, unchanged);
 * 3. the event-pattern matcher on the packaged rule, compiled once vs validated per event (ratio in one run);
 * 4. handshake-changed end to end on the local stack: latency percentiles, a burst, heap growth.
 */
import '../../shared/local/quiet-sdk-warning';
import { bundleFigures } from './bundles';
import { costFigures } from './costs';
import { matcherBench, pipelineBench } from './pipeline';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

console.log('functions (packaged bundles, Node ' + process.versions.node + '):');
for (const figure of await bundleFigures()) {
  console.log(`  ${figure.fn.padEnd(18)} bundle ${kib(figure.bytes).padStart(8)}   cold init ${figure.coldInitMs.toFixed(0).padStart(3)} ms (median of 10 processes minus bare node; import alone ${figure.importMs.toFixed(0)} ms)`);
}
console.log('cost of one event (DynamoDB requests / AWS reads / PutEvents calls):');
for (const cost of await costFigures()) {
  console.log(`  ${cost.fn.padEnd(18)} ${cost.kind.padEnd(10)} ${String(cost.dynamo.length).padStart(3)} DynamoDB (${summarize(cost.dynamo)}) / ${cost.awsReads} AWS / ${cost.putEvents} PutEvents`);
}
await matcherBench();
await pipelineBench();
process.exit(0);

function summarize(operations: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const operation of operations) counts.set(operation, (counts.get(operation) ?? 0) + 1);
  return [...counts].map(([operation, n]) => (n > 1 ? `${n} ${operation}` : operation)).join(', ');
}
