// The life of a member account after it joined: the rules that keep it in the organization (waiting
// period of created accounts, delegated administration), its departure, and CloseAccount's path
// through PENDING_CLOSURE and SUSPENDED to its removal 90 days later.
import { membershipDetails } from './cloudtrail';
import type { OperationContext } from './context';
import { fail } from './errors';
import { addDays, cloudTrailDate } from './time';
import type { AccountRecord, DelegatedAdministratorChange, ServiceEventDraft } from './types';
import type { World } from './world';

/**
 * A created account cannot leave or be removed until this many days after its creation
 * (documented in the API reference of LeaveOrganization and of ConstraintViolationException
 * WAIT_PERIOD_ACTIVE: "at least four days"; invited accounts are not subject to it).
 */
export const CREATED_ACCOUNT_WAIT_DAYS = 4;

/**
 * How long a closed account stays SUSPENDED in the organization before AWS removes it for good
 * (documented: 90 days after CloseAccount), with AccountDepartedOrganization `departureMethod: CLEANED`.
 */
export const CLOSED_ACCOUNT_RETENTION_DAYS = 90;

/**
 * How long a CloseAccount stays PENDING_CLOSURE before the account is SUSPENDED. AWS documents only
 * "wait a few minutes": five minutes is the emulator's guess.
 */
export const CLOSE_ACCOUNT_PENDING_MINUTES = 5;

/** The member account, or AccountNotFoundException. */
export function memberAccount(context: OperationContext, accountId: string): AccountRecord {
  const account = context.world.accounts.get(accountId);
  if (!account?.member) throw fail.accountNotFound();
  return account;
}

/**
 * Refuses the departure of an account that may not leave (yet): a created account within its
 * waiting period (WAIT_PERIOD_ACTIVE), a delegated administrator
 * (CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG: the API reference of RemoveAccountFromOrganization
 * and LeaveOrganization says to deregister it first).
 */
export function requireCanLeave(context: OperationContext, account: AccountRecord): void {
  const member = account.member!;
  if (
    member.joinedMethod === 'CREATED' &&
    addDays(member.joinedAt, CREATED_ACCOUNT_WAIT_DAYS).getTime() > context.now.getTime()
  ) {
    throw fail.constraint(
      'WAIT_PERIOD_ACTIVE',
      'After you create an AWS account, you must wait until at least four days after the account was created.',
    );
  }
  if (context.world.delegationsOf(account.id).length > 0) {
    throw fail.constraint(
      'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
      'You attempted to remove an account that is registered as a delegated administrator for a service integrated with your organization. You must first deregister this account as a delegated administrator.',
    );
  }
}

/**
 * Takes an account out of the organization: it is no longer a member, loses any delegation (the
 * changes are returned for the listeners; no DeregisterDelegatedAdministrator is logged, so each is
 * a silent change) and the management account's bus gets AccountDepartedOrganization with the
 * departure method.
 */
export function depart(
  world: World,
  account: AccountRecord,
  departureMethod: 'LEFT' | 'REMOVED' | 'CLEANED',
  at: Date,
): { event: ServiceEventDraft; changes: DelegatedAdministratorChange[] } {
  delete account.member;
  const changes = world.dropDelegations(account.id, at);
  for (const { servicePrincipal } of changes) {
    world.noteSilent(
      at,
      'delegation-dropped',
      `delegated-admin:${servicePrincipal}`,
      `${account.id} no longer delegated administrator of ${servicePrincipal} (${departureMethod}); no DeregisterDelegatedAdministrator record`,
    );
  }
  return { event: membershipDetails(account.id, { departureMethod }, at), changes };
}

/**
 * The CloseAccountResult service event of a closure that completed. Its `serviceEventDetails`
 * follow the Organizations guide's CloudTrail example as the emulator understands it
 * (`closeAccountStatus` with the account id, SUCCEEDED and the request and completion times, dated
 * like CreateAccountResult's); the layout is an assumption, as for the other service events.
 */
function closeAccountResult(account: AccountRecord, requestedAt: Date, at: Date): ServiceEventDraft {
  return {
    eventName: 'CloseAccountResult',
    serviceEventDetails: {
      closeAccountStatus: {
        accountId: account.id,
        state: 'SUCCEEDED',
        requestedTimestamp: cloudTrailDate(requestedAt),
        completedTimestamp: cloudTrailDate(at),
      },
    },
    at,
  };
}

/**
 * Moves closing accounts along as of `now`: PENDING_CLOSURE becomes SUSPENDED (CloseAccountResult,
 * and a silent state change: the event carries no account state), and 90 days after CloseAccount
 * the account is CLOSED and cleaned out of the organization (AccountDepartedOrganization CLEANED).
 */
export function advanceClosures(
  world: World,
  now: Date,
): { events: ServiceEventDraft[]; changes: DelegatedAdministratorChange[] } {
  const events: ServiceEventDraft[] = [];
  const changes: DelegatedAdministratorChange[] = [];
  for (const account of world.members()) {
    const member = account.member!;
    const closure = member.closure;
    if (!closure) continue;
    if (member.state === 'PENDING_CLOSURE' && closure.suspendsAt.getTime() <= now.getTime()) {
      member.state = 'SUSPENDED';
      events.push(closeAccountResult(account, closure.requestedAt, closure.suspendsAt));
      world.noteSilent(
        closure.suspendsAt,
        'state-changed',
        `account:${account.id}`,
        'State PENDING_CLOSURE -> SUSPENDED; CloseAccountResult reports the closure, not the account state',
      );
    }
    if (closure.cleansAt.getTime() <= now.getTime()) {
      member.state = 'CLOSED';
      const departure = depart(world, account, 'CLEANED', closure.cleansAt);
      events.push(departure.event);
      changes.push(...departure.changes);
    }
  }
  return { events, changes };
}
