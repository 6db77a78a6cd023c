import type { Policy } from '../../domain/policy/policy';
import { digestOf } from '../../domain/snapshot';
import type { AuditRunData, AuditSourceReport } from '../../domain/subjects/audit-run';
import { subjectId, type SubjectData, type SubjectType } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { Found, ObserveRequest, ObserveResult, PlannedChange } from '../pipeline/observe-subjects';
import type { SubjectRegistry } from '../pipeline/pipeline-model';
import { baselinePlanner, importEventName } from '../reactions/reaction-table';
import type { AuditSource } from './audit-source';

export interface AuditDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly subjects: SubjectRegistry;
  readonly sources: readonly AuditSource[];
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
  readonly policy: Policy;
}

/** Where a run stands: in memory; between invocations its record keeps it (`AuditRunRecord`), never an event. */
export interface AuditProgress {
  readonly runId: string;
  readonly import: boolean;
  readonly startedAt: string;
  /** The sources done so far, in order. */
  readonly sources: readonly AuditSourceReport[];
}

export interface AuditOptions {
  readonly dryRun?: boolean;
  /** The Lambda context's remaining time: a source is started only with `reserveMs` left. */
  readonly remaining: () => number;
  readonly reserveMs?: number;
  readonly onProgress?: (text: string) => void;
}

export type AuditOutcome =
  | { readonly done: AuditRunData; readonly planned: readonly PlannedChange[] }
  | { readonly continueWith: AuditProgress };

/** Subjects fed to the pipeline per cause. */
const chunkSize = 200;

/**
 * The audit: reads the whole world, source by source, compares it with the stored subjects (their
 * data digests, through the subjects index: no snapshot is read for a subject that did not change),
 * and feeds every difference to the same pipeline events go through. A stored subject a complete
 * listing no longer has is re-read (it may have left) unless it is already recorded gone; a listing that failed makes
 * the run partial
 * and takes nothing for gone. The run is recorded once (`audit-run:<id>`, announced as
 * `Audit Completed`); a dry run reads and plans only. When time runs short it says where to go on.
 */
