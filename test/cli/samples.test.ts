import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { invokeCommand, readSampleIndex } from '../../shared/local/cli/samples';
import { orgwardenInProcess, stateDir } from './harness';

/** Each command on the run's DynamoDB Local (the CLI's ORGWARDEN_DYNAMODB_ENDPOINT): seconds, not a JVM each. */
const saved = { ...process.env };
beforeAll(() => {
  process.env.ORGWARDEN_DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.ORGWARDEN_STATE_DIR = stateDir();
});
afterAll(() => {
  process.env = saved;
});

/** The commands of events/README.md's last section, as written there (the README is generated from the index). */
const samples = readSampleIndex().flatMap((entry) => {
  const command = invokeCommand(entry);
  return command && entry.expect ? [{ entry, command, expect: entry.expect }] : [];
});

describe('every sample of events/ invoked as events/README.md shows it', () => {
  it('covers every sample a function takes', () => {
    expect(samples.map((s) => s.entry.file)).toEqual(
      readSampleIndex()
        .filter((entry) => entry.function)
        .map((entry) => entry.file),
    );
  });

  it.each(samples)('$command', { timeout: 60_000 }, async ({ command, entry, expect: expected }) => {
    // Act
    const { code, stdout } = await orgwardenInProcess(...command.split(' ').slice(1));

    // Assess: processed as the index says, and the exit code says so
    const verdict = stdout.split('\n')[0];
    if (expected.outcome === 'processed') {
      expect(verdict).toBe(`${entry.function}: processed`);
      expect(code).toBe(0);
    } else {
      expect(verdict).toMatch(new RegExp(`^${entry.function}: dead-lettered: ${expected.error}: `));
      expect(stdout).toContain(`dead letter: ${expected.error}`);
      expect(code).toBe(1);
    }
  });
});

describe('orgwarden event: a ready event for a subject of the last run', () => {
  it.each(['handshake:', 'account:', 'placement:'])(
    'prints an event for a %s subject that the same world processes',
    { timeout: 120_000 },
    async (kind) => {
      // Prepare: the demo, seeded so that invoke builds the same world
      const scenario = 'events/scenarios/demo.json';
      expect((await orgwardenInProcess('local', '--scenario', scenario, '--seed', '7', '--json')).code).toBe(0);
      const state = await orgwardenInProcess('state', kind, '--json');
      const subject = (JSON.parse(state.stdout) as Array<{ subject: string }>).at(-1)!.subject;

      // Act
      const printed = await orgwardenInProcess('event', 'handshake-changed', subject);
      const file = join(await mkdtemp(join(tmpdir(), 'orgwarden-event-')), 'event.json');
      await writeFile(file, printed.stdout);
      const invoked = await orgwardenInProcess(
        'invoke',
        'handshake-changed',
        '--scenario',
        scenario,
        '--seed',
        '7',
        '--event',
        file,
        '--json',
      );

      // Assess
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain(subject.slice(kind.length));
      expect(printed.stderr).toContain(
        `orgwarden invoke handshake-changed --scenario ${scenario} --seed 7 --event FILE`,
      );
      expect(invoked.code).toBe(0);
      const report = JSON.parse(invoked.stdout) as { result: { value: { outcome: string } }; deadLetters: unknown[] };
      expect(report.result.value.outcome).toBe('processed');
      expect(report.deadLetters).toEqual([]);
    },
  );

  it('refuses a subject the last run does not know, exit 1', async () => {
    const { code, stderr } = await orgwardenInProcess('event', 'handshake-changed', 'handshake:h-nosuch');
    expect(code).toBe(1);
    expect(stderr).toContain('nothing is known of handshake:h-nosuch in the last local run');
  });
});
