import type { PlannedEffect } from '../../domain/ledger';
import { untrustedInTransfer } from '../../domain/policy/trust';
import { transferType } from '../../domain/subjects/transfer';
import type { Change } from '../pipeline/commit-changes';
import { isDecidableChange, reactionTo } from './reaction';
import { isReported, untrustedCase, untrustedReport } from './untrusted-party';

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
export const untrustedPartyInTransfer = reactionTo(transferType, 'untrusted-party-in-transfer', (policy, change) => {
  const finding = transferMatters(change) ? untrustedInTransfer(policy, change.data) : undefined;
  if (!isReported(finding)) return [];
  const effects: PlannedEffect[] = [untrustedReport(change, finding)];
  // Reported, but nothing is done on a state nobody understands (AWS added it since).
  if (finding.mode !== 'enforce' || !isDecidableChange(change)) return effects;
  return [...effects, ...untrustedCase(policy, change, finding)];
});
