import { maxFound } from '../../adapters/dynamodb/dynamodb-reads';
import { keys } from '../../adapters/dynamodb/table';
import type { CauseRecord, JournalEntry, LedgerEntry } from '../../domain/ledger';
import type { Snapshot, Transition } from '../../domain/snapshot';
import type {
  CommittedChange,
  DueItem,
  DuePage,
  DueSlice,
  JournalRecord,
  StoredSubject,
  SubjectState,
} from '../../ports/state-store';
import { dueKeyOf, duePartitionOf, dueSlicesOf, type DueOwner } from './memory-due-index';
import { copyItem, stripDue, type Item } from './memory-table';

export const historyKey = (subject: string, version: number): string =>
  `${subject}\u0000${String(version).padStart(10, '0')}`;
export const journalKey = (eventId: string, subject: string): string => `${eventId}\u0000${subject}`;
export const pendingOf = (item: Item | undefined): string[] =>
  item?.pending instanceof Set ? [...(item.pending as Set<string>)].sort() : [];
export const snapshotOf = (subject: string, item: Item): Snapshot => {
  const { pending: _pending, digest: _digest, dueAt: _dueAt, lookup: _lookup, ...rest } = copyItem(item);
  return { ...(rest as unknown as Snapshot), subject };
};
export const transitionOf = (item: Item): Transition => {
  const { data: _data, ...transition } = copyItem(item);
  return transition as unknown as Transition;
};
export const ledgerOf = (item: Item): LedgerEntry => stripDue(copyItem(item)) as unknown as LedgerEntry;
export const withDue = (item: Item, dueAt: string | undefined): Item => {
  const { dueAt: _dueAt, ...rest } = item;
  return dueAt === undefined ? rest : { ...rest, dueAt };
};
export const withLookup = (item: Item, lookup: string | undefined): Item => {
  const { lookup: _lookup, ...rest } = item;
  return lookup === undefined ? rest : { ...rest, lookup };
};
export const withPending = (item: Item, pending: ReadonlySet<string>): Item => {
  const { pending: _pending, ...rest } = item;
  // An empty string set is no attribute at all in DynamoDB.
  return pending.size === 0 ? rest : { ...rest, pending: new Set(pending) };
};
export const groupBySubject = <T extends { readonly subject: string }>(entries: readonly T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const entry of entries) groups.set(entry.subject, [...(groups.get(entry.subject) ?? []), entry]);
  return groups;
};

/**
 * The in-memory store's records and its reads (single records, the due and subjects indexes, the
 * sweep cursor, the listings of the inspection), as `DynamoDbReads` and `DynamoDbInspection` read
 * them: the same values, the same order, the same pages. The writes are `MemoryStateStore`'s.
 */
export class MemoryReads {
  protected readonly subjects = new Map<string, Item>();
  protected readonly history = new Map<string, Item>();
  protected readonly journal = new Map<string, Item>();
  protected readonly processed = new Map<string, Item>();
  protected readonly ledger = new Map<string, Item>();
  private cursor: string | undefined;

