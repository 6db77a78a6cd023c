/**
 * The findings (./findings.ts) as text: what `orgwarden local` prints after its timeline, then a
 * legend of the timeline's marks and the commands to run next. The CLI escapes what it prints.
 */
import { shortTime } from '../scenario/report';
import type { Findings, ReactionFinding } from './findings';
import { untrustedWho } from './findings';

const reaction = (r: ReactionFinding): string =>
  `${r.outcome === 'failed' ? 'FAILED' : r.outcome} ${r.action}${r.target ? ` on ${r.target}` : ''}${
    r.reason ? `: ${r.reason}` : ''
  }`;

const part = (title: string, count: number, rows: readonly string[], none: string): string[] =>
  count === 0 ? [`  ${title}: none (${none})`] : [`  ${title} (${count}):`, ...rows];

const sub = (values: readonly string[]): string[] => values.map((value) => `        ${value}`);

/**
 * The findings, one block per kind, each finding with its parties and what orgwarden did.
 *
 * @param findings - see `deriveFindings`
 */
export const formatFindings = (findings: Findings): string[] => [
  '',
  findings.attention === 0 ? 'findings: nothing needs attention' : `findings: ${findings.attention} need attention`,
  ...part(
    'untrusted parties',
    findings.untrusted.length,
    findings.untrusted.flatMap((f) => [
      `    ${shortTime(f.at)}  ${untrustedWho(f)}: ${f.what} (${f.mode}), ${f.subject} ${f.stateThen} -> now ${f.stateNow ?? '?'}`,
      ...sub([
        ...f.who,
        ...(f.reactions.length > 0 ? f.reactions.map(reaction) : ['reported only: nothing changed in AWS']),
      ]),
    ]),
    findings.baseline === undefined
      ? 'no party the policy does not trust'
      : `the first import took ${findings.baseline} handshake(s) or transfer(s) as a baseline, unjudged: policy actOnImport judges them`,
  ),
  ...part(
    'coverage gaps',
    findings.coverageGaps.length,
    findings.coverageGaps.flatMap((g) => [
      `    ${shortTime(g.at)}  account ${g.accountId}${g.account ? ` (${g.account})` : ''} ${g.trigger} into ${g.parentId ?? '?'}: ${g.coverage} (${g.mode}), now ${g.coverageNow ?? '?'}`,
      ...sub(g.reactions.map(reaction)),
    ]),
    'every account checked is covered',
  ),
  ...part(
    'deadlines',
    findings.deadlines.length,
    findings.deadlines.map(
      (d) =>
        `    ${shortTime(d.dueAt)}  ${d.over ?? (d.inDays < 1 ? 'within a day' : `in ${d.inDays} d`)}: ${d.deadline} of ${d.subject}, now ${d.stateNow ?? '?'}; warned ${
          d.warnings.length > 0 ? d.warnings.join(', ') : 'not yet'
        }${d.who.length > 0 ? `; ${d.who.join('; ')}` : ''}`,
    ),
    'no open invitation or billing transfer',
  ),
  ...part(
    'reactions',
    findings.reactions.length,
    findings.reactions.map((r) => `    ${shortTime(r.at)}  ${r.subject}: ${reaction(r)}`),
    'the policy asked for none',
  ),
  ...part(
    'unrecognized values',
    findings.unrecognized.length,
    findings.unrecognized.map((u) => `    ${shortTime(u.at)}  ${u.field} = ${u.value} (${u.subject})`),
    'every value read is in the service models',
  ),
  ...part(
    'dead letters and failed steps',
    findings.problems.length,
    findings.problems.map((p) => `    ${p.kind}: ${p.what}: ${p.error}: ${p.message}`),
    'every event was processed, every step ran',
  ),
];

/** What the timeline's marks mean. */
export const LEGEND_TEXT = [
  '',
  'legend: each line starts with the scenario time;',
  '  <no mark>  a scenario step: a call by an account, an event, time passing',
  '  ->         an orgwarden function ran: what it changed (or unchanged, duplicate, ok)',
  '  <-         orgwarden published an event on its bus (what your alerting receives)',
  '  ~~         a change in the (emulated) world that orgwarden is not told of',
  '  --         nothing reached orgwarden',
  '  !!         a failure: a failed step or a dead letter',
];

/**
 * The commands to run next, with a subject of this run as the example.
 *
 * @param subject - a subject worth a look (the first finding's), if any
 */
export const formatNext = (subject: string | undefined): string[] => [
  '',
  'next:',
  '  these findings and every subject, as a page:  orgwarden report --html report.html',
  `  where a subject stands now:                   orgwarden state ${subject ?? '<subject>'}`,
  `  its transitions and their causes:             orgwarden history ${subject ?? '<subject>'}`,
];
