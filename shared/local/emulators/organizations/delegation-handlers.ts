// Delegated administrators (Register/DeregisterDelegatedAdministrator and their lists). Trusted
// access (EnableAWSServiceAccess) is not emulated, so SERVICE_ACCESS_NOT_ENABLED never happens.
import { memberAccount } from './account-lifecycle';
import type { OperationContext, OperationHandler } from './context';
import { fail } from './errors';
import { paginate } from './pagination';
import type { DelegationRecord } from './types';

/**
 * A service principal AWS would recognise. AWS checks against its list of integrated services;
 * the emulator accepts any `<name>.amazonaws.com` (its guess) and answers anything else with
 * InvalidInputException UNRECOGNIZED_SERVICE_PRINCIPAL.
 */
function requireKnownPrincipal(servicePrincipal: string): void {
  if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/.test(servicePrincipal)) {
    throw fail.invalidInput(
      'UNRECOGNIZED_SERVICE_PRINCIPAL',
      "You specified a service principal that isn't recognized.",
    );
  }
}

/** Lists are for the management account and the delegated administrators; other members are refused. */
function requireDelegationReader(context: OperationContext): void {
  context.world.requireManagementOrDelegatedAdministrator(context.caller);
}

const registerDelegatedAdministrator: OperationHandler = (input, context) => {
  const { AccountId, ServicePrincipal } = input as { AccountId: string; ServicePrincipal: string };
  const { world, now } = context;
  world.requireManagement(context.caller);
  requireKnownPrincipal(ServicePrincipal);
  if (world.organization.featureSet !== 'ALL') {
    throw fail.constraint(
      'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      'This operation requires the organization to have all features enabled.',
    );
  }
  if (AccountId === world.organization.managementAccountId) {
    throw fail.constraint(
      'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
      'You cannot register the management account as a delegated administrator.',
    );
  }
  const account = memberAccount(context, AccountId);
  if (account.member!.state !== 'ACTIVE') {
    throw fail.constraint(
      'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
      'You cannot register a suspended account as a delegated administrator.',
    );
  }
  const forService = world.delegations.filter((delegation) => delegation.servicePrincipal === ServicePrincipal);
  if (forService.some((delegation) => delegation.accountId === AccountId)) {
    throw fail.of(
      'AccountAlreadyRegisteredException',
      'The specified account is already a delegated administrator for this service.',
    );
  }
  // Most integrated services allow one delegated administrator (Security IR, GuardDuty, Macie...);
  // the emulator applies that to every service, a simplification.
  if (forService.length > 0) {
    throw fail.constraint(
      'DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE',
      'The service already has a delegated administrator. Deregister it first.',
    );
  }
  world.delegations.push({ accountId: AccountId, servicePrincipal: ServicePrincipal, at: now });
  context.delegationChanged({ kind: 'registered', accountId: AccountId, servicePrincipal: ServicePrincipal, at: now });
  return {};
};

const deregisterDelegatedAdministrator: OperationHandler = (input, context) => {
  const { AccountId, ServicePrincipal } = input as { AccountId: string; ServicePrincipal: string };
  const { world, now } = context;
  world.requireManagement(context.caller);
  requireKnownPrincipal(ServicePrincipal);
  memberAccount(context, AccountId);
  const index = world.delegations.findIndex(
    (delegation) => delegation.accountId === AccountId && delegation.servicePrincipal === ServicePrincipal,
  );
  if (index < 0)
    throw fail.of(
      'AccountNotRegisteredException',
      'The specified account is not a delegated administrator for this service.',
    );
  world.delegations.splice(index, 1);
  context.delegationChanged({
    kind: 'deregistered',
    accountId: AccountId,
    servicePrincipal: ServicePrincipal,
    at: now,
  });
  return {};
};

const listDelegatedAdministrators: OperationHandler = (input, context) => {
  const { ServicePrincipal } = input as { ServicePrincipal?: string };
  const { world } = context;
  requireDelegationReader(context);
  const byAccount = new Map<string, DelegationRecord[]>();
  for (const delegation of world.delegations) {
    if (ServicePrincipal && delegation.servicePrincipal !== ServicePrincipal) continue;
    byAccount.set(delegation.accountId, [...(byAccount.get(delegation.accountId) ?? []), delegation]);
  }
  const admins = [...byAccount.entries()].map(([accountId, delegations]) => {
    const { Id, Arn, Email, Name, State, JoinedMethod, JoinedTimestamp } = world.renderAccount(
      world.accounts.get(accountId)!,
    );
    // The earliest delegation among those listed: the date the account became an administrator.
    const since = new Date(Math.min(...delegations.map((delegation) => delegation.at.getTime())));
    return { Id, Arn, Email, Name, State, JoinedMethod, JoinedTimestamp, DelegationEnabledDate: since };
  });
  const { page, NextToken } = paginate(admins, input, 'ListDelegatedAdministrators');
  return { DelegatedAdministrators: page, ...(NextToken ? { NextToken } : {}) };
};

const listDelegatedServicesForAccount: OperationHandler = (input, context) => {
  const { AccountId } = input as { AccountId: string };
  requireDelegationReader(context);
  memberAccount(context, AccountId);
  const delegations = context.world.delegationsOf(AccountId);
  if (delegations.length === 0)
    throw fail.of(
      'AccountNotRegisteredException',
      'The specified account is not a delegated administrator for any service.',
    );
  const services = delegations.map((delegation) => ({
    ServicePrincipal: delegation.servicePrincipal,
    DelegationEnabledDate: delegation.at,
  }));
  const { page, NextToken } = paginate(services, input, 'ListDelegatedServicesForAccount');
  return { DelegatedServices: page, ...(NextToken ? { NextToken } : {}) };
};

/** Handlers of the delegated-administrator operations. */
export const delegationHandlers: Record<string, OperationHandler> = {
  RegisterDelegatedAdministrator: registerDelegatedAdministrator,
  DeregisterDelegatedAdministrator: deregisterDelegatedAdministrator,
  ListDelegatedAdministrators: listDelegatedAdministrators,
  ListDelegatedServicesForAccount: listDelegatedServicesForAccount,
};
