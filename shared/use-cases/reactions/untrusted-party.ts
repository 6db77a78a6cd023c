import type { PlannedEffect } from '../../domain/ledger';
import { casePartyOf } from '../../domain/policy/case-party';
import type { Policy } from '../../domain/policy/policy';
import { type UntrustedFinding, untrustedInHandshake, untrustedInTransfer } from '../../domain/policy/trust';
import { untrustedPartyEvent } from '../../domain/published-events';
import type { SubjectData } from '../../domain/subjects/subject-type';
import type { OpenCasePayload } from '../effects/open-case';
import { type KindChange, isDecidableChange, reactionTo } from './reaction';
import { handshakeType, isPendingHandshake } from '../../domain/subjects/handshake';
import type { AnswerHandshakePayload } from '../effects/answer-handshake';
import type { Change } from '../pipeline/commit-changes';
import { transferType } from '../../domain/subjects/transfer';

// The untrusted-party reactions (`untrusted-party-in-handshake`, `untrusted-party-in-transfer`): one
// finding, met in two kinds, and what both do with it (the report, the case).

/** A finding the policy does not turn off: reported, and acted on under enforce. */
export type ReportedFinding = UntrustedFinding & { readonly mode: 'notify' | 'enforce' };

/** Whether the policy reports the finding (it is not `off`). */
export const isReported = (finding: UntrustedFinding | undefined): finding is ReportedFinding =>
  finding !== undefined && finding.mode !== 'off';

/** The Security Incident Response case of a finding (`open-case`): one open case per outside party. */
const caseFor = <D extends SubjectData>(
  policy: Policy,
  change: KindChange<D>,
  finding: UntrustedFinding,
): OpenCasePayload => {
  const { subject, state, observedAt } = change.snapshot;
  const { cause } = change.transition;
  const parties = finding.parties.map((party) => `${party.type} ${party.id}`).join(', ');
  const party = casePartyOf(finding.parties);
  return {
    title: `orgwarden: untrusted party in ${subject}`,
    description:
      `orgwarden found ${finding.relationship} with a party the policy does not trust (${parties}) in ${subject}, ` +
      `now ${state}, caused by ${cause.eventName} (${cause.eventId}). ` +
      `Policy reaction ${finding.reaction}: ${finding.mode}.`,
    engagementType: 'Investigation',
    resolverType: 'Self',
    reportedIncidentStartDate: observedAt,
    impactedAccounts: finding.parties.filter((p) => p.type === 'ACCOUNT').map((p) => p.id),
    watchers: policy.incidentCase.watchers.map((watcher) => ({ ...watcher })),
    // The party whose one open case the finding goes to (later findings about it are comments).
    ...(party ? { party } : {}),
    // The parties its announcement may name (masked where the policy says so; only ids and emails are).
    outsideParties: finding.parties.map((p) => p.id),
  };
};

/** The report of an untrusted party (`Untrusted Party Detected`), under notify and enforce. */
export const untrustedReport = <D extends SubjectData>(
  change: KindChange<D>,
  finding: ReportedFinding,
): PlannedEffect => {
  const { type, snapshot, transition, data } = change;
  const payload = untrustedPartyEvent({
    subject: snapshot.subject,
    version: snapshot.version,
    observedAt: snapshot.observedAt,
    cause: transition.cause,
    relationship: finding.relationship,
    parties: finding.parties,
    reaction: finding.reaction,
    mode: finding.mode,
    state: snapshot.state,
    resources: type.published.resources(data),
  });
  return { action: 'publish', key: 'publish:untrusted', payload };
};

/** Under enforce, with `reactions.incidentCase` enforce too: the finding's case. */
export const untrustedCase = <D extends SubjectData>(
  policy: Policy,
  change: KindChange<D>,
  finding: UntrustedFinding,
): PlannedEffect[] =>
  policy.reactions.incidentCase === 'enforce'
    ? [{ action: 'open-case', payload: caseFor(policy, change, finding) }]
    : [];

/** A handshake orgwarden sees for the first time, or that (re)opens: when trust is judged. */
const newlySeen = ({ transition }: Change): boolean =>
  transition.from === null || (isPendingHandshake(transition.to) && !isPendingHandshake(transition.from));

/**
 * An untrusted party in a new invitation or billing-transfer invitation is reported (`Untrusted Party
 * Detected`) under notify and enforce; under enforce, the pending handshake is cancelled (sent by this
 * organization) or declined (received), and a Security Incident Response case is opened when
 * `reactions.incidentCase` says so.
 */
export const untrustedPartyInHandshake = reactionTo(
  handshakeType,
  'untrusted-party-in-handshake',
  ['publish', 'cancel-handshake', 'decline-handshake', 'open-case'],
  (policy, change) => {
    const { data, snapshot } = change;
    const finding = newlySeen(change) ? untrustedInHandshake(policy, data) : undefined;
    if (!isReported(finding)) return [];
    const effects: PlannedEffect[] = [untrustedReport(change, finding)];
    // Reported, but nothing is done on a state or action nobody understands (AWS added it since).
    if (finding.mode !== 'enforce' || !isDecidableChange(change)) return effects;
    if (isPendingHandshake(snapshot.state)) {
      const payload: AnswerHandshakePayload = {
        handshakeId: data.id,
        reason: `untrusted party (${finding.relationship}): ${finding.parties.map((p) => p.id).join(', ')}`,
        // The reason names the parties: the outcome's announcement masks them where the policy says so.
        outsideParties: finding.parties.map((p) => p.id),
      };
      effects.push({ action: data.direction === 'inbound' ? 'decline-handshake' : 'cancel-handshake', payload });
    }
    return [...effects, ...untrustedCase(policy, change, finding)];
  },
);

/** The phases of a transfer that took effect (it was accepted). */
const tookEffect: ReadonlySet<string> = new Set(['ACCEPTED', 'ACTIVE', 'ENDING', 'ENDED']);

/**
 * A transfer taking effect, or first seen after it took effect: an untrusted payer or payee is
 * reported then. An invitation, pending or answered (declined, cancelled, expired), is its
 * handshake's business (reported, cancelled or declined there), so it is not reported twice: a
 * transfer first seen cancelled (its invitation's event was lost, and orgwarden's own cancellation
 * came first) would otherwise be reported again and, under enforce, get a second case.
 */
const transferMatters = ({ transition }: Change): boolean =>
  transition.to === 'ACCEPTED' ||
  transition.to === 'ACTIVE' ||
  (transition.from === null && tookEffect.has(transition.to));

/**
 * An untrusted payer or payee of a transfer that took effect is reported (`Untrusted Party Detected`)
 * under notify and enforce; under enforce, a Security Incident Response case is opened when
 * `reactions.incidentCase` says so (a transfer that took effect has no invitation left to answer).
 */
export const untrustedPartyInTransfer = reactionTo(
  transferType,
  'untrusted-party-in-transfer',
  ['publish', 'open-case'],
  (policy, change) => {
    const finding = transferMatters(change) ? untrustedInTransfer(policy, change.data) : undefined;
    if (!isReported(finding)) return [];
    const effects: PlannedEffect[] = [untrustedReport(change, finding)];
    // Reported, but nothing is done on a state nobody understands (AWS added it since).
    if (finding.mode !== 'enforce' || !isDecidableChange(change)) return effects;
    return [...effects, ...untrustedCase(policy, change, finding)];
  },
);
