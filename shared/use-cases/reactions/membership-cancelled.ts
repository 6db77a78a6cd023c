import { membershipType } from '../../domain/subjects/membership';
import type { RestoreMembershipPayload } from '../memberships/restore-membership';
import { isDecidableChange, reactionTo } from './reaction';

/**
 * A Security IR membership that is cancelled is restored under enforce
 * (`reactions.restoreCancelledMembership`): once, one ledger entry per version.
 */
export const membershipCancelled = reactionTo(
  membershipType,
  'membership-cancelled',
  ['restore-membership'],
  (policy, change) => {
    const { data, transition } = change;
    if (policy.reactions.restoreCancelledMembership !== 'enforce' || !isDecidableChange(change)) return [];
    if (transition.to !== 'Cancelled') return [];
    const deactivation = data.membershipDeactivationTimestamp;
    const payload: RestoreMembershipPayload = {
      membershipId: data.id,
      ...(deactivation ? { deactivatesAt: deactivation } : {}),
    };
    return [{ action: 'restore-membership', payload }];
  },
);
