import { admit, type AuditRunRecord, type AuditTrigger } from '../../domain/audit-run-record';
import { ConcurrentUpdateError, ContinuationRefusedError, ContinuationUndeliveredError } from '../../domain/errors';
import type { AuditRunData } from '../../domain/subjects/audit-run';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { AuditRunRecords, StateStore } from '../../ports/state-store';
import { auditContinuationDetailType, auditContinuationSource } from '../../schemas/audit-event';
import type { AuditProgress } from './run-audit';

export interface AuditRunStepsDeps {
  readonly store: StateStore & AuditRunRecords;
  readonly clock: Clock;
  readonly publisher: () => EventPublisher;
}

/** The invocation working on a run: its event's id (Lambda's retries of it keep it) and its deadline. */
export interface Holder {
  readonly id: string;
  readonly until: string;
}

/** What the invocation goes on with: the run it now holds, a continuation to publish again, or nothing. */
export type Admitted =
  | { readonly kind: 'run'; readonly run: AuditRunRecord }
  | { readonly kind: 'hand-off' | 'duplicate'; readonly run: AuditRunRecord };

/** Another invocation wrote the record between our read and our write: read it again, a few times. */
const attempts = 3;

/** The progress `runAudit` goes on from: what the record says, nothing from the event. */
export const progressOf = (run: AuditRunRecord): AuditProgress => ({
  runId: run.runId,
  import: run.import,
  startedAt: run.startedAt,
  sources: run.sources,
});

/**
 * An audit run's steps, each a conditional write of its record: `admit` starts the run or takes its
 * step (refusing, as `ContinuationRefusedError` and with no write, a continuation its record does not
 * call for), `handOff` records the sources done and publishes the continuation (run id and step
 * only), `finish` marks the run complete, `release` lets a retry take the step at once.
 */
export const auditRunSteps = (deps: AuditRunStepsDeps) => {
  const { store, clock } = deps;

  const admitTrigger = async (trigger: AuditTrigger, holder: Holder): Promise<Admitted> => {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const now = clock.now();
      const stored = await store.getAuditRun(trigger.runId);
      const admission = admit(stored, trigger, holder.id, now);
      switch (admission.kind) {
        case 'refuse':
          throw new ContinuationRefusedError(admission.message, trigger.runId, admission.reason);
        case 'hand-off':
        case 'duplicate':
          return admission;
        case 'start': {
          // Decided once, here, and stored: no later event can make the run an import or not one.
          const run: AuditRunRecord = {
            runId: trigger.runId,
            import: !(await store.hasSubjects('audit-run')),
            startedAt: now.toISOString(),
            step: 0,
            sources: [],
            state: 'RUNNING',
            holder: holder.id,
            heldUntil: holder.until,
          };
          if ((await store.startAuditRun(run)) === 'written') return { kind: 'run', run };
          break;
        }
        case 'take': {
          const { handoffBy: _owed, ...rest } = admission.run;
          const run: AuditRunRecord = { ...rest, holder: holder.id, heldUntil: holder.until };
          if (
            (await store.moveAuditRun(run, {
              step: admission.run.step,
              holder: holder.id,
              takeOverAt: now.toISOString(),
            })) === 'written'
          )
            return { kind: 'run', run };
          break;
        }
      }
    }
    throw new ConcurrentUpdateError(`audit run ${trigger.runId}: its record kept changing under this invocation`);
  };

  /**
   * Undefined when the record moved on under this invocation: another one recorded the step first (a
   * copy of this event, or an invocation that took over a step whose holder's time ran out). That
   * one goes on with the run; this one's reports are dropped, and it stops without error.
   */
  const move = async (
    run: AuditRunRecord,
    next: AuditRunRecord,
    holder: string,
  ): Promise<AuditRunRecord | undefined> =>
    (await store.moveAuditRun(next, { step: run.step, holder })) === 'conflict' ? undefined : next;

  /** Publishes the continuation to the record's step: thrown as transient unless the bus accepted it. */
  const publishContinuation = async (run: AuditRunRecord): Promise<void> => {
    const what = `the continuation of audit run ${run.runId} at step ${run.step}`;
    let outcomes;
    try {
      outcomes = await deps.publisher().publish([
        {
          source: auditContinuationSource,
          detailType: auditContinuationDetailType,
          detail: { runId: run.runId, step: run.step },
          time: clock.now().toISOString(),
          resources: [],
        },
      ]);
    } catch (error) {
      throw new ContinuationUndeliveredError(
        `${what} was not published: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const outcome = outcomes[0];
    if (!outcome?.accepted)
      throw new ContinuationUndeliveredError(
        `${what} was refused by the bus: ${outcome ? `${outcome.code} ${outcome.message}` : 'no outcome'}`,
      );
  };

  return {
    admit: admitTrigger,
    publishContinuation,
    /**
     * The sources done are recorded before the continuation is published: its retry (this event again) publishes it
     * again.
     */
    handOff: async (
      run: AuditRunRecord,
      progress: AuditProgress,
      holder: string,
    ): Promise<AuditRunRecord | undefined> => {
      const next = await move(
        run,
        {
          runId: run.runId,
          import: run.import,
          startedAt: run.startedAt,
          step: progress.sources.length,
          sources: progress.sources,
          state: 'RUNNING',
          handoffBy: holder,
        },
        holder,
      );
      if (next) await publishContinuation(next);
      return next;
    },
    finish: (run: AuditRunRecord, done: AuditRunData, holder: string): Promise<AuditRunRecord | undefined> =>
      move(
        run,
        {
          runId: run.runId,
          import: run.import,
          startedAt: run.startedAt,
          step: done.sources.length,
          sources: done.sources,
          state: 'COMPLETE',
          completedBy: holder,
        },
        holder,
      ),
    /**
     * After a failure: the step is let go so that Lambda's retry takes it at once (best effort: else it waits for the
     * deadline).
     */
    release: async (run: AuditRunRecord, holder: string): Promise<void> => {
      const { holder: _holder, heldUntil: _until, ...free } = run;
      await store.moveAuditRun(free, { step: run.step, holder }).catch(() => undefined);
    },
  };
};
