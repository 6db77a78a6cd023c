import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchesPattern } from '../../shared/local/event-pattern/matcher';
import { projectRoot, rulesOf, type TemplateRule } from '../../shared/local/template';
import { INFRA_STAGE, packaged, readProjectJson } from './packaged';

interface IndexEntry {
  readonly file: string;
  readonly function: string | null;
  readonly source: string;
  /** Where it arrives: the account's default bus (default), or orgwarden's own (`orgwarden`). */
  readonly bus?: 'default' | 'orgwarden';
}

const eventsDir = join(projectRoot, 'events');
const index = readProjectJson('events/index.json') as IndexEntry[];
const readSample = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(eventsDir, file), 'utf8')) as Record<string, unknown>;

/** Sample files on disk (events/scenarios/ holds scenarios, events/requests/ direct invocations: not events). */
const sampleFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['scenarios', 'schemas', 'requests'].includes(entry.name) ? [] : sampleFiles(path);
    return entry.name.endsWith('.json') && entry.name !== 'index.json' ? [relative(eventsDir, path)] : [];
  });

/**
 * The functions the template's rules would invoke for an event arriving on a bus (the account's default bus unless
 * named).
 */
const functionsInvokedBy = (rules: TemplateRule[], event: unknown, bus: IndexEntry['bus'] = 'default'): string[] =>
  [
    ...new Set(
      rules
        .filter(
          (rule) =>
            rule.enabled &&
            rule.pattern !== null &&
            rule.eventBusName === (bus === 'orgwarden' ? `orgwarden-${INFRA_STAGE}` : 'default'),
        )
        .filter((rule) => matchesPattern(rule.pattern, event))
        .flatMap((rule) => rule.targets.map((target) => target.functionName)),
    ),
  ].sort();

describe('events/: the samples and their index', () => {
  it('lists every sample file exactly once, each with a source', () => {
    expect(index.map((entry) => entry.file).sort()).toEqual(sampleFiles(eventsDir).sort());
    expect(new Set(index.map((entry) => entry.file)).size).toBe(index.length);
    for (const entry of index) expect(entry.source.length, entry.file).toBeGreaterThan(0);
  });

  it.each(index.map((entry) => [entry.file]))('%s is an EventBridge event', (file) => {
    const event = readSample(file);
    expect(Object.keys(event).sort()).toEqual([
      'account',
      'detail',
      'detail-type',
      'id',
      'region',
      'resources',
      'source',
      'time',
      'version',
    ]);
    expect(event).toMatchObject({
      version: '0',
      resources: expect.any(Array),
      account: expect.stringMatching(/^\d{12}$/),
    });
    expect(new Date(String(event.time)).toISOString().replace('.000Z', 'Z')).toBe(event.time);
    if (
      event['detail-type'] === 'AWS API Call via CloudTrail' ||
      event['detail-type'] === 'AWS Service Event via CloudTrail'
    ) {
      const detail = event.detail as Record<string, unknown>;
      // How EventBridge fills the envelope from a CloudTrail record.
      expect(event.account, file).toBe(detail.recipientAccountId);
      expect(event.time, file).toBe(detail.eventTime);
      expect(event.region, file).toBe(detail.awsRegion);
      expect(event.source, file).toBe(`aws.${String(detail.eventSource).replace('.amazonaws.com', '')}`);
    }
  });
});

describe('the packaged rules against the real-shaped samples', () => {
  let rules: TemplateRule[];

  beforeAll(async () => {
    rules = rulesOf((await packaged()).template);
  });

  it.each(index.map((entry) => [entry.file, entry.function, entry.bus]))(
    '%s invokes %s and nothing else',
    (file, fn, bus) => {
      const event = readSample(file);
      expect(functionsInvokedBy(rules, event, bus)).toEqual(fn === null ? [] : [fn]);
    },
  );

  it('still routes an event replayed from an archive (EventBridge adds replay-name)', () => {
    for (const entry of index.filter((candidate) => candidate.function !== null)) {
      const replayed = { ...readSample(entry.file), 'replay-name': 'orgwarden-replay-2026-06-01' };
      expect(functionsInvokedBy(rules, replayed, entry.bus), entry.file).toEqual([entry.function]);
    }
  });

  it('has a sample for every function a rule invokes and for every eventName its pattern lists', () => {
    for (const rule of rules.filter((candidate) => candidate.pattern !== null)) {
      for (const target of rule.targets) {
        const samples = index
          .filter((entry) => entry.function === target.functionName)
          .map((entry) => readSample(entry.file));
        expect(samples.length, target.functionName).toBeGreaterThan(0);
        const detail = rule.pattern!.detail as { eventName?: unknown[] } | undefined;
        const covered = new Set(samples.map((sample) => (sample.detail as { eventName?: string }).eventName));
        for (const name of detail?.eventName ?? []) {
          if (typeof name === 'string')
            expect(covered.has(name), `${target.functionName}: no sample for ${name}`).toBe(true);
        }
      }
    }
  });
});
