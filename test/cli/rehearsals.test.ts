import { beforeAll, describe, expect, it } from 'vitest';
import { orgwarden, stateDir, type CliResult } from './harness';

const FAILING = 'test/cli/fixtures/failing-steps.json';
const HANDSHAKE_NOT_FOUND = "We can't find a handshake with the HandshakeId that you specified.";

describe('orgwarden local: a rehearsal with a failed step, an ignored event and a dead letter exits 1', () => {
  const env = { ORGWARDEN_STATE_DIR: stateDir() };
  let json: CliResult;
  let text: CliResult;

  beforeAll(async () => {
    // Two runs of ~3 s each, side by side; every assertion below shares them.
    [json, text] = await Promise.all([
      orgwarden(['local', '--scenario', FAILING, '--strict', '--json'], { ORGWARDEN_STATE_DIR: stateDir() }),
      // Without --strict as well: a failed step or a dead letter is never ok.
      orgwarden(['local', '--scenario', FAILING], env),
    ]);
  }, 180_000);

  it("exits 1, and the JSON has the failed step with the error's name and message", () => {
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as Record<string, unknown[]>;
    expect(Object.keys(report)).toEqual(['snapshots', 'history', 'emitted', 'apiCalls', 'deadLetters', 'failures']);
    expect(report.failures).toEqual([
      {
        step: 1,
        at: '2026-11-02T10:00:00.000Z',
        what: '222222222222 organizations:AcceptHandshake',
        error: { name: 'HandshakeNotFoundException', message: HANDSHAKE_NOT_FOUND },
      },
    ]);
    expect(report.deadLetters).toHaveLength(1);
    expect(json.stderr).toContain(
      'orgwarden local: 1 failed step(s), 1 dead letter(s), 1 finding(s) (--strict): exit 1',
    );
  });

  it('with --json, says at once that the stack is starting, then a progress line per step, on stderr', () => {
    const lines = json.stderr.split('\n');
    expect(lines[0]).toBe('orgwarden: scenario: A rehearsal with a failed step, an ignored event and a dead letter');
    expect(lines[1]).toBe('orgwarden: starting the local stack (DynamoDB Local, emulators)…');
    expect(lines.filter((line) => /^orgwarden: \[\d\/5\] /.test(line))).toEqual([
      'orgwarden: [1/5] 2026-11-02T09:00:00Z organizations:InviteAccountToOrganization',
      'orgwarden: [2/5] 2026-11-02T10:00:00Z organizations:AcceptHandshake',
      'orgwarden: [3/5] 2026-11-02T10:05:00Z event com.example.ci Deployment Finished',
      'orgwarden: [4/5] 2026-11-02T11:00:00Z organizations:DeclineHandshake',
      'orgwarden: [5/5] 2026-11-02T12:00:00Z event aws.organizations AWS API Call via CloudTrail',
    ]);
  });

  it('the timeline prints the description, the failure with its message, "no rule matched", what orgwarden is not told', () => {
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'scenario: A rehearsal with a failed step, an ignored event and a dead letter\n  The invitee tries to accept a handshake',
    );
    expect(text.stdout).toContain(
      `2026-11-02T10:00:00Z  222222222222 organizations:AcceptHandshake failed: HandshakeNotFoundException\n2026-11-02T10:00:00Z    !! HandshakeNotFoundException: ${HANDSHAKE_NOT_FOUND}\n`,
    );
    expect(text.stdout).toContain(
      '2026-11-02T10:05:00Z  event com.example.ci Deployment Finished\n2026-11-02T10:05:00Z    -- no rule matched',
    );
    // The emulator notes what the management account's bus never hears of: the invitee's answer.
    expect(text.stdout).toMatch(
      /222222222222 organizations:DeclineHandshake\n2026-11-02T11:00:00Z {4}~~ handshake:h-\w+: INVITE handshake DECLINED by 222222222222.*\(orgwarden is not told\)\n/,
    );
    expect(text.stdout).toContain(
      '!! dead letter from handshake-changed: SubjectNotFoundError: handshake:h-neverexisted02 does not exist',
    );
    expect(text.stdout).toContain(
      `failed steps: 1\n  steps.1 222222222222 organizations:AcceptHandshake: HandshakeNotFoundException: ${HANDSHAKE_NOT_FOUND}`,
    );
    expect(text.stdout).not.toContain('"level"');
  });

  it("state prints the run's snapshots as a table, --json as JSON; history prints a timeline with causes", async () => {
    const [table, asJson, history] = await Promise.all([
      orgwarden(['state', 'handshake:'], env),
      orgwarden(['state', 'handshake:', '--json'], env),
      orgwarden(['history', 'handshake:'], env),
    ]);
    expect(table.code).toBe(0);
    // The invitee's decline (11:00) was not announced; the hourly audit after it (12:00) found it.
    expect(table.stdout).toMatch(
      /^SUBJECT +STATE +VERSION +OBSERVED\nhandshake:h-\w+ +DECLINED +v2 +2026-11-02T12:00:00Z\n\n1 subject\(s\), from the last local run/,
    );
    expect((JSON.parse(asJson.stdout) as Array<{ state: string }>).map((s) => s.state)).toEqual(['DECLINED']);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(
      /^handshake:h-\w+\n {2}AT +TRANSITION +CAUSE\n {2}2026-11-02T09:00:00Z +\(new\) -> OPEN +InviteAccountToOrganization from aws\.organizations\n {2}2026-11-02T12:00:00Z +OPEN -> DECLINED +Audit from orgwarden\.audit\n {2}now DECLINED \(v2/,
    );
    // `state` and `history` alike: nothing known of a subject exits 1, with the same words.
    const [unknown, unknownState] = await Promise.all([
      orgwarden(['history', 'account:999999999999'], env),
      orgwarden(['state', 'account:999999999999'], env),
    ]);
    expect([unknown.code, unknownState.code]).toEqual([1, 1]);
    expect(unknown.stderr).toContain(
      'orgwarden history: nothing is known of account:999999999999 in the last local run',
    );
    expect(unknownState.stderr).toContain(
      'orgwarden state: nothing is known of account:999999999999 in the last local run',
    );
  });
});

