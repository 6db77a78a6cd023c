import type { AuditSourceReport } from './subjects/audit-run';

/**
 * Where an audit run stands between its invocations: its own record, never its events. A
 * continuation names a run and a step only; what the run is (an import or not, when it started, the
 * sources done and their reports) is what its start wrote here, and only conditional writes change it.
 */
export interface AuditRunRecord {
  readonly runId: string;
  /** Decided once, when the run starts: the first audit of a fresh table records a baseline. */
  readonly import: boolean;
  readonly startedAt: string;
  /** The sources done, which is also the index of the next source: the step a continuation must name. */
  readonly step: number;
  readonly sources: readonly AuditSourceReport[];
  readonly state: 'RUNNING' | 'COMPLETE';
  /**
   * The event whose invocation works on the run, and until when at most (its deadline). The event, not
   * the invocation: Lambda's retry of an invocation that died holding the step is the same event and
   * takes the step over at once.
   */
  readonly holder?: string;
  readonly heldUntil?: string;
  /**
   * The event whose invocation moved the run to `step`: the continuation to `step` is owed by it until
   * an invocation takes the step. Lambda retries that event when the continuation was not accepted.
   */
  readonly handoffBy?: string;
  /**
   * The event whose invocation completed the run: its retry (the answer of that last write lost) is a duplicate, not a
   * forgery.
   */
  readonly completedBy?: string;
}

/** What started an invocation of the audit: its schedule (for run `runId`), or a continuation. */
export type AuditTrigger =
  | { readonly kind: 'schedule'; readonly runId: string; readonly eventId: string }
  | { readonly kind: 'continuation'; readonly runId: string; readonly step: number; readonly eventId: string };

/**
 * What an invocation does with its trigger, given the run's record:
 * - `start`: no record; the run starts here (its import decision with it).
 * - `take`: go on from the record's step (taking it over from a holder whose time ran out).
 * - `hand-off`: the continuation this very event owes was not accepted: publish it again.
 * - `duplicate`: the schedule's event delivered again while its run is complete or going on elsewhere.
 * - `refuse`: a continuation the record does not call for (forged, or a copy after the run went on).
 */
export type Admission =
  | { readonly kind: 'start' }
  | { readonly kind: 'take'; readonly run: AuditRunRecord }
  | { readonly kind: 'hand-off'; readonly run: AuditRunRecord }
  | { readonly kind: 'duplicate'; readonly run: AuditRunRecord }
  | {
      readonly kind: 'refuse';
      readonly reason: 'never-started' | 'complete' | 'step-mismatch' | 'held';
      readonly message: string;
    };

const heldByAnother = (run: AuditRunRecord, holder: string, now: Date): boolean =>
  run.holder !== undefined &&
  run.holder !== holder &&
  run.heldUntil !== undefined &&
  Date.parse(run.heldUntil) > now.getTime();

/**
 * Decides from the record alone (pure). A continuation is taken only at the step its record is at and
 * only when no other invocation holds that step: a copy of it delivered again (EventBridge delivers at
 * least once) is refused, during the run (the step is held, or the record went past it) as after it
 * (the run is complete), and changes nothing; the run goes on with the first. Not refused: the retry
 * of the invocation that moved the run on (the record names its event: its continuation was not
 * accepted, and it is published again) or that completed it (a duplicate). A copy of the very event
 * that holds the step, delivered while it runs, is let in (an event id cannot tell it from Lambda's
 * retry); only one of the two can record the step (`moveAuditRun` expects it), the other stops.
 */
export const admit = (run: AuditRunRecord | undefined, trigger: AuditTrigger, holder: string, now: Date): Admission => {
  if (trigger.kind === 'schedule') {
    if (!run) return { kind: 'start' };
    if (run.state === 'COMPLETE') return { kind: 'duplicate', run };
    if (run.handoffBy === trigger.eventId) return { kind: 'hand-off', run };
    // Its continuation is on its way, or another invocation works on it: the run goes on without this one.
    if (run.handoffBy !== undefined || heldByAnother(run, holder, now)) return { kind: 'duplicate', run };
    // A crash or Lambda's retry: the run resumes from its record; its import decision stands.
    return { kind: 'take', run };
  }
  const name = `audit run ${trigger.runId}`;
  if (!run)
    return {
      kind: 'refuse',
      reason: 'never-started',
      message: `${name} was never started: its continuation is refused`,
    };
  if (run.state === 'COMPLETE') {
    if (run.completedBy === trigger.eventId) return { kind: 'duplicate', run };
    return { kind: 'refuse', reason: 'complete', message: `${name} is complete: its continuation is refused` };
  }
  if (trigger.step < run.step && run.handoffBy === trigger.eventId) return { kind: 'hand-off', run };
  if (trigger.step !== run.step)
    return {
      kind: 'refuse',
      reason: 'step-mismatch',
      message: `${name} is at step ${run.step}, not ${trigger.step}: its continuation is refused`,
    };
  if (heldByAnother(run, holder, now))
    return {
      kind: 'refuse',
      reason: 'held',
      message: `${name} is held at step ${run.step} by another invocation: this copy of its continuation is refused`,
    };
  return { kind: 'take', run };
};
