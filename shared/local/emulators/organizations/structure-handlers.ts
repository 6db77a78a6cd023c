import { memberAccount } from './account-lifecycle';
import { membershipDetails, REDACTED } from './cloudtrail';
import type { OperationContext, OperationHandler } from './context';
import { fail } from './errors';
import { paginate } from './pagination';
import { cloudTrailDate } from './time';
import type { CreateAccountStatusRecord } from './types';

/** AWS allows five levels of OUs under the root. */
const MAX_OU_DEPTH = 5;

function requireParent(context: OperationContext, parentId: string): void {
  if (!context.world.isParent(parentId))
    throw fail.of('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
}

/**
 * CreateAccount: AWS answers IN_PROGRESS and finishes in the background; the emulator finishes at
 * once (SUCCEEDED, or FAILED with EMAIL_ALREADY_EXISTS), so DescribeCreateAccountStatus already
 * shows the outcome, and the CreateAccountResult and AccountJoinedOrganization events follow the call.
 */
const createAccount: OperationHandler = (input, context) => {
  const { Email, AccountName } = input as { Email: string; AccountName: string };
  const { world, ids, now } = context;
  world.requireManagement(context.caller);
  const status: CreateAccountStatusRecord = {
    id: ids.createAccountRequestId(),
    accountName: AccountName,
    state: 'IN_PROGRESS',
    requestedAt: now,
  };
  const response = { CreateAccountStatus: world.renderCreateAccountStatus(status) };
  const taken = [...world.accounts.values()].some((account) => account.email.toLowerCase() === Email.toLowerCase());
  if (taken) {
    Object.assign(status, { state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS', completedAt: now });
  } else {
    let id = ids.accountId();
    while (world.accounts.has(id)) id = ids.accountId();
    world.accounts.set(id, {
      id,
      email: Email,
      name: AccountName,
      member: { joinedMethod: 'CREATED', joinedAt: now, parentId: world.organization.rootId, state: 'ACTIVE' },
    });
    Object.assign(status, { state: 'SUCCEEDED', accountId: id, completedAt: now });
  }
  world.createAccountStatuses.set(status.id, status);
  context.emit({
    eventName: 'CreateAccountResult',
    serviceEventDetails: {
      createAccountStatus: {
        id: status.id,
        state: status.state,
        accountName: REDACTED,
        ...(status.accountId ? { accountId: status.accountId } : {}),
        ...(status.failureReason ? { failureReason: status.failureReason } : {}),
        requestedTimestamp: cloudTrailDate(status.requestedAt),
        completedTimestamp: cloudTrailDate(now),
      },
    },
  });
  if (status.accountId) context.emit(membershipDetails(status.accountId, { joinedMethod: 'CREATED' }, now));
  return response;
};

const describeCreateAccountStatus: OperationHandler = (input, context) => {
  context.world.requireManagementOrDelegatedAdministrator(context.caller);
  const status = context.world.createAccountStatuses.get(
    (input as { CreateAccountRequestId: string }).CreateAccountRequestId,
  );
  if (!status)
    throw fail.of(
      'CreateAccountStatusNotFoundException',
      "We can't find an create account request with the CreateAccountRequestId that you specified.",
    );
  return { CreateAccountStatus: context.world.renderCreateAccountStatus(status) };
};

const createOrganizationalUnit: OperationHandler = (input, context) => {
  const { ParentId, Name } = input as { ParentId: string; Name: string };
  const { world, ids } = context;
  world.requireManagement(context.caller);
  requireParent(context, ParentId);
  if (world.ancestry(ParentId).length > MAX_OU_DEPTH) {
    throw fail.constraint(
      'OU_DEPTH_LIMIT_EXCEEDED',
      'You attempted to create an OU tree that is too many levels deep.',
    );
  }
  if ([...world.organizationalUnits.values()].some((ou) => ou.parentId === ParentId && ou.name === Name)) {
    throw fail.of('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
  }
  const ou = { id: ids.organizationalUnitId(world.organization.rootId), name: Name, parentId: ParentId };
  world.organizationalUnits.set(ou.id, ou);
  return { OrganizationalUnit: world.renderOrganizationalUnit(ou) };
};

const listOrganizationalUnitsForParent: OperationHandler = (input, context) => {
  const { ParentId } = input as { ParentId: string };
  context.world.requireManagementOrDelegatedAdministrator(context.caller);
  requireParent(context, ParentId);
  const ous = [...context.world.organizationalUnits.values()].filter((ou) => ou.parentId === ParentId);
  const { page, NextToken } = paginate(ous, input, 'ListOrganizationalUnitsForParent');
  return {
    OrganizationalUnits: page.map((ou) => context.world.renderOrganizationalUnit(ou)),
    ...(NextToken ? { NextToken } : {}),
  };
};

const listRoots: OperationHandler = (input, context) => {
  context.world.requireManagementOrDelegatedAdministrator(context.caller);
  const { page, NextToken } = paginate([context.world.renderRoot()], input, 'ListRoots');
  return { Roots: page, ...(NextToken ? { NextToken } : {}) };
};

const moveAccount: OperationHandler = (input, context) => {
  const { AccountId, SourceParentId, DestinationParentId } = input as {
    AccountId: string;
    SourceParentId: string;
    DestinationParentId: string;
  };
  const { world } = context;
  world.requireManagement(context.caller);
  const account = memberAccount(context, AccountId);
  if (!world.isParent(SourceParentId))
    throw fail.of(
      'SourceParentNotFoundException',
      "We can't find a source root or OU with the ParentId that you specified.",
    );
  if (!world.isParent(DestinationParentId)) {
    throw fail.of(
      'DestinationParentNotFoundException',
      "We can't find the destination container (a root or OU) with the ParentId that you specified.",
    );
  }
  if (account.member!.parentId !== SourceParentId) throw fail.accountNotFound();
  if (SourceParentId === DestinationParentId)
    throw fail.of('DuplicateAccountException', 'That account is already present in the specified destination.');
  account.member!.parentId = DestinationParentId;
  return {};
};

const listAccounts: OperationHandler = (input, context) => {
  context.world.requireManagementOrDelegatedAdministrator(context.caller);
  const { page, NextToken } = paginate(context.world.members(), input, 'ListAccounts');
  return { Accounts: page.map((account) => context.world.renderAccount(account)), ...(NextToken ? { NextToken } : {}) };
};

const listAccountsForParent: OperationHandler = (input, context) => {
  const { ParentId } = input as { ParentId: string };
  context.world.requireManagementOrDelegatedAdministrator(context.caller);
  requireParent(context, ParentId);
  const accounts = context.world.members().filter((account) => account.member!.parentId === ParentId);
  const { page, NextToken } = paginate(accounts, input, 'ListAccountsForParent');
  return { Accounts: page.map((account) => context.world.renderAccount(account)), ...(NextToken ? { NextToken } : {}) };
};

const listParents: OperationHandler = (input, context) => {
  const { ChildId } = input as { ChildId: string };
  const { world } = context;
  world.requireManagementOrDelegatedAdministrator(context.caller);
  const parentId = world.accounts.get(ChildId)?.member?.parentId ?? world.organizationalUnits.get(ChildId)?.parentId;
  if (!parentId)
    throw fail.of(
      'ChildNotFoundException',
      "We can't find an organizational unit (OU) or Amazon Web Services account with the ChildId that you specified.",
    );
  const parents = [{ Id: parentId, Type: parentId === world.organization.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
  const { page, NextToken } = paginate(parents, input, 'ListParents');
  return { Parents: page, ...(NextToken ? { NextToken } : {}) };
};

const describeAccount: OperationHandler = (input, context) => {
  context.world.requireManagementOrDelegatedAdministrator(context.caller);
  return { Account: context.world.renderAccount(memberAccount(context, (input as { AccountId: string }).AccountId)) };
};

const describeOrganization: OperationHandler = (_input, context) => {
  const { world, caller } = context;
  const external = world.accounts.get(caller)?.externalOrganizationId;
  if (external && world.standing(caller) === 'external-management') {
    // An outside account that manages an organization of its own sees that organization.
    const account = world.accounts.get(caller)!;
    const arn = (resource: string): string => `arn:aws:organizations::${caller}:${resource}`;
    return {
      Organization: {
        Id: external,
        Arn: arn(`organization/${external}`),
        FeatureSet: 'ALL',
        MasterAccountArn: arn(`account/${external}/${caller}`),
        MasterAccountId: caller,
        MasterAccountEmail: account.email,
      },
    };
  }
  world.requireInOrganization(caller);
  return { Organization: world.renderOrganization() };
};

/** Handlers of the organization-structure operations (accounts, OUs, roots). */
export const structureHandlers: Record<string, OperationHandler> = {
  CreateAccount: createAccount,
  DescribeCreateAccountStatus: describeCreateAccountStatus,
  CreateOrganizationalUnit: createOrganizationalUnit,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
  ListRoots: listRoots,
  MoveAccount: moveAccount,
  ListAccounts: listAccounts,
  ListAccountsForParent: listAccountsForParent,
  ListParents: listParents,
  DescribeAccount: describeAccount,
  DescribeOrganization: describeOrganization,
};
