import {
  CLOSE_ACCOUNT_PENDING_MINUTES,
  CLOSED_ACCOUNT_RETENTION_DAYS,
  depart,
  memberAccount,
  requireCanLeave,
} from './account-lifecycle';
import type { OperationContext, OperationHandler } from './context';
import { fail } from './errors';
import { addDays, addHours } from './time';

/** The rolling window of the CloseAccount quota (documented: 30 days). */
const CLOSE_QUOTA_WINDOW_DAYS = 30;

const masterCannotLeave = (): Error =>
  fail.of('MasterCannotLeaveOrganizationException', "You can't remove a management account from an organization.");

function leave(context: OperationContext, accountId: string, departureMethod: 'LEFT' | 'REMOVED'): void {
  const account = memberAccount(context, accountId);
  requireCanLeave(context, account);
  // requireCanLeave refused delegated administrators: a departure here never drops a delegation.
  context.emit(depart(context.world, account, departureMethod, context.now).event);
}

const removeAccountFromOrganization: OperationHandler = (input, context) => {
  const { AccountId } = input as { AccountId: string };
  context.world.requireManagement(context.caller);
  if (AccountId === context.world.organization.managementAccountId) throw masterCannotLeave();
  leave(context, AccountId, 'REMOVED');
  return {};
};

const leaveOrganization: OperationHandler = (_input, context) => {
  const { world, caller, now } = context;
  world.requireInOrganization(caller);
  if (caller === world.organization.managementAccountId) throw masterCannotLeave();
  leave(context, caller, 'LEFT');
  world.noteSilent(
    now,
    'departed',
    `account:${caller}`,
    'Left the organization; the management account sees AccountDepartedOrganization (LEFT), never the LeaveOrganization call',
  );
  return {};
};

/**
 * The most accounts CloseAccount may close in a rolling 30 days: the higher of 250 and 20% of the members, at most
 * 1,000.
 */
function closeQuota(memberCount: number): number {
  return Math.min(1000, Math.max(250, Math.floor(memberCount * 0.2)));
}

/**
 * CloseAccount (management account, all features): the account is PENDING_CLOSURE at once,
 * SUSPENDED a few minutes later (CloseAccountResult), and cleaned out of the organization 90 days
 * after the call (AccountDepartedOrganization, CLEANED). See account-lifecycle.ts for the timing.
 */
const closeAccount: OperationHandler = (input, context) => {
  const { AccountId } = input as { AccountId: string };
  const { world, now } = context;
  world.requireManagement(context.caller);
  if (world.organization.featureSet !== 'ALL') {
    throw fail.constraint(
      'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      'You can close an account only when all features are enabled.',
    );
  }
  if (AccountId === world.organization.managementAccountId) {
    throw fail.constraint(
      'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
      'You attempted to close the management account. Close or remove all member accounts first, then follow the standard account closure process.',
    );
  }
  const member = memberAccount(context, AccountId).member!;
  if (member.state === 'SUSPENDED' || member.state === 'CLOSED')
    throw fail.of('AccountAlreadyClosedException', 'You attempted to close an account that is already closed.');
  // AWS documents no error for a second request while the first is in progress; ConflictException
  // ("conflicts with the current state of the specified resource") is the emulator's guess.
  if (member.state === 'PENDING_CLOSURE') throw fail.of('ConflictException', 'The account is already being closed.');
  const windowStart = addDays(now, -CLOSE_QUOTA_WINDOW_DAYS).getTime();
  if (world.closeRequests.filter((at) => at.getTime() > windowStart).length >= closeQuota(world.members().length)) {
    throw fail.constraint(
      'CLOSE_ACCOUNT_QUOTA_EXCEEDED',
      'You have exceeded close account quota for the past 30 days.',
    );
  }
  world.closeRequests.push(now);
  member.state = 'PENDING_CLOSURE';
  member.closure = {
    requestedAt: now,
    suspendsAt: addHours(now, CLOSE_ACCOUNT_PENDING_MINUTES / 60),
    cleansAt: addDays(now, CLOSED_ACCOUNT_RETENTION_DAYS),
  };
  return {};
};

/** Handlers of the membership operations: removal, leaving, closing. */
export const membershipHandlers: Record<string, OperationHandler> = {
  RemoveAccountFromOrganization: removeAccountFromOrganization,
  LeaveOrganization: leaveOrganization,
  CloseAccount: closeAccount,
};
