import { coverageGapEvent } from '../../domain/coverage-events';
import type { LedgerEntry, PlannedEffect } from '../../domain/ledger';
import { accountSubject } from '../../domain/subjects/account';
import { coverageData, gapStates } from '../../domain/subjects/coverage';
import type { SecurityIncidentResponse, SecurityIrMembership } from '../../ports/security-ir';
import { outcomeOfError, type EffectOutcome, type Effect } from '../effects/effect';
import type { CoverAccountPayload } from './cover-account';
import { confirmationOf, keySuffixOf, outcomeOf, type CoverageDeps } from './coverage-steps';
export type { CoverageDeps, ScheduleEffects } from './coverage-steps';

/** Why the account's coverage is checked. */
export interface CheckCoveragePayload {
  readonly accountId: string;
  /** `lost`: the audit found the account, covered before, no longer covered. */
  readonly trigger: 'joined' | 'moved' | 'lost';
  readonly mode: 'notify' | 'enforce';
}

/** The organization's membership: the one not terminated (an organization has one at a time). */
const currentMembership = async (securityIr: SecurityIncidentResponse): Promise<SecurityIrMembership | undefined> => {
  const summary = (await securityIr.listMemberships()).find((m) => m.status !== 'Terminated');
  return summary ? securityIr.getMembership(summary.id) : undefined;
};

/**
 * `check-coverage`: whether the Security Incident Response membership covers an account that joined
 * or moved, or that the audit found no longer covered (BatchGetMemberAccountDetails); what it read
 * is recorded as the account's coverage subject. An account no longer in the organization is left alone
 * (recorded by its own subject, never "repaired"); so is an organization without a membership (the
 * membership's own state is announced). Not covered: `Coverage Gap Detected`; under enforce, when the
 * membership is scoped to OUs, a `cover-account` follow-up adds the account's OU (the check itself
 * changes nothing); covering the entire organization, only a confirmation is scheduled.
 */
export const checkCoverage: Effect<CoverageDeps, CheckCoveragePayload> = {
  action: 'check-coverage',
  // The membership (ListMemberships, GetMembership), the account's coverage, whether it is still a
  // member and its OU (DescribeAccount, ListParents).
  permissions: [
    'security-ir:ListMemberships',
    'security-ir:GetMembership',
    'security-ir:BatchGetMemberAccountDetails',
    'organizations:DescribeAccount',
    'organizations:ListParents',
  ],
  async run(deps, entries: readonly LedgerEntry<CheckCoveragePayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      try {
        outcomes.push(await check(deps, entry));
      } catch (error) {
        outcomes.push(
          outcomeOfError(error, (refusal) => [
            outcomeOf(entry, 'failed', deps.clock.now(), entry.payload.accountId, refusal.message),
          ]),
        );
      }
    }
    return outcomes;
  },
};

const check = async (deps: CoverageDeps, entry: LedgerEntry<CheckCoveragePayload>): Promise<EffectOutcome> => {
  const { accountId, trigger, mode } = entry.payload;
  // The membership first: an organization without one costs one call per account that joins.
  const membership = await currentMembership(deps.securityIr());
  if (!membership || membership.coverageMode === 'Standalone') return { status: 'done' };
  if (!(await deps.accounts().memberAccount(accountId))) return { status: 'done' };
  const [coverage] = await deps.securityIr().getAccountCoverage(membership.id, [accountId]);
  const status = coverage?.status ?? 'Unknown';
  // Before anything is announced: a check retried after a failure records once (its cause is the entry's id).
  await deps.record?.(
    entry.id,
    coverageData(accountId, membership.id, status, coverage?.error?.code),
    Math.max(1_000, Date.parse(entry.leaseUntil) - deps.clock.now().getTime()),
  );
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
  const followUps: PlannedEffect[] = [
    { action: 'publish', key: `publish:coverage-gap${keySuffixOf(entry)}`, payload: gap },
  ];
  if (mode !== 'enforce') return { status: 'done', followUps };
  if (membership.coverageMode !== 'OrganizationalUnits') {
    // Covering the entire organization: nothing to add; the service may not have caught up yet.
    await deps.schedule([confirmationOf(entry, { accountId, membershipId: membership.id, attempt: 1 }, now)]);
    return { status: 'done', followUps };
  }
  if (parent?.type !== 'ORGANIZATIONAL_UNIT') {
    const reason =
      `account ${accountId} sits in the organization's root (${parent?.id ?? 'unknown'}): a ` +
      `membership scoped to OUs cannot cover it; move it to a covered OU or cover the entire organization`;
    return {
      status: 'failed',
      failure: { name: 'AccountOutsideAnyOuError', message: reason },
      followUps: [...followUps, outcomeOf(entry, 'failed', now, membership.id, reason)],
    };
  }
  // The change is an effect of its own, written with the gap's announcement before it is made: a
  // crash after UpdateMembership can no longer lose what the check found (its retry would find the
  // OU listed, the account soon covered, and nothing left to say).
  const cover: CoverAccountPayload = { accountId, membershipId: membership.id, organizationalUnitId: parent.id };
  return {
    status: 'done',
    followUps: [...followUps, { action: 'cover-account', key: `cover-account${keySuffixOf(entry)}`, payload: cover }],
  };
};
