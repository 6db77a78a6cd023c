import {
  ledgerEntryOf,
  namedKeyOf,
  parseLedgerId,
  retryDelayMs,
  type CauseRecord,
  type LedgerEntry,
  type LedgerIdParts,
} from '../../domain/ledger';
import type { Clock } from '../../ports/clock';
import type { Settlement, StateStore } from '../../ports/state-store';
import { outcomeFollowUp } from './answer-handshake';
import type { EffectAuthority } from './authorize-effects';
import type { EffectExecutor, EffectOutcome, Executors } from './effect';

export interface RunEffectsDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly executors: Executors;
  /** Decides whether an entry read back from the table may run: by the history and the policy, never by the entry. */
  readonly authority: EffectAuthority;
}

export interface EffectsToRun {
  /** Entries this invocation created and owns. */
  readonly claimed: readonly LedgerEntry[];
  /** Pending ids of the subjects it touched: taken over when their lease has run out. */
  readonly takeOver: readonly string[];
  readonly leaseUntil: string;
  /** Written with the last settlement when no effect is left to retry. */
  readonly processed?: CauseRecord;
}

export interface EffectsReport {
  readonly done: number;
  readonly failed: number;
  /** Given back for a later attempt (their errors are in `errors`). */
  readonly released: number;
  /** Owned by another live invocation, or of an action this function cannot carry out. */
  readonly left: number;
  readonly errors: readonly Error[];
}

/** How many take-overs are in flight at once. */
const claimConcurrency = 16;

/** Follow-ups of follow-ups are possible (a reaction, then its announcement); three rounds bound it. */
const maxRounds = 3;

/** Any failure of the executor itself counts as `retry` for each of its entries. */
const runSafely = async (executor: EffectExecutor, entries: readonly LedgerEntry[]): Promise<EffectOutcome[]> => {
  try {
    const outcomes = await executor.run(entries);
    if (outcomes.length !== entries.length)
      throw new Error(`${executor.action} answered ${outcomes.length} outcomes for ${entries.length} entries`);
    return outcomes;
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return entries.map(() => ({ status: 'retry', error: failure }));
  }
};

const byOrder = (x: LedgerEntry, y: LedgerEntry): number =>
  x.subject.localeCompare(y.subject) || x.version - y.version || x.id.localeCompare(y.id);

/**
 * Carries out effects under the ledger's rules: takes over the unfinished entries of the touched
 * subjects whose lease has run out, runs every owned entry through its executor (grouped by action),
 * and settles the outcomes in one write: done, failed for good (with the reason), or released for a
 * later attempt with a growing delay. Follow-up effects are written before they are run.
 */