describe('orgwarden local --seed: reproducible runs', () => {
  it('prints the same JSON for the same seed', { timeout: 180_000 }, async () => {
    const args = ['local', '--scenario', 'events/scenarios/demo.json', '--json', '--seed', '42'];
    const [first, second] = await Promise.all([
      orgwarden(args, { ORGWARDEN_STATE_DIR: stateDir() }),
      orgwarden(args, { ORGWARDEN_STATE_DIR: stateDir() }),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('orgwarden invoke --scenario: an event file refers to what the scenario saved', () => {
  it(
    'prints pure JSON at any log level and reports only what that invocation changed',
    { timeout: 180_000 },
    async () => {
      // Act: the invitee's decline was never announced; replaying a record that names the saved handshake makes
      // orgwarden look.
      const { code, stdout, stderr } = await orgwarden(
        [
          'invoke',
          'handshake-changed',
          '--scenario',
          'test/cli/fixtures/invite-by-email-declined.json',
          '--event',
          'test/cli/fixtures/cancel-saved-invite.json',
          '--json',
          '--log-level',
          'DEBUG',
        ],
        { POWERTOOLS_DEV: 'true' },
      );
      // Assess
      expect(code).toBe(0);
      const out = JSON.parse(stdout) as {
        function: string;
        result: { ok: boolean };
        snapshots: Array<{ subject: string; state: string; version: number }>;
        history: Array<{ from: string; to: string }>;
        apiCalls: Array<{ operation: string; input: { HandshakeId?: string } }>;
      };
      expect(out.function).toBe('handshake-changed');
      expect(out.result.ok).toBe(true);
      expect(out.snapshots.map(({ state, version }) => ({ state, version }))).toEqual([
        { state: 'DECLINED', version: 2 },
      ]);
      expect(out.history.map(({ from, to }) => `${from} -> ${to}`)).toEqual(['OPEN -> DECLINED']);
      // Only this invocation's calls: the scenario's own invitation made orgwarden call DescribeHandshake once before.
      const handshakeId = out.snapshots[0]!.subject.slice('handshake:'.length);
      expect(out.apiCalls.map((call) => `${call.operation} ${call.input.HandshakeId ?? ''}`.trim())).toEqual([
        `DescribeHandshake ${handshakeId}`,
      ]);
      // The functions did log (pretty-printed under POWERTOOLS_DEV): on stderr, not in the JSON.
      expect(stderr).toMatch(/"level": ?"INFO"/);
    },
  );

  it('without the scenario, says which saved names the event needs (exit 2)', async () => {
    const { code, stderr } = await orgwarden([
      'invoke',
      'handshake-changed',
      '--event',
      'test/cli/fixtures/cancel-saved-invite.json',
      '--json',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'orgwarden invoke: the event file test/cli/fixtures/cancel-saved-invite.json refers to ${invite…}: pass the --scenario that saves them\n',
    );
    const wrongScenario = await orgwarden([
      'invoke',
      'handshake-changed',
      '--scenario',
      'events/scenarios/demo.json',
      '--event',
      'test/cli/fixtures/cancel-saved-invite.json',
    ]);
    expect(wrongScenario.code).toBe(2);
    expect(wrongScenario.stderr).toContain('refers to ${invite…}: no step of events/scenarios/demo.json saves invite');
  });
});
