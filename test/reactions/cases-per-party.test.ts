import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import {
  caseOutcomes,
  casesInSecurityIr,
  emittedOf,
  invitationRounds,
  play,
  securityIrCalls,
  stackFor,
  type CaseOutcome,
} from './party-cases-world';

const byParty = (outcomes: readonly CaseOutcome[]): Map<string, CaseOutcome[]> => {
  const groups = new Map<string, CaseOutcome[]>();
  for (const outcome of outcomes)
    groups.set(outcome.incidentCase!.party, [...(groups.get(outcome.incidentCase!.party) ?? []), outcome]);
  return groups;
};

// Issue 17, item 4: an outside party must not flood the incident-response team with cases.
describe('40 untrusted billing invitations from 5 organizations, under enforce', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    // Prepare: 8 rounds of 5 invitations, each found by the sweep and declined before the next round
    const scenario = invitationRounds({ rounds: 8 });
    stack = await stackFor(scenario);
    // Act
    await play(stack, scenario);
  }, 300_000);
  afterAll(() => stack?.stop());

  it('opens one case per organization (5), and makes the 35 other findings comments on them; each invitation still reported once', async () => {
    expect(emittedOf(stack, 'Untrusted Party Detected')).toHaveLength(40);
    expect(new Set(emittedOf(stack, 'Untrusted Party Detected').map((d) => d.subject)).size).toBe(40);
    expect(stack.deadLetters).toEqual([]);
    // Assess: what the team sees in Security IR
    const cases = await casesInSecurityIr(stack);
    expect(cases).toHaveLength(5);
    expect(cases.map((c) => c.comments.length)).toEqual([7, 7, 7, 7, 7]);
    expect(cases.every((c) => c.status === 'Submitted')).toBe(true);
    // Each finding once: 5 CreateCase, 35 CreateCaseComment, each with a token of its own; one GetCase before each
    // comment
    expect(securityIrCalls(stack, 'CreateCase')).toHaveLength(5);
    const comments = securityIrCalls(stack, 'CreateCaseComment');
    expect(comments).toHaveLength(35);
    expect(new Set(comments.map((call) => (call.input as { clientToken: string }).clientToken)).size).toBe(35);
    expect(securityIrCalls(stack, 'GetCase')).toHaveLength(35);
  });

  it("announces each finding's case: opened for the first of its organization, commented for the 7 others, all naming the same case", () => {
    const outcomes = caseOutcomes(stack);
    expect(outcomes).toHaveLength(40);
    expect(new Set(outcomes.map((o) => o.key)).size).toBe(40);
    expect(outcomes.every((o) => o.outcome === 'executed')).toBe(true);
    const groups = byParty(outcomes);
    expect(groups.size).toBe(5);
    for (const [party, group] of groups) {
      expect(party).toMatch(/^organization:o-/);
      expect(group.map((o) => o.incidentCase!.use)).toEqual(['opened', ...Array<string>(7).fill('commented')]);
      expect(new Set(group.map((o) => o.incidentCase!.caseId)).size).toBe(1);
      expect(group.every((o) => o.target === o.incidentCase!.caseId)).toBe(true);
    }
  });
});

