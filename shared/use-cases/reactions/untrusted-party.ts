import type { PlannedEffect } from '../../domain/ledger';
import { casePartyOf } from '../../domain/policy/case-party';
import type { Policy } from '../../domain/policy/policy';
import type { UntrustedFinding } from '../../domain/policy/trust';
import { untrustedPartyEvent } from '../../domain/reaction-events';
import type { SubjectData } from '../../domain/subjects/subject-type';
import type { OpenCasePayload } from '../effects/open-case';
import type { KindChange } from './reaction';

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
