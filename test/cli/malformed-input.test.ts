import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventText, hostileEvents } from '../support/hostile';
import { orgwardenInProcess } from './harness';

/** The hostile events of test/local/malformed-input.test.ts, through the CLI's two ways in. */
describe('hostile events through orgwarden invoke and orgwarden local', () => {
  let dir: string;
  let events: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgwarden-hostile-'));
    events = await hostileEvents();
  });

  it.each(['nested 10,000 levels deep', 'a 1 MB field', 'an invalid eventTime', 'an oversized replay-name'])(
    'invoke: an event with %s is refused by the function with MalformedEventError, and nothing is written',
    { timeout: 60_000 },
    async (name) => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
      await writeFile(file, eventText(events[name]!));
      const { code, stdout } = await orgwardenInProcess(
        'invoke',
        'handshake-changed',
        '--event',
        file,
        '--json',
        '--log-level',
        'SILENT',
      );
      const out = JSON.parse(stdout) as {
        result: { ok: boolean; value: unknown };
        snapshots: unknown[];
        history: unknown[];
        apiCalls: unknown[];
        deadLetters: Array<{ error: { name: string } }>;
      };
      // A dead letter is never ok: exit 1.
      expect(code).toBe(1);
      expect(out.result).toMatchObject({
        ok: true,
        value: { outcome: 'dead-lettered', error: { name: 'MalformedEventError' } },
      });
      expect(out.deadLetters.map((letter) => letter.error.name)).toEqual(['MalformedEventError']);
      expect([out.snapshots, out.history, out.apiCalls]).toEqual([[], [], []]);
    },
  );

  it(
    'local: a scenario delivering them gets one MalformedEventError dead letter each, on the first attempt, and stores nothing',
    { timeout: 60_000 },
    async () => {
      const scenario = join(dir, 'hostile.json');
      const steps = Object.values(events).map((event) => `{"event":${eventText(event)}}`);
      await writeFile(
        scenario,
        `{"name":"hostile events","start":"2026-11-02T09:00:00Z","steps":[${steps.join(',')}]}`,
      );
      const { code, stdout } = await orgwardenInProcess(
        'local',
        '--scenario',
        scenario,
        '--json',
        '--log-level',
        'SILENT',
      );
      const report = JSON.parse(stdout) as {
        snapshots: unknown[];
        history: unknown[];
        deadLetters: Array<{ error: { name: string } }>;
        failures: unknown[];
      };
      // Dead letters are failures, with or without --strict: exit 1.
      expect(code).toBe(1);
      expect(report.deadLetters.map((letter) => letter.error.name)).toEqual(
        Object.keys(events).map(() => 'MalformedEventError'),
      );
      expect([report.snapshots, report.history, report.failures]).toEqual([[], [], []]);
    },
  );
});
