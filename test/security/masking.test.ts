import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { tokenWith } from '../../shared/adapters/privacy/masker';
import { buildReport, type LocalReport } from '../../shared/local/scenario/report';
import { runScenario } from '../../shared/local/scenario/run-scenario';
import { parseScenario } from '../../shared/local/scenario/scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { projectRoot } from '../../shared/local/template';

/** The scenario's untrusted invitee, an outside party invited by email, and the party the policy trusts. */
const outsider = '444444444444';
const outsiderEmail = 'mallory@untrusted.example';
const trusted = '222222222222';
const managementAccount = '111111111111';
/** The local stack's ORGWARDEN_MASK_KEY (its fixed stack id, shared/local/stack/local-stack.ts). */
const token = tokenWith(
  `arn:aws:cloudformation:us-east-1:${managementAccount}:stack/orgwarden-local/00000000-0000-4000-8000-000000000000`,
);

interface Run {
  readonly report: LocalReport;
  /** Every line the functions' loggers wrote (the received events included: POWERTOOLS_LOGGER_LOG_EVENT). */
  readonly logs: string[];
}

/**
 * events/scenarios/untrusted-invitation-enforced.json through the real handlers on the local stack,
 * with one more invitation (to an email address no list trusts) and the policy's masking on or off,
 * capturing what the functions' loggers write.
 */
const play = async (maskOutsideParties: boolean): Promise<Run> => {
  const json = JSON.parse(
    await readFile(join(projectRoot, 'events/scenarios/untrusted-invitation-enforced.json'), 'utf8'),
  ) as { policy: object; steps: unknown[] };
  const emailInvite = {
    at: '2026-11-02T09:30:00Z',
    api: {
      service: 'organizations',
      operation: 'InviteAccountToOrganization',
      input: { Target: { Id: outsiderEmail, Type: 'EMAIL' } },
    },
  };
  const scenario = parseScenario(
    { ...json, policy: { ...json.policy, privacy: { maskOutsideParties } }, steps: [...json.steps, emailInvite] },
    'masking',
  );
  const logs: string[] = [];
  const capture = (chunk: unknown): boolean => logs.push(String(chunk)) > 0;
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  vi.stubEnv('POWERTOOLS_LOGGER_LOG_EVENT', 'true');
  const stack = await LocalStack.start({
    ...stackOptionsOf(scenario),
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: 'INFO',
  });
  try {
    await runScenario(scenario, stack);
    return { report: await buildReport(stack), logs: logs.filter((line) => line.startsWith('{')) };
  } finally {
    await stack.stop();
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
};

const emittedText = (run: Run) => JSON.stringify(run.report.emitted);
const snapshotsText = (run: Run) => JSON.stringify(run.report.snapshots);

describe('outside parties in published events and logs, under the policy', () => {
  let masked: Run;
  let plain: Run;

  beforeAll(async () => {
    masked = await play(true);
    plain = await play(false);
  }, 120_000);

  afterEach(() => vi.restoreAllMocks());

  it('played the same world both times: the untrusted invitation reported, cancelled, and logged as received', () => {
    for (const run of [masked, plain]) {
      expect(run.report.emitted.filter((e) => e['detail-type'] === 'Untrusted Party Detected')).toHaveLength(2);
      expect(run.report.apiCalls.map((call) => call.operation)).toContain('CancelHandshake');
      expect(
        run.logs.some(
          (line) => line.includes('"Lambda invocation event"') && line.includes('InviteAccountToOrganization'),
        ),
      ).toBe(true);
      expect(run.report.deadLetters).toEqual([]);
    }
  });

  it('publishes no outside party when masking is on, each as its token', () => {
    expect(emittedText(masked)).not.toContain(outsider);
    expect(emittedText(masked).toLowerCase()).not.toContain(outsiderEmail);
    const untrusted = masked.report.emitted
      .filter((e) => e['detail-type'] === 'Untrusted Party Detected')
      .map((e) => (e.detail as { parties: unknown }).parties);
    expect(untrusted).toEqual([
      [{ id: token(outsider), type: 'ACCOUNT' }],
      [{ id: token(outsiderEmail), type: 'EMAIL' }],
    ]);
    // The reaction's reason names the party in free text: masked too, with the same token.
    const reasons = masked.report.emitted
      .filter((e) => e['detail-type'] === 'Reaction Executed')
      .map((e) => (e.detail as { reason?: string }).reason);
    expect(reasons).toContain(`untrusted party (invitation-sent): ${token(outsider)}`);
  });

  it('leaves the trusted party and the organization itself unmasked', () => {
    expect(emittedText(masked)).toContain(trusted);
    expect(emittedText(masked)).toContain(managementAccount);
  });

  it('logs no outside party when masking is on, each as the token its events carry', () => {
    const logs = masked.logs.join('\n');
    expect(logs).not.toContain(outsider);
    expect(logs.toLowerCase()).not.toContain(outsiderEmail);
    expect(logs).toContain(token(outsider));
    expect(logs).toContain(managementAccount);
  });

  it('publishes and logs them as they are when masking is off', () => {
    expect(emittedText(plain)).toContain(outsider);
    expect(emittedText(plain)).toContain(outsiderEmail);
    expect(emittedText(plain)).not.toContain('masked');
    expect(plain.logs.join('\n')).toContain(outsider);
    expect(plain.logs.join('\n')).not.toContain('masked');
    // CloudTrail itself hides an invitee's email (HIDDEN_DUE_TO_SECURITY_REASONS): the received events
    // never carry it; orgwarden learns it from DescribeHandshake, and only its events name it.
    expect(plain.logs.join('\n')).toContain('"id":"HIDDEN_DUE_TO_SECURITY_REASONS","type":"EMAIL"');
  });

  it('keeps the real values in the stored snapshots either way (the operator needs them)', () => {
    for (const run of [masked, plain]) {
      expect(snapshotsText(run)).toContain(outsider);
      expect(snapshotsText(run)).toContain(outsiderEmail);
      expect(snapshotsText(run)).not.toContain('masked');
    }
  });
});
