import { accountIdIn, isOrganizationMember, paginate, sessionOf, type Handler, type HandlerContext } from './context';
import { fail } from './errors';
import { serviceRoleOf } from './state';
import type { FindingPublishingFrequency, MacieStatus, SessionRecord } from './types';

/**
 * The publication frequency of a session enabled without one. The API reference names no default;
 * the CloudFormation `AWS::Macie::Session` reference documents `SIX_HOURS` (a guess for the API).
 */
export const DEFAULT_PUBLISHING_FREQUENCY: FindingPublishingFrequency = 'SIX_HOURS';

/** A new session, as EnableMacie (or an administrator adding an organization member) creates it. */
export function newSession(
  now: Date,
  status: MacieStatus = 'ENABLED',
  frequency = DEFAULT_PUBLISHING_FREQUENCY,
): SessionRecord {
  return { status, findingPublishingFrequency: frequency, createdAt: now, updatedAt: now };
}

/**
 * Refuses changes a member cannot make to its own Macie account. A member associated through AWS
 * Organizations: "Only your Macie administrator can suspend Macie for your account" (user guide,
 * "Suspending Macie"), answered AccessDeniedException (the error is not documented). An
 * administrator with current members: "you must remove all member accounts … before you suspend
 * Macie" (same page), ConflictException (not documented either).
 */
function checkOwnChange(context: HandlerContext, what: string): void {
  const { state, caller } = context;
  const bound = state.boundRecordOf(caller);
  if (bound?.viaOrganization)
    throw fail.accessDenied(`Your Macie administrator manages Macie for your account: it can't ${what} it.`);
  if (state.hasAssociatedMembers(caller)) throw fail.conflict(`Remove all member accounts before you ${what} Macie.`);
}

const enableMacie: Handler = (input, context) => {
  const { state, caller, now } = context;
  // "An AWS account can have only one Macie session in each Region" (API reference, Account
  // Administration); the refusal's error is not documented.
  if (state.sessions.has(caller)) throw fail.conflict('Macie is already enabled for your account in this Region.');
  state.sessions.set(
    caller,
    newSession(
      now,
      input.status as MacieStatus | undefined,
      input.findingPublishingFrequency as FindingPublishingFrequency | undefined,
    ),
  );
  return {};
};

const getMacieSession: Handler = (_input, context) => {
  const session = sessionOf(context);
  return {
    createdAt: session.createdAt,
    findingPublishingFrequency: session.findingPublishingFrequency,
    serviceRole: serviceRoleOf(context.caller),
    status: session.status,
    updatedAt: session.updatedAt,
  };
};

const updateMacieSession: Handler = (input, context) => {
  const { state, caller, now, world } = context;
  const session = sessionOf(context);
  const status = input.status as MacieStatus | undefined;
  if (status && status !== session.status) {
    checkOwnChange(context, status === 'PAUSED' ? 'suspend' : 're-enable');
    session.status = status;
    // A member of an invitation-based organization suspends itself: its administrator sees Paused.
    const bound = state.boundRecordOf(caller);
    if (bound && (bound.status === 'Enabled' || bound.status === 'Paused')) {
      state.setStatus(bound, status === 'PAUSED' ? 'Paused' : 'Enabled', now);
      world.settle(state, bound, now);
    }
  }
  if (input.findingPublishingFrequency)
    session.findingPublishingFrequency = input.findingPublishingFrequency as FindingPublishingFrequency;
  session.updatedAt = now;
  return {};
};

/**
 * DisableMacie deletes the session and what Macie keeps for the account in the Region (its members
 * and the invitations it received). Refused for the delegated administrator ("the management account
 * must first remove the designation", user guide, "Disabling Macie"; the error is a guess), for an
 * administrator with current members, and for a current member (an invitation-based member must
 * disassociate first: ConflictException, a guess).
 */
const disableMacie: Handler = (_input, context) => {
  const { state, caller } = context;
  sessionOf(context);
  if (state.delegatedAdministrator === caller)
    throw fail.conflict(
      'Your account is the delegated Macie administrator for the organization: the management account must remove that designation first.',
    );
  checkOwnChange(context, 'disable');
  if (state.boundRecordOf(caller))
    throw fail.conflict('Disassociate your account from its Macie administrator account before you disable Macie.');
  state.sessions.delete(caller);
  state.members.delete(caller);
  state.invitations.delete(caller);
  return {};
};

/** Only the organization's management account designates the delegated administrator (user guide, "Considerations"). */
async function checkManagementAccount(context: HandlerContext): Promise<void> {
  const { organization, caller } = context;
  const inOrganization = await isOrganizationMember(context, caller);
  if (
    !organization ||
    !inOrganization ||
    (organization.managementAccountId !== undefined && organization.managementAccountId !== caller)
  ) {
    throw fail.accessDenied(
      'Only the AWS Organizations management account can manage the delegated Macie administrator account.',
    );
  }
}

/**
 * EnableOrganizationAdminAccount, per Region ("the designation of a Macie administrator account is a
 * Regional designation"). "An organization can have only one delegated Macie administrator account"
 * and "An account can't be a Macie administrator and member account at the same time" (user guide,
 * "Considerations"): both refused with ConflictException (the errors are guesses). Designating an
 * account enables Macie for it in the Region if it was not (a guess: the guide asks the management
 * account to enable Macie first only when it designates itself).
 */
const enableOrganizationAdminAccount: Handler = async (input, context) => {
  const { state, now } = context;
  await checkManagementAccount(context);
  const adminAccountId = accountIdIn(input.adminAccountId, 'adminAccountId');
  if (!(await isOrganizationMember(context, adminAccountId)))
    throw fail.validation('adminAccountId: the account is not in your organization.');
  if (state.delegatedAdministrator === adminAccountId) return {};
  if (state.delegatedAdministrator)
    throw fail.conflict(
      `The organization already has a delegated Macie administrator account (${state.delegatedAdministrator}).`,
    );
  if (state.boundRecordOf(adminAccountId))
    throw fail.conflict(
      'The account is a Macie member account: an account can’t be a Macie administrator and member account at the same time.',
    );
  state.delegatedAdministrator = adminAccountId;
  if (!state.sessions.has(adminAccountId)) state.sessions.set(adminAccountId, newSession(now));
  return {};
};

const listOrganizationAdminAccounts: Handler = async (input, context) => {
  await checkManagementAccount(context);
  const admins = context.state.delegatedAdministrator
    ? [{ accountId: context.state.delegatedAdministrator, status: 'ENABLED' }]
    : [];
  const { page, nextToken } = paginate(admins, input, 'ListOrganizationAdminAccounts');
  return { adminAccounts: page, nextToken };
};

/** The handlers of Macie sessions and of the delegated administrator designation. */
export const sessionHandlers: Record<string, Handler> = {
  EnableMacie: enableMacie,
  GetMacieSession: getMacieSession,
  UpdateMacieSession: updateMacieSession,
  DisableMacie: disableMacie,
  EnableOrganizationAdminAccount: enableOrganizationAdminAccount,
  ListOrganizationAdminAccounts: listOrganizationAdminAccounts,
};
