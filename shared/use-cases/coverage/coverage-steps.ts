import { keySuffixOfId, ledgerEntryOf, type LedgerEntry, type PlannedEffect } from '../../domain/ledger';
import type { AccountDirectory } from '../../ports/account-directory';
import type { Clock } from '../../ports/clock';
import type { SecurityIncidentResponse } from '../../ports/security-ir';
import { outcomeFollowUp } from '../effects/answer-handshake';
import type { RecordCoverage } from './record-coverage';

/**
 * What the coverage effects share (the check, the cover and the confirmations): their ports, how a
 * follow-up's key is made from its parent's, and when a confirmation is due. One module, so that the
 * effects import it and never one another.
 */

/** Writes entries that are due later (their lease runs until then; the sweep takes them over). */
export type ScheduleEffects = (entries: readonly LedgerEntry[]) => Promise<unknown>;

export interface CoverageDeps {
  readonly securityIr: () => SecurityIncidentResponse;
  readonly accounts: () => AccountDirectory;
  readonly clock: Clock;
  readonly schedule: ScheduleEffects;
  /** Records what the check read as the account's coverage subject (so that the audit does not report it again). */
  readonly record?: RecordCoverage;
}

/**
 * The part of an entry's key after its action (`check-coverage:<event>` → `:<event>`), so that follow-ups of two checks
 * of one account never share an id.
 */
export const keySuffixOf = (entry: LedgerEntry): string => keySuffixOfId(entry.id);

/** The outcome announcement, keyed apart for each check of the same subject version. */
export const outcomeOf = (
  entry: LedgerEntry,
  outcome: 'executed' | 'already-done' | 'failed',
  at: Date,
  target?: string,
  reason?: string,
): PlannedEffect => {
  const followUp = outcomeFollowUp(entry, outcome, at, target, reason);
  return { ...followUp, key: `${followUp.key}${keySuffixOf(entry)}` };
};

/**
 * Whether a follow-up names the account of the check it follows (the authority of
 * shared/use-cases/effects/authorize-effects.ts).
 */
export const sameAccount = (parent: unknown, payload: { readonly accountId: string }): boolean =>
  typeof parent === 'object' && parent !== null && (parent as { accountId?: unknown }).accountId === payload.accountId;

/** What a confirmation re-reads. */
export interface ConfirmCoveragePayload {
  readonly accountId: string;
  readonly membershipId: string;
  readonly organizationalUnitId?: string;
  /** 1 for the first confirmation; each later one is a new entry. */
  readonly attempt: number;
}

/**
 * AWS says coverage changes "can take minutes" and gives no bound: the first confirmation is due 15
 * minutes after the change, each later one waits twice as long, and after {@link maxConfirmations}
 * (about four hours in all) the reaction is reported failed. These figures are orgwarden's choice,
 * not AWS's.
 */
export const confirmDelayMs = (attempt: number): number => 15 * 60_000 * 2 ** (attempt - 1);
export const maxConfirmations = 5;

/** The first confirmation of a coverage change, due after AWS's asynchronous processing. */
export const confirmationOf = (entry: LedgerEntry, payload: ConfirmCoveragePayload, now: Date): LedgerEntry =>
  ledgerEntryOf(
    entry.subject,
    entry.version,
    { action: 'confirm-coverage', key: `confirm-coverage${keySuffixOf(entry)}:1`, payload },
    now,
    new Date(now.getTime() + confirmDelayMs(1)).toISOString(),
  );
