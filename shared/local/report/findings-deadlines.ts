/** The deadlines part of the findings (./findings.ts): warned of, or still ahead. */
import type { LocalReport } from '../scenario/report';
import { isRecord, text, whoOf } from './parties';

type Snapshot = LocalReport['snapshots'][number];

const DAY = 86_400_000;

export interface DeadlineFinding {
  readonly subject: string;
  /** `expiry`, `acceptance`, `start`, `end`. */
  readonly deadline: string;
  readonly dueAt: string;
  /** The warnings published before it (`7d`, `1d`, `1h`); none for a deadline only the snapshot shows. */
  readonly warnings: readonly string[];
  readonly stateNow: string | undefined;
  readonly who: readonly string[];
  /** Whole days from `asOf`; negative once passed. */
  readonly inDays: number;
  /**
   * No longer ahead: its time has come, or the subject left the state the deadline belongs to (an
   * invitation answered, expired or cancelled before it).
   */
  readonly passed: boolean;
  /** Why it is no longer ahead: `passed` (its time came) or `closed` (the subject moved on first). */
  readonly over: 'passed' | 'closed' | undefined;
}

const deadlinesAhead = (snapshot: Snapshot): Array<{ deadline: string; dueAt: string }> => {
  const data = isRecord(snapshot.data) ? snapshot.data : {};
  const at = (value: unknown): string | undefined =>
    text(value) && !Number.isNaN(Date.parse(String(value))) ? new Date(String(value)).toISOString() : undefined;
  const kind = snapshot.subject.split(':')[0];
  if (kind === 'handshake' && (snapshot.state === 'OPEN' || snapshot.state === 'REQUESTED')) {
    const due = at(data.expiresAt);
    return due ? [{ deadline: 'expiry', dueAt: due }] : [];
  }
  if (kind !== 'transfer') return [];
  const start = at(data.startAt);
  const end = at(data.endAt);
  if (snapshot.state === 'PENDING_ACCEPTANCE' && start)
    return [{ deadline: 'acceptance', dueAt: new Date(Date.parse(start) - DAY).toISOString() }];
  if (snapshot.state === 'ACCEPTED' && start) return [{ deadline: 'start', dueAt: start }];
  if ((snapshot.state === 'ACTIVE' || snapshot.state === 'ENDING') && end) return [{ deadline: 'end', dueAt: end }];
  return [];
};

/**
 * The deadlines of the open invitations and billing transfers: those orgwarden warned of (its
 * `… Expiring` events, one row per deadline with every lead time it was warned at), and those still
 * ahead that only the snapshots show (not warned yet). Those ahead first, soonest first.
 */
export const deadlinesOf = (
  input: { readonly snapshots: readonly Snapshot[]; readonly asOf: string },
  warnings: ReadonlyArray<{ readonly d: Record<string, unknown> }>,
  find: (subject: string) => Snapshot | undefined,
): DeadlineFinding[] => {
  const rows = new Map<string, { subject: string; deadline: string; dueAt: string; warnings: string[] }>();
  const row = (subject: string, deadline: string, dueAt: string) => {
    const key = `${subject}#${deadline}@${new Date(dueAt).toISOString()}`;
    const found = rows.get(key) ?? { subject, deadline, dueAt: new Date(dueAt).toISOString(), warnings: [] };
    rows.set(key, found);
    return found;
  };
  for (const { d } of warnings) {
    const subject = text(d.subject);
    const dueAt = text(d.dueAt);
    if (!subject || !dueAt || Number.isNaN(Date.parse(dueAt))) continue;
    const found = row(subject, text(d.deadline) ?? 'deadline', dueAt);
    if (text(d.leadTime) && !found.warnings.includes(String(d.leadTime))) found.warnings.push(String(d.leadTime));
  }
  for (const snapshot of input.snapshots)
    for (const ahead of deadlinesAhead(snapshot)) row(snapshot.subject, ahead.deadline, ahead.dueAt);
  const now = Date.parse(input.asOf);
  return [...rows.values()]
    .map((r) => {
      const snapshot = find(r.subject);
      const left = Date.parse(r.dueAt) - now;
      // A warned deadline still belongs to the subject while its snapshot still shows it.
      const open = !snapshot || deadlinesAhead(snapshot).some((d) => d.deadline === r.deadline);
      const over = left <= 0 ? ('passed' as const) : open ? undefined : ('closed' as const);
      return {
        ...r,
        stateNow: snapshot?.state,
        who: whoOf(snapshot),
        inDays: Math.floor(left / DAY),
        passed: over !== undefined,
        over,
      };
    })
    .sort((a, b) => Number(a.passed) - Number(b.passed) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
};
