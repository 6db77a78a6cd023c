import type { HandshakeData, HandshakeParty } from '../subjects/handshake';
import type { TransferData } from '../subjects/transfer';
import type { Policy, ReactionMode, TrustedParties } from './policy';

/** Whether a party (account id, organization id or email address) is among the trusted ones. */
export const isTrusted = (trusted: TrustedParties, party: { readonly id: string; readonly type: string }): boolean => {
  const id = party.id.toLowerCase();
  if (party.type === 'ACCOUNT') return trusted.accounts.includes(id);
  if (party.type === 'ORGANIZATION') return trusted.organizations.includes(id);
  if (party.type === 'EMAIL') {
    const domain = id.slice(id.lastIndexOf('@') + 1);
    return trusted.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  }
  return false;
};

/** How orgwarden's organization relates to a party it found in a handshake or transfer. */
export type Relationship = 'invitation-sent' | 'invitation-received' | 'billing-payee' | 'billing-payer';

/** A party the policy does not trust, where it was found, and what the policy says to do. */
export interface UntrustedFinding {
  readonly relationship: Relationship;
  readonly parties: readonly HandshakeParty[];
  /** The reaction of the policy that governs it. */
  readonly reaction: 'untrustedInvitation' | 'untrustedTransfer';
  readonly mode: ReactionMode;
}

const trustedFor = (policy: Policy, relationship: Relationship): TrustedParties => {
  const { invitations, billingTransfers } = policy.trust;
  return {
    'invitation-sent': invitations.sent,
    'invitation-received': invitations.received,
    'billing-payee': billingTransfers.payees,
    'billing-payer': billingTransfers.payers,
  }[relationship];
};

/**
 * The untrusted parties of a handshake: the counterparties of an INVITE or TRANSFER_RESPONSIBILITY
 * handshake that the policy lists for none of the party's forms (a party may appear as an account,
 * an organization or an email). Other handshake types involve no outside party.
 */
export const untrustedInHandshake = (policy: Policy, handshake: HandshakeData): UntrustedFinding | undefined => {
  if (handshake.action !== 'INVITE' && handshake.action !== 'TRANSFER_RESPONSIBILITY') return undefined;
  const sent = handshake.direction !== 'inbound';
  const invite = handshake.action === 'INVITE';
  const relationship: Relationship = invite
    ? sent
      ? 'invitation-sent'
      : 'invitation-received'
    : sent
      ? 'billing-payee'
      : 'billing-payer';
  const counterparties = handshake.counterparties ?? [];
  const trusted = trustedFor(policy, relationship);
  if (counterparties.length === 0 || counterparties.some((party) => isTrusted(trusted, party))) return undefined;
  const reaction = invite ? 'untrustedInvitation' : 'untrustedTransfer';
  return { relationship, parties: counterparties, reaction, mode: policy.reactions[reaction] };
};

/** The untrusted counterparty of a transfer: the other organization's management account. */
export const untrustedInTransfer = (policy: Policy, transfer: TransferData): UntrustedFinding | undefined => {
  const relationship: Relationship = transfer.direction === 'inbound' ? 'billing-payee' : 'billing-payer';
  const other = transfer.direction === 'inbound' ? transfer.sourceAccountId : transfer.targetAccountId;
  if (!other) return undefined;
  const party: HandshakeParty = { id: other, type: 'ACCOUNT' };
  if (isTrusted(trustedFor(policy, relationship), party)) return undefined;
  return { relationship, parties: [party], reaction: 'untrustedTransfer', mode: policy.reactions.untrustedTransfer };
};
