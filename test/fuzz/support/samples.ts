import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../../shared/local/template';
import type { EventDrivenFunction } from './door';

/** A JSON object, as an event arrives at a handler (parsed from JSON). */
export type JsonObject = Record<string, unknown>;

/** What a sample is, for the mutations that apply to its body. */
export type SampleKind = 'cloudtrail' | 'security-ir-native' | 'scheduled' | 'audit-continuation';

export interface Sample {
  readonly file: string;
  readonly kind: SampleKind;
  readonly event: JsonObject;
}

const readJson = async (file: string): Promise<unknown> =>
  JSON.parse(await readFile(join(projectRoot, 'events', file), 'utf8')) as unknown;

const kindOf = (event: JsonObject): SampleKind => {
  if (event['detail-type'] === 'Scheduled Event') return 'scheduled';
  if (event.source === 'orgwarden.audit') return 'audit-continuation';
  if (String(event['detail-type']).includes('via CloudTrail')) return 'cloudtrail';
  return 'security-ir-native';
};

/**
 * The real samples of `events/` whose rule goes to `fn` (`events/index.json`), plus the schedule's
 * event for the scheduled functions (an EventBridge rule's, and EventBridge Scheduler's with its
 * detail the string "{}"), each moved to the function's own account (the samples of calls logged in
 * a member's account carry the member's) and, unless `keepRegion` allows its Region, its own
 * Region: what the door must take, before the fuzzer breaks it.
 */
export const samplesFor = async (
  fn: EventDrivenFunction,
  own: { account: string; region: string },
  keepRegion: (region: string) => boolean = () => false,
): Promise<Sample[]> => {
  const index = (await readJson('index.json')) as Array<{ file: string; function: string | null }>;
  const files = index.filter((entry) => entry.function === fn).map((entry) => entry.file);
  const scheduler = (await readJson('scheduler/scheduled-event.json')) as JsonObject;
  const rule: JsonObject = {
    ...scheduler,
    source: 'aws.events',
    detail: {},
    resources: [`arn:aws:events:${own.region}:${own.account}:rule/orgwarden-fuzz`],
  };
  const scheduled: Array<{ file: string; event: JsonObject }> = [
    'expiry-sweep',
    'audit',
    'macie-member-changed',
  ].includes(fn)
    ? [
        { file: 'scheduler/scheduled-event.json', event: scheduler },
        { file: 'scheduler/scheduled-event.json (as an EventBridge rule delivers it)', event: rule },
      ]
    : [];
  const fromFiles = await Promise.all(
    files.map(async (file) => ({ file, event: (await readJson(file)) as JsonObject })),
  );
  return [...fromFiles, ...scheduled].map(({ file, event }) => ({
    file,
    kind: kindOf(event),
    event: {
      ...event,
      account: own.account,
      region: typeof event.region === 'string' && keepRegion(event.region) ? event.region : own.region,
    },
  }));
};
