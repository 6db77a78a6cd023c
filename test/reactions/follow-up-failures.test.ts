import { describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import type { Scenario } from '../../shared/local/scenario/scenario';
import { playScenario, readScenario } from '../support/stack';

/**
 * The untrusted-invitation scenario (enforce: cancel + case), with Security IR failing CreateCase as given, and time
 * passing.
 */
const withCaseFailures = async (failures: NonNullable<Scenario['securityIr']>['failures']): Promise<LocalReport> => {
  const scenario = await readScenario('events/scenarios/untrusted-invitation-enforced.json');
  return playScenario({
    ...scenario,
    securityIr: { failures },
    steps: [...scenario.steps, { advanceTo: '2026-11-02T12:00:00Z' }],
  });
};

const createCases = (report: LocalReport) =>
  report.apiCalls.filter((call) => call.operation === 'CreateCase').map((call) => call.error?.name ?? 'ok');
const outcomes = (report: LocalReport) =>
  report.emitted
    .filter((e) => e['detail-type'].startsWith('Reaction '))
    .map((e) => `${e['detail-type']} ${(e.detail as { action: string }).action}`);

describe('a follow-up call that fails', () => {
  it('throttled twice, then accepted: one case (the SDK retries within the invocation)', async () => {
    const report = await withCaseFailures([
      { operation: 'CreateCase', error: 'ThrottlingException', times: 2, retryAfterSeconds: 0 },
    ]);
    expect(createCases(report)).toEqual(['ThrottlingException', 'ThrottlingException', 'ok']);
    expect(outcomes(report)).toEqual(['Reaction Executed cancel-handshake', 'Reaction Executed open-case']);
  });

  it("throttled past the SDK's retries: retried by the next attempt with the same clientToken, one case", async () => {
    const report = await withCaseFailures([
      { operation: 'CreateCase', error: 'ThrottlingException', times: 3, retryAfterSeconds: 0 },
    ]);
    const calls = report.apiCalls.filter((call) => call.operation === 'CreateCase');
    expect(calls.map((call) => call.error?.name ?? 'ok')).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      'ThrottlingException',
      'ok',
    ]);
    expect(new Set(calls.map((call) => (call.input as { clientToken: string }).clientToken)).size).toBe(1);
    expect(outcomes(report)).toEqual(['Reaction Executed cancel-handshake', 'Reaction Executed open-case']);
    expect(report.deadLetters).toEqual([]);
  });

  it('refused for good (AccessDenied): recorded and announced as failed, never retried', async () => {
    const report = await withCaseFailures([
      { operation: 'CreateCase', error: 'AccessDeniedException', times: 10, message: 'not allowed' },
    ]);
    expect(createCases(report)).toEqual(['AccessDeniedException']);
    expect(outcomes(report)).toEqual(['Reaction Executed cancel-handshake', 'Reaction Failed open-case']);
    const failed = report.emitted.find((e) => e['detail-type'] === 'Reaction Failed')!.detail;
    expect(failed).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('AccessDeniedException') as string,
    });
    expect(report.deadLetters).toEqual([]);
  });
});
