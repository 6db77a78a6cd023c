import type { PlannedEffect } from '../../domain/ledger';
import { casePartyOf } from '../../domain/policy/case-party';
import type { Policy } from '../../domain/policy/policy';
import { untrustedInHandshake, untrustedInTransfer, type UntrustedFinding } from '../../domain/policy/trust';
import { untrustedPartyEvent } from '../../domain/reaction-events';
import type { HandshakeData } from '../../domain/subjects/handshake';
import type { TransferData } from '../../domain/subjects/transfer';
import { isDecidable } from '../../domain/unrecognized';
import type { AnswerHandshakePayload } from '../effects/answer-handshake';
import type { OpenCasePayload } from '../effects/open-case';
import { membershipReactions } from '../memberships/membership-reactions';
import { announcements, type Change, type Planner } from '../pipeline/plan';

const pending = new Set(['OPEN', 'REQUESTED']);

/** A handshake orgwarden sees for the first time, or that (re)opens: when trust is judged. */
const newlySeen = (change: Change): boolean => change.transition.from === null || (pending.has(change.transition.to) && !pending.has(change.transition.from));

/** The phases of a transfer that took effect (it was accepted). */
const tookEffect = new Set(['ACCEPTED', 'ACTIVE', 'ENDING', 'ENDED']);

/**
 * A transfer taking effect, or first seen after it took effect: an untrusted payer or payee is
 * reported then. An invitation, pending or answered (declined, cancelled, expired), is its
 * handshake's business (reported, cancelled or declined there), so it is not reported twice: a
 * transfer first seen cancelled (its invitation's event was lost, and orgwarden's own cancellation
 * came first) would otherwise be reported again and, under enforce, get a second case.
 */
const transferMatters = (change: Change): boolean =>
  change.transition.to === 'ACCEPTED' || change.transition.to === 'ACTIVE' || (change.transition.from === null && tookEffect.has(change.transition.to));

const caseFor = (policy: Policy, change: Change, finding: UntrustedFinding): OpenCasePayload => {
  const subject = change.snapshot.subject;
  const parties = finding.parties.map((party) => `${party.type} ${party.id}`).join(', ');
  const party = casePartyOf(finding.parties);
  return {
    title: `orgwarden: untrusted party in ${subject}`,
    description: `orgwarden found ${finding.relationship} with a party the policy does not trust (${parties}) in ${subject}, now ${change.snapshot.state}, caused by ${change.transition.cause.eventName} (${change.transition.cause.eventId}). Policy reaction ${finding.reaction}: ${finding.mode}.`,
    engagementType: 'Investigation',
    resolverType: 'Self',
    reportedIncidentStartDate: change.snapshot.observedAt,
    impactedAccounts: finding.parties.filter((party) => party.type === 'ACCOUNT').map((party) => party.id),
    watchers: policy.incidentCase.watchers.map((watcher) => ({ ...watcher })),
    // The party whose one open case the finding goes to (later findings about it are comments).
    ...(party ? { party } : {}),
    // The parties its announcement may name (masked where the policy says so; only ids and emails are).
    outsideParties: finding.parties.map((p) => p.id),
  };
};

/**
 * The reactions of the policy on top of every change's announcement: an untrusted party in a new
 * invitation or billing transfer is reported (`Untrusted Party Detected`) under notify and enforce;
 * under enforce, a pending handshake with it is cancelled (sent by this organization) or declined
 * (received), and a Security Incident Response case is opened when `reactions.incidentCase` says
 * so. Each effect is a ledger entry: once, whatever is delivered twice, retried, raced or replayed.
 */
export const policyPlanner =
  (policy: Policy): Planner =>
  (change) => {
    // Memberships, coverage and Macie members (shared/use-cases/memberships/membership-reactions.ts).
    const effects: PlannedEffect[] = [...announcements(change), ...membershipReactions(policy, change)];
    const { type, snapshot, transition } = change;
    let finding: UntrustedFinding | undefined;
    if (type.kind === 'handshake' && newlySeen(change)) finding = untrustedInHandshake(policy, snapshot.data as unknown as HandshakeData);
    if (type.kind === 'transfer' && transferMatters(change)) finding = untrustedInTransfer(policy, snapshot.data as unknown as TransferData);
    if (!finding || finding.mode === 'off') return effects;
    effects.push({
      action: 'publish',
      key: 'publish:untrusted',
      payload: untrustedPartyEvent({
        subject: snapshot.subject,
        version: snapshot.version,
        observedAt: snapshot.observedAt,
        cause: transition.cause,
        relationship: finding.relationship,
        parties: finding.parties,
        reaction: finding.reaction,
        mode: finding.mode,
        state: snapshot.state,
        resources: type.published.resources(snapshot.data as never),
      }),
    });
    // Reported, but nothing is done on a state or action nobody understands (AWS added it since).
    if (finding.mode !== 'enforce' || !isDecidable(type.states, snapshot.state, snapshot.data)) return effects;
    if (type.kind === 'handshake' && pending.has(snapshot.state)) {
      const handshake = snapshot.data as unknown as HandshakeData;
      const payload: AnswerHandshakePayload = {
        handshakeId: handshake.id,
        reason: `untrusted party (${finding.relationship}): ${finding.parties.map((p) => p.id).join(', ')}`,
        // The reason names the parties: the outcome's announcement masks them where the policy says so.
        outsideParties: finding.parties.map((p) => p.id),
      };
      effects.push({ action: handshake.direction === 'inbound' ? 'decline-handshake' : 'cancel-handshake', payload });
    }
    if (policy.reactions.incidentCase === 'enforce') effects.push({ action: 'open-case', payload: caseFor(policy, change, finding) });
    return effects;
  };
