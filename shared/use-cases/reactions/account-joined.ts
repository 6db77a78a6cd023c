import { accountType } from '../../domain/subjects/account';
import type { CheckCoveragePayload } from '../coverage/check-coverage';
import { isDecidableChange, reactionTo } from './reaction';

/**
 * An account that joins the organization is checked for Security IR coverage (`reactions.coverageGap`).
 * An account first seen because a MoveAccount made orgwarden look did not join: its placement's change
 * checks it (`trigger: moved`, shared/use-cases/reactions/account-moved.ts), once.
 */
export const accountJoined = reactionTo(accountType, 'account-joined', ['check-coverage'], (policy, change) => {
  const mode = policy.reactions.coverageGap;
  if (mode === 'off' || !isDecidableChange(change) || change.transition.to !== 'JOINED') return [];
  if (change.transition.from === null && change.transition.cause.eventName === 'MoveAccount') return [];
  const payload: CheckCoveragePayload = { accountId: String(change.data.id), trigger: 'joined', mode };
  return [{ action: 'check-coverage', payload }];
});
