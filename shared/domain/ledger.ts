/**
 * Every side effect is recorded in the ledger under an id derived from what causes it (subject,
 * the version its transition produced, the action), written before the effect and completed after
 * it, so that duplicates, retries, replays and crashes never repeat it.
 */
export type LedgerStatus = 'claimed' | 'done';

export interface LedgerEntry<P = unknown> {
  readonly id: string;
  readonly subject: string;
  readonly version: number;
  readonly action: string;
  readonly payload: P;
  readonly status: LedgerStatus;
  /** Until then the invocation that claimed the entry owns it; afterwards another may take over. */
  readonly leaseUntil: string;
}

export const ledgerId = (subject: string, version: number, action: string): string => `${subject}#v${version}#${action}`;

/**
 * How long an invocation owns the effects it claimed before another may take them over: the
 * functions' timeout (30 s), after which the owner is certainly gone, and less than the minute
 * Lambda waits before its first retry of a failed asynchronous invocation.
 */
export const ledgerLeaseMs = 30_000;

export const leaseUntil = (now: Date): string => new Date(now.getTime() + ledgerLeaseMs).toISOString();

/** A journal line: this event was processed for this subject, with this outcome. */
export interface JournalEntry {
  readonly eventId: string;
  readonly subject: string;
  readonly outcome: 'changed' | 'refreshed' | 'unchanged' | 'stale';
  readonly processedAt: string;
  readonly eventName: string;
  readonly source: string;
  readonly ledgerIds: readonly string[];
}