export const runAudit =
  (deps: AuditDeps) =>
  async (progress: AuditProgress, options: AuditOptions): Promise<AuditOutcome> => {
    const { store, clock, sources, observe, subjects } = deps;
    const reports = [...progress.sources];
    const planned: PlannedChange[] = [];
    for (let index = reports.length; index < sources.length; index++) {
      if (reports.length > progress.sources.length && options.remaining() < (options.reserveMs ?? 60_000)) {
        return { continueWith: { ...progress, sources: reports } };
      }
      const source = sources[index]!;
      const type = subjects.typeOf(source.kind);
      const name = source.scope ? `${source.kind} ${source.scope.replace(/:$/, '')}` : source.kind;
      options.onProgress?.(`listing ${name}…`);
      const scope = `${source.kind}:${source.scope ?? ''}`;
      const inScope = (await store.listSubjects(source.kind)).filter((s) => s.subject.startsWith(scope));
      const listing = await source.list({ runId: progress.runId, stored: inScope });
      const stored = new Map(inScope.map((s) => [s.subject, s]));
      // The first audit is the baseline of every subject it finds new: recorded, not announced. A
      // subject an event recorded before it (deployed minutes earlier) changes as usual.
      const plan = progress.import ? baselinePlanner(deps.policy) : undefined;
      const found: Found[] = [];
      const listed = new Map<string, SubjectData>();
      for (const { id, data } of listing.items) {
        const subject = subjectId({ kind: source.kind, id });
        listed.set(subject, data);
        if (stored.get(subject)?.digest !== digestOf({ ...data })) found.push({ ref: { kind: source.kind, id }, data });
      }
      let gone = 0;
      if (listing.complete) {
        for (const [subject, entry] of stored) {
          // Final, or already recorded gone (a departed account): nothing a re-read could change.
          if (listed.has(subject) || type.isFinal(entry.state) || entry.state === type.goneState) continue;
          gone++;
          found.push({ ref: { kind: source.kind, id: subject.slice(source.kind.length + 1) } });
        }
      }
      let changed = 0;
      let unannounced = 0;
      for (let start = 0; start < found.length; start += chunkSize) {
        const chunk = found.slice(start, start + chunkSize);
        options.onProgress?.(`${name}: ${Math.min(start + chunkSize, found.length)} of ${found.length} differences`);
        const result = await observe({
          cause: {
            eventId: `audit:${progress.runId}:${source.kind}:${source.scope ?? ''}${start / chunkSize}`,
            eventName: progress.import ? importEventName : 'Audit',
            source: 'orgwarden.audit',
          },
          subjects: [],
          discover: () => Promise.resolve(chunk),
          remainingMs: options.remaining(),
          remember: false,
          ...(plan ? { plan } : {}),
          ...(options.dryRun ? { dryRun: true } : {}),
        });
        planned.push(...(result.planned ?? []));
        changed += options.dryRun
          ? (result.planned?.length ?? 0)
          : result.recorded.filter((r) => r.outcome === 'changed' || r.outcome === 'refreshed').length;
        // The first import is a baseline: nothing in it was ever an event's to announce.
        if (!progress.import)
          unannounced += await unannouncedIn(result, {
            type,
            store,
            from: (subject) => stored.get(subject)?.state ?? null,
            listed,
          });
      }
      reports.push({
        kind: source.kind,
        ...(source.scope ? { scope: source.scope.replace(/:$/, '') } : {}),
        listed: listing.items.length,
        stored: stored.size,
        fed: found.length,
        changed,
        gone,
        unannounced,
        complete: listing.complete,
        calls: listing.calls,
        ...(listing.error ? { error: listing.error } : {}),
      });
    }
    const finishedAt = clock.now();
    const done: AuditRunData = {
      id: progress.runId,
      state: reports.every((r) => r.complete) ? 'COMPLETE' : 'PARTIAL',
      import: progress.import,
      dryRun: options.dryRun ?? false,
      startedAt: progress.startedAt,
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - Date.parse(progress.startedAt),
      sources: reports,
      findings: reports.reduce((sum, r) => sum + r.changed, 0),
      unannounced: reports.reduce((sum, r) => sum + (r.unannounced ?? 0), 0),
      calls: reports.reduce((sum, r) => sum + r.calls, 0),
    };
    if (!options.dryRun) {
      await observe({
        cause: { eventId: `audit:${progress.runId}:record`, eventName: 'AuditCompleted', source: 'orgwarden.audit' },
        subjects: [],
        discover: () => Promise.resolve([{ ref: { kind: 'audit-run', id: progress.runId }, data: { ...done } }]),
        remainingMs: options.remaining(),
        remember: false,
      });
    }
    return { done, planned };
  };

/**
 * How many of the state moves an audit chunk recorded (or planned) an event should have announced
 * before ({@link SubjectType.announcedByEvents}): each one is an event lost on the way. A subject the
 * listing no longer had is not in `listed`: its recorded snapshot is read (a departed account: rare).
 */
const unannouncedIn = async (
  result: ObserveResult,
  context: {
    readonly type: SubjectType;
    readonly store: StateStore;
    readonly from: (subject: string) => string | null;
    readonly listed: ReadonlyMap<string, SubjectData>;
  },
): Promise<number> => {
  const { type, store, from, listed } = context;
  if (!type.announcedByEvents) return 0;
  const moves = result.planned
    ? result.planned
        .filter((p) => p.outcome === 'changed')
        .map((p) => ({ subject: p.subject, from: p.from, data: listed.get(p.subject) ?? { state: p.to } }))
    : await Promise.all(
        result.recorded
          .filter((r) => r.outcome === 'changed')
          .map(async (r) => ({
            subject: r.subject,
            from: from(r.subject),
            data: listed.get(r.subject) ?? ((await store.getSnapshot(r.subject))?.data as SubjectData | undefined),
          })),
      );
  return moves.filter(
    ({ from: before, data }) => data !== undefined && type.announcedByEvents!({ from: before, to: data.state }, data),
  ).length;
};

/**
 * A run outside the function (the CLI's `orgwarden audit`, which writes no run record): an import
 * (each kind with nothing stored yet is a baseline) when the table holds no audit run yet.
 */
export const startAudit = async (store: StateStore, clock: Clock, runId: string): Promise<AuditProgress> => ({
  runId,
  // One read, not a listing of every run so far (24 a day).
  import: !(await store.hasSubjects('audit-run')),
  startedAt: clock.now().toISOString(),
  sources: [],
});
