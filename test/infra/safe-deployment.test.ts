import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policySchema } from '../../shared/domain/policy/policy';
import { functionEnvironmentOf, functionsOf, loadTemplate, type CfnTemplate } from '../../shared/local/template';
import { INFRA_STAGE, packaged } from './packaged';

/** The detail-types the template's alert rule forwards to the notification topic. */
const alertRuleDetailTypes = (template: CfnTemplate): unknown =>
  (template.Resources.AlertRule?.Properties?.EventPattern as { 'detail-type'?: unknown } | undefined)?.['detail-type'];
const alertEmailOf = (template: CfnTemplate): unknown =>
  (template.Parameters?.AlertEmail as { Default?: unknown } | undefined)?.Default;

/**
 * `osls package` as a deployment runs it (serverless.yml, shared/config/policy-variable.cjs,
 * stage-settings.cjs, package-guard.cjs): the policy checked with the functions' own schema, the
 * 4 KB of environment, the settings a stage keeps between deployments, the alerts forwarded.
 * Each packaging takes seconds: four in all.
 */
describe('safe deployment: what packaging refuses and what it keeps', () => {
  let work: string;
  let settingsDir: string;
  let settingsFile: string;
  const policyFile = (name: string, document: unknown): string => {
    const path = join(work, name);
    writeFileSync(path, JSON.stringify(document));
    return path;
  };
  const packageInto = (name: string, params?: Record<string, string>) =>
    packaged({ outDir: join(work, name), force: true, settingsDir, ...(params ? { params } : {}) });

  // A custom policy: its own alerts (fewer than the defaults, one the old packaging script never knew).
  const custom = {
    version: 1,
    trust: { invitations: { received: { organizations: ['o-exampleorg12'] } } },
    alerts: ['Untrusted Party Detected', 'Delegated Administrator Changed'],
  };
  const email = 'secops@example.com';
  let withParams: CfnTemplate;
  let withoutParams: CfnTemplate;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'orgwarden-deploy-'));
    settingsDir = join(work, 'stages');
    settingsFile = join(settingsDir, `${INFRA_STAGE}.json`);
    // Prepare + Act: a deployment given a policy and an e-mail, then one given nothing.
    withParams = (await packageInto('with-params', { policy: policyFile('custom.json', custom), alertEmail: email }))
      .template;
    withoutParams = (await packageInto('without-params')).template;
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('keeps the policy and the e-mail of the last deployment given them, when the next is given no --param', () => {
    // Assess: both packagings carry the custom policy and the subscription's address.
    for (const template of [withParams, withoutParams]) {
      expect(alertEmailOf(template)).toBe(email);
      for (const fn of functionsOf(template))
        expect(JSON.parse(functionEnvironmentOf(template, fn.name).ORGWARDEN_POLICY as string), fn.name).toEqual(
          custom,
        );
    }
    // The stage's settings file, for the team to commit, names both.
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({
      alertEmail: email,
      policy: join(work, 'custom.json'),
    });
  });

  it("forwards exactly the policy's alerts: a custom policy's, and the schema's defaults for the default policy", async () => {
    expect(alertRuleDetailTypes(withParams)).toEqual(custom.alerts);
    expect(alertRuleDetailTypes(withoutParams)).toEqual(custom.alerts);
    // The default policy (the infra tests' cached packaging, given no policy).
    const defaults = policySchema.parse({ version: 1 }).alerts;
    expect(defaults).toContain('Delegated Administrator Changed');
    expect(alertRuleDetailTypes((await packaged()).template)).toEqual(defaults);
  });

  it('refuses a policy the functions would refuse, naming the field, and saves nothing', async () => {
    // Prepare: a misspelt reaction mode (the functions would stop at cold start on it).
    const invalid = policyFile('invalid.json', { version: 1, reactions: { untrustedInvitation: 'enforced' } });
    const before = readFileSync(settingsFile, 'utf8');
    // Act + Assess
    await expect(packageInto('invalid', { policy: invalid })).rejects.toThrow(
      /invalid policy .*invalid\.json.*reactions\.untrustedInvitation/,
    );
    expect(readFileSync(settingsFile, 'utf8')).toBe(before);
    expect(existsSync(join(work, 'invalid', 'cloudformation-template-update-stack.json'))).toBe(false);
  });

  it("refuses a policy whose environment exceeds Lambda's 4 KB, naming the function and the size", async () => {
    // Prepare: 250 trusted account ids, which `orgwarden validate` accepts.
    const accounts = Array.from({ length: 250 }, (_, index) => String(100_000_000_000 + index));
    const document = { version: 1, trust: { invitations: { received: { accounts } } } };
    expect(policySchema.safeParse(document).success).toBe(true);
    // Act + Assess: refused before anything is written.
    await expect(packageInto('oversized', { policy: policyFile('oversized.json', document) })).rejects.toThrow(
      new RegExp(
        `orgwarden-${INFRA_STAGE}-handshake-changed: its environment can reach \\d{4} bytes, over Lambda's 4096`,
      ),
    );
    expect(JSON.parse(readFileSync(settingsFile, 'utf8')).policy).toBe(join(work, 'custom.json'));
  });

  it('writes the template that reinstalls the stack over its retained table: the deployment bucket, and the table to import', async () => {
    // Prepare: the infra tests' packaging (osls's own templates beside it).
    const { templatePath, template } = await packaged();
    const core = loadTemplate(join(dirname(templatePath), 'cloudformation-template-create-stack.json'));
    // Act
    const reinstall = loadTemplate(join(dirname(templatePath), 'cloudformation-template-reinstall.json'));
    // Assess: osls's first template (the bucket and its output, which osls deploy looks up) plus the
    // table exactly as the stack declares it, which CloudFormation can import automatically (a literal
    // name, a Retain policy); nothing else, so the import creates nothing that could clash.
    expect(Object.keys(reinstall.Resources).sort()).toEqual([...Object.keys(core.Resources), 'StateTable'].sort());
    expect(reinstall.Resources.StateTable).toEqual(template.Resources.StateTable);
    expect(reinstall.Resources.StateTable!.DeletionPolicy).toBe('Retain');
    expect(reinstall.Resources.StateTable!.Properties!.TableName).toBe(`orgwarden-${INFRA_STAGE}-state`);
    for (const [id, resource] of Object.entries(core.Resources)) expect(reinstall.Resources[id], id).toEqual(resource);
    expect(reinstall.Outputs).toEqual(core.Outputs);
  });
});
