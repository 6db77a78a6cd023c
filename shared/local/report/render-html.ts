/**
 * The report as one self-contained HTML file: inline CSS and a few lines of inline JS, no request
 * of any kind (a Content-Security-Policy forbids them), so it opens offline and can be mailed.
 * Everything from the data (subjects, causes, messages all come from events) is escaped.
 */
import { REPORT_SCRIPT, REPORT_STYLES } from './html-assets';
import type { ReportModel, SubjectTimeline } from './report-model';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (value: string | number | undefined): string =>
  String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);

const time = (iso: string): string =>
  `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace(/\.000Z$/, 'Z').replace('T', ' '))}</time>`;

const GOOD = new Set(['ACCEPTED', 'JOINED', 'ACTIVE', 'ENABLED', 'Active', 'Enabled', 'COMPLETED']);
const BAD = new Set([
  'DECLINED',
  'CANCELED',
  'EXPIRED',
  'WITHDRAWN',
  'DEPARTED',
  'REMOVED',
  'LEFT',
  'Cancelled',
  'Terminated',
  'Removed',
  'AccountSuspended',
  'RegionDisabled',
]);
const OPEN = new Set(['OPEN', 'REQUESTED', 'PENDING', 'Invited', 'Paused']);

/** The colour of a state: a class name from fixed sets, never from the data. */
const toneOf = (state: string): string =>
  GOOD.has(state) ? 'tone-good' : BAD.has(state) ? 'tone-bad' : OPEN.has(state) ? 'tone-open' : 'tone-other';

/** A state as a coloured chip. */
const chip = (state: string | null | undefined): string =>
  state === null || state === undefined
    ? '<span class="chip tone-new">(new)</span>'
    : `<span class="chip ${toneOf(state)}">${escapeHtml(state)}</span>`;

const table = (headers: readonly string[], rows: ReadonlyArray<readonly string[]>, empty: string): string =>
  rows.length === 0
    ? `<p class="empty">${escapeHtml(empty)}</p>`
    : `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const section = (id: string, title: string, count: number | undefined, body: string): string =>
  `<section id="${id}"><h2>${escapeHtml(title)}${count === undefined ? '' : ` <span class="count">${count}</span>`}</h2>${body}</section>`;

const subjectArticle = (subject: SubjectTimeline): string => {
  const bar = subject.spans
    .map(
      (span) =>
        `<span class="span ${toneOf(span.state)}" style="flex-grow:${Math.max(span.share, 0.02).toFixed(4)}" title="${escapeHtml(`${span.state} from ${span.from}`)}"></span>`,
    )
    .join('');
  const steps = subject.transitions
    .map(
      (t) =>
        `<li>${time(t.at)} ${chip(t.from)} <span class="arrow">→</span> ${chip(t.to)} <span class="cause">${escapeHtml(t.cause)}</span></li>`,
    )
    .join('');
  const now =
    subject.state === undefined
      ? ''
      : `${chip(subject.state)} <span class="meta">v${escapeHtml(subject.version)} · observed ${time(subject.observedAt ?? '')}</span>`;
  return `<article class="subject" data-subject="${escapeHtml(subject.subject.toLowerCase())}"><h3><code>${escapeHtml(subject.subject)}</code> ${now}</h3>${
    bar ? `<div class="bar" aria-hidden="true">${bar}</div>` : ''
  }${steps ? `<ol class="timeline">${steps}</ol>` : '<p class="empty">no transitions recorded</p>'}</article>`;
};

const card = (href: string, label: string, value: string | number, tone = ''): string =>
  `<a class="card ${tone}" href="#${href}"><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></a>`;

/**
 * The whole report page.
 *
 * @param model - see `buildReportModel`
 */
export const renderReportHtml = (model: ReportModel): string => {
  const transitions = model.subjects.reduce((sum, s) => sum + s.transitions.length, 0);
  const failedReactions = model.reactions.filter((r) => r.outcome === 'failed').length;
  const cards = [
    card('subjects', 'subjects', model.subjects.length),
    card('subjects', 'transitions', transitions),
    card(
      'deadlines',
      'pending deadlines',
      model.deadlines.length,
      model.deadlines.some((d) => d.inDays < 7) ? 'warn' : '',
    ),
    card(
      'reactions',
      failedReactions > 0 ? `reactions (${failedReactions} failed)` : 'reactions',
      model.reactions.length,
      failedReactions > 0 ? 'alert' : '',
    ),
    card('dead-letters', 'dead letters', model.deadLetters.length, model.deadLetters.length > 0 ? 'alert' : ''),
    ...(model.failures.length > 0 ? [card('failures', 'failed steps', model.failures.length, 'alert')] : []),
    card('audit', 'last audit', model.lastAudit ? model.lastAudit.at.slice(0, 10) : 'none'),
  ].join('');
  const body = [
    section(
      'deadlines',
      'Pending deadlines',
      model.deadlines.length,
      table(
        ['due', 'in', 'subject', 'what', 'state'],
        model.deadlines.map((d) => [
          time(d.at),
          escapeHtml(d.inDays < 0 ? `${-d.inDays} d ago` : `${d.inDays} d`),
          `<code>${escapeHtml(d.subject)}</code>`,
          escapeHtml(d.what),
          chip(d.state),
        ]),
        'nothing pending: no open invitation or running transfer has a deadline',
      ),
    ),
    section(
      'subjects',
      'Subjects',
      model.subjects.length,
      `<input type="search" id="filter" placeholder="filter subjects…" aria-label="filter subjects">${
        model.subjects.map(subjectArticle).join('') || '<p class="empty">nothing stored yet</p>'
      }`,
    ),
    section(
      'reactions',
      'Reactions',
      model.reactions.length,
      table(
        ['at', 'outcome', 'subject', 'action', 'note'],
        model.reactions.map((r) => [
          time(r.at),
          `<span class="chip ${r.outcome === 'failed' ? 'tone-bad' : 'tone-good'}">${r.outcome}</span>`,
          `<code>${escapeHtml(r.subject)}</code>`,
          escapeHtml(r.action),
          escapeHtml(r.note),
        ]),
        'no reaction was taken or failed',
      ),
    ),
    section(
      'dead-letters',
      'Dead letters',
      model.deadLetters.length,
      table(
        ['error', 'message', 'event'],
        model.deadLetters.map((d) => [
          `<code>${escapeHtml(d.error)}</code>`,
          escapeHtml(d.message),
          escapeHtml(d.event),
        ]),
        'no dead letters',
      ),
    ),
    ...(model.failures.length > 0
      ? [
          section(
            'failures',
            'Failed steps',
            model.failures.length,
            table(
              ['step', 'at', 'what', 'error'],
              model.failures.map((f) => [
                escapeHtml(`steps.${f.step}`),
                time(f.at),
                escapeHtml(f.what),
                escapeHtml(`${f.error.name}: ${f.error.message}`),
              ]),
              '',
            ),
          ),
        ]
      : []),
    section(
      'audit',
      'Last audit',
      undefined,
      model.lastAudit
        ? `<p>completed ${time(model.lastAudit.at)}</p>${table(
            ['fact', 'value'],
            model.lastAudit.facts.map(([k, v]) => [escapeHtml(k), escapeHtml(v)]),
            '',
          )}`
        : '<p class="empty">no audit has completed</p>',
    ),
  ].join('\n');
  return `<!doctype html>
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
<nav class="cards">${cards}</nav></header>
<main>
${body}
</main>
<footer>Generated by <code>orgwarden report</code>. Self-contained: no network, no external files.</footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
};
