import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../shared/local/template';

const run = promisify(execFile);
const bin = join(projectRoot, 'shared/local/cli/bin.js');

/** This file's last run lives in a folder of its own: other test files run the CLI at the same time. */
const stateDirEnv = { ORGWARDEN_STATE_DIR: mkdtempSync(join(tmpdir(), 'orgwarden-cli-state-')) };

/** The `orgwarden` command, as a user runs it: a separate process with its own DynamoDB Local. */
const orgwarden = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: projectRoot,
      timeout: 90_000,
      maxBuffer: 20 * 1024 * 1024,
      env: { ...process.env, ...stateDirEnv },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('orgwarden CLI', () => {
  it(
    'local --json prints exactly one JSON document with its six parts, logs on stderr',
    { timeout: 120_000 },
    async () => {
      // Act
      const { code, stdout } = await orgwarden(
        'local',
        '--scenario',
        'events/scenarios/demo.json',
        '--json',
        '--log-level',
        'INFO',
      );
      // Assess
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as Record<string, unknown[]>;
      expect(Object.keys(report)).toEqual(['snapshots', 'history', 'emitted', 'apiCalls', 'deadLetters', 'failures']);
      expect(report.failures).toEqual([]);
      // The two invitations, the member that joined, the management account (the first audit's baseline), two audit
      // runs.
      // Two handshakes, two accounts and where each sits, two audit runs.
      expect(report.snapshots).toHaveLength(8);
      expect(report.snapshots![1]).toEqual({
        subject: 'account:222222222222',
        state: 'JOINED',
        version: 1,
        observedAt: '2026-11-03T14:30:00.000Z',
        data: expect.any(Object) as object,
      });
      expect(report.history).toHaveLength(10);
      expect(report.emitted).toHaveLength(8);
      expect(Object.keys(report.emitted![0] as object)).toEqual(['source', 'detail-type', 'detail', 'time']);
      expect(report.apiCalls![0]).toMatchObject({
        service: 'organizations',
        operation: 'DescribeHandshake',
        caller: '111111111111',
        at: '2026-11-02T09:00:00.000Z',
      });

      // and `state` prints what that run stored
      const state = await orgwarden('state', 'handshake:', '--json');
      expect(state.code).toBe(0);
      expect((JSON.parse(state.stdout) as Array<{ state: string }>).map((s) => s.state)).toEqual(
        expect.arrayContaining(['ACCEPTED', 'CANCELED']),
      );
    },
  );

  it('local prints a readable timeline (the npm start demo)', { timeout: 120_000 }, async () => {
    const { code, stdout } = await orgwarden('local', '--scenario', 'events/scenarios/demo.json');
    expect(code).toBe(0);
    expect(stdout).toContain('scenario: Two invitations: one accepted, one cancelled');
    expect(stdout).toContain('  The management account invites two accounts; its policy trusts only the first.');
    expect(stdout).toMatch(
      /222222222222 organizations:AcceptHandshake\n(.*\n)*?.*-> handshake-changed: account:222222222222 changed, placement:222222222222 changed, handshake:h-\w+ changed/,
    );
    expect(stdout).toContain('OPEN -> CANCELED');
    expect(stdout).not.toContain('"level"');
  });

  it(
    'invoke runs one handler with an event file and reports its dead letter, exit 1',
    { timeout: 120_000 },
    async () => {
      // A sample without the scenario of its world: the handshake it names does not exist. A dead letter is a failure.
      const { code, stdout, stderr } = await orgwarden(
        'invoke',
        'handshake-changed',
        '--event',
        'events/organizations/cancel-handshake.json',
        '--json',
      );
      expect(code).toBe(1);
      expect(stderr).toContain(
        'belongs to the world of events/scenarios/demo.json: orgwarden invoke handshake-changed --scenario events/scenarios/demo.json',
      );
      const out = JSON.parse(stdout) as {
        function: string;
        result: { ok: boolean; value: unknown };
        deadLetters: Array<{ error: { name: string } }>;
      };
      expect(out.result).toEqual({
        ok: true,
        value: {
          outcome: 'dead-lettered',
          error: { name: 'SubjectNotFoundError', message: 'handshake:h-examplehandshakeid111 does not exist' },
        },
      });
      expect(out.deadLetters.map((d) => d.error.name)).toEqual(['SubjectNotFoundError']);
    },
  );

  it('refuses an invalid scenario with the problem named, and exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgwarden-cli-'));
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'bad',
        start: 'yesterday',
        steps: [{ api: { service: 'organizations', operation: 'ListAccounts', caller: '12' } }],
      }),
    );
    const { code, stderr } = await orgwarden('local', '--scenario', file);
    expect(code).toBe(2);
    expect(stderr).toContain('start:');
    expect(stderr).toContain('steps.0.api.caller: an account id has 12 digits');
  });
});
