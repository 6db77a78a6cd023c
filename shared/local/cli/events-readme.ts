/**
 * events/README.md, generated from events/index.json and the prose of events-readme.md beside this file
 * (`npx tsx shared/local/cli/write-events-readme.ts`): test/cli/events-readme.test.ts fails while the committed file
 * differs from what this renders, so the table can never again name a function the index does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invokeCommand, type SampleEntry } from './samples';

const prose = (): string => readFileSync(join(import.meta.dirname, 'events-readme.md'), 'utf8');

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const forWhom = (entry: SampleEntry): string =>
  entry.function
    ? `${entry.function}${entry.bus === 'orgwarden' ? " (on orgwarden's bus)" : ''}`
    : `none${entry.note ? ` (${entry.note})` : ''}`;

const outcomeOf = (entry: SampleEntry): string => {
  if (!entry.expect) return entry.function ? '' : 'no rule takes it';
  if (entry.expect.outcome === 'processed') return 'processed, exit 0';
  return `dead-lettered (${entry.expect.error}), exit 1: ${entry.expect.why}`;
};

/** The whole of events/README.md for this index. */
export const renderEventsReadme = (index: readonly SampleEntry[]): string => {
  const rows = index.map((entry) =>
    [entry.file, forWhom(entry), entry.scenario?.replace(/^scenarios\//, '') ?? '', outcomeOf(entry), entry.source]
      .map(cell)
      .join(' | '),
  );
  const commands = index.flatMap((entry) => invokeCommand(entry) ?? []);
  return [
    prose().trimEnd(),
    '',
    '## The samples',
    '',
    '| file | for | its world (events/scenarios/) | invoked in that world | source |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
    '',
    '## Each sample as invoked',
    '',
    'Every command below is run by test/cli/samples.test.ts, which checks its outcome and exit code.',
    '',
    '```sh',
    ...commands,
    '```',
    '',
  ].join('\n');
};
