import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

describe('scenario: a member joins, then is removed', () => {
  let report: LocalReport;

  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/account-leaves.json'));
  });

  it('records the account joining and departing, in order, with its causes', () => {
    expect(
      report.history
        .filter((h) => h.subject === 'account:444444444444')
        .map(({ from, to, at, cause }) => [from, to, at, (cause as { eventName: string }).eventName]),
    ).toEqual([
      [null, 'JOINED', '2026-11-02T12:00:00.000Z', 'AccountJoinedOrganization'],
      ['JOINED', 'DEPARTED', '2026-11-20T10:00:00.000Z', 'AccountDepartedOrganization'],
    ]);
    expect(report.snapshots.find((s) => s.subject === 'account:444444444444')).toMatchObject({
      state: 'DEPARTED',
      version: 2,
    });
  });

  it('publishes Account Membership Changed for both moves', () => {
    const moves = report.emitted
      .filter((e) => e['detail-type'] === 'Account Membership Changed')
      .map((e) => e.detail as { before: string | null; after: string });
    expect(moves.map((d) => `${d.before}->${d.after}`)).toEqual(['null->JOINED', 'JOINED->DEPARTED']);
  });

  it('keeps the event naming an unknown handshake, twice delivered, as two classified dead letters and writes nothing for it', () => {
    expect(report.deadLetters.map((d) => d.error.name)).toEqual(['SubjectNotFoundError', 'SubjectNotFoundError']);
    expect(report.snapshots.some((s) => s.subject === 'handshake:h-neverexisted01')).toBe(false);
  });
});
