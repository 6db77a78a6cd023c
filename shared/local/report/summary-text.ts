/**
 * What `orgwarden local` prints after its timeline: what the run left (the snapshots, by kind and
 * state when there are many), the counts, the failed steps, then the findings, a legend of the
 * timeline's marks and what to run next.
 */
import { formatSnapshots, formatTable, type RunReport } from '../scenario/report';
import { formatFindings, formatNext, LEGEND_TEXT } from './findings-text';
import { buildReportModel } from './report-model';

/** Up to this many snapshots are listed one by one; more are counted by kind and state. */
const LISTED_UP_TO = 30;

const snapshotLines = (snapshots: RunReport['snapshots']): string[] => {
  if (snapshots.length <= LISTED_UP_TO)
    return [`snapshots (${snapshots.length}):`, ...(snapshots.length > 0 ? formatSnapshots(snapshots, '  ') : [])];
  const counts = new Map<string, number>();
  for (const s of snapshots) {
    const key = `${s.subject.split(':')[0]}\u0000${s.state}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts].map(([key, n]) => [...key.split('\u0000'), String(n)]);
  return [
    `snapshots (${snapshots.length}), counted by kind and state (\`orgwarden state <kind>:\` lists them):`,
    ...formatTable(['KIND', 'STATE', 'COUNT'], rows, '  '),
  ];
};

/**
 * The end of the `local` timeline.
 *
 * @param report - what the run left and its failed steps
 * @param title - the scenario's name
 */
export const formatRunSummary = (report: RunReport, title: string): string => {
  const { findings } = buildReportModel({
    title,
    source: 'local run',
    generatedAt: new Date(0).toISOString(),
    ...report,
  });
  const example =
    findings.untrusted[0]?.subject ??
    findings.coverageGaps[0]?.accountId.replace(/^/, 'account:') ??
    findings.deadlines[0]?.subject ??
    report.snapshots.find((s) => !s.subject.startsWith('audit-run:'))?.subject;
  return [
    '',
    ...snapshotLines(report.snapshots),
    '',
    `history: ${report.history.length}, emitted: ${report.emitted.length}, orgwarden API calls: ${report.apiCalls.length}, dead letters: ${report.deadLetters.length}, failed steps: ${report.failures.length}`,
    ...report.failures.map((f) => `  steps.${f.step} ${f.what}: ${f.error.name}: ${f.error.message}`),
    ...formatFindings(findings),
    ...LEGEND_TEXT,
    ...formatNext(example),
  ].join('\n');
};
