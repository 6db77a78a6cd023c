import { MalformedEventError, UnsupportedEventError } from '../domain/errors';
import type { HandshakeAction } from '../domain/subjects/handshake';
import { accountEventNames, organizationsEventNames, type OrganizationsEvent, type OrganizationsEventName } from '../schemas/organizations-event';

/** What an Organizations event tells orgwarden to re-read. */
export type Target =
  | { readonly kind: 'handshake'; readonly id: string }
  | { readonly kind: 'account'; readonly id: string }
  /** The call succeeded but the record carries no handshake id: find it by listing. */
  | { readonly kind: 'handshake-search'; readonly action: HandshakeAction; readonly partyIds: readonly string[] };

export type TargetsOf = { readonly ignored: string } | { readonly targets: readonly Target[] };

// Patterns from the Organizations service model (HandshakeId, AccountId).
const handshakeIdPattern = /^h-[0-9a-z]{8,32}$/;
const accountIdPattern = /^\d{12}$/;

const searchActionOf: Partial<Record<OrganizationsEventName, HandshakeAction>> = {
  InviteAccountToOrganization: 'INVITE',
  EnableAllFeatures: 'ENABLE_ALL_FEATURES',
  InviteOrganizationToTransferResponsibility: 'TRANSFER_RESPONSIBILITY',
};

/** Every string value under `node`, with the key it was found under. */
const leaves = (node: unknown, key = ''): Array<{ key: string; value: string }> => {
  if (typeof node === 'string') return [{ key, value: node }];
  if (Array.isArray(node)) return node.flatMap((item) => leaves(item, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => leaves(v, k));
  return [];
};

const unique = (values: string[]): string[] => [...new Set(values)];

/**
 * Takes the ids from wherever the record carries them (request parameters, response elements,
 * service event details) without trusting anything else in it. A failed call changed nothing.
 */
export const targetsOf = (event: OrganizationsEvent): TargetsOf => {
  const { detail } = event;
  const eventName = detail.eventName;
  if (!(organizationsEventNames as readonly string[]).includes(eventName)) {
    throw new UnsupportedEventError(`handshake-changed has no reaction for ${detail.eventSource} ${eventName}`);
  }
  if (detail.errorCode) return { ignored: `${eventName} failed with ${detail.errorCode}: nothing changed` };
  const name = eventName as OrganizationsEventName;
  const found = leaves([detail.requestParameters, detail.responseElements, detail.serviceEventDetails]);
  const handshakeIds = unique(found.filter(({ value }) => handshakeIdPattern.test(value)).map(({ value }) => value));
  const handshakes: Target[] = handshakeIds.map((id) => ({ kind: 'handshake', id }));

  if ((accountEventNames as readonly string[]).includes(name)) {
    const accountIds = unique(
      leaves(detail.serviceEventDetails ?? detail.requestParameters)
        .filter(({ key, value }) => /accountid$/i.test(key) && accountIdPattern.test(value))
        .map(({ value }) => value),
    );
    if (accountIds.length === 0) throw new MalformedEventError(`${name} names no account id in serviceEventDetails`);
    // The invitee's AcceptHandshake is logged in its own account: the join is how the management
    // account learns of it, so re-read the invitations that name the account.
    const invitations: Target[] =
      name === 'AccountJoinedOrganization' && handshakes.length === 0 ? [{ kind: 'handshake-search', action: 'INVITE', partyIds: accountIds }] : [];
    return { targets: [...accountIds.map((id): Target => ({ kind: 'account', id })), ...handshakes, ...invitations] };
  }
  if (handshakes.length > 0) return { targets: handshakes };
  const action = searchActionOf[name];
  if (!action) throw new MalformedEventError(`${name} names no handshake id in requestParameters or responseElements`);
  const partyIds = unique(leaves(detail.requestParameters).filter(({ key }) => key === 'id').map(({ value }) => value));
  return { targets: [{ kind: 'handshake-search', action, partyIds }] };
};
