/**
 * The report as one self-contained HTML file: inline CSS and a few lines of inline JS, no request
 * of any kind (a Content-Security-Policy forbids them), so it opens offline and can be mailed.
 * The findings come first; everything from the data (subjects, causes, parties, reasons) is escaped.
 */
import type { AuditSummary } from './audit-summary';
import { REPORT_SCRIPT, REPORT_STYLES } from './html-assets';
import { card, chip, code, escapeHtml, lines, section, table, time, toneOf } from './html-kit';
import { renderFindings } from './render-findings';
import type { ReportModel, SubjectCluster, SubjectGroup, SubjectTimeline } from './report-model';

export { escapeHtml } from './html-kit';

/** A kind with more cards than this starts collapsed (its heading still says how many). */
const OPEN_UP_TO = 12;
/** A card for identical subjects lists at most this many of them by name, then says how many more. */
const LISTED_UP_TO = 500;

const bar = (subject: SubjectTimeline): string => {
  const spans = subject.spans
    .map(
      (span) =>
        `<span class="span ${toneOf(span.state)}" style="flex-grow:${Math.max(span.share, 0.02).toFixed(4)}" title="${escapeHtml(`${span.state} from ${span.from}`)}"></span>`,
    )
    .join('');
  return spans ? `<div class="bar" aria-hidden="true">${spans}</div>` : '';
};

const steps = (subject: SubjectTimeline): string => {
  const items = subject.transitions
    .map(
      (t) =>
        `<li>${time(t.at)} ${chip(t.from)} <span class="arrow">→</span> ${chip(t.to)} <span class="cause">${escapeHtml(t.cause)}</span></li>`,
    )
    .join('');
  return items ? `<ol class="timeline">${items}</ol>` : '<p class="empty">no transitions recorded</p>';
};

const now = (subject: SubjectTimeline): string =>
  subject.state === undefined
    ? ''
    : `${chip(subject.state)} <span class="meta">v${escapeHtml(subject.version)} · observed ${time(subject.observedAt ?? '')}</span>`;

/** One subject's card, or one card for subjects whose histories are the same. */
const clusterArticle = (cluster: SubjectCluster): string => {
  const first = cluster[0]!;
  const names = cluster.map((s) => s.subject.toLowerCase()).join(' ');
  if (cluster.length === 1)
    return `<article class="subject" data-subject="${escapeHtml(names)}"><h3>${code(first.subject)} ${now(first)}</h3>${
      first.who.length > 0 ? `<p class="parties">${lines(first.who)}</p>` : ''
    }${bar(first)}${steps(first)}</article>`;
  const listed = cluster.slice(0, LISTED_UP_TO).map((s) => `<li>${code(s.subject)}${lines(s.who)}</li>`);
  const more = cluster.length - listed.length;
  return `<article class="subject cluster" data-subject="${escapeHtml(names)}"><h3><span class="many">${escapeHtml(
    `${cluster.length} ${first.kind} subjects`,
  )}</span> ${now(first)}</h3><p class="meta">the same history, the same state now</p>${bar(first)}${steps(first)}<details class="members"><summary>${escapeHtml(
    `the ${cluster.length} subjects`,
  )}</summary><ul class="members">${listed.join('')}${
    more > 0 ? `<li class="muted">${escapeHtml(`and ${more} more`)}</li>` : ''
  }</ul></details></article>`;
};

const groupDetails = (group: SubjectGroup): string => {
  const states = new Map<string, number>();
  for (const cluster of group.clusters)
    for (const s of cluster) states.set(s.state ?? '(none)', (states.get(s.state ?? '(none)') ?? 0) + 1);
  const counts = [...states].map(([state, n]) => `${chip(state)} <span class="meta">${n}</span>`).join(' ');
  return `<details class="kind" data-kind="${escapeHtml(group.kind)}"${group.clusters.length <= OPEN_UP_TO ? ' open' : ''}><summary><strong>${escapeHtml(
    group.kind,
  )}</strong> <span class="count">${group.count}</span> ${counts}</summary>${group.clusters.map(clusterArticle).join('')}</details>`;
};

