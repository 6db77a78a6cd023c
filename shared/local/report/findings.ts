/**
 * The findings of a run or a deployed table: what a person must look at first. Derived from the events
 * orgwarden published (untrusted parties, coverage gaps, `… Expiring` warnings, reaction outcomes,
 * unrecognized values), the snapshots (who each subject is about, where it stands now, deadlines
 * still ahead) and the run's own failures. One derivation for the HTML report and the text summary.
 */
import type { LocalReport } from '../scenario/report';
import type { StepFailure } from '../scenario/run-scenario';
import { deadlinesOf, type DeadlineFinding } from './findings-deadlines';
import { isRecord, partiesIn, partiesText, text, whoOf, type Party } from './parties';

export type { DeadlineFinding } from './findings-deadlines';

type Snapshot = LocalReport['snapshots'][number];
type Emitted = LocalReport['emitted'][number];

export interface FindingsInput {
  readonly snapshots: LocalReport['snapshots'];
  readonly emitted?: LocalReport['emitted'];
  readonly deadLetters?: LocalReport['deadLetters'];
  readonly failures?: readonly StepFailure[];
  /** The "now" of the data: deadlines before it have passed. */
  readonly asOf: string;
}

export interface ReactionFinding {
  readonly at: string;
  readonly subject: string;
  readonly version: number | undefined;
  readonly action: string;
  readonly target: string | undefined;
  readonly outcome: 'executed' | 'already-done' | 'failed';
  /** Why, as published (a failure's names its error, e.g. `SecurityIncidentResponseNotActiveException`). */
  readonly reason: string | undefined;
  /** The error a failure's reason names, when it names one. */
  readonly error: string | undefined;
}

export interface UntrustedFinding {
  readonly at: string;
  readonly subject: string;
  /** What it is: `invitation sent`, `billing transfer: payer`, … */
  readonly what: string;
  readonly parties: readonly Party[];
  readonly mode: string;
  /** The state when it was found, and now. */
  readonly stateThen: string;
  readonly stateNow: string | undefined;
  readonly who: readonly string[];
  readonly reactions: readonly ReactionFinding[];
}

export interface CoverageGapFinding {
  readonly at: string;
  readonly accountId: string;
  readonly account: string | undefined;
  readonly parentId: string | undefined;
  readonly coverage: string;
  readonly trigger: string;
  readonly mode: string;
  readonly membershipId: string;
  /** The account's coverage as last read (`Associated` once it is covered). */
  readonly coverageNow: string | undefined;
  readonly reactions: readonly ReactionFinding[];
}

export interface UnrecognizedFinding {
  readonly at: string;
  readonly field: string;
  readonly value: string;
  readonly subject: string;
}

export interface ProblemFinding {
  readonly kind: 'dead letter' | 'failed step';
  readonly at: string | undefined;
  readonly what: string;
  readonly error: string;
  readonly message: string;
}

export interface Findings {
  readonly untrusted: readonly UntrustedFinding[];
  readonly coverageGaps: readonly CoverageGapFinding[];
  readonly deadlines: readonly DeadlineFinding[];
  readonly reactions: readonly ReactionFinding[];
  readonly unrecognized: readonly UnrecognizedFinding[];
  readonly problems: readonly ProblemFinding[];
  /**
   * How many handshakes and transfers the first import took as a baseline (unjudged unless the
   * policy's `actOnImport`), when the data holds that import and it found some.
   */
  readonly baseline: number | undefined;
  /** How many need a person: untrusted parties, gaps still open, deadlines ahead, failures, unknown values. */
  readonly attention: number;
}

const RELATIONSHIP: Record<string, string> = {
  'invitation-sent': 'invitation sent',
  'invitation-received': 'invitation received',
  'billing-payee': 'billing transfer: this organization would pay the bill of',
  'billing-payer': "billing transfer: would pay this organization's bill",
};

const errorName = /\b([A-Z][A-Za-z0-9]*(?:Exception|Error))\b/;

const byTime = <T extends { readonly at: string }>(a: T, b: T): number => Date.parse(a.at) - Date.parse(b.at);
const detailOf = (event: Emitted): Record<string, unknown> => (isRecord(event.detail) ? event.detail : {});
export const ofType = (emitted: readonly Emitted[], type: string): Array<{ at: string; d: Record<string, unknown> }> =>
  emitted.filter((e) => e['detail-type'] === type).map((e) => ({ at: e.time, d: detailOf(e) }));

const reactionsOf = (emitted: readonly Emitted[]): ReactionFinding[] =>
  [...ofType(emitted, 'Reaction Executed'), ...ofType(emitted, 'Reaction Failed')]
    .map(({ at, d }): ReactionFinding => {
      const outcome: ReactionFinding['outcome'] =
        d.outcome === 'failed' || d.outcome === 'already-done' ? d.outcome : 'executed';
      const kase = isRecord(d.incidentCase) ? d.incidentCase : undefined;
      const reason =
        text(d.reason) ??
        (isRecord(d.error) ? [text(d.error.name), text(d.error.message)].join(': ') : undefined) ??
        (kase ? `Security IR case ${String(kase.caseId)} ${String(kase.use)} for ${String(kase.party)}` : undefined);
      return {
        at: text(d.at) ?? at,
        subject: text(d.subject) ?? '',
        version: typeof d.version === 'number' ? d.version : undefined,
        action: text(d.action) ?? text(d.reaction) ?? '',
        target: text(d.target),
        outcome,
        reason,
        error:
          outcome === 'failed'
            ? isRecord(d.error)
              ? text(d.error.name)
              : errorName.exec(reason ?? '')?.[1]
            : undefined,
      };
    })
    .sort(byTime);

