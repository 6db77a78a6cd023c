import { macieMemberType } from '../../domain/subjects/macie-member';
import type { AssociateMemberPayload } from '../macie/associate-member';
import { isDecidableChange, reactionTo } from './reaction';

const lostStatuses: ReadonlySet<string> = new Set(['Removed', 'Resigned']);

/**
 * A Macie member that was removed or resigned is associated again under enforce
 * (`reactions.macieMember`), when it was associated through AWS Organizations (Macie shows no
 * `invitedAt` for those): an invited account's leaving is its own or its administrator's decision.
 * Suspended and region-disabled members are reported only (their announcement).
 */
export const macieMemberLost = reactionTo(
  macieMemberType,
  'macie-member-lost',
  ['associate-macie-member'],
  (policy, change) => {
    const { data, transition } = change;
    if (policy.reactions.macieMember !== 'enforce' || !isDecidableChange(change)) return [];
    if (!lostStatuses.has(transition.to) || data.invitedAt) return [];
    const payload: AssociateMemberPayload = { region: data.region, accountId: data.accountId, status: transition.to };
    return [{ action: 'associate-macie-member', payload }];
  },
);
