import { accountIdIn, isOrganizationMember, paginate, sessionOf, type Handler, type HandlerContext } from './context';
import { fail } from './errors';
import { newSession } from './sessions';
import { ASSOCIATED, BOUND, type RegionState } from './state';
import { applyTags } from './tags';
import type { MemberRecord, RelationshipStatus } from './types';

/** A member as GetMember and ListMembers show it. */
export function memberView(state: RegionState, member: MemberRecord): Record<string, unknown> {
  const arn = state.memberArn(member);
  return {
    accountId: member.accountId,
    administratorAccountId: member.administratorAccountId,
    // The deprecated member, still sent "for backward compatibility" (model documentation).
    masterAccountId: member.administratorAccountId,
    arn,
    // "null if the account is associated with the administrator account through Organizations" (model).
    email: member.viaOrganization ? undefined : member.email,
    invitedAt: member.invitedAt,
    relationshipStatus: member.status,
    tags: state.tags.get(arn) ?? {},
    updatedAt: member.updatedAt,
  };
}

/** One of the caller's members, or ResourceNotFoundException. */
export function ownMember(context: HandlerContext, accountId: unknown): MemberRecord {
  const member = typeof accountId === 'string' ? context.state.members.get(context.caller)?.get(accountId) : undefined;
  if (!member)
    throw fail.notFound(`The account ${String(accountId)} isn't associated with your Macie account in this Region.`);
  return member;
}

/** What a member's status is while Macie runs for it: its session decides between Enabled and Paused. */
function runningStatus(context: HandlerContext, accountId: string): RelationshipStatus {
  return context.state.sessions.get(accountId)?.status === 'PAUSED' ? 'Paused' : 'Enabled';
}

/**
 * CreateMember. By the delegated administrator for an account of the organization: associated
 * through AWS Organizations at once, Macie enabled for the account if it was not (user guide,
 * "Managing member accounts for an organization": adding an account enables Macie for it), status
 * Enabled. Otherwise the account is added for an invitation: Created, until CreateInvitations. A
 * Removed or Resigned member is associated again. Refusals (errors not documented, guesses): the
 * caller's own account (ValidationException); an account already associated with this or another
 * administrator, or one that administers members itself (ConflictException).
 */
const createMember: Handler = async (input, context) => {
  const { state, caller, now, world } = context;
  sessionOf(context);
  const account = input.account as { accountId: string; email: string };
  const accountId = accountIdIn(account.accountId, 'account.accountId');
  if (accountId === caller) throw fail.validation('account.accountId: you can’t add your own account as a member.');
  if (state.boundRecordOf(caller))
    throw fail.conflict('Your account is a Macie member account: it can’t also be a Macie administrator account.');
  if (state.hasAssociatedMembers(accountId))
    throw fail.conflict(`The account ${accountId} is a Macie administrator account.`);
  const bound = state.boundRecordOf(accountId);
  if (bound && bound.administratorAccountId !== caller)
    throw fail.conflict(`The account ${accountId} is already associated with another Macie administrator account.`);
  const members = state.membersOf(caller);
  const existing = members.get(accountId);
  if (existing && existing.status !== 'Removed' && existing.status !== 'Resigned')
    throw fail.conflict(`The account ${accountId} is already associated with your account (${existing.status}).`);
  applyTags(
    state,
    state.memberArn({ administratorAccountId: caller, accountId }),
    input.tags as Record<string, string> | undefined,
  );
  const viaOrganization = state.delegatedAdministrator === caller && (await isOrganizationMember(context, accountId));
  if (viaOrganization && !state.sessions.has(accountId)) state.sessions.set(accountId, newSession(now));
  const member: MemberRecord = {
    ...existing,
    accountId,
    administratorAccountId: caller,
    email: account.email,
    viaOrganization,
    status: viaOrganization ? runningStatus(context, accountId) : 'Created',
    heldStatus: undefined,
    verifyingSince: undefined,
    updatedAt: now,
  };
  members.set(accountId, member);
  world.settle(state, member, now);
  return { arn: state.memberArn(member) };
};

