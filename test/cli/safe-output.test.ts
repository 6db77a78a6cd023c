import { describe, expect, it } from 'vitest';
import { orgwarden, stateDir } from './harness';

/** A raw terminal escape, or a raw character that reorders or hides text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

describe('hostile text reaches the terminal escaped', () => {
  it("an outside party's email with ESC[31m and U+202E: escaped in the timeline, state and history, the JSON still the same value", async () => {
    // Prepare: a run whose invitation goes to an email holding both (test/cli/fixtures/hostile-email.json).
    const env = { ORGWARDEN_STATE_DIR: stateDir() };
    const run = await orgwarden(['local', '--scenario', 'test/cli/fixtures/hostile-email.json'], env);
    expect(run.code).toBe(0);

    // Act
    const state = await orgwarden(['state'], env);
    const stateJson = await orgwarden(['state', '--json'], env);
    const subject = (JSON.parse(stateJson.stdout) as Array<{ subject: string }>)[0]!.subject;
    const history = await orgwarden(['history', subject], env);
    const historyJson = await orgwarden(['history', subject, '--json'], env);

    // Assess: shown, never obeyed (history prints transitions and causes, no party: nothing raw there either).
    expect(run.stdout).toContain('lab\\u001b[31m\\u202eevil@example.com');
    for (const output of [run, state, stateJson, history, historyJson]) {
      expect(output.stdout).not.toMatch(unsafe);
      expect(output.stderr).not.toMatch(unsafe);
    }
    expect(stateJson.stdout).toContain('lab\\u001b[31m\\u202eevil@example.com');
    // The escape is JSON's own: the document parses to the very value AWS holds.
    expect(JSON.stringify(JSON.parse(stateJson.stdout))).toContain('lab\\u001b[31m\u202eevil@example.com');
  }, 180_000);
});
