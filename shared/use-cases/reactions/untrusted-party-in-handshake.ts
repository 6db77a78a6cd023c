import type { PlannedEffect } from '../../domain/ledger';
import { untrustedInHandshake } from '../../domain/policy/trust';
import { handshakeType, isPendingHandshake } from '../../domain/subjects/handshake';
import type { AnswerHandshakePayload } from '../effects/answer-handshake';
import type { Change } from '../pipeline/commit-changes';
import { isDecidableChange, reactionTo } from './reaction';
import { isReported, untrustedCase, untrustedReport } from './untrusted-party';

/** A handshake orgwarden sees for the first time, or that (re)opens: when trust is judged. */
const newlySeen = ({ transition }: Change): boolean =>
  transition.from === null || (isPendingHandshake(transition.to) && !isPendingHandshake(transition.from));

/**
 * An untrusted party in a new invitation or billing-transfer invitation is reported (`Untrusted Party
 * Detected`) under notify and enforce; under enforce, the pending handshake is cancelled (sent by this
 * organization) or declined (received), and a Security Incident Response case is opened when
 * `reactions.incidentCase` says so.
 */
export const untrustedPartyInHandshake = reactionTo(handshakeType, 'untrusted-party-in-handshake', (policy, change) => {
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
});
