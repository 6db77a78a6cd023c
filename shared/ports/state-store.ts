import type { JournalEntry, LedgerEntry } from '../domain/ledger';
import type { Snapshot, Transition } from '../domain/snapshot';

/** One atomic change: the journal line for an event and subject, and what it changed. */
export interface Commit {
  readonly journal: JournalEntry;
  /** The new snapshot, written only if the stored version is still `expectedVersion` (0: none stored). */
  readonly snapshot?: { readonly next: Snapshot; readonly expectedVersion: number };
  readonly history?: Transition;
  readonly ledger?: readonly LedgerEntry[];
}

/**
 * - `committed`: everything was written.
 * - `duplicate`: this event was already processed for this subject; nothing was written.
 * - `conflict`: the snapshot moved under us; nothing was written; re-read and try again.
 */
export type CommitResult = 'committed' | 'duplicate' | 'conflict';

/** Snapshots, their history, the journal of processed events and the ledger of side effects. */
export interface StateStore {
  getSnapshot(subject: string): Promise<Snapshot | undefined>;
  /** Writes all parts of the commit or none of them. */
  commit(commit: Commit): Promise<CommitResult>;
  getJournal(eventId: string, subject: string): Promise<JournalEntry | undefined>;
  getLedger(id: string): Promise<LedgerEntry | undefined>;
  /** Takes over an unfinished entry whose lease has run out; false if someone else holds or finished it. */
  claimLedger(id: string, now: Date, leaseUntil: string): Promise<boolean>;
  /** Gives up a claim at once (the effect failed), so that the next attempt may take it over. */
  releaseLedger(id: string): Promise<void>;
  completeLedger(id: string, at: string): Promise<void>;
  listSnapshots(subjectPrefix?: string): Promise<Snapshot[]>;
  listHistory(subject?: string): Promise<Transition[]>;
}
