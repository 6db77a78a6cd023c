import type { AuditRunRecord } from '../../shared/domain/audit-run-record';
import type { JournalEntry, LedgerEntry } from '../../shared/domain/ledger';
import type { Snapshot, Transition } from '../../shared/domain/snapshot';
import type { AuditRunRecords, StateInspection } from '../../shared/ports/state-store';

/** A store under contract: every store orgwarden has (DynamoDB, in memory) passes the same suite. */
export type ContractStore = StateInspection & AuditRunRecords;

export const subject = 'handshake:h-0123456789';
export const snapshot = (version: number, state = 'OPEN'): Snapshot => ({
  subject,
  kind: 'handshake',
  state,
  version,
  observedAt: `2026-11-0${version}T00:00:00.000Z`,
  data: { id: 'h-0123456789', state },
});
export const journal = (eventId: string, ledgerIds: string[] = []): JournalEntry => ({
  eventId,
  subject,
  outcome: 'changed',
  processedAt: '2026-11-01T00:00:00.000Z',
  eventName: 'InviteAccountToOrganization',
  source: 'aws.organizations',
  ledgerIds,
});
export const transition = (version: number, from: string | null, to: string): Transition => ({
  subject,
  from,
  to,
  at: `2026-11-0${version}T00:00:00.000Z`,
  version,
  cause: { eventId: `e-${version}`, eventName: 'X', source: 'aws.organizations' },
});
export const entry = (version = 1, leaseUntil = '2026-11-01T00:00:30.000Z', action = 'publish'): LedgerEntry => ({
  id: `${subject}#v${version}#${action}`,
  subject,
  version,
  action,
  payload: { hello: 'world' },
  status: 'claimed',
  leaseUntil,
  attempts: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
});
export const at = (iso: string): Date => new Date(iso);
export const run = (fields: Partial<AuditRunRecord> = {}): AuditRunRecord => ({
  runId: 'run-1',
  import: false,
  startedAt: '2026-11-01T00:00:00.000Z',
  step: 0,
  sources: [],
  state: 'RUNNING',
  holder: 'e-a',
  heldUntil: '2026-11-01T00:15:00.000Z',
  ...fields,
});
