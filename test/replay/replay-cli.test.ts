import { describe, expect, it } from 'vitest';
import { orgwardenInProcess } from '../cli/harness';

const scenario = 'events/scenarios/replay-after-fix.json';

describe('orgwarden replay (the CLI)', () => {
  it('plans by default: each event of the window, what its function would change', { timeout: 120_000 }, async () => {
    const { code, stdout } = await orgwardenInProcess('replay', '--scenario', scenario, '--log-level', 'SILENT');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^replay orgwarden-cli-20261103092000 from the input archive: 2 event\(s\), plan only/);
    expect(stdout).toMatch(/09:10:00Z {2}\S+ {2}InviteAccountToOrganization -> handshake-changed: no change\n/);
    expect(stdout).toMatch(
      /09:20:00Z {2}\S+ {2}InviteAccountToOrganization -> handshake-changed: would change\n {6}handshake:h-\w+: \(new\) -> OPEN {2}then publish, publish:untrusted, cancel-handshake/,
    );
  });

  it('--apply replays and says what it did: one CancelHandshake, no dead letter', { timeout: 120_000 }, async () => {
    const { code, stdout } = await orgwardenInProcess(
      'replay',
      '--scenario',
      scenario,
      '--apply',
      '--json',
      '--name',
      'after-the-fix',
      '--log-level',
      'SILENT',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      replayName: 'after-the-fix',
      source: 'archive',
      applied: { events: 2, calls: { CancelHandshake: 1 }, deadLetters: 0 },
    });
  });

  it('refuses a bad replay name, a bad window and files without --files, before starting anything', async () => {
    for (const [args, reason] of [
      [['--name', 'no spaces please'], '--name is a replay name'],
      [['--since', '2026-11-04T00:00:00Z', '--until', '2026-11-03T00:00:00Z'], 'the window is empty'],
      [['--source', 'files'], '--source files needs --files FILE...'],
    ] as const) {
      const { code, stderr } = await orgwardenInProcess(
        'replay',
        '--scenario',
        scenario,
        '--log-level',
        'SILENT',
        ...args,
      );
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(reason);
    }
  }, 120_000);
});
