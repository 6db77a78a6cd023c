import { coverageType, gapStates } from '../../domain/subjects/coverage';
import type { CheckCoveragePayload } from '../coverage/check-coverage';
import { isDecidableChange, reactionTo } from './reaction';

/**
 * An account whose coverage was found lost (the audit read it `Associated`, now it is not: a move no
 * event announced, an OU taken out of the membership, …) gets the coverage check an account that
 * joined or moved gets: `Coverage Gap Detected`, and under enforce its OU added. Once per loss (one
 * ledger entry per version). A coverage first seen, or that comes from `NoMembership` or `Departed`,
 * plans nothing: an account that joins is checked by its own `JOINED` change, and a membership's
 * creation or end is announced by the membership.
 */
export const coverageLost = reactionTo(coverageType, 'coverage-lost', ['check-coverage'], (policy, change) => {
  const mode = policy.reactions.coverageGap;
  if (mode === 'off' || !isDecidableChange(change)) return [];
  if (change.transition.from !== 'Associated' || !gapStates.has(change.transition.to)) return [];
  const payload: CheckCoveragePayload = { accountId: String(change.data.id), trigger: 'lost', mode };
  return [{ action: 'check-coverage', payload }];
});
