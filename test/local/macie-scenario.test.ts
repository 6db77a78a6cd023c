import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

type Change = { subject: string; before: string | null; after: string; cause: { eventName: string } };

describe('scenario: Macie members in us-east-1 and eu-west-1 (enforce)', () => {
  let report: LocalReport;
  let dataAccount: string;

  beforeAll(async () => {
    // Act
    report = await playScenario(await readScenario('events/scenarios/macie-members.json'));
    dataAccount = report.snapshots
      .find((s) => s.subject.startsWith('account:') && s.subject !== 'account:111111111111')!
      .subject.slice('account:'.length);
  });

  it('records each member under its own Region, with the cause that made orgwarden look', () => {
    // Assess
    const changes = report.emitted
      .filter((e) => e['detail-type'] === 'Macie Member State Changed')
      .map((e) => e.detail as Change);
    expect(changes.map((c) => `${c.subject} ${c.before ?? '(new)'}->${c.after} ${c.cause.eventName}`)).toEqual([
      `macie-member:us-east-1:${dataAccount} (new)->Enabled CreateMember`,
      'macie-member:eu-west-1:333333333333 (new)->Created CreateMember',
      'macie-member:eu-west-1:333333333333 Created->Enabled ListMembers',
      `macie-member:us-east-1:${dataAccount} Enabled->Removed DisassociateMember`,
      `macie-member:us-east-1:${dataAccount} Removed->Enabled CreateMember`,
      'macie-member:eu-west-1:333333333333 Enabled->Resigned ListMembers',
    ]);
  });

  it('associates the removed organization account again, once, with the email AWS Organizations knows', () => {
    // Assess
    const creates = report.apiCalls.filter((c) => c.operation === 'CreateMember');
    expect(creates.map((c) => c.input)).toEqual([{ account: { accountId: dataAccount, email: 'data@example.com' } }]);
    const outcomes = report.emitted
      .filter((e) => e['detail-type'].startsWith('Reaction '))
      .map((e) => e.detail as { action: string; outcome: string; target: string });
    expect(outcomes).toEqual([
      expect.objectContaining({
        action: 'associate-macie-member',
        outcome: 'executed',
        target: `us-east-1:${dataAccount}`,
      }),
    ]);
  });

  it("finds the resignation only by listing: the member's own call never reaches orgwarden, and the resigned invited account is not associated again", () => {
    // Assess
    const resigned = report.history.find(
      (h) => h.subject === 'macie-member:eu-west-1:333333333333' && h.to === 'Resigned',
    )!;
    expect(resigned.cause).toMatchObject({ eventName: 'ListMembers', source: 'orgwarden.macie' });
    expect(
      report.apiCalls.filter((c) => c.operation === 'CreateMember' && JSON.stringify(c.input).includes('333333333333')),
    ).toEqual([]);
    expect(report.snapshots.find((s) => s.subject === 'macie-member:eu-west-1:333333333333')).toMatchObject({
      state: 'Resigned',
    });
    expect(report.deadLetters).toEqual([]);
  });
});