const idOf = (subject: string): string => subject.slice(subject.indexOf(':') + 1);

/**
 * Everything a person must look at, from what a run (or a deployed table) holds.
 *
 * @param input - the snapshots, the published events, the run's dead letters and failed steps, and its "now"
 */
export const deriveFindings = (input: FindingsInput): Findings => {
  const emitted = input.emitted ?? [];
  const bySubject = new Map(input.snapshots.map((s) => [s.subject, s]));
  const find = (subject: string): Snapshot | undefined => bySubject.get(subject);
  const reactions = reactionsOf(emitted);

  const untrusted = ofType(emitted, 'Untrusted Party Detected')
    .map(({ at, d }): UntrustedFinding => {
      const subject = text(d.subject) ?? '';
      const relationship = text(d.relationship) ?? '';
      return {
        at: text(d.observedAt) ?? at,
        subject,
        what: RELATIONSHIP[relationship] ?? relationship,
        parties: partiesIn(d.parties),
        mode: text(d.mode) ?? '',
        stateThen: text(d.state) ?? '',
        stateNow: find(subject)?.state,
        who: whoOf(find(subject)),
        reactions: reactions.filter((r) => r.subject === subject && r.version === d.version),
      };
    })
    .sort(byTime);

  const coverageGaps = ofType(emitted, 'Coverage Gap Detected')
    .map(({ at, d }): CoverageGapFinding => {
      const accountId = text(d.accountId) ?? idOf(text(d.subject) ?? '');
      const mine = new Set([`account:${accountId}`, `placement:${accountId}`, `coverage:${accountId}`]);
      const when = Date.parse(text(d.at) ?? at);
      return {
        at: text(d.at) ?? at,
        accountId,
        account: whoOf(find(`account:${accountId}`))[0],
        parentId: text(d.parentId),
        coverage: text(d.coverage) ?? '',
        trigger: text(d.trigger) ?? '',
        mode: text(d.mode) ?? '',
        membershipId: text(d.membershipId) ?? '',
        coverageNow: find(`coverage:${accountId}`)?.state,
        // What orgwarden did about it: its reactions on the account from this finding on, up to the next finding.
        reactions: reactions.filter((r) => mine.has(r.subject) && Date.parse(r.at) >= when),
      };
    })
    .sort(byTime)
    .map((gap, i, gaps) => {
      const next = gaps.slice(i + 1).find((g) => g.accountId === gap.accountId);
      return next ? { ...gap, reactions: gap.reactions.filter((r) => Date.parse(r.at) < Date.parse(next.at)) } : gap;
    });

  const unrecognized = ofType(emitted, 'Unrecognized Value Detected')
    .map(({ at, d }) => ({
      at: text(d.observedAt) ?? at,
      field: text(d.field) ?? '',
      value: text(d.value) ?? '',
      subject: text(d.subject) ?? '',
    }))
    .sort(byTime);

  const problems: ProblemFinding[] = [
    ...(input.failures ?? []).map((f) => ({
      kind: 'failed step' as const,
      at: f.at,
      what: `steps.${f.step} ${f.what}`,
      error: f.error.name,
      message: f.error.message,
    })),
    ...(input.deadLetters ?? []).map((letter) => ({
      kind: 'dead letter' as const,
      at: undefined,
      what: eventSummary(letter.event),
      error: letter.error.name,
      message: letter.error.message,
    })),
  ];

  const deadlines = deadlinesOf(
    input,
    ofType(emitted, 'Handshake Expiring').concat(ofType(emitted, 'Responsibility Transfer Expiring')),
    find,
  );
  const attention =
    untrusted.length +
    coverageGaps.filter((g) => g.coverageNow !== 'Associated').length +
    deadlines.filter((d) => !d.passed).length +
    reactions.filter((r) => r.outcome === 'failed').length +
    unrecognized.length +
    problems.length;
  return {
    untrusted,
    coverageGaps,
    deadlines,
    reactions,
    unrecognized,
    problems,
    attention,
    baseline: baselineOf(input),
  };
};

/**
 * How many handshakes and transfers (the subjects with outside parties) the first import recorded,
 * from its `Audit Completed` event or its run record; undefined when it recorded none.
 */
const baselineOf = (input: FindingsInput): number | undefined => {
  const audits = [
    ...ofType(input.emitted ?? [], 'Audit Completed').map(({ d }) => d.audit),
    ...input.snapshots.filter((s) => s.subject.startsWith('audit-run:')).map((s) => s.data),
  ];
  const found = audits.find((audit) => isRecord(audit) && audit.import === true && audit.dryRun !== true);
  const sources = isRecord(found) && Array.isArray(found.sources) ? found.sources.filter(isRecord) : [];
  const parties = sources
    .filter((source) => source.kind === 'handshake' || source.kind === 'transfer')
    .reduce((sum, source) => sum + (typeof source.changed === 'number' ? source.changed : 0), 0);
  return parties > 0 ? parties : undefined;
};

/** An event in a few words: its source, detail type and the call it records. */
export const eventSummary = (event: unknown): string => {
  if (!isRecord(event)) return typeof event === 'string' ? event.slice(0, 120) : '';
  const detail = isRecord(event.detail) ? event.detail : {};
  return [text(event.source), text(event['detail-type']), text(detail.eventName)].filter(Boolean).join(' · ');
};

/** The parties of an untrusted finding as one phrase (`account 444444444444`), `an undisclosed party` if masked away. */
export const untrustedWho = (finding: UntrustedFinding): string =>
  partiesText(finding.parties) ?? 'an undisclosed party';
