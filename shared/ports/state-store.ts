import type { AuditRunRecord } from '../domain/audit-run-record';
import type { CauseRecord, JournalEntry, LedgerEntry } from '../domain/ledger';
import type { Snapshot, Transition } from '../domain/snapshot';

/** What is stored of one subject, as far as processing a cause needs it. */
export interface SubjectState {
  readonly snapshot?: Snapshot;
  /** Ids of the subject's ledger entries that are not finished. */
  readonly pending: readonly string[];
  /** This cause's journal line for the subject, when an earlier attempt already committed it. */
  readonly journal?: JournalEntry;
}

/** The first read of a cause: its processed mark, and what is stored of the subjects it names. */
export interface Begin {
  /** Set when the cause was processed to the end before: nothing is left to do. */
  readonly processed?: CauseRecord;
  readonly subjects: ReadonlyMap<string, SubjectState>;
}

/** One atomic change of one subject: the journal line for the cause, the new snapshot, its history and effects. */
export interface Commit {
  readonly journal: JournalEntry;
  /** Written only if the stored version is still `expectedVersion` (0: none stored). */
  readonly snapshot: { readonly next: Snapshot; readonly expectedVersion: number };
  readonly history?: Transition;
  /** Claimed by this invocation; added to the subject's pending entries. */
  readonly ledger: readonly LedgerEntry[];
  /** When the sweep must look at the subject next (its nearest deadline); absent: never. */
  readonly dueAt?: string;
  /** The key the subject is found by while open (its type's `lookupKey`); absent: not found that way. */
  readonly lookup?: string;
}

/**
 * - `committed`: everything was written.
 * - `duplicate`: this cause was already committed for this subject; nothing was written.
 * - `conflict`: the snapshot moved under us; nothing was written; re-read and try again.
 */
export type CommitResult = 'committed' | 'duplicate' | 'conflict';

/** How effects ended, written together (with the cause's processed mark when it is complete). */
export interface Settlement {
  readonly done: readonly LedgerEntry[];
  readonly failed: ReadonlyArray<{
    readonly entry: LedgerEntry;
    readonly failure: { readonly name: string; readonly message: string };
  }>;
  /** Given up for now: another attempt may take them over from `dueAt` on. */
  readonly released: ReadonlyArray<{ readonly entry: LedgerEntry; readonly dueAt: string }>;
  /** New entries that the outcomes called for (e.g. announcing a reaction), claimed by this invocation. */
  readonly created: readonly LedgerEntry[];
  /** Ids a subject still lists as pending although they are finished (or gone): dropped from the list. */
  readonly forget: ReadonlyArray<{ readonly id: string; readonly subject: string }>;
  readonly processed?: CauseRecord;
}

/** What a settlement found: follow-up entries (of `created`) that existed already, left as they were. */
export interface SettleResult {
  /** Ids an earlier attempt created (before it crashed): their payload stands; take them over to run them. */
  readonly existing: readonly string[];
}

/** An item of the due-time index: a ledger entry whose lease runs out, or a subject with a deadline. */
export type DueItem =
  | { readonly kind: 'ledger'; readonly id: string; readonly dueAt: string }
  | { readonly kind: 'subject'; readonly subject: string; readonly dueAt: string };

/**
 * One part of the due-time index: the items due on one UTC day (`YYYY-MM-DD`), in one of the store's
 * shards of it (the store says how many: a store without shards has one, `0`). Read part by part, so
 * that a run bounded in items or time resumes where it stopped.
 */
export interface DueSlice {
  readonly day: string;
  readonly shard: number;
}

/** A page of due items and where the next page starts. */
export interface DuePage {
  readonly items: readonly DueItem[];
  readonly next?: string;
}

/** A stored subject as the subjects index shows it (eventually consistent). */
export interface StoredSubject {
  readonly subject: string;
  readonly state: string;
  readonly version: number;
  /** `digestOf` the stored data. */
  readonly digest: string;
}