const auditBody = (audit: AuditSummary | undefined, audits: number): string => {
  if (!audit) return '<p class="empty">no audit has completed</p>';
  const facts = [
    audit.import ? 'first import: a baseline, announced by no event' : undefined,
    audit.dryRun ? 'dry run: nothing written' : undefined,
    audit.findings === undefined ? undefined : `${audit.findings} finding(s)`,
    audit.unannounced ? `${audit.unannounced} change(s) no event had announced` : undefined,
    audit.calls === undefined ? undefined : `${audit.calls} API call(s)`,
    audit.durationMs === undefined ? undefined : `${(audit.durationMs / 1000).toFixed(1)} s`,
    `${audits} audit(s) in all`,
  ].filter((fact): fact is string => fact !== undefined);
  const incomplete = audit.sources.filter((s) => !s.complete).length;
  return `<p>${code(`audit-run:${audit.id}`)} ${audit.state ? chip(audit.state) : ''} completed ${time(audit.at)}</p><p class="meta">${escapeHtml(
    facts.join(' · '),
  )}</p>${incomplete > 0 ? `<p class="verdict bad">${escapeHtml(`${incomplete} source(s) were not listed completely`)}</p>` : ''}${table(
    ['source', 'listed', 'changed', 'gone', 'unannounced', 'complete', 'calls'],
    audit.sources.map((s) => [
      `${escapeHtml(s.kind)}${s.scope ? ` <span class="meta">${escapeHtml(s.scope)}</span>` : ''}`,
      escapeHtml(s.listed),
      s.changed > 0 ? `<strong>${escapeHtml(s.changed)}</strong>` : '0',
      escapeHtml(s.gone),
      s.unannounced > 0 ? `<span class="chip tone-warn">${escapeHtml(s.unannounced)}</span>` : '0',
      s.complete ? chip('yes', 'tone-good') : chip('no', 'tone-bad'),
      escapeHtml(s.calls),
    ]),
    'no source was listed',
  )}`;
};

const LEGEND = `<section id="legend"><h2>Legend</h2><p>${[
  chip('ACCEPTED', 'tone-good') + ' in place, done',
  chip('OPEN', 'tone-open') + ' waiting for an answer or a date',
  chip('CANCELED', 'tone-bad') + ' closed, refused, failed',
  chip('Unassociated', 'tone-warn') + ' not covered by the Security IR membership',
  chip('r-abcd', 'tone-new') + ' where an account sits (root or OU)',
  chip('OTHER', 'tone-other') + ' any other state',
].join(
  ' · ',
)}</p><p class="meta">A finding comes from an event orgwarden published (the same on its bus for your alerting);
“what orgwarden did” lists its reactions under the policy: notify reports only, enforce acts.</p></section>`;

const headlineCards = (model: ReportModel): string => {
  const f = model.findings;
  const failed = f.reactions.filter((r) => r.outcome === 'failed').length;
  const open = f.coverageGaps.filter((g) => g.coverageNow !== 'Associated').length;
  return [
    card('untrusted', 'untrusted parties', f.untrusted.length, f.untrusted.length > 0 ? 'alert' : ''),
    card(
      'coverage-gaps',
      open > 0 ? `coverage gaps (${open} open)` : 'coverage gaps',
      f.coverageGaps.length,
      open > 0 ? 'warn' : '',
    ),
    card(
      'deadlines',
      'deadlines ahead',
      model.deadlines.length,
      model.deadlines.some((d) => d.inDays < 7) ? 'warn' : '',
    ),
    card(
      'reactions',
      failed > 0 ? `reactions (${failed} failed)` : 'reactions',
      f.reactions.length,
      failed > 0 ? 'alert' : '',
    ),
    card('unrecognized', 'unrecognized', f.unrecognized.length, f.unrecognized.length > 0 ? 'warn' : ''),
    card('problems', 'failures', f.problems.length, f.problems.length > 0 ? 'alert' : ''),
    card('subjects', 'subjects', model.subjects.length),
    card('audit', 'last audit', model.lastAudit ? model.lastAudit.at.slice(0, 10) : 'none'),
  ].join('');
};

/**
 * The whole report page.
 *
 * @param model - see `buildReportModel`
 * @param note - said under the findings' heading (what the source cannot show)
 */
export const renderReportHtml = (model: ReportModel, note?: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>orgwarden report: ${escapeHtml(model.title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<header><h1>orgwarden report <span class="title">${escapeHtml(model.title)}</span></h1>
<p class="meta">${escapeHtml(model.source)} · as of ${time(model.asOf)} · written ${time(model.generatedAt)}</p>
${model.description ? `<p class="description">${escapeHtml(model.description)}</p>` : ''}
<nav class="cards">${headlineCards(model)}</nav></header>
<main>
${renderFindings(model.findings, note)}
${section(
  'subjects',
  'Subjects',
  model.subjects.length,
  `<input type="search" id="filter" placeholder="filter subjects…" aria-label="filter subjects">${
    model.groups.map(groupDetails).join('') || '<p class="empty">nothing stored yet</p>'
  }`,
)}
${section('audit', 'Last audit', undefined, auditBody(model.lastAudit, model.audits))}
${LEGEND}
</main>
<footer>Generated by <code>orgwarden report</code>. Self-contained: no network, no external files.</footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
