import type { AuditRunRecord } from '../../domain/audit-run-record';
import type { CauseRecord, JournalEntry, LedgerEntry } from '../../domain/ledger';
import { digestOf } from '../../domain/snapshot';
import type {
  AuditRunRecords,
  AuditRunWrite,
  Begin,
  CommitResult,
  Commit,
  SettleResult,
  Settlement,
  StateInspection,
  SubjectState,
} from '../../ports/state-store';
import {
  groupBySubject,
  journalKey,
  historyKey,
  ledgerOf,
  MemoryReads,
  pendingOf,
  withDue,
  withLookup,
  withPending,
} from './memory-reads';
import { copyItem, maxWrites, rejected, transact, type Item, type Write } from './memory-table';

/**
 * The state store in memory, with the semantics of `DynamoDbStateStore` (and its inspection and audit
 * run records): the same conditional writes, all-or-nothing transactions, due index and its pages,
 * and the same values read back. For the tests and the local tooling: no function is built with it.
 * Each call runs to its end before another starts (no await inside), as one DynamoDB request does.
 */
export class MemoryStateStore extends MemoryReads implements StateInspection, AuditRunRecords {
  private readonly runs = new Map<string, Item>();

  begin(causeId: string, subjects: readonly string[]): Promise<Begin> {
    const processed = this.processed.get(causeId);
    const states = new Map<string, SubjectState>();
    for (const subject of subjects) {
      const journal = this.journal.get(journalKey(causeId, subject));
      states.set(subject, {
        ...this.stateOf(subject),
        ...(journal ? { journal: copyItem(journal) as unknown as JournalEntry } : {}),
      });
    }
    return Promise.resolve({
      ...(processed ? { processed: copyItem(processed) as unknown as CauseRecord } : {}),
      subjects: states,
    });
  }

