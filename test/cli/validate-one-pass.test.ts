import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { orgwardenInProcess, stateDir } from './harness';

const saved = { ...process.env };
beforeAll(() => {
  process.env.ORGWARDEN_DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.ORGWARDEN_STATE_DIR = stateDir();
});
afterAll(() => {
  process.env = saved;
});

const folder = (): Promise<string> => mkdtemp(join(tmpdir(), 'orgwarden-validate-'));

const invite = (target: Record<string, unknown>) => ({
  api: { service: 'organizations', operation: 'InviteAccountToOrganization', input: { Target: target } },
});

describe('orgwarden validate: every file, every problem, in one run', () => {
  it('names a misspelled member, a wrong enum and a missing required member with their paths and values, exit 1', async () => {
    // Prepare: three model mistakes, and a structural one in the same file (no second round of errors)
    const file = join(await folder(), 'typos.json');
    const scenario = {
      name: 'typos',
      start: '2026-11-02T09:00:00Z',
      steps: [
        invite({ ID: '222222222222', Type: 'ACCOUNT' }),
        invite({ Id: '333333333333', Type: 'ACCT' }),
        { api: { service: 'organizations', operation: 'DescribeHandshake', input: {} } },
        { wait: 'PT1H' },
      ],
    };
    await writeFile(file, JSON.stringify(scenario));

    // Act
    const { code, stdout } = await orgwardenInProcess('validate', file);

    // Assess
    expect(code).toBe(1);
    expect(stdout).toContain(
      'steps.0.api.input.Target.ID: HandshakeParty has no member ID (did you mean Id?), got "222222222222"',
    );
    expect(stdout).toContain('steps.1.api.input.Target.Type: expected one of ACCOUNT, ORGANIZATION, EMAIL, got "ACCT"');
    expect(stdout).toContain('steps.2.api.input.HandshakeId: required: DescribeHandshakeRequest needs HandshakeId');
    expect(stdout).toContain('steps.3: not a step');
    // `ID` for `Id` is one mistake, said once
    expect(stdout).not.toContain('steps.0.api.input.Target.Id');
  });

  it('quotes the bad value of an embedded policy, not the whole policy', async () => {
    // Prepare
    const file = join(await folder(), 'policy.json');
    const policy = { version: 1, reactions: { untrustedInvitation: 'loud' }, notes: 'x'.repeat(200) };
    await writeFile(file, JSON.stringify({ name: 'p', start: '2026-11-02T09:00:00Z', policy, steps: [invite({})] }));

    // Act
    const { code, stdout } = await orgwardenInProcess('validate', file);

    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {2}policy\.reactions\.untrustedInvitation: .*"off".*, got "loud"$/m);
    expect(stdout).not.toContain('{"version":1');
  });

  it('checks the other files when one is missing, unreadable or not YAML, all exit 1, nothing echoed', async () => {
    // Prepare: a folder of two scenarios, one invalid; a missing file; a YAML syntax error holding a secret
    const dir = await folder();
    await writeFile(
      join(dir, 'good.json'),
      JSON.stringify({ name: 'g', start: '2026-11-02T09:00:00Z', steps: [{ advanceTo: '2026-11-03T00:00:00Z' }] }),
    );
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ name: 'b', start: 'yesterday', steps: [invite({ Id: '1', Type: 'ACCT' })] }),
    );
    const yaml = join(await folder(), 'broken.yaml');
    await writeFile(yaml, 'name: secret-token-123\nsteps: [\n');

    // Act
    const { code, stdout, stderr } = await orgwardenInProcess('validate', join(dir, 'nope.json'), yaml, dir);

    // Assess
    expect(code).toBe(1);
    expect(stdout).toContain(
      `invalid  ${join(dir, 'nope.json')}:\n  cannot read the file ${join(dir, 'nope.json')}: no such file`,
    );
    expect(stdout).toMatch(
      /invalid {2}.*broken\.yaml:\n {2}the file .*broken\.yaml is not valid YAML: .* at line 3, column 1\n/,
    );
    expect(stdout).toContain(`ok       ${join(dir, 'good.json')} (scenario`);
    expect(stdout).toContain(`invalid  ${join(dir, 'bad.json')} (scenario):\n  start:`);
    expect(stdout).toContain('steps.0.api.input.Target.Type: expected one of ACCOUNT, ORGANIZATION, EMAIL, got "ACCT"');
    expect(stdout + stderr).not.toContain('secret-token-123');
    expect(stderr).toContain('3 of 4 file(s) invalid');
  });
});

describe('a scenario with policy: ./my-policy.yaml', () => {
  it('is validated with the policy file read beside it, and local runs under it', { timeout: 60_000 }, async () => {
    // Prepare: the team's policy in its own file, enforcing
    const dir = await folder();
    await writeFile(
      join(dir, 'my-policy.yaml'),
      'version: 1\ntrust:\n  invitations:\n    sent:\n      accounts: ["222222222222"]\nreactions:\n  untrustedInvitation: enforce\n',
    );
    const file = join(dir, 'rehearsal.json');
    const scenario = {
      name: 'with my policy',
      start: '2026-11-02T09:00:00Z',
      policy: './my-policy.yaml',
      steps: [invite({ Id: '444444444444', Type: 'ACCOUNT' })],
    };
    await writeFile(file, JSON.stringify(scenario));
    await writeFile(join(dir, 'broken-policy.json'), JSON.stringify({ ...scenario, policy: './nope.yaml' }));

    // Act
    const checked = await orgwardenInProcess('validate', file, join(dir, 'broken-policy.json'));
    const run = await orgwardenInProcess('local', '--scenario', file, '--json', '--log-level', 'SILENT');

    // Assess
    expect(checked.stdout).toContain(`ok       ${file} (scenario`);
    expect(checked.stdout).toContain(
      `policy: cannot read the policy (./nope.yaml, from ${join(dir, 'broken-policy.json')})`,
    );
    expect(checked.code).toBe(1);
    const report = JSON.parse(run.stdout) as { emitted: Array<{ 'detail-type': string; detail: { mode?: string } }> };
    const found = report.emitted.filter((event) => event['detail-type'] === 'Untrusted Party Detected');
    expect(found.map((event) => event.detail.mode)).toEqual(['enforce']);
  });
});