/** Snapshots, their history, the journal of processed causes, the ledger of effects and the due-time index. */
export interface StateStore {
  /**
   * One round trip: the cause's processed mark and, for each subject, its snapshot, pending effects and journal line.
   */
  begin(causeId: string, subjects: readonly string[]): Promise<Begin>;
  /** Snapshots and pending effects only (after a lost race). */
  readSubjects(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectState>>;
  /** Writes all parts of the commit or none of them. */
  commit(commit: Commit): Promise<CommitResult>;
  /**
   * Takes over an unfinished entry whose lease has run out (or that was released), for `leaseUntil`.
   * Returns the entry when this caller now owns it; `done` when it is already finished; `held` when
   * another invocation owns it.
   */
  claimLedger(
    id: string,
    now: Date,
    leaseUntil: string,
  ): Promise<{ readonly claimed: LedgerEntry } | 'done' | 'held' | 'missing'>;
  /**
   * Adds effects that no change of the subject produced (a deadline's warning). An entry whose id
   * exists already is left as it is: returns only the entries this call created (and now owns).
   */
  addEffects(entries: readonly LedgerEntry[]): Promise<LedgerEntry[]>;
  /**
   * Records how effects ended, in as few round trips as the store allows; follow-ups that existed are left as they
   * were.
   */
  settle(settlement: Settlement): Promise<SettleResult>;
  /** Marks a cause processed (when it changed nothing). */
  markProcessed(record: CauseRecord): Promise<void>;
  /** Moves a subject's next deadline (the sweep, after handling one). */
  setSubjectDue(subject: string, dueAt: string | undefined): Promise<void>;
  /** Due items of one slice of the due index with `dueAt <= upTo`, oldest first. */
  listDue(slice: DueSlice, upTo: string, limit: number, after?: string): Promise<DuePage>;
  /** The slices of the due index that may hold items due at or before `upTo`, from the day `since` on, oldest first. */
  dueSlices(since: string | undefined, upTo: string): readonly DueSlice[];
  /** Every stored subject of a kind, with its state and data digest (the subjects index: no scan). */
  listSubjects(kind: string): Promise<StoredSubject[]>;
  /**
   * The stored subjects of a kind found by `key` (their type's `lookupKey`, lower-cased): one read of an
   * index, whatever the number of subjects stored. Read from an index (eventually consistent on
   * DynamoDB) and from a table any role may write: the caller re-reads what it finds from AWS.
   */
  findSubjects(kind: string, key: string): Promise<string[]>;
  /** Whether any subject of a kind is stored (at most one read per index partition, not a listing). */
  hasSubjects(kind: string): Promise<boolean>;
  getSweepCursor(): Promise<string | undefined>;
  setSweepCursor(cursor: string): Promise<void>;
  getSnapshot(subject: string): Promise<Snapshot | undefined>;
  getJournal(eventId: string, subject: string): Promise<JournalEntry | undefined>;
  getProcessed(eventId: string): Promise<CauseRecord | undefined>;
  getLedger(id: string): Promise<LedgerEntry | undefined>;
  /** The committed change that produced version `version` of a subject: its history entry and the data it recorded. */
  getChange(subject: string, version: number): Promise<CommittedChange | undefined>;
}

/**
 * A change as the history keeps it: the transition and the subject's data at that version (absent
 * in history written before orgwarden kept it). What effects are authorized by (never the ledger entry).
 */
export interface CommittedChange {
  readonly transition: Transition;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A line of the journal as the journal index shows it (the event itself is read by `getProcessed`). */
export type JournalRecord = Pick<
  CauseRecord,
  'eventId' | 'eventName' | 'source' | 'processedAt' | 'functionName' | 'replayName'
>;

/** The listings of the CLI and the local stack (some are scans): the functions are never given them. */
export interface StateInspection extends StateStore {
  listSnapshots(subjectPrefix?: string): Promise<Snapshot[]>;
  listHistory(subject?: string): Promise<Transition[]>;
  listJournal(since: string, until: string): Promise<JournalRecord[]>;
  earliestDue(): Promise<string | undefined>;
}

/** How a conditional write of an audit run's record ended: `conflict` when its condition failed (nothing written). */
export type AuditRunWrite = 'written' | 'conflict';

/**
 * Audit runs' records (where a run stands between invocations). Each write is conditional, so that
 * no event, however often delivered or however forged, can make a run skip, repeat or restart a step.
 */
export interface AuditRunRecords {
  /** The run's record (a consistent read); undefined when the run was never started. */
  getAuditRun(runId: string): Promise<AuditRunRecord | undefined>;
  /** Creates the run's record; `conflict` when one exists already. */
  startAuditRun(run: AuditRunRecord): Promise<AuditRunWrite>;
  /**
   * Replaces the run's record with `next`, only while the stored one is running at `expected.step` and
   * held by `expected.holder`, or (with `takeOverAt`) held by nobody or by a holder whose time ran out.
   */
  moveAuditRun(
    next: AuditRunRecord,
    expected: { readonly step: number; readonly holder: string; readonly takeOverAt?: string },
  ): Promise<AuditRunWrite>;
}
