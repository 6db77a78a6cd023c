import type { PlannedEffect } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import { reactionEvent } from '../../domain/reaction-events';
import { gapStates } from '../../domain/subjects/coverage';
import { isDecidable } from '../../domain/unrecognized';
import type { MacieMemberData } from '../../domain/subjects/macie-member';
import type { MembershipData } from '../../domain/subjects/membership';
import { parentIdPattern } from '../../domain/subjects/placement';
import type { AssociateMemberPayload } from '../macie/associate-member';
import type { CheckCoveragePayload } from '../coverage/check-coverage';
import type { Change } from '../pipeline/plan';
import type { RestoreMembershipPayload } from './restore-membership';

/**
 * A Security IR membership under `reactions.restoreCancelledMembership`: a cancellation is restored
 * under enforce (once: one ledger entry per version); a membership that ends (Terminated) after
 * orgwarden saw it Active or Cancelled is reported as unrecoverable (`Reaction Failed`) under notify
 * and enforce, since nothing can bring it back. The end is read (the status), never computed.
 */
const membershipEffects = (policy: Policy, change: Change): PlannedEffect[] => {
  const mode = policy.reactions.restoreCancelledMembership;
  const { snapshot, transition } = change;
  const data = snapshot.data as unknown as MembershipData;
  if (mode === 'off') return [];
  if (transition.to === 'Cancelled' && mode === 'enforce') {
    const payload: RestoreMembershipPayload = { membershipId: data.id, ...(data.membershipDeactivationTimestamp ? { deactivatesAt: data.membershipDeactivationTimestamp } : {}) };
    return [{ action: 'restore-membership', payload }];
  }
  if (transition.to === 'Terminated' && transition.from !== null) {
    const ended = data.membershipDeactivationTimestamp ? ` at ${data.membershipDeactivationTimestamp}` : '';
    const payload = reactionEvent({
      ledgerId: `${snapshot.subject}#v${snapshot.version}#unrecoverable`,
      subject: snapshot.subject,
      version: snapshot.version,
      action: 'restore-membership',
      target: data.id,
      outcome: 'failed',
      reason: `unrecoverable: the membership was ${transition.from} and is Terminated${ended}; a terminated membership cannot be restored (a new membership is needed)`,
      at: snapshot.observedAt,
    });
    return [{ action: 'publish', key: 'publish:unrecoverable', payload }];
  }
  return [];
};

/**
 * An account that joins the organization is checked for Security IR coverage (`reactions.coverageGap`).
 * An account first seen because a MoveAccount made orgwarden look did not join: its placement's change
 * checks it (`trigger: moved`), once.
 */
const accountEffects = (policy: Policy, change: Change): PlannedEffect[] => {
  const mode = policy.reactions.coverageGap;
  if (mode === 'off' || change.transition.to !== 'JOINED') return [];
  if (change.transition.from === null && change.transition.cause.eventName === 'MoveAccount') return [];
  const payload: CheckCoveragePayload = { accountId: String(change.snapshot.data.id), trigger: 'joined', mode };
  return [{ action: 'check-coverage', payload }];
};

/**
 * An account whose coverage was found lost (the audit read it `Associated`, now it is not: a move no
 * event announced, an OU taken out of the membership, …) gets the coverage check an account that
 * joined or moved gets: `Coverage Gap Detected`, and under enforce its OU added. Once per loss (one
 * ledger entry per version). A coverage first seen, or that comes from `NoMembership` or `Departed`,
 * plans nothing: an account that joins is checked by its own `JOINED` change, and a membership's
 * creation or end is announced by the membership.
 */
const coverageEffects = (policy: Policy, change: Change): PlannedEffect[] => {
  const mode = policy.reactions.coverageGap;
  if (mode === 'off' || change.transition.from !== 'Associated' || !gapStates.has(change.transition.to)) return [];
  const payload: CheckCoveragePayload = { accountId: String(change.snapshot.data.id), trigger: 'lost', mode };
  return [{ action: 'check-coverage', payload }];
};

/**
 * An account that moved (its placement went from one parent to another) is checked for coverage
 * (`trigger: moved`), whatever found the move: its MoveAccount event, or the audit when that event
 * was lost. A placement first seen plans the check only when a MoveAccount made orgwarden look (an
 * account it never placed before must still be checked when it moves); first seen by the audit's
 * import, or with the account joining, it plans nothing (the account's own `JOINED` change checks
 * it). An account that departed is not checked.
 */
const placementEffects = (policy: Policy, change: Change): PlannedEffect[] => {
  const mode = policy.reactions.coverageGap;
  const { from, to, cause } = change.transition;
  if (mode === 'off' || !parentIdPattern.test(to)) return [];
  const moved = from === null ? cause.eventName === 'MoveAccount' : parentIdPattern.test(from);
  if (!moved) return [];
  const payload: CheckCoveragePayload = { accountId: String(change.snapshot.data.id), trigger: 'moved', mode };
  return [{ action: 'check-coverage', payload }];
};

const lostStatuses = new Set(['Removed', 'Resigned']);

/**
 * A Macie member that was removed or resigned is associated again under enforce
 * (`reactions.macieMember`), when it was associated through AWS Organizations (Macie shows no
 * `invitedAt` for those): an invited account's leaving is its own or its administrator's decision.
 * Suspended and region-disabled members are reported only (their announcement).
 */
const macieEffects = (policy: Policy, change: Change): PlannedEffect[] => {
  const data = change.snapshot.data as unknown as MacieMemberData;
  if (policy.reactions.macieMember !== 'enforce' || !lostStatuses.has(change.transition.to) || data.invitedAt) return [];
  const payload: AssociateMemberPayload = { region: data.region, accountId: data.accountId, status: change.transition.to };
  return [{ action: 'associate-macie-member', payload }];
};

/** The membership, coverage (an account's joining, coverage and placement) and Macie reactions of the policy for a change (on top of its announcement). */
export const membershipReactions = (policy: Policy, change: Change): PlannedEffect[] => {
  // Nothing is decided on a status nobody understands (AWS added it since): announced and alerted only.
  if (!isDecidable(change.type.states, change.snapshot.state, change.snapshot.data)) return [];
  switch (change.type.kind) {
    case 'membership':
      return membershipEffects(policy, change);
    case 'account':
      return accountEffects(policy, change);
    case 'coverage':
      return coverageEffects(policy, change);
    case 'placement':
      return placementEffects(policy, change);
    case 'macie-member':
      return macieEffects(policy, change);
    default:
      return [];
  }
};