const getMember: Handler = (input, context) => {
  sessionOf(context);
  return memberView(context.state, ownMember(context, input.id));
};

/**
 * ListMembers: "By default, the response includes only current member accounts. To include all
 * accounts, set this value to false" (model). Any value other than `true` or `false` is refused
 * (ValidationException, a guess). Members come in account id order, 25 per page by default (the
 * model's maximum; AWS documents no default).
 */
const listMembers: Handler = (input, context) => {
  const { state, caller } = context;
  sessionOf(context);
  const onlyAssociated = input.onlyAssociated ?? 'true';
  if (onlyAssociated !== 'true' && onlyAssociated !== 'false')
    throw fail.validation('onlyAssociated: expected true or false.');
  const members = [...(state.members.get(caller)?.values() ?? [])]
    .filter((m) => onlyAssociated === 'false' || ASSOCIATED.has(m.status))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
  const { page, nextToken } = paginate(members, input, 'ListMembers');
  return { members: page.map((m) => memberView(state, m)), nextToken };
};

/**
 * DisassociateMember: the member reads Removed (user guide: "Removed (Disassociated)") and stays in
 * the list with `onlyAssociated=false`; Macie stays enabled for it. An invitation still pending is
 * withdrawn. Disassociating a member that is not associated changes nothing (no error documented).
 */
const disassociateMember: Handler = (input, context) => {
  const { state, now, world } = context;
  sessionOf(context);
  const member = ownMember(context, input.id);
  const underlying = member.heldStatus ?? member.status;
  if (underlying === 'Removed' || underlying === 'Resigned') return {};
  state.invitations.get(member.accountId)?.delete(member.administratorAccountId);
  state.setStatus(member, 'Removed', now);
  world.settle(state, member, now);
  return {};
};

/**
 * DeleteMember deletes the association: the account no longer appears in any list. AWS does not say
 * whether an associated member must be disassociated first; the emulator deletes from any status.
 */
const deleteMember: Handler = (input, context) => {
  const { state } = context;
  sessionOf(context);
  const member = ownMember(context, input.id);
  state.invitations.get(member.accountId)?.delete(member.administratorAccountId);
  state.tags.delete(state.memberArn(member));
  state.members.get(member.administratorAccountId)?.delete(member.accountId);
  return {};
};

/**
 * UpdateMemberSession: the delegated administrator suspends (PAUSED: Paused) or re-enables (ENABLED:
 * Enabled) Macie for a member associated through AWS Organizations ("If you're the delegated Macie
 * administrator for an organization in AWS Organizations, you can use this resource", API
 * reference). For an invitation-based member the emulator answers AccessDeniedException, for a member
 * not currently associated ConflictException (both guesses).
 */
const updateMemberSession: Handler = (input, context) => {
  const { state, now, world } = context;
  sessionOf(context);
  const member = ownMember(context, input.id);
  if (!member.viaOrganization)
    throw fail.accessDenied(
      'Only members associated through AWS Organizations can be suspended or re-enabled by their administrator.',
    );
  if (!BOUND.has(member.status))
    throw fail.conflict(`The account ${member.accountId} isn't a current member (${member.status}).`);
  const paused = input.status === 'PAUSED';
  const session = state.sessions.get(member.accountId) ?? newSession(now);
  state.sessions.set(member.accountId, { ...session, status: paused ? 'PAUSED' : 'ENABLED', updatedAt: now });
  const target: RelationshipStatus = paused ? 'Paused' : 'Enabled';
  if ((member.heldStatus ?? member.status) !== target) {
    state.setStatus(member, target, now);
    world.settle(state, member, now);
  }
  return {};
};

/** The handlers of the administrator's member management. */
export const memberHandlers: Record<string, Handler> = {
  CreateMember: createMember,
  GetMember: getMember,
  ListMembers: listMembers,
  DisassociateMember: disassociateMember,
  DeleteMember: deleteMember,
  UpdateMemberSession: updateMemberSession,
};
