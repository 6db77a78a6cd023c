import type { OrganizationsEmulator } from '../organizations/emulator';
import { OrganizationsServiceError } from '../organizations/errors';
import type { CoverageConfiguration, MembershipRecord, OrganizationTree } from './types';

/**
 * The principal Security IR's reads of the organization are recorded under in the Organizations
 * emulator: the service reads the tree itself, through its service-linked role.
 */
export const SECURITY_IR_PRINCIPAL = 'security-ir.amazonaws.com';

/**
 * An {@link OrganizationTree} answered by the Organizations emulator through its public `handle`,
 * as the management account (ListAccounts, ListAccountsForParent,
 * ListOrganizationalUnitsForParent). Read-only calls: they deliver no events; they are recorded in
 * its `calls` under {@link SECURITY_IR_PRINCIPAL}, never as orgwarden's. Delegated administrator
 * changes come from the emulator's `onDelegatedAdministratorChange`.
 *
 * @param emulator - the Organizations emulator of the same local world
 */
export function organizationTreeOf(emulator: OrganizationsEmulator): OrganizationTree {
  const call = async (operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> =>
    (await emulator.handle(operation, input, emulator.managementAccountId, {
      principal: SECURITY_IR_PRINCIPAL,
      userAgent: SECURITY_IR_PRINCIPAL,
    })) as Record<string, unknown>;
  const all = async (operation: string, input: Record<string, unknown>, key: string): Promise<{ Id: string }[]> => {
    const items: { Id: string }[] = [];
    let token: string | undefined;
    do {
      const page = await call(operation, { ...input, ...(token ? { NextToken: token } : {}) });
      items.push(...((page[key] ?? []) as { Id: string }[]));
      token = page.NextToken as string | undefined;
    } while (token);
    return items;
  };
  const accountIds = async (): Promise<string[]> => (await all('ListAccounts', {}, 'Accounts')).map((a) => a.Id);
  const under = async (parentId: string): Promise<string[]> => {
    const accounts = (await all('ListAccountsForParent', { ParentId: parentId }, 'Accounts')).map((a) => a.Id);
    for (const ou of await all('ListOrganizationalUnitsForParent', { ParentId: parentId }, 'OrganizationalUnits'))
      accounts.push(...(await under(ou.Id)));
    return accounts;
  };
  return {
    accountIds,
    // Registrations and deregistrations as they happen, so that removing the administrator ends its membership.
    onDelegatedAdministratorChange: (listener) => emulator.onDelegatedAdministratorChange(listener),
    organizationOf: async (accountId) =>
      (await accountIds()).includes(accountId)
        ? { id: emulator.organizationId, managementAccountId: emulator.managementAccountId }
        : undefined,
    accountsUnder: async (parentId) => {
      try {
        return await under(parentId);
      } catch (error) {
        if (
          error instanceof OrganizationsServiceError &&
          (error.code === 'ParentNotFoundException' || error.code === 'InvalidInputException')
        )
          return undefined;
        throw error;
      }
    },
  };
}

/**
 * Records a coverage change of UpdateMembership. AWS applies `membershipAccountsConfigurationsUpdate`
 * asynchronously ("can take minutes"): the change takes effect `delayMs` later, on the first tick or
 * request at or after that time; at once when `delayMs` is 0.
 */
export function scheduleCoverage(membership: MembershipRecord, now: Date, delayMs: number): void {
  const wanted: CoverageConfiguration = {
    coverEntireOrganization: membership.coverEntireOrganization,
    organizationalUnits: [...membership.organizationalUnits],
  };
  if (delayMs <= 0 && membership.pendingCoverage.length === 0) membership.effective = wanted;
  else membership.pendingCoverage.push({ ...wanted, at: new Date(now.getTime() + Math.max(0, delayMs)) });
}

/** Puts into effect the coverage changes whose time has come by `now`, in the order they were made. */
export function applyPendingCoverage(membership: MembershipRecord, now: Date): void {
  while (membership.pendingCoverage[0] && membership.pendingCoverage[0].at.getTime() <= now.getTime()) {
    const { coverEntireOrganization, organizationalUnits } = membership.pendingCoverage.shift()!;
    membership.effective = { coverEntireOrganization, organizationalUnits };
  }
}

/**
 * The accounts a membership covers now: none once Terminated (a Cancelled membership still covers
 * until it ends); its own account for a Standalone membership; otherwise the whole organization or
 * the accounts under its OUs in effect, child OUs included (user guide, "Managing membership with
 * organizational units").
 */
export async function coveredAccounts(
  membership: MembershipRecord,
  tree: OrganizationTree | undefined,
): Promise<Set<string>> {
  if (membership.status === 'Terminated') return new Set();
  if (membership.customerType === 'Standalone' || !tree) return new Set([membership.accountId]);
  if (membership.effective.coverEntireOrganization) return new Set(await tree.accountIds());
  const covered = new Set<string>();
  // An OU deleted since it was added covers nothing.
  for (const ou of membership.effective.organizationalUnits)
    for (const id of (await tree.accountsUnder(ou)) ?? []) covered.add(id);
  return covered;
}

/** Covered accounts now, remembered so that an account that stops being covered reads `Disassociated`. */
export async function noteCoverage(
  membership: MembershipRecord,
  tree: OrganizationTree | undefined,
): Promise<Set<string>> {
  const covered = await coveredAccounts(membership, tree);
  for (const id of covered) membership.everCovered.add(id);
  return covered;
}

/**
 * BatchGetMemberAccountDetails items: `Associated` while covered, `Disassociated` once no longer
 * covered (OU removed, account moved or gone, membership terminated), `Unassociated` if never;
 * `relationshipType` says whether the account is in the membership's organization (`Organization`)
 * or not (`Unrelated`, the value added with OU coverage in August 2025).
 */
export async function accountDetails(
  membership: MembershipRecord,
  accountIds: string[],
  tree: OrganizationTree | undefined,
): Promise<Record<string, unknown>[]> {
  const covered = await noteCoverage(membership, tree);
  const members =
    membership.customerType === 'Organization' && tree ? new Set(await tree.accountIds()) : new Set<string>();
  return [...new Set(accountIds)].map((accountId) => ({
    accountId,
    relationshipStatus: covered.has(accountId)
      ? 'Associated'
      : membership.everCovered.has(accountId)
        ? 'Disassociated'
        : 'Unassociated',
    relationshipType: members.has(accountId) ? 'Organization' : 'Unrelated',
  }));
}
