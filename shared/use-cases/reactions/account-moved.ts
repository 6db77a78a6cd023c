import { parentIdPattern, placementType } from '../../domain/subjects/placement';
import type { CheckCoveragePayload } from '../coverage/check-coverage';
import { isDecidableChange, reactionTo } from './reaction';

/**
 * An account that moved (its placement went from one parent to another) is checked for coverage
 * (`trigger: moved`), whatever found the move: its MoveAccount event, or the audit when that event
 * was lost. A placement first seen plans the check only when a MoveAccount made orgwarden look (an
 * account it never placed before must still be checked when it moves); first seen by the audit's
 * import, or with the account joining, it plans nothing (the account's own `JOINED` change checks
 * it). An account that departed is not checked.
 */
export const accountMoved = reactionTo(placementType, 'account-moved', ['check-coverage'], (policy, change) => {
  const mode = policy.reactions.coverageGap;
  const { from, to, cause } = change.transition;
  if (mode === 'off' || !isDecidableChange(change) || !parentIdPattern.test(to)) return [];
  const moved = from === null ? cause.eventName === 'MoveAccount' : parentIdPattern.test(from);
  if (!moved) return [];
  const payload: CheckCoveragePayload = { accountId: String(change.data.id), trigger: 'moved', mode };
  return [{ action: 'check-coverage', payload }];
});