  listDue(slice: DueSlice, upTo: string, limit: number, after?: string): Promise<DuePage> {
    const partition = keys.duePartition(slice);
    const due: Array<{ readonly key: string; readonly item: DueItem }> = [];
    const consider = (owner: DueOwner, dueAt: unknown): void => {
      if (typeof dueAt !== 'string' || dueAt > upTo || duePartitionOf(owner, dueAt) !== partition) return;
      due.push({
        key: dueKeyOf(owner),
        item:
          owner.kind === 'ledger'
            ? { kind: 'ledger', id: owner.id, dueAt }
            : { kind: 'subject', subject: owner.subject, dueAt },
      });
    };
    for (const [id, item] of this.ledger) consider({ kind: 'ledger', id }, item.dueAt);
    for (const [subject, item] of this.subjects) consider({ kind: 'subject', subject }, item.dueAt);
    // Oldest first (the index's sort key), ties by the item's key; a page starts after the cursor's item.
    const order = (x: { key: string; item: DueItem }): string => `${x.item.dueAt}\u0000${x.key}`;
    const start = after ? (JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as string) : undefined;
    const page = due
      .sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0))
      .filter((x) => start === undefined || order(x) > start)
      .slice(0, limit);
    // As DynamoDB: a full page has a next page, even when it turns out empty.
    const next =
      page.length === limit && page.length > 0
        ? Buffer.from(JSON.stringify(order(page.at(-1)!))).toString('base64url')
        : undefined;
    return Promise.resolve({ items: page.map((x) => x.item), ...(next ? { next } : {}) });
  }

  dueSlices(since: string | undefined, upTo: string): readonly DueSlice[] {
    return dueSlicesOf(since, upTo);
  }

  listSubjects(kind: string): Promise<StoredSubject[]> {
    return Promise.resolve(
      this.indexed(kind)
        .map(([subject, item]) => ({
          subject,
          state: String(item.state),
          version: Number(item.version),
          digest: typeof item.digest === 'string' ? item.digest : '',
        }))
        .sort((x, y) => x.subject.localeCompare(y.subject)),
    );
  }

  findSubjects(kind: string, key: string): Promise<string[]> {
    return Promise.resolve(
      this.indexed(kind)
        .filter(([, item]) => item.lookup === key)
        .map(([subject]) => subject)
        .sort()
        .slice(0, maxFound),
    );
  }

  hasSubjects(kind: string): Promise<boolean> {
    return Promise.resolve(this.indexed(kind).length > 0);
  }

  getSweepCursor(): Promise<string | undefined> {
    return Promise.resolve(this.cursor);
  }

  setSweepCursor(cursor: string): Promise<void> {
    this.cursor = cursor;
    return Promise.resolve();
  }

  getSnapshot(subject: string): Promise<Snapshot | undefined> {
    const item = this.subjects.get(subject);
    return Promise.resolve(item ? snapshotOf(subject, item) : undefined);
  }

  getJournal(eventId: string, subject: string): Promise<JournalEntry | undefined> {
    const item = this.journal.get(journalKey(eventId, subject));
    return Promise.resolve(item ? (copyItem(item) as unknown as JournalEntry) : undefined);
  }

  getProcessed(eventId: string): Promise<CauseRecord | undefined> {
    const item = this.processed.get(eventId);
    return Promise.resolve(item ? (copyItem(item) as unknown as CauseRecord) : undefined);
  }

  getLedger(id: string): Promise<LedgerEntry | undefined> {
    const item = this.ledger.get(id);
    return Promise.resolve(item ? ledgerOf(item) : undefined);
  }

  getChange(subject: string, version: number): Promise<CommittedChange | undefined> {
    const item = this.history.get(historyKey(subject, version));
    if (!item) return Promise.resolve(undefined);
    const data = item.data;
    return Promise.resolve({
      transition: transitionOf(item),
      ...(data && typeof data === 'object' ? { data: copyItem(data as Item) } : {}),
    });
  }

  listSnapshots(subjectPrefix = ''): Promise<Snapshot[]> {
    const found = [...this.subjects]
      .filter(([subject]) => subject.startsWith(subjectPrefix))
      .map(([subject, item]) => snapshotOf(subject, item));
    return Promise.resolve(found.sort((x, y) => x.subject.localeCompare(y.subject)));
  }

  listHistory(subject?: string): Promise<Transition[]> {
    const found = [...this.history.values()]
      .filter((item) => subject === undefined || item.subject === subject)
      .map(transitionOf);
    return Promise.resolve(
      found.sort((x, y) => x.at.localeCompare(y.at) || x.subject.localeCompare(y.subject) || x.version - y.version),
    );
  }

  listJournal(since: string, until: string): Promise<JournalRecord[]> {
    const found = [...this.processed.values()]
      .filter((item) => typeof item.processedAt === 'string' && item.processedAt >= since && item.processedAt <= until)
      .map((item) => copyItem(item) as unknown as CauseRecord);
    return Promise.resolve(
      found.sort((x, y) => x.processedAt.localeCompare(y.processedAt) || x.eventId.localeCompare(y.eventId)),
    );
  }

  earliestDue(): Promise<string | undefined> {
    return Promise.resolve(
      [...this.ledger.values(), ...this.subjects.values()]
        .flatMap((item) => (typeof item.dueAt === 'string' ? [item.dueAt] : []))
        .sort()[0],
    );
  }

  protected stateOf(subject: string): SubjectState {
    const item = this.subjects.get(subject);
    return { ...(item ? { snapshot: snapshotOf(subject, item) } : {}), pending: pendingOf(item) };
  }

  /** The subjects index: only subjects a commit wrote (a subject item made by a follow-up alone is not in it). */
  private indexed(kind: string): Array<[string, Item]> {
    return [...this.subjects].filter(
      ([subject, item]) => item.version !== undefined && subject.slice(0, subject.indexOf(':')) === kind,
    );
  }
}
