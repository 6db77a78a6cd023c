import { coverageData, type CoverageData } from '../../domain/subjects/coverage';
import type { MembershipData } from '../../domain/subjects/membership';
import type { CallCount } from '../../ports/call-count';
import type { SecurityIncidentResponse } from '../../ports/security-ir';
import type { StateStore } from '../../ports/state-store';
import { membershipData } from '../memberships/membership-data';
import { failedListing, type AuditRunContext, type AuditSource } from './audit-source';

/** At most 100 account ids per BatchGetMemberAccountDetails (the model's AWSAccountIds). */
export const accountsPerCoverageCall = 100;

export interface SecurityIrSourcesDeps {
  readonly securityIr: () => SecurityIncidentResponse;
  /**
   * The accounts come from what the account source of the same run recorded (no second walk of the organization's
   * tree).
   */
  readonly store: StateStore;
}

type Item<D> = { readonly id: string; readonly data: D };

/** The membership that covers the organization's accounts now: the one not terminated, unless it is standalone. */
const covering = (memberships: readonly MembershipData[]): MembershipData | undefined => {
  const current = memberships.find((m) => m.state !== 'Terminated');
  return current && current.coverageMode !== 'Standalone' ? current : undefined;
};

/**
 * The Security Incident Response sources, in this order:
 *
 * - `membership`: ListMemberships (pages of 25), then GetMembership for each, because the subject
 *   records what GetMembership says (the event path's shape, compared by digest);
 * - `coverage`: whether that membership covers each account the organization has (the account
 *   source of the same run recorded them), BatchGetMemberAccountDetails for 100 accounts a call. A
 *   coverage stored for an account that has left reads `Departed`; without a membership that covers
 *   accounts, the coverages stored read `NoMembership` (and no call is made for the others).
 *
 * The coverage source reuses the memberships the membership source read in the same run (the
 * continuation of a run in another invocation reads them again: 2 calls).
 */
export const securityIrSources = (deps: SecurityIrSourcesDeps): AuditSource[] => {
  let read: { readonly runId: string; readonly memberships: readonly MembershipData[] } | undefined;

  const readMemberships = async (count: CallCount): Promise<MembershipData[]> => {
    const memberships: MembershipData[] = [];
    for (const summary of await deps.securityIr().listMemberships(count)) {
      count.calls++;
      memberships.push(membershipData(await deps.securityIr().getMembership(summary.id)));
    }
    return memberships;
  };

  const memberships: AuditSource = {
    kind: 'membership',
    list: async (run) => {
      const count = { calls: 0 };
      try {
        const listed = await readMemberships(count);
        read = { runId: run.runId, memberships: listed };
        return { items: listed.map((data) => ({ id: data.id, data })), complete: true, calls: count.calls };
      } catch (error) {
        read = undefined;
        return failedListing(count.calls, error);
      }
    },
  };

  const coverage: AuditSource = {
    kind: 'coverage',
    list: async (run: AuditRunContext) => {
      const count = { calls: 0 };
      try {
        const known = read?.runId === run.runId ? read.memberships : await readMemberships(count);
        read = undefined;
        const membership = covering(known);
        const joined = new Set(
          (await deps.store.listSubjects('account'))
            .filter((s) => s.state === 'JOINED')
            .map((s) => s.subject.slice('account:'.length)),
        );
        const stored = run.stored.map((s) => s.subject.slice('coverage:'.length));
        const items: Array<Item<CoverageData>> = [];
        if (membership) {
          items.push(...(await coverageOf(deps.securityIr(), membership.id, [...joined].sort(), count)));
        } else {
          // No call: nothing covers the accounts; what was recorded of them says so once.
          for (const id of stored) if (joined.has(id)) items.push({ id, data: { id, state: 'NoMembership' } });
        }
        for (const id of stored) if (!joined.has(id)) items.push({ id, data: { id, state: 'Departed' } });
        return { items, complete: true, calls: count.calls };
      } catch (error) {
        return failedListing(count.calls, error);
      }
    },
  };

  return [memberships, coverage];
};

/** The coverage of every account, 100 a call; an account the service answered nothing for reads `Unknown`. */
const coverageOf = async (
  securityIr: SecurityIncidentResponse,
  membershipId: string,
  accountIds: readonly string[],
  count: CallCount,
): Promise<Array<Item<CoverageData>>> => {
  const items: Array<Item<CoverageData>> = [];
  for (let start = 0; start < accountIds.length; start += accountsPerCoverageCall) {
    const batch = accountIds.slice(start, start + accountsPerCoverageCall);
    count.calls++;
    const answered = new Map((await securityIr.getAccountCoverage(membershipId, batch)).map((c) => [c.accountId, c]));
    for (const id of batch) {
      const answer = answered.get(id);
      items.push({
        id,
        data: coverageData(id, membershipId, answer?.status ?? 'Unknown', answer ? answer.error?.code : 'NotReturned'),
      });
    }
  }
  return items;
};
