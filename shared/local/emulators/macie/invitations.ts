import { paginate, sessionOf, type Handler, type HandlerContext } from './context';
import { fail } from './errors';
import { BOUND, type MacieIds } from './state';
import type { MemberRecord } from './types';
import { invitedStatus } from './world';

/** A `CreateInvitations` / `DeclineInvitations` entry for an account the request could not process. */
const unprocessed = (accountId: string, errorMessage: string) => ({
  accountId,
  errorCode: 'ClientError',
  errorMessage,
});

/** The model documents the message as "as many as 80 alphanumeric characters"; only its length is enforced. */
const MAX_MESSAGE = 80;

/**
 * CreateInvitations for accounts added with CreateMember. Each account receives an invitation (its
 * ListInvitations shows it) and reads Invited, or EmailVerificationInProgress / Failed while its
 * email is verified (see `invitedStatus`). Accounts the administrator has not added, accounts
 * associated through AWS Organizations (they need no invitation) and current members come back in
 * `unprocessedAccounts` with errorCode ClientError (the messages are the emulator's).
 */
export function createInvitations(ids: MacieIds): Handler {
  return (input, context) => {
    const { state, caller, now, world } = context;
    sessionOf(context);
    if (typeof input.message === 'string' && input.message.length > MAX_MESSAGE)
      throw fail.validation(`message: at most ${MAX_MESSAGE} characters.`);
    const withEmail = input.disableEmailNotification !== true;
    const unprocessedAccounts: ReturnType<typeof unprocessed>[] = [];
    for (const accountId of input.accountIds as string[]) {
      const member = state.members.get(caller)?.get(accountId);
      if (!member)
        unprocessedAccounts.push(
          unprocessed(accountId, 'The account isn’t associated with your account: add it with CreateMember first.'),
        );
      else if (member.viaOrganization)
        unprocessedAccounts.push(
          unprocessed(accountId, 'The account is associated with your account through AWS Organizations.'),
        );
      else if (BOUND.has(member.status))
        unprocessedAccounts.push(unprocessed(accountId, 'The account is already a member account.'));
      else {
        const invitationId = ids.invitationId();
        state.invitationsOf(accountId).set(caller, { invitationId, accountId: caller, invitedAt: now });
        member.invitationId = invitationId;
        member.invitedAt = now;
        const status = invitedStatus(member, withEmail, context.emailVerificationSeconds);
        state.setStatus(member, status, now);
        member.verifyingSince = status === 'EmailVerificationInProgress' ? now : undefined;
        world.settle(state, member, now);
      }
    }
    return { unprocessedAccounts };
  };
}

/** The caller's record in the organization of `administrator`, whatever its status. */
const recordWith = (context: HandlerContext, administrator: string): MemberRecord | undefined =>
  context.state.members.get(administrator)?.get(context.caller);

/**
 * AcceptInvitation: the invited account becomes a member (Enabled, or Paused if it has suspended
 * Macie). "You can be a member of only one organization at a time" and an administrator can't be a
 * member (user guide): ConflictException (guess). The account must have enabled Macie in the Region.
 * An unknown invitation, or one the administrator withdrew, is ResourceNotFoundException.
 */
const acceptInvitation: Handler = (input, context) => {
  const { state, caller, now, world } = context;
  const session = sessionOf(context);
  const administrator = (input.administratorAccountId ?? input.masterAccount) as string | undefined;
  if (!administrator) throw fail.validation('administratorAccountId: a value is required.');
  const invitation = state.invitations.get(caller)?.get(administrator);
  const member = recordWith(context, administrator);
  if (!invitation || invitation.invitationId !== input.invitationId || !member)
    throw fail.notFound(`The invitation ${String(input.invitationId)} wasn't found.`);
  if (state.boundRecordOf(caller))
    throw fail.conflict('Your account is already associated with a Macie administrator account.');
  if (state.hasAssociatedMembers(caller))
    throw fail.conflict('Your account is a Macie administrator account: it can’t also be a member account.');
  state.invitationsOf(caller).delete(administrator);
  member.verifyingSince = undefined;
  state.setStatus(member, session.status === 'PAUSED' ? 'Paused' : 'Enabled', now);
  world.settle(state, member, now);
  return {};
};

/**
 * DeclineInvitations (and DeleteInvitations, which the emulator treats alike): the invitations from
 * the named administrators are gone; "the current status and settings for your Macie account aren’t
 * changed" (user guide), and the administrator's record of the account is left as it was (AWS says
 * nothing of it). An administrator that sent no invitation comes back in `unprocessedAccounts`.
 */
const removeInvitations: Handler = (input, context) => {
  const received = context.state.invitations.get(context.caller);
  const unprocessedAccounts: ReturnType<typeof unprocessed>[] = [];
  for (const accountId of input.accountIds as string[]) {
    if (!received?.delete(accountId))
      unprocessedAccounts.push(unprocessed(accountId, 'There is no invitation from this account.'));
  }
  return { unprocessedAccounts };
};

const listInvitations: Handler = (input, context) => {
  const received = [...(context.state.invitations.get(context.caller)?.values() ?? [])].sort((a, b) =>
    a.accountId.localeCompare(b.accountId),
  );
  const { page, nextToken } = paginate(received, input, 'ListInvitations');
  const invitations = page.map((i) => ({ ...i, relationshipStatus: recordWith(context, i.accountId)?.status }));
  return { invitations, nextToken };
};

const getInvitationsCount: Handler = (_input, context) => ({
  invitationsCount: context.state.invitations.get(context.caller)?.size ?? 0,
});

/**
 * DisassociateFromAdministratorAccount (and the deprecated DisassociateFromMasterAccount): the member
 * leaves; its administrator reads Resigned. The API reference offers it to accounts that "joined an
 * organization by accepting a Macie membership invitation": a member associated through AWS
 * Organizations is refused (AccessDeniedException, a guess). Without an administrator:
 * ResourceNotFoundException (a guess).
 */
const disassociateFromAdministrator: Handler = (_input, context) => {
  const { state, caller, now, world } = context;
  sessionOf(context);
  const member = state.boundRecordOf(caller);
  if (!member) throw fail.notFound('Your account isn’t associated with a Macie administrator account.');
  if (member.viaOrganization)
    throw fail.accessDenied(
      'Your account is associated with its Macie administrator through AWS Organizations: only the administrator can remove it.',
    );
  state.setStatus(member, 'Resigned', now);
  world.settle(state, member, now);
  return {};
};

/** The caller's administrator as an `Invitation`; none (an empty answer) once the caller is no longer bound. */
function administratorOf(context: HandlerContext): Record<string, unknown> | undefined {
  sessionOf(context);
  const member = context.state.boundRecordOf(context.caller);
  if (!member) return undefined;
  return {
    accountId: member.administratorAccountId,
    invitationId: member.invitationId,
    invitedAt: member.invitedAt,
    relationshipStatus: member.status,
  };
}

/** The handlers of invitations and of the member's side of the relationship. */
export function invitationHandlers(ids: MacieIds): Record<string, Handler> {
  return {
    CreateInvitations: createInvitations(ids),
    AcceptInvitation: acceptInvitation,
    DeclineInvitations: removeInvitations,
    DeleteInvitations: removeInvitations,
    ListInvitations: listInvitations,
    GetInvitationsCount: getInvitationsCount,
    DisassociateFromAdministratorAccount: disassociateFromAdministrator,
    DisassociateFromMasterAccount: disassociateFromAdministrator,
    GetAdministratorAccount: (_input, context) => ({ administrator: administratorOf(context) }),
    GetMasterAccount: (_input, context) => ({ master: administratorOf(context) }),
  };
}
