import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orgwardenInProcess } from './harness';

describe('orgwarden validate: policy files', () => {
  it('accepts the shipped default policy and says it changes nothing in AWS', async () => {
    const { code, stdout } = await orgwardenInProcess('validate', 'shared/config/default-policy.yaml');
    expect(code).toBe(0);
    expect(stdout).toContain('(policy, notifies only: changes nothing in AWS)');
  });

  it('refuses a bad policy with each field named, exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgwarden-policy-'));
    const file = join(dir, 'policy.yaml');
    await writeFile(
      file,
      'version: 1\nreactions:\n  untrustedInvitation: enforced\n  incidentCase: enforce\ntrust:\n  invitations:\n    sent:\n      accounts: ["12345"]\n',
    );
    const { code, stdout, stderr } = await orgwardenInProcess('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain('trust.invitations.sent.accounts.0: an account id of 12 digits');
    expect(stdout).toContain('reactions.untrustedInvitation: Invalid option: expected one of "off"|"notify"|"enforce"');
    expect(stderr).toContain('1 of 1 file(s) invalid');
  });

  it('names the policy reactions a valid policy enforces', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgwarden-policy-'));
    const file = join(dir, 'policy.json');
    await writeFile(
      file,
      JSON.stringify({
        $schema: '../events/schemas/policy.schema.json',
        version: 1,
        reactions: { untrustedTransfer: 'enforce' },
      }),
    );
    const { code, stdout } = await orgwardenInProcess('validate', file);
    expect(code).toBe(0);
    expect(stdout).toContain('enforces untrustedTransfer');
  });
});
