import { coverageGapEvent } from '../../domain/coverage-events';
import { keySuffixOfId, ledgerEntryOf, type LedgerEntry, type PlannedEffect } from '../../domain/ledger';
import { accountSubject } from '../../domain/subjects/account';
import { coverageData, gapStates } from '../../domain/subjects/coverage';
import type { AccountDirectory } from '../../ports/account-directory';
import type { Clock } from '../../ports/clock';
import type { SecurityIncidentResponse, SecurityIrMembership } from '../../ports/security-ir';
import { outcomeFollowUp } from '../effects/answer-handshake';
import { outcomeOfError, type EffectExecutor, type EffectOutcome } from '../effects/effect-executor';
import { confirmDelayMs, type ConfirmCoveragePayload } from './confirm-coverage';
import type { RecordCoverage } from './record-coverage';

/** Why the account's coverage is checked. */
export interface CheckCoveragePayload {
  readonly accountId: string;
  /** `lost`: the audit found the account, covered before, no longer covered. */
  readonly trigger: 'joined' | 'moved' | 'lost';
  readonly mode: 'notify' | 'enforce';
}

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

/** The part of an entry's key after its action (`check-coverage:<event>` → `:<event>`), so that follow-ups of two checks of one account never share an id. */
export const keySuffixOf = (entry: LedgerEntry): string => keySuffixOfId(entry.id);

/** The outcome announcement, keyed apart for each check of the same subject version. */
export const outcomeOf = (entry: LedgerEntry, outcome: 'executed' | 'already-done' | 'failed', at: Date, target?: string, reason?: string): PlannedEffect => {
  const followUp = outcomeFollowUp(entry, outcome, at, target, reason);
  return { ...followUp, key: `${followUp.key}${keySuffixOf(entry)}` };
};

/** The organization's membership: the one not terminated (an organization has one at a time). */
const currentMembership = async (securityIr: SecurityIncidentResponse): Promise<SecurityIrMembership | undefined> => {
  const summary = (await securityIr.listMemberships()).find((m) => m.status !== 'Terminated');
  return summary ? securityIr.getMembership(summary.id) : undefined;
};

/** The first confirmation of a coverage change, due after AWS's asynchronous processing. */
export const confirmationOf = (entry: LedgerEntry, payload: ConfirmCoveragePayload, now: Date): LedgerEntry =>
  ledgerEntryOf(entry.subject, entry.version, { action: 'confirm-coverage', key: `confirm-coverage${keySuffixOf(entry)}:1`, payload }, now, new Date(now.getTime() + confirmDelayMs(1)).toISOString());

/**
 * `check-coverage`: whether the Security Incident Response membership covers an account that joined
 * or moved, or that the audit found no longer covered (BatchGetMemberAccountDetails); what it read
 * is recorded as the account's coverage subject. An account no longer in the organization is left alone
 * (recorded by its own subject, never "repaired"); so is an organization without a membership (the
 * membership's own state is announced). Not covered: `Coverage Gap Detected`; under enforce, when the
 * membership is scoped to OUs, a `cover-account` follow-up adds the account's OU (the check itself
 * changes nothing); covering the entire organization, only a confirmation is scheduled.
 */
export const checkCoverageExecutor = (deps: CoverageDeps): EffectExecutor<CheckCoveragePayload> => ({
  action: 'check-coverage',
  async run(entries: readonly LedgerEntry<CheckCoveragePayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      try {
        outcomes.push(await check(deps, entry));
      } catch (error) {
        outcomes.push(outcomeOfError(error, (refusal) => [outcomeOf(entry, 'failed', deps.clock.now(), entry.payload.accountId, refusal.message)]));
      }
    }
    return outcomes;
  },
});

