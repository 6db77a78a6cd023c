import { createHmac } from 'node:crypto';
import { ConfigurationError } from '../../domain/errors';
import type { Policy } from '../../domain/policy/policy';
import { maskDeep, maskText, partiesToMask, type MaskToken } from '../../domain/policy/privacy';
import type { EventPublisher, OutgoingEvent, PublishOutcome } from '../../ports/event-publisher';
import { outsidePartiesInLogged } from './logged-parties';

/**
 * Masking outside parties where the policy says so (`privacy.maskOutsideParties`), at the two
 * places they could leave orgwarden: what it publishes and what it logs.
 *
 * The form is a keyed token: `masked:<10 hex>` for an account id, `masked-<10 hex>@<domain>` for an
 * email (HMAC-SHA256 of the value under the deployment's key, ORGWARDEN_MASK_KEY: the stack's id).
 * The same party gets the same token in every event and log line, so that "the same stranger was
 * invited three times" stays visible and a token found in a log can be looked up in the stored
 * snapshot. A partial form (`4444****4444`, `a***@example.com`) would leak eight of twelve digits
 * and collide; an unkeyed hash of a 12-digit id is reversed by trying them all. The email keeps its
 * domain: whether a domain is trusted is what the policy decides, and a domain names an
 * organization far more often than a person.
 */
export interface Masker {
  /** Whether the policy asks for masking (everything below is the identity when it does not). */
  readonly masking: boolean;
  /** Masks the outside parties an event names and drops their list. */
  maskEvent<E extends OutgoingEvent>(event: E): Omit<E, 'outsideParties'>;
  /** For the Powertools logger: masks the outside parties of each line (its own and the known ones). */
  readonly logReplacer: ((key: string, value: unknown) => unknown) | undefined;
}

/** Outside parties this process has published: a log line may name them in free text. Bounded. */
const known = new Set<string>();
const KNOWN_LIMIT = 10_000;

const learn = (parties: readonly string[]): void => {
  for (const party of parties) {
    if (known.size >= KNOWN_LIMIT) known.delete(known.values().next().value as string);
    known.add(party.toLowerCase());
  }
};

export const tokenWith =
  (key: string): MaskToken =>
  (value) => {
    const digest = createHmac('sha256', key).update(value.toLowerCase()).digest('hex').slice(0, 10);
    const at = value.lastIndexOf('@');
    return at < 0 ? `masked:${digest}` : `masked-${digest}${value.slice(at)}`;
  };

/** The masker of a policy and key; without masking it changes nothing and needs no key. */
export const maskerFor = (policy: Policy, key: string | undefined): Masker => {
  if (!policy.privacy.maskOutsideParties)
    return { masking: false, maskEvent: ({ outsideParties: _outside, ...event }) => event, logReplacer: undefined };
  if (!key)
    throw new ConfigurationError(
      'invalid configuration: ORGWARDEN_MASK_KEY: missing (the policy masks outside parties: ' +
        'privacy.maskOutsideParties)',
    );
  const token = tokenWith(key);
  let line: string[] = [];
  return {
    masking: true,
    // An event knows its own outside parties exactly; the ones known from other events are left to
    // logs (an invitee that joined since is a member, and its own events name it as one).
    maskEvent: ({ outsideParties = [], ...event }) => {
      const parties = partiesToMask(policy, outsideParties);
      learn(parties);
      return {
        ...event,
        detail: maskDeep(event.detail, parties, token),
        resources: event.resources.map((resource) => maskText(resource, parties, token)),
      };
    },
    // Powertools calls the replacer for the whole line first (key ''), then for each value in it.
    logReplacer: (key, value) => {
      if (key === '' && typeof value === 'object' && value !== null)
        line = partiesToMask(policy, [...outsidePartiesInLogged(value), ...known]);
      return typeof value === 'string' ? maskText(value, line, token) : value;
    },
  };
};

/** A publisher that masks each event's outside parties before it leaves (the ledger keeps the real payload). */
export const maskingPublisher = (inner: EventPublisher, masker: Masker): EventPublisher => ({
  publish: (events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> =>
    inner.publish(events.map((event) => masker.maskEvent(event))),
});
