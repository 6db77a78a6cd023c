/** The report's first section: the findings (./findings.ts), each with its parties and its outcome. */
import { chip, code, escapeHtml, lines, section, table, time } from './html-kit';
import type { Findings, ReactionFinding } from './findings';
import { untrustedWho } from './findings';
import { partyText } from './parties';

const outcomeChip = (r: ReactionFinding): string => chip(r.outcome, r.outcome === 'failed' ? 'tone-bad' : 'tone-good');

/** A reaction in one line: its outcome, action, target, and the error a failure names (a code chip). */
const reactionLine = (r: ReactionFinding): string =>
  `<div class="reaction">${outcomeChip(r)} ${code(r.action)}${r.target ? ` on ${code(r.target)}` : ''}${
    r.error ? ` <span class="chip tone-bad error">${escapeHtml(r.error)}</span>` : ''
  }${r.reason ? `<div class="reason">${escapeHtml(r.reason)}</div>` : ''}</div>`;

const reactionsCell = (reactions: readonly ReactionFinding[], none: string): string =>
  reactions.length > 0 ? reactions.map(reactionLine).join('') : `<div class="muted">${escapeHtml(none)}</div>`;

const modeChip = (mode: string): string => chip(mode, mode === 'enforce' ? 'tone-open' : 'tone-new');

const untrusted = (findings: Findings): string =>
  section(
    'untrusted',
    'Untrusted parties',
    findings.untrusted.length,
    table(
      ['found', 'who', 'subject', 'what orgwarden did'],
      findings.untrusted.map((f) => [
        time(f.at),
        `${(f.parties.length > 0 ? f.parties.map(partyText) : [untrustedWho(f)])
          .map((p) => `<strong class="party">${escapeHtml(p)}</strong>`)
          .join('')}<div>${escapeHtml(f.what)}</div>`,
        `${code(f.subject)}<div>${chip(f.stateThen)} <span class="arrow">→</span> ${
          f.stateNow ? chip(f.stateNow) : '?'
        }</div>${lines(f.who)}`,
        `${modeChip(f.mode)}${reactionsCell(f.reactions, 'reported only (notify): nothing changed in AWS')}`,
      ]),
      findings.baseline === undefined
        ? 'no untrusted party was found'
        : `none reported: the first import took ${findings.baseline} handshake(s) or transfer(s) as a baseline, unjudged ` +
            '(the policy’s actOnImport: true judges the pending handshakes it finds)',
    ),
    3,
  );

const coverageGaps = (findings: Findings): string =>
  section(
    'coverage-gaps',
    'Coverage gaps',
    findings.coverageGaps.length,
    table(
      ['found', 'account', 'where', 'coverage', 'what orgwarden did'],
      findings.coverageGaps.map((g) => [
        time(g.at),
        `<strong>${escapeHtml(g.accountId)}</strong>${lines(g.account ? [g.account] : [])}`,
        `${escapeHtml(g.trigger)} into ${code(g.parentId ?? '?')}${lines([`membership ${g.membershipId}`])}`,
        `${chip(g.coverage, 'tone-warn')} <span class="arrow">→</span> ${
          g.coverageNow ? chip(g.coverageNow, g.coverageNow === 'Associated' ? 'tone-good' : 'tone-warn') : '?'
        }`,
        `${modeChip(g.mode)}${reactionsCell(g.reactions, 'reported only')}`,
      ]),
      'no coverage gap was found',
    ),
    3,
  );

const deadlines = (findings: Findings): string =>
  section(
    'deadlines',
    'Deadlines',
    findings.deadlines.length,
    table(
      ['due', 'when', 'subject', 'deadline', 'warned', 'state now'],
      findings.deadlines.map((d) => [
        time(d.dueAt),
        d.over
          ? `<span class="muted">${escapeHtml(d.over)}</span>`
          : `<strong class="${d.inDays < 7 ? 'soon' : ''}">${escapeHtml(d.inDays < 1 ? 'within a day' : `in ${d.inDays} d`)}</strong>`,
        `${code(d.subject)}${lines(d.who)}`,
        escapeHtml(d.deadline),
        escapeHtml(d.warnings.length > 0 ? d.warnings.join(', ') : 'not yet'),
        d.stateNow ? chip(d.stateNow) : '?',
      ]),
      'no deadline: no open invitation or billing transfer has one',
    ),
    3,
  );

const reactions = (findings: Findings): string =>
  section(
    'reactions',
    'Reactions',
    findings.reactions.length,
    table(
      ['at', 'subject', 'reaction', 'reason'],
      findings.reactions.map((r) => [
        time(r.at),
        code(r.subject),
        `${outcomeChip(r)} ${code(r.action)}${r.target ? `<div class="muted">on ${code(r.target)}</div>` : ''}${
          r.error ? `<div><span class="chip tone-bad error">${escapeHtml(r.error)}</span></div>` : ''
        }`,
        `<span class="reason">${escapeHtml(r.reason ?? '')}</span>`,
      ]),
      'no reaction was taken or failed',
    ),
    3,
  );

const unrecognized = (findings: Findings): string =>
  section(
    'unrecognized',
    'Unrecognized values',
    findings.unrecognized.length,
    table(
      ['first read', 'field', 'value', 'subject'],
      findings.unrecognized.map((u) => [
        time(u.at),
        code(u.field),
        `<span class="chip tone-warn">${escapeHtml(u.value)}</span>`,
        code(u.subject),
      ]),
      'every value read is one the service models list',
    ),
    3,
  );

const problems = (findings: Findings): string =>
  section(
    'problems',
    'Dead letters and failed steps',
    findings.problems.length,
    table(
      ['kind', 'at', 'what', 'error'],
      findings.problems.map((p) => [
        `<span class="chip tone-bad">${escapeHtml(p.kind)}</span>`,
        p.at ? time(p.at) : '',
        escapeHtml(p.what),
        `${code(p.error)} ${escapeHtml(p.message)}`,
      ]),
      'no dead letter, no failed step',
    ),
    3,
  );

/**
 * The findings section, first on the page.
 *
 * @param findings - see `deriveFindings`
 * @param note - said under the heading (e.g. what a deployed table cannot show)
 */
export const renderFindings = (findings: Findings, note?: string): string => {
  const headline =
    findings.attention === 0
      ? '<p class="verdict good">Nothing needs attention.</p>'
      : `<p class="verdict bad">${escapeHtml(`${findings.attention} finding(s) need attention.`)}</p>`;
  return section(
    'findings',
    'Findings',
    undefined,
    [
      headline,
      note ? `<p class="meta">${escapeHtml(note)}</p>` : '',
      untrusted(findings),
      coverageGaps(findings),
      deadlines(findings),
      reactions(findings),
      unrecognized(findings),
      problems(findings),
    ].join(''),
  );
};
