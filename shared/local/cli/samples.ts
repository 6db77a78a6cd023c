/**
 * The sample events of `events/` as `events/index.json` lists them: for each, the function whose rule takes it, the
 * scenario whose world it belongs to, the placeholder ids to fill in from that world, and how it is processed there.
 * `invoke --scenario` fills the ids; `orgwarden event` builds a ready event for a subject of the last run; the
 * generated `events/README.md` shows each sample's command.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../template';

/** How a sample is processed in its world: handled, or dead-lettered on purpose (with why). */
const expectSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('processed') }),
  z.strictObject({ outcome: z.literal('dead-lettered'), error: z.string().min(1), why: z.string().min(1) }),
]);

export const sampleEntrySchema = z.strictObject({
  file: z.string().min(1),
  /** The function whose rule takes it; null: no rule of orgwarden may take it. */
  function: z.string().min(1).nullable(),
  source: z.string().min(1),
  /** Where it arrives: the account's default bus (default), or orgwarden's own (`orgwarden`). */
  bus: z.enum(['default', 'orgwarden']).optional(),
  /** What the README's table says of it in a word (a failed call, a read-only call…). */
  note: z.string().min(1).optional(),
  /** The scenario (under events/) whose world the sample belongs to. */
  scenario: z.string().min(1).optional(),
  /** The sample's placeholder ids and what replaces them in that world: a `${saved.Path}` reference or a literal. */
  ids: z.record(z.string().min(1), z.string().min(1)).optional(),
  expect: expectSchema.optional(),
});
export type SampleEntry = z.infer<typeof sampleEntrySchema>;

export const eventsDir = join(projectRoot, 'events');

/** `events/index.json`, checked (a malformed index is orgwarden's bug, not the user's: it throws). */
export const readSampleIndex = (): SampleEntry[] =>
  z.array(sampleEntrySchema).parse(JSON.parse(readFileSync(join(eventsDir, 'index.json'), 'utf8')));

/** The index entry of an event file given on the command line, when it is one of the samples. */
export const sampleOf = (file: string, index: readonly SampleEntry[] = readSampleIndex()): SampleEntry | undefined => {
  const path = relative(eventsDir, resolve(file)).split('\\').join('/');
  return index.find((entry) => entry.file === path);
};

/** The command that invokes a sample as the README shows it (paths from the project's root). */
export const invokeCommand = (entry: SampleEntry): string | undefined =>
  entry.function
    ? `orgwarden invoke ${entry.function}${entry.scenario ? ` --scenario events/${entry.scenario}` : ''} --event events/${entry.file}`
    : undefined;

/**
 * The event with every placeholder id replaced, wherever it occurs in a string (an id, an ARN, a resource list);
 * keys are left alone. Longer placeholders first, so that one never replaces part of another.
 */
export const fillIds = (event: unknown, ids: Readonly<Record<string, string>>): unknown => {
  const pairs = Object.entries(ids).sort(([a], [b]) => b.length - a.length);
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return pairs.reduce((text, [from, to]) => text.split(from).join(to), value);
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
    return value;
  };
  return fill(event);
};
