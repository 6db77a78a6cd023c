// INVITE handshakes: those the emulated organization sends, and those another organization (an
// outside account that manages one) sends, which a member may accept directly since December 2025,
// leaving the emulated organization without any LeaveOrganization call.
import { depart, requireCanLeave } from './account-lifecycle';
import { membershipDetails } from './cloudtrail';
import type { OperationContext, OperationHandler } from './context';
import { fail } from './errors';
import { close, createHandshake, isOpen, isRecipient } from './lifecycle';
import { resolveTarget } from './transfer-handlers';
import type { AccountRecord, HandshakePartyWire, HandshakeRecord } from './types';

const alreadyInOrganization = (): Error =>
  fail.handshakeConstraint('ALREADY_IN_AN_ORGANIZATION', 'The account is already a member of an organization.');

/** The sender of an invitation: the emulated organization's management account, or another organization's. */
interface Inviter {
  organizationId: string;
  management: AccountRecord;
  featureSet: string;
}

function inviterOf(context: OperationContext): Inviter {
  const { world, caller } = context;
  if (world.standing(caller) === 'external-management') {
    // Another organization, not emulated: it has all features (the emulator keeps no more of it).
    return {
      organizationId: world.managedOrganizationId(caller)!,
      management: world.accounts.get(caller)!,
      featureSet: 'ALL',
    };
  }
  world.requireManagement(caller);
  return {
    organizationId: world.organization.id,
    management: world.management,
    featureSet: world.organization.featureSet,
  };
}

const inviteAccountToOrganization: OperationHandler = (input, context) => {
  const { Target, Notes } = input as { Target: HandshakePartyWire; Notes?: string };
  const { world } = context;
  const inviter = inviterOf(context);
  const ours = inviter.organizationId === world.organization.id;
  const invitee = resolveTarget(context, Target);
  if (invitee.id === inviter.management.id) throw alreadyInOrganization();
  // Our own members cannot be invited again; another organization may invite them (they accept directly).
  if (ours && invitee.member) throw alreadyInOrganization();
  const pending = [...world.handshakes.values()];
  if (ours && pending.some((h) => h.action === 'ENABLE_ALL_FEATURES' && !h.parentId && isOpen(h))) {
    throw fail.handshakeConstraint(
      'INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES',
      "You can't issue new invitations while the organization is enabling all features.",
    );
  }
  if (
    pending.some(
      (h) =>
        h.action === 'INVITE' &&
        h.originOrganizationId === inviter.organizationId &&
        isOpen(h) &&
        isRecipient(world, h, invitee.id),
    )
  ) {
    throw fail.of('DuplicateHandshakeException', 'A handshake with the same action and target already exists.');
  }
  const handshake = createHandshake(context, {
    action: 'INVITE',
    originOrganizationId: inviter.organizationId,
    originAccountId: inviter.management.id,
    recipient: Target,
    parties: [{ Id: inviter.organizationId, Type: 'ORGANIZATION' }, Target],
    resources: [
      {
        Type: 'ORGANIZATION',
        Value: inviter.organizationId,
        Resources: [
          { Type: 'MASTER_EMAIL', Value: inviter.management.email },
          { Type: 'MASTER_NAME', Value: inviter.management.name },
          { Type: 'ORGANIZATION_FEATURE_SET', Value: inviter.featureSet },
        ],
      },
      { Type: Target.Type, Value: Target.Id },
      ...(Notes ? [{ Type: 'NOTES', Value: Notes }] : []),
    ],
  });
  return { Handshake: world.renderHandshake(handshake) };
};

/**
 * Accepting an INVITE. To the emulated organization: the account joins (AccountJoinedOrganization,
 * INVITED). To another organization: a member of ours leaves us for it, which the management
 * account sees only as AccountDepartedOrganization (LEFT), with no LeaveOrganization or
 * RemoveAccountFromOrganization record; the same rules as leaving apply (waiting period,
 * delegated administrator), and the management account cannot.
 */
export function acceptInvitation(context: OperationContext, handshake: HandshakeRecord): void {
  const { world, caller, now } = context;
  const account = world.ensureAccount(caller);
  const standing = world.standing(caller);
  if (handshake.originOrganizationId === world.organization.id) {
    // A member of another organization may accept directly too: it leaves that one.
    if (standing !== 'standalone') throw alreadyInOrganization();
    account.member = { joinedMethod: 'INVITED', joinedAt: now, parentId: world.organization.rootId, state: 'ACTIVE' };
    delete account.externalMemberOf;
    close(handshake, 'ACCEPTED', now);
    context.emit(membershipDetails(caller, { joinedMethod: 'INVITED' }, now));
    return;
  }
  if (standing === 'management')
    throw fail.of(
      'MasterCannotLeaveOrganizationException',
      "A management account can't leave its organization to join another.",
    );
  if (standing === 'external-management' || account.externalMemberOf === handshake.originOrganizationId)
    throw alreadyInOrganization();
  if (standing === 'member') {
    requireCanLeave(context, account);
    context.emit(depart(world, account, 'LEFT', now).event);
    world.noteSilent(
      now,
      'departed',
      `account:${caller}`,
      `Accepted the invitation ${handshake.id} of organization ${handshake.originOrganizationId}: AccountDepartedOrganization (LEFT) arrives, no LeaveOrganization or RemoveAccountFromOrganization call`,
    );
  }
  account.externalMemberOf = handshake.originOrganizationId;
  close(handshake, 'ACCEPTED', now);
}

/** Handlers of the invitation operations. */
export const invitationHandlers: Record<string, OperationHandler> = {
  InviteAccountToOrganization: inviteAccountToOrganization,
};
