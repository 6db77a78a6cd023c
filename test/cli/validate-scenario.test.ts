import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orgwardenInProcess } from './harness';

describe('orgwarden validate: scenario files', () => {
  it('accepts a shipped scenario', async () => {
    const { code } = await orgwardenInProcess('validate', 'events/scenarios/demo.json');
    expect(code).toBe(0);
  });

  it('refuses a bad scenario with each problem named by its path, exit 1', async () => {
    // Prepare: a key no step takes, and a caller that is no account id
    const dir = await mkdtemp(join(tmpdir(), 'orgwarden-scenario-'));
    const file = join(dir, 'scenario.json');
    const scenario = {
      name: 'bad',
      start: '2026-11-02T09:00:00Z',
      steps: [
        { at: '2026-11-03T09:00:00Z', advanceTo: '2026-11-03T09:00:00Z' },
        {
          at: '2026-11-02T10:00:00Z',
          api: { service: 'organizations', operation: 'DescribeOrganization', caller: '12', input: {} },
        },
      ],
    };
    await writeFile(file, JSON.stringify(scenario));
    // Act
    const { code, stdout, stderr } = await orgwardenInProcess('validate', file);
    // Assess
    expect(code).toBe(1);
    expect(stdout).toContain('steps.0: unknown key "at"; expected only advanceTo');
    expect(stdout).toContain('steps.1.api.caller: an account id has 12 digits, got "12"');
    expect(stderr).toContain('1 of 1 file(s) invalid');
  });
});