export const runEffects = async (deps: RunEffectsDeps, work: EffectsToRun): Promise<EffectsReport> => {
  const { store, clock, executors } = deps;
  const report = { done: 0, failed: 0, released: 0, left: 0, errors: [] as Error[] };
  const owned = new Set(work.claimed.map((entry) => entry.id));
  // What this invocation planned itself runs as planned; what it read back from the table runs only
  // as the history and the policy in force authorize it (any role of the stack may write the table).
  let batch: LedgerEntry[] = [...work.claimed];
  let refused: Settlement['failed'][number][] = [];
  let deferred: LedgerEntry[] = [];
  const admit = async (entries: readonly LedgerEntry[]): Promise<void> => {
    const answers = await deps.authority.authorize(entries);
    answers.forEach((answer, i) => {
      if ('entry' in answer) batch.push(answer.entry);
      else if ('refused' in answer)
        refused.push({ entry: entries[i]!, failure: { name: answer.refused.name, message: answer.refused.message } });
      else deferred.push(entries[i]!);
    });
  };
  const forget: Settlement['forget'][number][] = [];
  // Take-overs are independent conditional writes: a few at a time (a sweep may hold hundreds).
  const candidates = [...new Set(work.takeOver)].filter((id) => !owned.has(id));
  // An id `ledgerId` cannot have built names no effect this function can carry out: left, as an unknown action.
  const claimable = candidates.flatMap((id) => {
    const parts = parseLedgerId(id);
    return parts && executors[parts.action] ? [{ id, ...parts }] : [];
  });
  report.left += candidates.length - claimable.length;
  for (let start = 0; start < claimable.length; start += claimConcurrency) {
    const claimOne = async (parts: LedgerIdParts & { id: string }) => ({
      ...parts,
      claim: await store.claimLedger(parts.id, clock.now(), work.leaseUntil),
    });
    const claims = await Promise.all(claimable.slice(start, start + claimConcurrency).map(claimOne));
    const takenOver: LedgerEntry[] = [];
    for (const { id, subject, claim } of claims) {
      if (claim === 'held') report.left++;
      else if (claim === 'done' || claim === 'missing') forget.push({ id, subject });
      else takenOver.push(claim.claimed);
    }
    await admit(takenOver);
  }
  for (let round = 1; ; round++) {
    const settlement = {
      done: [] as LedgerEntry[],
      failed: [] as Settlement['failed'][number][],
      released: [] as Settlement['released'][number][],
      created: [] as LedgerEntry[],
      forget: round === 1 ? forget : [],
    };
    // Refused entries end failed for good, and the refusal is announced (`Reaction Failed`): a forgery is seen.
    for (const { entry, failure } of refused) {
      const now = clock.now();
      settlement.failed.push({ entry: { ...entry, completedAt: now.toISOString() }, failure });
      // Keyed by the refused entry's own key: never the id of a real reaction's announcement.
      const refusal = outcomeFollowUp(entry, 'failed', now, undefined, `refused: ${failure.message}`);
      const announcement = { ...refusal, key: `publish:refused:${namedKeyOf(entry.id)}` };
      settlement.created.push(ledgerEntryOf(entry.subject, entry.version, announcement, now, work.leaseUntil));
    }
    refused = [];
    // Deferred entries are given back at once, not failed: their parent, run now, takes them over when it is done.
    for (const entry of deferred) settlement.released.push({ entry, dueAt: clock.now().toISOString() });
    deferred = [];
    const byAction = new Map<string, LedgerEntry[]>();
    for (const entry of [...batch].sort(byOrder))
      byAction.set(entry.action, [...(byAction.get(entry.action) ?? []), entry]);
    for (const [action, entries] of byAction) {
      const executor = executors[action];
      const outcomes: EffectOutcome[] = executor
        ? await runSafely(executor, entries)
        : entries.map(() => ({ status: 'retry', error: new Error(`no executor for ${action}`) }));
      const now = clock.now();
      outcomes.forEach((outcome, i) => {
        const entry = entries[i]!;
        if (outcome.status === 'retry') {
          settlement.released.push({
            entry,
            dueAt: new Date(now.getTime() + retryDelayMs(entry.attempts)).toISOString(),
          });
          report.errors.push(outcome.error);
          return;
        }
        const finished = { ...entry, completedAt: now.toISOString() };
        if (outcome.status === 'done') settlement.done.push(finished);
        else settlement.failed.push({ entry: finished, failure: outcome.failure });
        for (const followUp of outcome.followUps ?? [])
          settlement.created.push(ledgerEntryOf(entry.subject, entry.version, followUp, now, work.leaseUntil));
      });
    }
    report.done += settlement.done.length;
    report.failed += settlement.failed.length;
    report.released += settlement.released.length;
    const last = settlement.created.length === 0 || round === maxRounds;
    const complete = last && report.released === 0;
    const { existing } = await store.settle({
      ...settlement,
      ...(complete && work.processed ? { processed: work.processed } : {}),
    });
    if (last) {
      report.left += round === maxRounds ? settlement.created.length : 0;
      return report;
    }
    // A follow-up an earlier attempt created (it crashed before finishing) keeps its payload: the
    // first outcome is the one announced, so that every copy of a key says the same. It is taken
    // over as any unfinished entry (when its lease ran out), not run again as this attempt saw it.
    batch = settlement.created.filter((entry) => !existing.includes(entry.id));
    const takenOver: LedgerEntry[] = [];
    for (const id of existing) {
      const claim = await store.claimLedger(id, clock.now(), work.leaseUntil);
      if (claim === 'held') report.left++;
      else if (typeof claim === 'object') takenOver.push(claim.claimed);
    }
    await admit(takenOver);
  }
};
