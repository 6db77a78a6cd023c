import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

describe('scenario: two invitations, one accepted by the invitee, one to an untrusted account reported and cancelled', () => {
  let report: LocalReport;
  let h1: string;
  let h2: string;

  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/demo.json'));
    const invites = report.history.filter((entry) => entry.subject.startsWith('handshake:') && entry.from === null);
    h1 = invites[0]!.subject.slice('handshake:'.length);
    h2 = invites[1]!.subject.slice('handshake:'.length);
  });

  it('stores exactly the final state of both handshakes and the new member, the management account from the first audit, and the audit runs', () => {
    // Both accounts sit in the organization's root (the emulator draws its id).
    const root = report.snapshots.find((s) => s.subject === 'placement:111111111111')?.state ?? 'no root';
    expect(root).toMatch(/^r-[0-9a-z]{4,32}$/);
    expect(
      report.snapshots.map(({ subject, state, version, observedAt }) => ({ subject, state, version, observedAt })),
    ).toEqual(
      [
        // The hourly audit runs after the world changed: the first is the import (the existing member and where it
        // sits, silently).
        { subject: 'account:111111111111', state: 'JOINED', version: 1, observedAt: '2026-11-02T10:00:00.000Z' },
        { subject: 'placement:111111111111', state: root, version: 1, observedAt: '2026-11-02T10:00:00.000Z' },
        // The new member's placement is read with its join (silent: kept, never announced).
        { subject: 'placement:222222222222', state: root, version: 1, observedAt: '2026-11-03T14:30:00.000Z' },
        {
          subject: 'audit-run:20261102T100000Z',
          state: 'COMPLETE',
          version: 1,
          observedAt: '2026-11-02T10:00:00.000Z',
        },
        {
          subject: 'audit-run:20261103T150000Z',
          state: 'COMPLETE',
          version: 1,
          observedAt: '2026-11-03T15:00:00.000Z',
        },
        { subject: 'account:222222222222', state: 'JOINED', version: 1, observedAt: '2026-11-03T14:30:00.000Z' },
        { subject: `handshake:${h1}`, state: 'ACCEPTED', version: 2, observedAt: '2026-11-03T14:30:00.000Z' },
        { subject: `handshake:${h2}`, state: 'CANCELED', version: 2, observedAt: '2026-11-04T08:00:00.000Z' },
      ].sort((a, b) => a.subject.localeCompare(b.subject)),
    );
    const account = report.snapshots.find((s) => s.subject === 'account:222222222222');
    expect(account?.data).toMatchObject({
      id: '222222222222',
      state: 'JOINED',
      joinedMethod: 'INVITED',
      accountState: 'ACTIVE',
    });
  });

  it('keeps the history of every transition with its cause', () => {
    const story = report.history.filter(
      (h) =>
        !h.subject.startsWith('audit-run:') &&
        !h.subject.endsWith(':111111111111') &&
        !h.subject.startsWith('placement:'),
    );
    expect(
      story.map(({ subject, from, to, at, cause }) => ({
        subject,
        from,
        to,
        at,
        cause: (cause as { eventName: string }).eventName,
      })),
    ).toEqual([
      {
        subject: `handshake:${h1}`,
        from: null,
        to: 'OPEN',
        at: '2026-11-02T09:00:00.000Z',
        cause: 'InviteAccountToOrganization',
      },
      {
        subject: `handshake:${h2}`,
        from: null,
        to: 'OPEN',
        at: '2026-11-02T09:05:00.000Z',
        cause: 'InviteAccountToOrganization',
      },
      {
        subject: 'account:222222222222',
        from: null,
        to: 'JOINED',
        at: '2026-11-03T14:30:00.000Z',
        cause: 'AccountJoinedOrganization',
      },
      {
        subject: `handshake:${h1}`,
        from: 'OPEN',
        to: 'ACCEPTED',
        at: '2026-11-03T14:30:00.000Z',
        cause: 'AccountJoinedOrganization',
      },
      {
        subject: `handshake:${h2}`,
        from: 'OPEN',
        to: 'CANCELED',
        at: '2026-11-04T08:00:00.000Z',
        cause: 'CancelHandshake',
      },
    ]);
  });

  it('publishes one event per transition on its own bus, and reports the untrusted invitee once', () => {
    const audits = report.emitted.filter((e) => e['detail-type'] === 'Audit Completed');
    expect(audits.map((e) => (e.detail as { audit: { import: boolean; findings: number } }).audit)).toMatchObject([
      { import: true, findings: 2 },
      { import: false, findings: 0 },
    ]);
    const story = report.emitted.filter((e) => e['detail-type'] !== 'Audit Completed');
    expect(
      story.map((e) => [
        e.source,
        e['detail-type'],
        (e.detail as { subject: string }).subject,
        (e.detail as { after?: string }).after,
      ]),
    ).toEqual([
      ['orgwarden', 'Handshake State Changed', `handshake:${h1}`, 'OPEN'],
      ['orgwarden', 'Handshake State Changed', `handshake:${h2}`, 'OPEN'],
      ['orgwarden', 'Untrusted Party Detected', `handshake:${h2}`, undefined],
      ['orgwarden', 'Account Membership Changed', 'account:222222222222', 'JOINED'],
      ['orgwarden', 'Handshake State Changed', `handshake:${h1}`, 'ACCEPTED'],
      ['orgwarden', 'Handshake State Changed', `handshake:${h2}`, 'CANCELED'],
    ]);
    expect(story[4]!.detail).toMatchObject({
      schemaVersion: 1,
      key: `handshake:${h1}@v2`,
      before: 'OPEN',
      after: 'ACCEPTED',
      version: 2,
      handshake: { action: 'INVITE', direction: 'outbound' },
    });
    expect(story[2]!.detail).toMatchObject({
      relationship: 'invitation-sent',
      parties: [{ id: '333333333333', type: 'ACCOUNT' }],
      reaction: 'untrustedInvitation',
      mode: 'notify',
    });
  });

  it('learned of the acceptance by re-reading: no AcceptHandshake reached the management account', () => {
    const causes = report.history.map((entry) => (entry.cause as { eventName: string }).eventName);
    expect(causes).not.toContain('AcceptHandshake');
    // Within one reaction the reads run concurrently: compare as a sorted list.
    // Notify changes nothing in AWS: reads only. The organization itself (once per function, at its first
    // read: handshake-changed, the sweep, the audit); the three handshakes, the new account, the invitation
    // it accepted (found in orgwarden's records by the account's id and email, re-read: no listing), where it sits (ListParents) and its Security IR coverage (no membership:
    // nothing more); two audits (the organization's tree: its root, its OUs (none) and the accounts in
    // each; handshakes sent and received, transfers both ways, Security IR memberships, Macie members
    // in the home Region, who administers Security IR and Macie); two sweeps (invitations received).
    const counts: Record<string, number> = {};
    for (const call of report.apiCalls)
      counts[`${call.caller} ${call.operation}`] = (counts[`${call.caller} ${call.operation}`] ?? 0) + 1;
    expect(counts).toEqual({
      '111111111111 DescribeOrganization': 3,
      '111111111111 ListMemberships': 1 + 2,
      '111111111111 ListMembers': 2,
      '111111111111 DescribeHandshake': 4,
      '111111111111 DescribeAccount': 1,
      '111111111111 ListParents': 1,
      // The two audits' listings only.
      '111111111111 ListHandshakesForOrganization': 2,
      '111111111111 ListRoots': 2,
      '111111111111 ListOrganizationalUnitsForParent': 2,
      '111111111111 ListAccountsForParent': 2,
      '111111111111 ListHandshakesForAccount': 4,
      '111111111111 ListInboundResponsibilityTransfers': 2,
      '111111111111 ListOutboundResponsibilityTransfers': 2,
      '111111111111 ListDelegatedAdministrators': 2 * 2,
    });
    expect(
      report.apiCalls
        .filter((call) => call.operation === 'DescribeHandshake')
        .map((call) => (call.input as { HandshakeId: string }).HandshakeId),
      // The invitations when sent, h1 again when its invitee joins, h2 when cancelled.
    ).toEqual([h1, h2, h1, h2]);
    expect(report.apiCalls.every((call) => call.error === undefined)).toBe(true);
  });

  it('dead-letters nothing', () => {
    expect(report.deadLetters).toEqual([]);
  });
});
