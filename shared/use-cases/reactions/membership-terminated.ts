import { ledgerId } from '../../domain/ledger';
import { reactionEvent } from '../../domain/published-events';
import { membershipType } from '../../domain/subjects/membership';
import { isDecidableChange, reactionTo } from './reaction';

/**
 * A Security IR membership that ends (Terminated) after orgwarden saw it Active or Cancelled is
 * reported as unrecoverable (`Reaction Failed`) under notify and enforce
 * (`reactions.restoreCancelledMembership`), since nothing can bring it back. The end is read (the
 * status), never computed.
 */
export const membershipTerminated = reactionTo(
  membershipType,
  'membership-terminated',
  ['publish'],
  (policy, change) => {
    const { data, snapshot, transition } = change;
    if (policy.reactions.restoreCancelledMembership === 'off' || !isDecidableChange(change)) return [];
    if (transition.to !== 'Terminated' || transition.from === null) return [];
    const ended = data.membershipDeactivationTimestamp ? ` at ${data.membershipDeactivationTimestamp}` : '';
    const payload = reactionEvent({
      ledgerId: ledgerId(snapshot.subject, snapshot.version, 'unrecoverable'),
      subject: snapshot.subject,
      version: snapshot.version,
      action: 'restore-membership',
      target: data.id,
      outcome: 'failed',
      reason:
        `unrecoverable: the membership was ${transition.from} and is Terminated${ended}; ` +
        'a terminated membership cannot be restored (a new membership is needed)',
      at: snapshot.observedAt,
    });
    return [{ action: 'publish', key: 'publish:unrecoverable', payload }];
  },
);
