import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, ExitCode, UsageError } from '../errors';
import type { Io } from '../io';
import { loadLastRun, type LastRun } from '../last-run';
import { DEFAULT_MANAGEMENT_ACCOUNT_ID } from '../../emulators/organizations/types';
import { loadScenario } from './local';
import { eventsDir, fillIds, readSampleIndex, type SampleEntry } from '../samples';

/** `orgwarden event`'s options. */
export interface EventOptions {
  /** Another sample of the function's (a path under events/), instead of the default one for the subject's kind. */
  readonly sample?: string;
}

/**
 * For each kind of subject: the sample a ready event starts from by default, and the placeholders of the samples that
 * stand for the subject's id (a Macie member's id is `<region>:<account>`: two placeholders).
 */
const kinds: Readonly<
  Record<string, { readonly sample: string; readonly placeholders: (id: string) => Record<string, string> }>
> = {
  handshake: {
    sample: 'organizations/invite-account-to-organization.json',
    placeholders: (id) => ({
      'h-examplehandshakeid111': id,
      'h-examplehandshakeid112': id,
      'h-examplehandshakeid113': id,
    }),
  },
  account: { sample: 'organizations/account-joined-organization.json', placeholders: (id) => ({ '222222222222': id }) },
  placement: { sample: 'organizations/move-account.json', placeholders: (id) => ({ '444455556666': id }) },
  'delegated-admin': {
    sample: 'organizations/register-delegated-administrator.json',
    placeholders: (id) => ({ '444455556666': id.split(':')[0] ?? id }),
  },
  transfer: {
    sample: 'organizations/update-responsibility-transfer.json',
    placeholders: (id) => ({ 'rt-exampletransferid111': id, 'rt-exampletransfer11': id }),
  },
  membership: { sample: 'security-ir/membership-updated.json', placeholders: (id) => ({ 'm-abcd1234efgh': id }) },
  'macie-member': {
    sample: 'macie/update-member-session.json',
    placeholders: (id): Record<string, string> => {
      const colon = id.lastIndexOf(':');
      return colon === -1
        ? { '222222222222': id }
        : { 'us-west-2': id.slice(0, colon), '222222222222': id.slice(colon + 1) };
    },
  },
};

const kindOfSubject = (subject: string): { kind: string; id: string } => {
  const colon = subject.indexOf(':');
  return colon === -1 ? { kind: '', id: subject } : { kind: subject.slice(0, colon), id: subject.slice(colon + 1) };
};

const chooseSample = (functionName: string, kind: string, options: EventOptions): SampleEntry => {
  const index = readSampleIndex();
  const file = options.sample?.replace(/^events\//, '') ?? kinds[kind]?.sample;
  const entry = index.find((candidate) => candidate.file === file && candidate.function === functionName);
  if (entry) return entry;
  const offered = index.filter((candidate) => candidate.function === functionName).map((candidate) => candidate.file);
  throw new UsageError(
    options.sample
      ? `${options.sample} is not a sample of ${functionName}: expected one of ${offered.join(', ') || '(none)'}`
      : `no sample of ${functionName} is about a ${kind || 'subject'}: pass --sample with one of ${offered.join(', ') || '(none)'}`,
  );
};

/** The account orgwarden ran in during the last run: its scenario's deployment, else its management account. */
const accountOf = async (run: LastRun): Promise<string> => {
  const scenario = run.scenario.file ? await loadScenario(run.scenario.file).catch(() => undefined) : undefined;
  return (
    scenario?.deployment?.accountId ?? scenario?.organization?.managementAccountId ?? DEFAULT_MANAGEMENT_ACCOUNT_ID
  );
};

/**
 * `orgwarden event FUNCTION SUBJECT`: prints a ready event for a subject of the last local run (the
 * `sam local generate-event` convention): the function's sample for that kind of subject, its placeholder ids replaced
 * by the subject's. Invoke it on the same world: `orgwarden invoke FUNCTION --scenario S --seed N --event FILE`.
 *
 * @returns 0; 1 when nothing is known of the subject in the last run
 */
export const runEvent = async (
  functionName: string,
  subject: string,
  options: EventOptions,
  io: Io,
): Promise<number> => {
  const run = await loadLastRun();
  if (
    !run.snapshots.some((snapshot) => snapshot.subject === subject) &&
    !run.history.some((h) => h.subject === subject)
  )
    throw new CliError(
      `nothing is known of ${subject} in the last local run (${run.scenario.name}): \`orgwarden state\` lists its subjects`,
    );
  const { kind, id } = kindOfSubject(subject);
  const entry = chooseSample(functionName, kind, options);
  const sample = JSON.parse(await readFile(join(eventsDir, entry.file), 'utf8')) as unknown;
  // The samples are logged in 111111111111 or 111122223333: the event comes from the account orgwarden ran in.
  const deployedIn = await accountOf(run);
  const envelope = { '111111111111': deployedIn, '111122223333': deployedIn };
  const event = fillIds(fillIds(sample, envelope), kinds[kind]?.placeholders(id) ?? {});
  io.out(`${JSON.stringify(event, null, 2)}\n`);
  const scenario = run.scenario.file ? ` --scenario ${run.scenario.file}` : '';
  const seed = run.scenario.seed === undefined ? '' : ` --seed ${run.scenario.seed}`;
  io.err(
    `orgwarden: from events/${entry.file}; invoke it on the same world: orgwarden invoke ${functionName}${scenario}${seed} --event FILE${seed ? '' : ' (the ids are the same only with the same --seed: run local with --seed N)'}\n`,
  );
  return ExitCode.ok;
};
