import type { Policy } from './policy';

/**
 * Outside parties: the account ids and email addresses of parties that are neither members of the
 * organization nor trusted by the policy. orgwarden meets them in one place only, as the
 * counterparties of handshakes and billing transfers (the reader leaves this organization and its
 * management account out of them), so the domain can say exactly which values they are: no guess
 * from "anything that looks like an account id", which would also hide the organization's own
 * accounts (subjects, coverage, Macie members). Each subject type says which of its values they are
 * (`outsideParties`: the handshake and transfer types). Where the policy says so (`privacy.maskOutsideParties`),
 * they are masked in published events and logs; the stored snapshots keep them (the operator needs them).
 */
const accountId = /^\d{12}$/;
const email = /^[^\s@]+@[^\s@]+$/;

/** Only account ids and emails are masked (organization ids name an organization, not a person or an account). */
export const isMaskable = (value: string): boolean => accountId.test(value) || email.test(value);

/**
 * Whether any trusted list of the policy names the party (its account id, or its email's domain or a parent domain).
 */
export const trustedAnywhere = (policy: Policy, value: string): boolean => {
  const { invitations, billingTransfers } = policy.trust;
  const lists = [invitations.sent, invitations.received, billingTransfers.payers, billingTransfers.payees];
  const id = value.toLowerCase();
  if (accountId.test(id)) return lists.some((list) => list.accounts.includes(id));
  const domain = id.slice(id.lastIndexOf('@') + 1);
  return lists.some((list) => list.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`)));
};

/** The values to mask under the policy: none when it does not ask; otherwise the untrusted outside parties. */
export const partiesToMask = (policy: Policy, values: Iterable<string>): string[] =>
  policy.privacy.maskOutsideParties
    ? [...new Set([...values].filter((value) => isMaskable(value) && !trustedAnywhere(policy, value)))]
    : [];

/** How a masked value is written: the same party always gets the same token (see shared/adapters/privacy/masker.ts). */
export type MaskToken = (value: string) => string;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern for all the parties: an account id not inside a longer number, an email in any case. */
const patternOf = (parties: readonly string[]): RegExp =>
  new RegExp(
    [...parties]
      .sort((a, b) => b.length - a.length)
      .map((party) => (accountId.test(party) ? `(?<!\\d)${party}(?!\\d)` : escape(party)))
      .join('|'),
    'gi',
  );

/** A text with every occurrence of the parties replaced by its token (inside free text too: reasons, ARNs). */
export const maskText = (text: string, parties: readonly string[], token: MaskToken): string =>
  parties.length === 0 ? text : text.replace(patternOf(parties), (found) => token(found.toLowerCase()));

/** A copy of a JSON value with every string masked (keys are orgwarden's own and left as they are). */
export const maskDeep = <T>(value: T, parties: readonly string[], token: MaskToken): T => {
  if (parties.length === 0) return value;
  const pattern = patternOf(parties);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.replace(pattern, (found) => token(found.toLowerCase()));
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    return node;
  };
  return walk(value) as T;
};
