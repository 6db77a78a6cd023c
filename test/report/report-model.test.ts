import { describe, expect, it } from 'vitest';
import { buildReportModel, renderReportHtml } from '../../shared/local/report';
import { richInput } from './rich-input';

describe('the report model', () => {
  it("lists pending deadlines only for open invitations and running transfers, measured from the data's latest time", () => {
    const model = buildReportModel(richInput());
    expect(model.asOf).toBe('2026-11-12T00:05:00.000Z');
    expect(model.deadlines.map((d) => [d.subject, d.what, d.at, d.inDays])).toEqual([
      ['handshake:h-open1', 'invitation expires', '2026-11-17T09:00:00.000Z', 5],
      ['transfer:rt-1', 'transfer ends', '2026-12-31T23:59:59.000Z', 49],
    ]);
  });

  it("keeps each subject's transitions in time order with their causes, and the reactions and the last audit", () => {
    const model = buildReportModel(richInput());
    const closed = model.subjects.find((s) => s.subject === 'handshake:h-closed')!;
    expect(closed.transitions.map((t) => `${t.from ?? '(new)'} -> ${t.to}: ${t.cause}`)).toEqual([
      '(new) -> OPEN: InviteAccountToOrganization',
      'OPEN -> CANCELED: CancelHandshake',
    ]);
    expect(closed.spans.reduce((sum, span) => sum + span.share, 0)).toBeCloseTo(1);
    expect(model.reactions.map((r) => [r.outcome, r.action, r.note])).toEqual([
      ['executed', 'warn-before-end', 'notify'],
      ['failed', 'cancel-handshake', 'AccessDenied: <i>denied</i>'],
    ]);
    expect(model.lastAudit).toEqual({
      at: '2026-11-12T00:05:00Z',
      facts: [
        ['subjects', '12'],
        ['drift', '2 item(s)'],
        ['startedAt', '2026-11-12T00:00:00Z'],
      ],
    });
  });

  it("tolerates a table's contents: no events, no dead letters, no audit", () => {
    const model = buildReportModel({
      title: 't',
      source: 's',
      generatedAt: '2026-11-30T00:00:00.000Z',
      snapshots: [],
      history: [],
    });
    expect(model).toMatchObject({
      subjects: [],
      deadlines: [],
      reactions: [],
      deadLetters: [],
      failures: [],
      lastAudit: undefined,
      asOf: '2026-11-30T00:00:00.000Z',
    });
    const html = renderReportHtml(model);
    expect(html).toContain('no audit has completed');
    expect(html).toContain('nothing stored yet');
  });

  it("shows a deployed table's last audit from its run records when no events are at hand", () => {
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
    expect(model.lastAudit).toEqual({
      at: '2026-11-29T10:00:05Z',
      facts: [
        ['state', 'COMPLETE'],
        ['findings', '2'],
        ['calls', '54'],
        ['durationMs', '1200'],
        ['import', 'false'],
        ['startedAt', '2026-11-29T10:00:05Z'],
        ['source account', '1000 listed, 0 changed, 0 gone'],
      ],
    });
  });

  it('escapes everything that comes from the data', () => {
    const html = renderReportHtml(buildReportModel(richInput()));
    expect(html).not.toMatch(/<img|<svg|<i>|<b>|window\.__pwned=\d<\/script>|<script>window/);
    expect(html).toContain('handshake:&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});