  readSubjects(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectState>> {
    return Promise.resolve(new Map(subjects.map((subject) => [subject, this.stateOf(subject)])));
  }

  commit(commit: Commit): Promise<CommitResult> {
    const { journal, snapshot, history, ledger, dueAt, lookup } = commit;
    const { next, expectedVersion } = snapshot;
    const stored = this.subjects.get(next.subject);
    const writes: Write[] = [
      {
        key: `journal ${journalKey(journal.eventId, journal.subject)}`,
        check: () => !this.journal.has(journalKey(journal.eventId, journal.subject)),
        apply: () => this.journal.set(journalKey(journal.eventId, journal.subject), copyItem({ ...journal })),
      },
      {
        key: `subject ${next.subject}`,
        check: () => (expectedVersion === 0 ? stored === undefined : stored?.version === expectedVersion),
        apply: () => {
          const written = {
            ...(stored ?? {}),
            kind: next.kind,
            state: next.state,
            version: next.version,
            observedAt: next.observedAt,
            data: next.data,
            digest: digestOf(next.data),
          };
          const pending = new Set([...pendingOf(stored), ...ledger.map((entry) => entry.id)]);
          this.subjects.set(next.subject, copyItem(withPending(withLookup(withDue(written, dueAt), lookup), pending)));
        },
      },
    ];
    // The history keeps the data of the version it produced (as on DynamoDB): effects are authorized by it.
    if (history)
      writes.push({
        key: `history ${historyKey(history.subject, history.version)}`,
        check: () => !this.history.has(historyKey(history.subject, history.version)),
        apply: () =>
          this.history.set(historyKey(history.subject, history.version), copyItem({ ...history, data: next.data })),
      });
    for (const entry of ledger) writes.push(this.putLedger(entry));
    let failed: number[];
    try {
      failed = transact(writes, 'commit change');
    } catch (error) {
      // Refused before any condition was looked at (as DynamoDB's ValidationException): a rejection, never a throw.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (failed.length === 0) return Promise.resolve('committed');
    // The journal line comes first: it failing means this cause was committed for the subject already.
    return Promise.resolve(failed[0] === 0 ? 'duplicate' : 'conflict');
  }

  claimLedger(
    id: string,
    now: Date,
    leaseUntil: string,
  ): Promise<{ readonly claimed: LedgerEntry } | 'done' | 'held' | 'missing'> {
    const item = this.ledger.get(id);
    if (!item) return Promise.resolve('missing');
    const free =
      item.status === 'claimed' && typeof item.leaseUntil === 'string' && item.leaseUntil <= now.toISOString();
    if (!free) return Promise.resolve(item.status === 'claimed' ? 'held' : 'done');
    const claimed = copyItem({
      ...item,
      leaseUntil,
      dueAt: leaseUntil,
      attempts: (typeof item.attempts === 'number' ? item.attempts : 0) + 1,
    });
    this.ledger.set(id, claimed);
    return Promise.resolve({ claimed: ledgerOf(claimed) });
  }

  addEffects(entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
    const created = entries.filter((entry) => {
      if (this.ledger.has(entry.id)) return false;
      this.ledger.set(entry.id, copyItem({ ...entry, dueAt: entry.leaseUntil }));
      return true;
    });
    // Only to subjects that exist (a conditional update on DynamoDB): the entries are in the due index anyway.
    for (const [subject, group] of groupBySubject(created)) {
      const item = this.subjects.get(subject);
      if (item)
        this.subjects.set(
          subject,
          copyItem(withPending(item, new Set([...pendingOf(item), ...group.map((e) => e.id)]))),
        );
    }
    return Promise.resolve(created);
  }

  settle(settlement: Settlement): Promise<SettleResult> {
    const existing = this.createEntries(settlement.created);
    const writes: Write[] = [];
    const finished = groupBySubject<{ readonly id: string; readonly subject: string }>([
      ...settlement.done,
      ...settlement.failed.map((f) => f.entry),
      ...settlement.forget,
    ]);
    // The DynamoDB store reads the clock here too, when no processed mark gives the time.
    const now = settlement.processed?.processedAt ?? new Date().toISOString();
    for (const entry of settlement.done)
      writes.push(this.finishLedger(entry.id, { status: 'done', completedAt: entry.completedAt ?? now }));
    for (const { entry, failure } of settlement.failed)
      writes.push(this.finishLedger(entry.id, { status: 'failed', completedAt: entry.completedAt ?? now, failure }));
    for (const { entry, dueAt } of settlement.released) {
      // Released: anyone may take it over from dueAt on (leaseUntil <= now then holds).
      writes.push({
        key: `ledger ${entry.id}`,
        check: () => this.ledger.get(entry.id)?.status === 'claimed',
        apply: () => this.ledger.set(entry.id, copyItem({ ...this.ledger.get(entry.id), leaseUntil: dueAt, dueAt })),
      });
    }
    for (const [subject, group] of finished) {
      const ids = new Set(group.map((entry) => entry.id));
      writes.push({
        key: `subject ${subject}`,
        check: () => this.subjects.has(subject),
        apply: () => {
          const item = this.subjects.get(subject)!;
          this.subjects.set(
            subject,
            copyItem(withPending(item, new Set(pendingOf(item).filter((id) => !ids.has(id))))),
          );
        },
      });
    }
    const processed = settlement.processed;
    if (processed)
      writes.push({
        key: `processed ${processed.eventId}`,
        apply: () => this.processed.set(processed.eventId, copyItem({ ...processed })),
      });
    // In chunks of DynamoDB's limit, each all or nothing, as the DynamoDB store writes them.
    try {
      for (let start = 0; start < writes.length; start += maxWrites) {
        if (transact(writes.slice(start, start + maxWrites), 'settle effects').length > 0)
          throw rejected('settle effects', 'ConditionalCheckFailed');
      }
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return Promise.resolve({ existing });
  }

  markProcessed(record: CauseRecord): Promise<void> {
    this.processed.set(record.eventId, copyItem({ ...record }));
    return Promise.resolve();
  }

  setSubjectDue(subject: string, dueAt: string | undefined): Promise<void> {
    const item = this.subjects.get(subject);
    if (item) this.subjects.set(subject, copyItem(withDue(item, dueAt)));
    return Promise.resolve();
  }

  getAuditRun(runId: string): Promise<AuditRunRecord | undefined> {
    const item = this.runs.get(runId);
    return Promise.resolve(item ? (copyItem(item) as unknown as AuditRunRecord) : undefined);
  }

  startAuditRun(run: AuditRunRecord): Promise<AuditRunWrite> {
    if (this.runs.has(run.runId)) return Promise.resolve('conflict');
    this.runs.set(run.runId, copyItem({ ...run }));
    return Promise.resolve('written');
  }

  /** The whole record replaced (absent fields removed), under the condition on the stored step, state and holder. */
  moveAuditRun(
    next: AuditRunRecord,
    expected: { readonly step: number; readonly holder: string; readonly takeOverAt?: string },
  ): Promise<AuditRunWrite> {
    const stored = this.runs.get(next.runId);
    const { takeOverAt } = expected;
    const held =
      takeOverAt === undefined
        ? stored?.holder === expected.holder
        : stored?.holder === undefined ||
          stored.holder === expected.holder ||
          (typeof stored.heldUntil === 'string' && stored.heldUntil <= takeOverAt);
    if (!stored || stored.step !== expected.step || stored.state !== 'RUNNING' || !held)
      return Promise.resolve('conflict');
    this.runs.set(next.runId, copyItem({ ...next }));
    return Promise.resolve('written');
  }

  private putLedger(entry: LedgerEntry): Write {
    return {
      key: `ledger ${entry.id}`,
      check: () => !this.ledger.has(entry.id),
      apply: () => this.ledger.set(entry.id, copyItem({ ...entry, dueAt: entry.leaseUntil })),
    };
  }

  /** Done or failed: out of the due index. Unconditional: an update of a missing entry creates it, as on DynamoDB. */
  private finishLedger(id: string, fields: Item): Write {
    return {
      key: `ledger ${id}`,
      apply: () => this.ledger.set(id, copyItem(withDue({ ...this.ledger.get(id), ...fields }, undefined))),
    };
  }

  /**
   * Follow-up entries, each with its subject's pending set (which an update creates if absent); those
   * that exist are left as they are and returned.
   */
  private createEntries(entries: readonly LedgerEntry[]): string[] {
    const existing: string[] = [];
    for (const [subject, group] of groupBySubject(entries)) {
      const fresh = group.filter((entry) => !this.ledger.has(entry.id));
      existing.push(...group.filter((entry) => !fresh.includes(entry)).map((entry) => entry.id));
      if (fresh.length === 0) continue;
      for (const entry of fresh) this.ledger.set(entry.id, copyItem({ ...entry, dueAt: entry.leaseUntil }));
      const item = this.subjects.get(subject) ?? {};
      this.subjects.set(
        subject,
        copyItem(withPending(item, new Set([...pendingOf(item), ...fresh.map((entry) => entry.id)]))),
      );
    }
    return existing;
  }
}