const check = async (deps: CoverageDeps, entry: LedgerEntry<CheckCoveragePayload>): Promise<EffectOutcome> => {
  const { accountId, trigger, mode } = entry.payload;
  // The membership first: an organization without one costs one call per account that joins.
  const membership = await currentMembership(deps.securityIr());
  if (!membership || membership.coverageMode === 'Standalone') return { status: 'done' };
  if (!(await deps.accounts().memberAccount(accountId))) return { status: 'done' };
  const [coverage] = await deps.securityIr().getAccountCoverage(membership.id, [accountId]);
  const status = coverage?.status ?? 'Unknown';
  // Before anything is announced: a check retried after a failure records once (its cause is the entry's id).
  await deps.record?.(entry.id, coverageData(accountId, membership.id, status, coverage?.error?.code), Math.max(1_000, Date.parse(entry.leaseUntil) - deps.clock.now().getTime()));
  // A status the model does not list (AWS added it since) is recorded, never taken for a gap to act on.
  if (status === 'Associated' || !gapStates.has(status)) return { status: 'done' };
  const parent = await deps.accounts().parentOf(accountId);
  const now = deps.clock.now();
  const gap = coverageGapEvent({
    ledgerId: entry.id,
    // The account, whichever subject's change planned the check (the account's, or its coverage's).
    subject: accountSubject(accountId),
    accountId,
    membershipId: membership.id,
    coverageMode: membership.coverageMode,
    coverage: status as 'Disassociated' | 'Unassociated' | 'Unknown',
    ...(parent ? { parentId: parent.id } : {}),
    trigger,
    mode,
    at: now.toISOString(),
    resources: membership.arn ? [membership.arn] : [],
  });
  const followUps: PlannedEffect[] = [{ action: 'publish', key: `publish:coverage-gap${keySuffixOf(entry)}`, payload: gap }];
  if (mode !== 'enforce') return { status: 'done', followUps };
  if (membership.coverageMode !== 'OrganizationalUnits') {
    // Covering the entire organization: nothing to add; the service may not have caught up yet.
    await deps.schedule([confirmationOf(entry, { accountId, membershipId: membership.id, attempt: 1 }, now)]);
    return { status: 'done', followUps };
  }
  if (parent?.type !== 'ORGANIZATIONAL_UNIT') {
    const reason = `account ${accountId} sits in the organization's root (${parent?.id ?? 'unknown'}): a membership scoped to OUs cannot cover it; move it to a covered OU or cover the entire organization`;
    return { status: 'failed', failure: { name: 'AccountOutsideAnyOuError', message: reason }, followUps: [...followUps, outcomeOf(entry, 'failed', now, membership.id, reason)] };
  }
  // The change is an effect of its own, written with the gap's announcement before it is made: a
  // crash after UpdateMembership can no longer lose what the check found (its retry would find the
  // OU listed, the account soon covered, and nothing left to say).
  const cover: CoverAccountPayload = { accountId, membershipId: membership.id, organizationalUnitId: parent.id };
  return { status: 'done', followUps: [...followUps, { action: 'cover-account', key: `cover-account${keySuffixOf(entry)}`, payload: cover }] };
};

/** Whether a follow-up names the account of the check it follows (the authority of shared/use-cases/effects/authorize-effects.ts). */
export const sameAccount = (parent: unknown, payload: { readonly accountId: string }): boolean =>
  typeof parent === 'object' && parent !== null && (parent as { accountId?: unknown }).accountId === payload.accountId;

/** What `cover-account` adds: the account's OU to the membership's OUs. */
export interface CoverAccountPayload {
  readonly accountId: string;
  readonly membershipId: string;
  readonly organizationalUnitId: string;
}

/**
 * `cover-account`: under enforce, the OU of an account the check found not covered is added to the
 * membership (UpdateMembership, `membershipAccountsConfigurationsUpdate`), and a confirmation is put
 * in the due-time index, because AWS applies coverage changes asynchronously: re-reading right after
 * the call would prove nothing. UpdateMembership takes no idempotency token; the adapter reads the
 * membership's OUs first, so a retry after a crash finds the OU listed and says `already-done`.
 */
export const coverAccountExecutor = (deps: CoverageDeps): EffectExecutor<CoverAccountPayload> => ({
  action: 'cover-account',
  // Never planned itself: the check that found the gap creates it, for the same account.
  followUpOf: { action: 'check-coverage', sameTarget: sameAccount },
  async run(entries: readonly LedgerEntry<CoverAccountPayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      const { accountId, membershipId, organizationalUnitId } = entry.payload;
      try {
        const added = await deps.securityIr().addOrganizationalUnits(membershipId, [organizationalUnitId]);
        const now = deps.clock.now();
        await deps.schedule([confirmationOf(entry, { accountId, membershipId, organizationalUnitId, attempt: 1 }, now)]);
        const executed = added.added.length > 0;
        const reason = executed
          ? `added ${organizationalUnitId} to the membership's OUs to cover account ${accountId}; confirmed later`
          : `${organizationalUnitId} was already listed; coverage of ${accountId} still pending; confirmed later`;
        outcomes.push({ status: 'done', followUps: [outcomeOf(entry, executed ? 'executed' : 'already-done', now, membershipId, reason)] });
      } catch (error) {
        outcomes.push(outcomeOfError(error, (refusal) => [outcomeOf(entry, 'failed', deps.clock.now(), membershipId, refusal.message)]));
      }
    }
    return outcomes;
  },
});
