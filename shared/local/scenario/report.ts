import type { LocalStack } from '../stack/local-stack';
import type { TimelineEntry } from './run-scenario';

/** The machine-readable result of a local run (`orgwarden local --json`). */
export interface LocalReport {
  readonly snapshots: Array<{ subject: string; state: string; version: number; observedAt: string; data: unknown }>;
  readonly history: Array<{ subject: string; from: string | null; to: string; at: string; cause: unknown }>;
  readonly emitted: Array<{ source: string; 'detail-type': string; detail: unknown; time: string }>;
  readonly apiCalls: ReturnType<LocalStack['apiCalls']>;
  readonly deadLetters: Array<{ event: unknown; error: { name: string; message: string } }>;
}

export const buildReport = async (stack: LocalStack): Promise<LocalReport> => ({
  snapshots: (await stack.store.listSnapshots()).map(({ subject, state, version, observedAt, data }) => ({ subject, state, version, observedAt, data })),
  history: (await stack.store.listHistory()).map(({ subject, from, to, at, cause }) => ({ subject, from, to, at, cause })),
  emitted: stack.bus.emitted.map(({ source, 'detail-type': detailType, detail, time }) => ({ source, 'detail-type': detailType, detail, time })),
  apiCalls: stack.apiCalls(),
  deadLetters: stack.deadLetters.map(({ event, error }) => ({ event, error })),
});

/** The readable timeline, then the state it left. */
export const formatTimeline = (name: string, timeline: readonly TimelineEntry[], report: LocalReport): string => {
  const lines = [`scenario: ${name}`, ''];
  for (const entry of timeline) lines.push(`${entry.at.replace('.000Z', 'Z')}  ${entry.text}`);
  lines.push('', `snapshots (${report.snapshots.length}):`);
  for (const s of report.snapshots) lines.push(`  ${s.subject.padEnd(44)} ${s.state.padEnd(10)} v${s.version}  observed ${s.observedAt}`);
  lines.push(
    '',
    `history: ${report.history.length}, emitted: ${report.emitted.length}, orgwarden API calls: ${report.apiCalls.length}, dead letters: ${report.deadLetters.length}`,
  );
  return lines.join('\n');
};