describe('a case the team closed', () => {
  it('takes no more comments: the next finding about its party opens a new case, which takes the later ones', async () => {
    // Prepare: one organization invites, orgwarden opens its case; the team closes it
    const first = invitationRounds({ rounds: 1, from: ['810000000001'] });
    const stack = await stackFor(first);
    try {
      await play(stack, first);
      const [opened] = caseOutcomes(stack);
      expect(opened?.incidentCase?.use).toBe('opened');
      await stack.securityIr.handle('CloseCase', { caseId: opened!.incidentCase!.caseId }, '111111111111');
      // Act: two more invitations from the same organization
      const later = invitationRounds({ rounds: 2, from: ['810000000001'] });
      await play(stack, {
        ...later,
        steps: later.steps
          .slice(1)
          .map((step) =>
            'at' in step && step.at
              ? { ...step, at: new Date(Date.parse(step.at) + 3_600_000).toISOString() }
              : 'advanceTo' in step
                ? { advanceTo: new Date(Date.parse(step.advanceTo) + 3_600_000).toISOString() }
                : step,
          ),
      });
      // Assess
      const outcomes = caseOutcomes(stack);
      expect(outcomes.map((o) => o.incidentCase?.use)).toEqual(['opened', 'opened', 'commented']);
      const [, second, third] = outcomes;
      expect(second!.incidentCase!.caseId).not.toBe(opened!.incidentCase!.caseId);
      expect(third!.incidentCase!.caseId).toBe(second!.incidentCase!.caseId);
      const cases = await casesInSecurityIr(stack);
      expect(cases.map((c) => [c.status, c.comments.length])).toEqual([
        ['Closed', 0],
        ['Submitted', 1],
      ]);
      expect(securityIrCalls(stack, 'CreateCaseComment')).toHaveLength(1);
    } finally {
      await stack.stop();
    }
  }, 120_000);
});

describe('the cap on new cases per hour', () => {
  it('opens at most maxNewCasesPerHour cases an hour; a finding over it fails visibly and is still reported', async () => {
    // Prepare: 5 organizations invite at once; the policy allows 2 new cases an hour
    const scenario = invitationRounds({
      rounds: 2,
      policy: { incidentCase: { watchers: [{ email: 'secops@example.com' }], maxNewCasesPerHour: 2 } },
    });
    const stack = await stackFor(scenario);
    try {
      // Act
      await play(stack, scenario);
      // Assess: 2 cases; the 3 other organizations' first findings failed with the reason; the
      // second round's findings of the first 2 are comments, those of the other 3 over the cap too
      expect(securityIrCalls(stack, 'CreateCase')).toHaveLength(2);
      expect(await casesInSecurityIr(stack)).toHaveLength(2);
      const outcomes = caseOutcomes(stack);
      expect(outcomes.filter((o) => o.incidentCase?.use === 'opened')).toHaveLength(2);
      expect(outcomes.filter((o) => o.incidentCase?.use === 'commented')).toHaveLength(2);
      const failed = emittedOf(stack, 'Reaction Failed');
      expect(failed).toHaveLength(6);
      for (const detail of failed)
        expect(detail.reason).toMatch(
          /^no case for organization:o-\S+: 2 new cases opened in the hour from 2026-11-02T09:00Z \(incidentCase\.maxNewCasesPerHour\)$/,
        );
      // Every finding is still reported, and none is retried or dead-lettered
      expect(emittedOf(stack, 'Untrusted Party Detected')).toHaveLength(10);
      expect(stack.deadLetters).toEqual([]);
    } finally {
      await stack.stop();
    }
  }, 120_000);
});

describe('a case refused for good (AccessDenied)', () => {
  it('does not hold its party nor the hour: the next finding about the party opens the case', async () => {
    // Prepare: one organization invites twice; the first CreateCase is refused; one new case an hour
    const scenario = invitationRounds({
      rounds: 2,
      from: ['810000000001'],
      policy: { incidentCase: { watchers: [{ email: 'secops@example.com' }], maxNewCasesPerHour: 1 } },
    });
    const stack = await stackFor(scenario, {
      securityIr: {
        failures: [{ operation: 'CreateCase', error: 'AccessDeniedException', times: 1, message: 'not allowed' }],
      },
    });
    try {
      // Act
      await play(stack, scenario);
      // Assess: the first finding failed with the refusal; the second opened the party's case within the cap
      const outcomes = caseOutcomes(stack);
      expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'executed']);
      expect(outcomes[0]!.reason).toContain('AccessDeniedException');
      expect(outcomes[1]!.incidentCase?.use).toBe('opened');
      expect(await casesInSecurityIr(stack)).toHaveLength(1);
      expect(stack.deadLetters).toEqual([]);
    } finally {
      await stack.stop();
    }
  }, 120_000);
});
