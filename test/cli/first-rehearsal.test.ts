import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orgwarden, stateDir } from './harness';

describe('the first rehearsal of events/scenarios/README.md, followed as written', () => {
  it('validates, plays the copied skeleton under the copied policy, reports the finding, and writes the page', async () => {
    // Prepare: step 1 and 2 of the guide, in a folder of one's own.
    const dir = mkdtempSync(join(tmpdir(), 'orgwarden-first-rehearsal-'));
    const scenario = join(dir, 'my-rehearsal.json');
    const policy = join(dir, 'my-policy.yaml');
    copyFileSync('shared/config/default-policy.yaml', policy);
    const skeleton = JSON.parse(readFileSync('events/scenarios/first-rehearsal.json', 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(scenario, JSON.stringify({ ...skeleton, $schema: undefined, policy: './my-policy.yaml' }));
    const env = { ORGWARDEN_STATE_DIR: stateDir() };
    // Act: step 3.
    const validated = await orgwarden(['validate', scenario, policy], env);
    const played = await orgwarden(['local', '--scenario', scenario], env);
    const page = join(dir, 'report.html');
    const reported = await orgwarden(['report', '--html', page], env);
    // Assess
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);
    expect(played.code, played.stderr).toBe(0);
    expect(played.stdout).toContain('Untrusted Party Detected');
    expect(played.stdout).toContain('444444444444');
    expect(reported.code, reported.stderr).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain('444444444444');
  }, 240_000);
});
