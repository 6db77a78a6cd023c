import type { OperationContext, OperationHandler } from './context';
import { fail } from './errors';
import { acceptInvitation, invitationHandlers } from './invitations';
import { close, createHandshake, isOpen, isRecipient, requireOpen, visibleHandshake } from './lifecycle';
import { paginate } from './pagination';
import { acceptTransfer, closeTransfer } from './transfer-handlers';
import type { HandshakePartyWire, HandshakeRecord } from './types';

/**
 * EnableAllFeatures, as the Organizations API reference describes the handshake types: a parent
 * ENABLE_ALL_FEATURES handshake (REQUESTED) held by the organization, one ENABLE_ALL_FEATURES child
 * per invited member (created accounts approve implicitly) and, once every child is accepted, an
 * APPROVE_ALL_FEATURES handshake to the management account, whose acceptance (or the parent's, then
 * OPEN) finalizes the change. The parent counts down 90 days; its children share its expiration.
 * Starting it cancels every pending INVITE of the organization, with no CancelHandshake record.
 */
const enableAllFeatures: OperationHandler = (_input, context) => {
  const { world } = context;
  world.requireManagement(context.caller);
  if (world.organization.featureSet === 'ALL') {
    throw fail.handshakeConstraint(
      'ORGANIZATION_ALREADY_HAS_ALL_FEATURES',
      'The organization has already enabled all features.',
    );
  }
  if ([...world.handshakes.values()].some((h) => h.action === 'ENABLE_ALL_FEATURES' && !h.parentId && isOpen(h))) {
    throw fail.handshakeConstraint(
      'ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION',
      'The organization has already started the process to enable all features.',
    );
  }
  const orgId = world.organization.id;
  for (const invite of world.handshakes.values()) {
    if (invite.action !== 'INVITE' || invite.originOrganizationId !== orgId || !isOpen(invite)) continue;
    close(invite, 'CANCELED', context.now);
    world.noteSilent(
      context.now,
      'canceled-by-enable-all-features',
      `handshake:${invite.id}`,
      'INVITE CANCELED by EnableAllFeatures; no CancelHandshake record is written',
    );
  }
  const organizationParty: HandshakePartyWire = { Id: orgId, Type: 'ORGANIZATION' };
  const parent = createHandshake(context, {
    action: 'ENABLE_ALL_FEATURES',
    state: 'REQUESTED',
    originOrganizationId: orgId,
    originAccountId: world.organization.managementAccountId,
    recipient: organizationParty,
    parties: [organizationParty],
    resources: [{ Type: 'ORGANIZATION', Value: orgId }],
  });
  for (const account of world.members()) {
    if (account.id === world.organization.managementAccountId || account.member!.joinedMethod !== 'INVITED') continue;
    createHandshake(context, {
      action: 'ENABLE_ALL_FEATURES',
      originOrganizationId: orgId,
      originAccountId: world.organization.managementAccountId,
      recipient: { Id: account.id, Type: 'ACCOUNT' },
      parties: [organizationParty, { Id: account.id, Type: 'ACCOUNT' }],
      resources: [
        { Type: 'ORGANIZATION', Value: orgId },
        { Type: 'ACCOUNT', Value: account.id },
        { Type: 'PARENT_HANDSHAKE', Value: parent.id },
      ],
      parentId: parent.id,
      expiresAt: parent.expiresAt,
    });
  }
  requestFinalApprovalWhenReady(context, parent);
  return { Handshake: world.renderHandshake(parent) };
};

function requestFinalApprovalWhenReady(context: OperationContext, parent: HandshakeRecord): void {
  const { world } = context;
  const children = [...world.handshakes.values()].filter(
    (h) => h.parentId === parent.id && h.action === 'ENABLE_ALL_FEATURES',
  );
  if (parent.state !== 'REQUESTED' || !children.every((h) => h.state === 'ACCEPTED')) return;
  parent.state = 'OPEN';
  const { id: orgId, managementAccountId } = world.organization;
  createHandshake(context, {
    action: 'APPROVE_ALL_FEATURES',
    originOrganizationId: orgId,
    originAccountId: managementAccountId,
    recipient: { Id: managementAccountId, Type: 'ACCOUNT' },
    parties: [
      { Id: orgId, Type: 'ORGANIZATION' },
      { Id: managementAccountId, Type: 'ACCOUNT' },
    ],
    resources: [
      { Type: 'ORGANIZATION', Value: orgId },
      { Type: 'PARENT_HANDSHAKE', Value: parent.id },
    ],
    parentId: parent.id,
    expiresAt: parent.expiresAt,
  });
}

function finalizeAllFeatures(context: OperationContext, parentId: string): void {
  const { world, now } = context;
  world.organization.featureSet = 'ALL';
  for (const h of world.handshakes.values()) {
    if ((h.id === parentId || (h.parentId === parentId && h.action === 'APPROVE_ALL_FEATURES')) && isOpen(h))
      close(h, 'ACCEPTED', now);
  }
}

function requireRecipient(context: OperationContext, handshake: HandshakeRecord): void {
  if (!isRecipient(context.world, handshake, context.caller))
    throw fail.accessDenied('Only the recipient of a handshake can answer it.');
}

