import { describe, expect, it } from 'vitest';
import { casePartyOf, caseHourOf } from '../../shared/domain/policy/case-party';
import { defaultPolicy, policyProblems } from '../../shared/domain/policy/policy';

describe('the party a finding’s case is about', () => {
  it('is its organization when one is named, else its account, else its email (lower-case)', () => {
    expect(
      casePartyOf([
        { id: '810000000001', type: 'ACCOUNT' },
        { id: 'o-abcdefghij', type: 'ORGANIZATION' },
        { id: 'a@x.example', type: 'EMAIL' },
      ]),
    ).toEqual({ type: 'organization', id: 'o-abcdefghij' });
    expect(
      casePartyOf([
        { id: 'Billing@X.example', type: 'EMAIL' },
        { id: '810000000001', type: 'ACCOUNT' },
      ]),
    ).toEqual({ type: 'account', id: '810000000001' });
    expect(casePartyOf([{ id: 'Billing@X.example', type: 'EMAIL' }])).toEqual({
      type: 'email',
      id: 'billing@x.example',
    });
    expect(casePartyOf([])).toBeUndefined();
  });

  it('counts new cases per UTC clock hour', () => {
    expect(caseHourOf(new Date('2026-11-02T09:59:59.999Z'))).toBe('2026-11-02T09');
    expect(caseHourOf(new Date('2026-11-02T10:00:00.000Z'))).toBe('2026-11-02T10');
  });
});

describe('policy incidentCase.maxNewCasesPerHour', () => {
  it('defaults to 10', () => {
    expect(defaultPolicy.incidentCase.maxNewCasesPerHour).toBe(10);
  });

  it.each([0, -1, 2.5, '5'])('refuses %j, naming the field', (value) => {
    const problems = policyProblems({ version: 1, incidentCase: { maxNewCasesPerHour: value } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^incidentCase\.maxNewCasesPerHour: /);
  });

  it('takes any positive whole number', () => {
    expect(policyProblems({ version: 1, incidentCase: { maxNewCasesPerHour: 1 } })).toEqual([]);
    expect(policyProblems({ version: 1, incidentCase: { maxNewCasesPerHour: 1000 } })).toEqual([]);
  });
});
