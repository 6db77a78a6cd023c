import { describe, expect, it } from 'vitest';
import { buildReportModel, renderReportHtml } from '../../shared/local/report';
import { EVIL_EMAIL, HOSTILE, richInput } from './rich-input';

describe('the report model', () => {
  it('finds the untrusted party with who it is and what orgwarden did, the gap, the unknown value, the failures', () => {
    // Act
    const { findings } = buildReportModel(richInput());

    // Assess
    expect(findings.untrusted).toEqual([
      expect.objectContaining({
        subject: HOSTILE,
        what: 'invitation sent',
        parties: [{ id: EVIL_EMAIL, type: 'EMAIL' }],
        mode: 'enforce',
        stateThen: 'OPEN',
        reactions: [
          expect.objectContaining({
            action: 'cancel-handshake',
            outcome: 'failed',
            error: 'AccessDeniedException',
            reason: 'CancelHandshake: AccessDeniedException: <i>denied</i>',
          }),
        ],
      }),
    ]);
    expect(findings.coverageGaps).toEqual([
      expect.objectContaining({
        accountId: '333333333333',
        account: 'sandbox · sandbox@example.com',
        parentId: 'r-abcd',
        coverage: 'Unassociated',
        coverageNow: 'Unassociated',
        trigger: 'joined',
      }),
    ]);
    expect(findings.reactions.map((r) => [r.outcome, r.action, r.error])).toEqual([
      ['executed', 'notify-before-end', undefined],
      ['failed', 'cancel-handshake', 'AccessDeniedException'],
    ]);
    expect(findings.unrecognized).toEqual([
      {
        at: '2026-11-02T09:00:00.000Z',
        field: 'handshake.state',
        value: 'FROZEN<script>',
        subject: 'handshake:h-nodate',
      },
    ]);
    expect(findings.problems.map((p) => [p.kind, p.error])).toEqual([
      ['failed step', 'HandshakeNotFoundException'],
      ['dead letter', 'SubjectNotFoundError'],
    ]);
    // 1 untrusted + 1 open gap + 2 deadlines ahead + 1 failed reaction + 1 unknown value + 2 failures.
    expect(findings.attention).toBe(8);
  });

  it("lists deadlines warned of and still ahead, with the warnings' lead times, measured from the data's latest time", () => {
    const model = buildReportModel(richInput());
    expect(model.asOf).toBe('2026-11-12T00:05:00.000Z');
    expect(model.deadlines.map((d) => [d.subject, d.deadline, d.dueAt, d.inDays, d.warnings, d.who])).toEqual([
      ['handshake:h-open1', 'expiry', '2026-11-17T09:00:00.000Z', 5, ['7d'], []],
      [
        'transfer:rt-1',
        'end',
        '2026-12-31T23:59:59.000Z',
        49,
        [],
        [
          "account 777777777777's organization pays this organization's bill",
          'from 2026-12-01 00:00Z until 2026-12-31 23:59Z',
        ],
      ],
    ]);
  });

  it('a deadline the subject left before it came is closed, not ahead: an invitation answered after its 7d warning', () => {
    // Prepare
    const input = richInput();
    const answered = input.snapshots.map((s) => (s.subject === 'handshake:h-open1' ? { ...s, state: 'ACCEPTED' } : s));

    // Act
    const model = buildReportModel({ ...input, snapshots: answered });

    // Assess
    const row = model.findings.deadlines.find((d) => d.subject === 'handshake:h-open1');
    expect(row).toMatchObject({ over: 'closed', passed: true, warnings: ['7d'], stateNow: 'ACCEPTED', inDays: 5 });
    expect(model.deadlines.map((d) => d.subject)).toEqual(['transfer:rt-1']);
  });

  it("keeps each subject's transitions in time order with their causes, and the last audit per source", () => {
    const model = buildReportModel(richInput());
    const closed = model.subjects.find((s) => s.subject === 'handshake:h-closed')!;
    expect(closed.transitions.map((t) => `${t.from ?? '(new)'} -> ${t.to}: ${t.cause}`)).toEqual([
      '(new) -> OPEN: InviteAccountToOrganization',
      'OPEN -> CANCELED: CancelHandshake',
    ]);
    expect(closed.spans.reduce((sum, span) => sum + span.share, 0)).toBeCloseTo(1);
    expect(model.lastAudit).toMatchObject({
      at: '2026-11-12T00:05:00Z',
      id: '20261112T000000Z',
      state: 'COMPLETE',
      import: false,
      findings: 1,
      sources: [
        { kind: 'account', scope: undefined, listed: 12, changed: 1, unannounced: 1, complete: true },
        { kind: 'macie-member', scope: 'eu-west-1', listed: 2, complete: false },
      ],
    });
  });

  it('groups subjects by kind, and subjects whose histories are the same into one card', () => {
    // Prepare: a first import's accounts (one history), and one account that joined later.
    const imported = Array.from({ length: 300 }, (_, i) => `account:${String(100000000000 + i)}`);
    const joined = (subject: string, at: string) => ({
      snapshot: { subject, state: 'JOINED', version: 1, observedAt: at, data: { email: `${subject}@example.com` } },
      history: { subject, from: null, to: 'JOINED', at, cause: { eventName: 'AuditImport' } },
    });
    const all = [
      ...imported.map((s) => joined(s, '2026-11-02T10:00:00.000Z')),
      joined('account:999999999999', '2026-11-03T10:00:00.000Z'),
    ];

    // Act
    const model = buildReportModel({
      title: 't',
      source: 's',
      generatedAt: '2026-11-30T00:00:00.000Z',
      snapshots: [
        ...all.map((a) => a.snapshot),
        {
          subject: 'placement:999999999999',
          state: 'r-1',
          version: 1,
          observedAt: '2026-11-03T10:00:00.000Z',
          data: {},
        },
      ],
      history: all.map((a) => a.history),
    });

    // Assess
    expect(model.groups.map((g) => [g.kind, g.count, g.clusters.map((c) => c.length)])).toEqual([
      ['account', 301, [300, 1]],
      ['placement', 1, [1]],
    ]);
    expect(model.groups[0]!.clusters[0]![0]!.who).toEqual(['account:100000000000@example.com']);
  });

  it('keeps apart handshakes of the same history sent to different parties (who was invited stays on each card)', () => {
    const invite = (id: string, to: string) => ({
      snapshot: {
        subject: `handshake:${id}`,
        state: 'OPEN',
        version: 1,
        observedAt: '2026-11-02T10:00:00.000Z',
        data: { action: 'INVITE', direction: 'outbound', counterparties: [{ id: to, type: 'ACCOUNT' }] },
      },
      history: { subject: `handshake:${id}`, from: null, to: 'OPEN', at: '2026-11-02T10:00:00.000Z', cause: {} },
    });
    const all = [invite('h-1', '333333333333'), invite('h-2', '444444444444'), invite('h-3', '444444444444')];
    const model = buildReportModel({
      title: 't',
      source: 's',
      generatedAt: '2026-11-30T00:00:00.000Z',
      snapshots: all.map((a) => a.snapshot),
      history: all.map((a) => a.history),
    });
    expect(model.groups[0]!.clusters.map((c) => [c.map((s) => s.subject), c[0]!.who])).toEqual([
      [['handshake:h-1'], ['INVITE handshake sent to account 333333333333']],
      [['handshake:h-2', 'handshake:h-3'], ['INVITE handshake sent to account 444444444444']],
    ]);
  });

  it("tolerates a table's contents: no events, no dead letters, no audit", () => {
    const model = buildReportModel({
      title: 't',
      source: 's',
      generatedAt: '2026-11-30T00:00:00.000Z',
      snapshots: [],
      history: [],
    });
    expect(model).toMatchObject({ subjects: [], groups: [], deadlines: [], lastAudit: undefined, audits: 0 });
    expect(model.findings).toMatchObject({ untrusted: [], reactions: [], problems: [], attention: 0 });
    expect(model.asOf).toBe('2026-11-30T00:00:00.000Z');
    const html = renderReportHtml(model);
    expect(html).toContain('no audit has completed');
    expect(html).toContain('nothing stored yet');
    expect(html).toContain('Nothing needs attention.');
  });

  it("shows a deployed table's last audit per source from its run records when no events are at hand", () => {
    const run = (id: string, finishedAt: string, findings: number) => ({
      subject: `audit-run:${id}`,
      state: 'COMPLETE',
      version: 1,
      observedAt: finishedAt,
      data: {
        id,
        state: 'COMPLETE',
        import: false,
        dryRun: false,
        startedAt: finishedAt,
        finishedAt,
        durationMs: 1200,
        findings,
        calls: 54,
        sources: [
          { kind: 'account', listed: 1000, stored: 1000, fed: 0, changed: 0, gone: 0, complete: true, calls: 50 },
        ],
      },
    });
    const model = buildReportModel({
      title: 't',
      source: 's',
      generatedAt: '2026-11-30T00:00:00.000Z',
      snapshots: [run('b', '2026-11-29T10:00:05Z', 2), run('a', '2026-11-29T09:00:05Z', 0)],
      history: [],
    });
    expect(model.audits).toBe(2);
    expect(model.lastAudit).toEqual({
      at: '2026-11-29T10:00:05Z',
      id: 'b',
      state: 'COMPLETE',
      import: false,
      dryRun: false,
      findings: 2,
      unannounced: undefined,
      durationMs: 1200,
      calls: 54,
      sources: [
        {
          kind: 'account',
          scope: undefined,
          listed: 1000,
          changed: 0,
          gone: 0,
          unannounced: 0,
          complete: true,
          calls: 50,
        },
      ],
    });
    const html = renderReportHtml(model);
    // A summary, not the record's raw fields.
    expect(html).not.toMatch(/dryRun|finishedAt|durationMs|<td>stored|<th>fed/);
    expect(html).toContain('<td>account</td><td>1000</td>');
  });

  it('escapes everything that comes from the data, bidirectional overrides included', () => {
    const html = renderReportHtml(buildReportModel(richInput()));
    expect(html).not.toMatch(/<img|<svg|<i>|<b>|window\.__pwned=\d<\/script>|<script>window|\u202e/);
    expect(html).toContain('handshake:&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html).toContain('email evil\\u202e@&lt;b&gt;x&lt;/b&gt;.example');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});