/** An answer to one of the organization's handshakes by another account is logged in that account only. */
function noteAnswer(context: OperationContext, handshake: HandshakeRecord): void {
  const { world, caller, now } = context;
  if (caller === world.organization.managementAccountId || handshake.originOrganizationId !== world.organization.id)
    return;
  world.noteSilent(
    now,
    'answered-by-invitee',
    `handshake:${handshake.id}`,
    `${handshake.action} handshake ${handshake.state} by ${caller}; its call is logged in that account only`,
  );
}

const acceptHandshake: OperationHandler = (input, context) => {
  const { world, now } = context;
  const handshake = visibleHandshake(context, (input as { HandshakeId: string }).HandshakeId);
  requireRecipient(context, handshake);
  requireOpen(handshake, 'ACCEPTED');
  switch (handshake.action) {
    case 'INVITE':
      acceptInvitation(context, handshake);
      break;
    case 'ENABLE_ALL_FEATURES':
      if (handshake.parentId) {
        close(handshake, 'ACCEPTED', now);
        requestFinalApprovalWhenReady(context, world.handshakes.get(handshake.parentId)!);
      } else {
        if (handshake.state !== 'OPEN')
          throw fail.of(
            'InvalidHandshakeTransitionException',
            'Every invited member account must approve before the change is finalized.',
          );
        finalizeAllFeatures(context, handshake.id);
      }
      break;
    case 'APPROVE_ALL_FEATURES':
      finalizeAllFeatures(context, handshake.parentId!);
      break;
    case 'TRANSFER_RESPONSIBILITY':
      acceptTransfer(context, handshake);
      break;
  }
  noteAnswer(context, handshake);
  return { Handshake: world.renderHandshake(handshake) };
};

const declineHandshake: OperationHandler = (input, context) => {
  const handshake = visibleHandshake(context, (input as { HandshakeId: string }).HandshakeId);
  requireRecipient(context, handshake);
  requireOpen(handshake, 'DECLINED');
  close(handshake, 'DECLINED', context.now);
  closeTransfer(context, handshake, 'DECLINED');
  noteAnswer(context, handshake);
  return { Handshake: context.world.renderHandshake(handshake) };
};

const cancelHandshake: OperationHandler = (input, context) => {
  const { world, now } = context;
  const handshake = visibleHandshake(context, (input as { HandshakeId: string }).HandshakeId);
  if (handshake.originAccountId !== context.caller)
    throw fail.accessDenied('Only the account that sent a handshake can cancel it.');
  requireOpen(handshake, 'CANCELED');
  close(handshake, 'CANCELED', now);
  closeTransfer(context, handshake, 'CANCELED');
  // Canceling a parent handshake withdraws the requests sent on its behalf.
  for (const child of world.handshakes.values())
    if (child.parentId === handshake.id && isOpen(child)) close(child, 'CANCELED', now);
  return { Handshake: world.renderHandshake(handshake) };
};

const describeHandshake: OperationHandler = (input, context) => ({
  Handshake: context.world.renderHandshake(visibleHandshake(context, (input as { HandshakeId: string }).HandshakeId)),
});

function listHandshakes(
  context: OperationContext,
  input: Record<string, unknown>,
  operation: string,
  include: (h: HandshakeRecord) => boolean,
): Record<string, unknown> {
  const filter = (input.Filter ?? {}) as { ActionType?: string; ParentHandshakeId?: string };
  if (filter.ActionType && filter.ParentHandshakeId) {
    throw fail.invalidInput(
      'MAX_LIMIT_EXCEEDED_FILTER',
      'You can specify only one filter parameter for the operation.',
    );
  }
  const matches = [...context.world.handshakes.values()].filter(
    (h) =>
      include(h) &&
      (!filter.ActionType || h.action === filter.ActionType) &&
      (!filter.ParentHandshakeId || h.parentId === filter.ParentHandshakeId),
  );
  const { page, NextToken } = paginate(matches, input, operation);
  return { Handshakes: page.map((h) => context.world.renderHandshake(h)), ...(NextToken ? { NextToken } : {}) };
}

/** Handlers of the handshake operations (invitations, answers, all-features migration). */
export const handshakeHandlers: Record<string, OperationHandler> = {
  ...invitationHandlers,
  EnableAllFeatures: enableAllFeatures,
  AcceptHandshake: acceptHandshake,
  DeclineHandshake: declineHandshake,
  CancelHandshake: cancelHandshake,
  DescribeHandshake: describeHandshake,
  // The handshakes the organization sent (the management account, or a delegated administrator).
  ListHandshakesForOrganization: (input, context) => {
    context.world.requireManagementOrDelegatedAdministrator(context.caller);
    return listHandshakes(
      context,
      input,
      'ListHandshakesForOrganization',
      (h) => h.originOrganizationId === context.world.organization.id,
    );
  },
  // The handshakes the caller received; callable by any account, standalone invitees included.
  ListHandshakesForAccount: (input, context) =>
    listHandshakes(context, input, 'ListHandshakesForAccount', (h) => isRecipient(context.world, h, context.caller)),
};
