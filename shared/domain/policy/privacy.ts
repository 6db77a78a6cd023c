import type { Policy } from './policy';
import { accountIdForm, isMaskable } from '../subjects/subject-type';

// Masking outside parties (shared/domain/subjects/subject-type.ts says which values they are) where the
// policy asks for it (`privacy.maskOutsideParties`); the adapter that applies it to what leaves orgwarden
// is shared/adapters/privacy/masker.ts.

/**
 * Whether any trusted list of the policy names the party (its account id, or its email's domain or a parent domain).
 */
export const trustedAnywhere = (policy: Policy, value: string): boolean => {
  const { invitations, billingTransfers } = policy.trust;
  const lists = [invitations.sent, invitations.received, billingTransfers.payers, billingTransfers.payees];
  const id = value.toLowerCase();
  if (accountIdForm.test(id)) return lists.some((list) => list.accounts.includes(id));
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
      .map((party) => (accountIdForm.test(party) ? `(?<!\\d)${party}(?!\\d)` : escape(party)))
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
