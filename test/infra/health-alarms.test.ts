import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { healthMetricNames, healthNamespace } from '../../shared/ports/health-metrics';
import { alarmsOf } from '../../shared/local/stack/alarm-evaluator';
import { ratePeriodMs } from '../../shared/local/stack/event-bus';
import { projectRoot, rulesOf, type CfnTemplate } from '../../shared/local/template';
import { INFRA_STAGE, packaged, ref } from './packaged';

/** The packaging helper itself (CommonJS: osls loads it with require). */
const alarmPeriods = createRequire(import.meta.url)('../../shared/config/alarm-periods.cjs') as (context: {
  options: { param?: string[] };
  resolveVariable: (v: string) => Promise<unknown>;
}) => Promise<{ audit: number; sweep: number }>;

/** `osls print` (offline, no AWS credentials): the configuration osls resolved, with the given `--param`s. */
const printed = (params: readonly string[]): Promise<{ code: number; output: string }> =>
  new Promise((done, fail) => {
    const require = createRequire(import.meta.url);
    const bin = join(dirname(require.resolve('osls/package.json')), 'bin', 'serverless.js');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
    const nowhere = join(tmpdir(), 'orgwarden-no-aws-config');
    const child = spawn(
      process.execPath,
      [bin, 'print', '--stage', INFRA_STAGE, '--format', 'json', ...params.map((p) => `--param=${p}`)],
      {
        cwd: projectRoot,
        env: {
          ...env,
          AWS_CONFIG_FILE: join(nowhere, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, output }));
  });

/** The resources of a printed configuration. */
const resourcesOf = (output: string): CfnTemplate =>
  (JSON.parse(output.slice(output.indexOf('{'))) as { resources: CfnTemplate }).resources;

const periodOf = (template: CfnTemplate, logicalId: string): unknown => {
  const p = template.Resources[logicalId]?.Properties ?? {};
  return Array.isArray(p.Metrics)
    ? (p.Metrics as Array<{ MetricStat?: { Period: unknown } }>).find((m) => m.MetricStat)?.MetricStat?.Period
    : p.Period;
};

const watching = {
  AuditStoppedAlarm: 'audit',
  AuditPartialAlarm: 'audit',
  UnannouncedChangesAlarm: 'audit',
  SweepStoppedAlarm: 'expiry-sweep',
} as const;

describe('the alarms that notice orgwarden stopped watching, in the packaged template', () => {
  let template: CfnTemplate;
  beforeAll(async () => {
    template = (await packaged()).template;
  });

  it('exist, one per health count the functions write (namespace orgwarden, the stage as dimension), each notifying the alert topic', () => {
    const alarms = alarmsOf(template);
    expect(alarms.map((a) => [a.logicalId, a.metricName]).sort()).toEqual(
      [
        ['AuditPartialAlarm', 'AuditPartial'],
        ['AuditStoppedAlarm', 'AuditCompleted'],
        ['SweepStoppedAlarm', 'SweepCompleted'],
        ['UnannouncedChangesAlarm', 'UnannouncedChanges'],
      ].sort(),
    );
    expect(new Set(alarms.map((a) => a.metricName))).toEqual(new Set(healthMetricNames));
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        namespace: healthNamespace,
        dimensions: { Stage: INFRA_STAGE },
        actions: { ALARM: ['AlertTopic'] },
      });
      expect(template.Resources[alarm.logicalId]?.Properties?.AlarmActions).toEqual([ref('AlertTopic')]);
    }
  });

  it("use the periods of the schedules they watch (the packaged rates: the audit's 1 hour, the sweep's 15 minutes)", () => {
    const rules = rulesOf(template);
    const rateOf = (fn: string): number =>
      ratePeriodMs(rules.find((r) => r.schedule && r.targets.some((t) => t.functionName === fn))!.schedule!) / 1000;
    expect(rateOf('audit')).toBe(3600);
    expect(rateOf('expiry-sweep')).toBe(900);
    for (const [alarm, fn] of Object.entries(watching))
      expect([alarm, periodOf(template, alarm)]).toEqual([alarm, rateOf(fn)]);
  });

  it('follow the rates given at packaging (auditRate, sweepRate)', async () => {
    // Act
    const { code, output } = await printed(['auditRate=rate(2 hours)', 'sweepRate=rate(5 minutes)']);
    // Assess
    expect(code).toBe(0);
    const resources = resourcesOf(output);
    expect(Object.fromEntries(Object.keys(watching).map((alarm) => [alarm, periodOf(resources, alarm)]))).toEqual({
      AuditStoppedAlarm: 7200,
      AuditPartialAlarm: 7200,
      UnannouncedChangesAlarm: 7200,
      SweepStoppedAlarm: 300,
    });
  }, 60_000);

  it("take the rates as osls resolves ${param:…}: --param first, then the stage's params block, then the default block", async () => {
    // Prepare: serverless.yml's params blocks, as `self:params.<block>.<name>, null` resolves them.
    const blocks: Record<string, Record<string, string>> = {
      prod: { auditRate: 'rate(3 hours)' },
      default: { sweepRate: 'rate(10 minutes)' },
    };
    const resolveVariable = (variable: string): Promise<unknown> => {
      if (variable === 'sls:stage') return Promise.resolve('prod');
      const match = /^self:params\.(\w+)\.(\w+), null$/.exec(variable);
      return match
        ? Promise.resolve(blocks[match[1]!]?.[match[2]!] ?? null)
        : Promise.reject(new Error(`unexpected ${variable}`));
    };
    // Act and assess
    await expect(alarmPeriods({ options: {}, resolveVariable })).resolves.toEqual({ audit: 10_800, sweep: 600 });
    await expect(
      alarmPeriods({ options: { param: ['auditRate=rate(30 minutes)'] }, resolveVariable }),
    ).resolves.toEqual({ audit: 1_800, sweep: 600 });
    blocks.prod = {};
    blocks.default = {};
    await expect(alarmPeriods({ options: {}, resolveVariable })).resolves.toEqual({ audit: 3_600, sweep: 900 });
  });

  it('refuse a rate the alarms cannot express: a cron() schedule (no period), a rate whose look-back exceeds CloudWatch’s 7 days', async () => {
    // Act
    const cron = await printed(['auditRate=cron(0 * * * ? *)']);
    const slow = await printed(['auditRate=rate(3 days)']);
    const sweep = await printed(['sweepRate=rate(1 minutes)']);
    // Assess
    expect(cron.code).not.toBe(0);
    expect(cron.output).toContain('auditRate: "cron(0 * * * ? *)" is not rate(N minutes|hours|days)');
    expect(slow.code).not.toBe(0);
    expect(slow.output).toContain(
      'auditRate: "rate(3 days)" is too slow for the alarms that watch it: they look back 3 x 259200 s, CloudWatch allows 604800 s',
    );
    expect(sweep.code).not.toBe(0);
    expect(sweep.output).toContain('sweepRate: "rate(1 minutes)" is no valid rate expression');
  }, 90_000);
});
