import type { Cause } from '../../domain/cause';
import { leaseFor, ledgerEntryOf } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import { accountSubject } from '../../domain/subjects/account';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { Executors } from '../effects/effect-executor';
import { runEffects } from '../effects/run-effects';
import type { CheckCoveragePayload } from './check-coverage';

export interface AccountMovedDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly executors: Executors;
  readonly policy: Policy;
}

/**
 * An account moved to another OU (MoveAccount): its Security IR coverage is checked again. A move
 * changes nothing orgwarden records of the account itself, so no transition plans the check: it is
 * an effect of the event, keyed by the event's id (a duplicate delivery adds nothing; a crash leaves
 * the entry in the due-time index for the sweep). Called after the event was processed, duplicates
 * included, so that a retry after a crash still adds it.
 */
export const checkCoverageOnMove =
  (deps: AccountMovedDeps) =>
  async (accountId: string, cause: Cause, remainingMs: number): Promise<void> => {
    const mode = deps.policy.reactions.coverageGap;
    if (mode === 'off') return;
    const now = deps.clock.now();
    const leaseUntil = leaseFor(now, remainingMs);
    const payload: CheckCoveragePayload = { accountId, trigger: 'moved', mode };
    // Version 0: the effect belongs to the event, not to a version of the account.
    const entry = ledgerEntryOf(accountSubject(accountId), 0, { action: 'check-coverage', key: `check-coverage:${cause.eventId}`, payload }, now, leaseUntil);
    // Already there (a duplicate, or a retry after a crash): it is done, running, or due in the
    // due-time index, where the sweep finishes it. A duplicate costs this one conditional write.
    const created = await deps.store.addEffects([entry]);
    if (created.length === 0) return;
    // A check that failed for now is released into the due-time index too: no need for Lambda to retry the event.
    await runEffects(deps, { claimed: created, takeOver: [], leaseUntil });
  };
