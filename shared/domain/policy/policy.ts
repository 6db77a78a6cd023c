import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';

/**
 * The team's policy: which parties it trusts, when it wants to be warned, and per reaction whether
 * orgwarden does nothing (`off`), reports (`notify`) or acts in AWS (`enforce`). One file, YAML or
 * JSON, validated at cold start and by `orgwarden validate`. Everything has a default, and the
 * defaults never change anything in AWS: a first deployment only reports.
 */
export const reactionModes = ['off', 'notify', 'enforce'] as const;
export type ReactionMode = (typeof reactionModes)[number];

const mode = (fallback: ReactionMode) => z._default(z.enum(reactionModes), fallback);

const accountId = z.string().check(z.regex(/^\d{12}$/, 'an account id of 12 digits'));
const organizationId = z.string().check(z.regex(/^o-[a-z0-9]{10,32}$/, 'an organization id such as o-exampleorgid'));
const emailDomain = z
  .string()
  .check(z.regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'a lower-case domain such as example.com'));

/** Parties trusted in one role: account ids, organization ids, email domains (a domain trusts its subdomains). */
const parties = z._default(
  z.strictObject({
    accounts: z._default(z.array(accountId), []),
    organizations: z._default(z.array(organizationId), []),
    emailDomains: z._default(z.array(emailDomain), []),
  }),
  { accounts: [], organizations: [], emailDomains: [] },
);

/** A lead time: a number and a unit (`7d`, `36h`, `90m`). */
export const leadTime = z.string().check(z.regex(/^[1-9]\d{0,3}[dhm]$/, 'a lead time such as 7d, 12h or 30m'));
const watcher = z.strictObject({
  email: z.string().check(z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address'), z.maxLength(254)),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(50))),
  jobTitle: z.optional(z.string().check(z.minLength(1), z.maxLength(50))),
});

/**
 * New cases per hour by default: enough for a handful of outside parties at once (each has one
 * case, whatever the number of its invitations), few enough that a flood of strangers does not
 * bury the incident-response team.
 */
export const defaultMaxNewCasesPerHour = 10;

const publicDetailTypes = Object.values(detailTypes) as [string, ...string[]];

export const policySchema = z.strictObject({
  $schema: z.optional(z.string()),
  version: z.literal(1),
  trust: z._default(
    z.strictObject({
      /**
       * INVITE handshakes: accounts this organization invites (`sent`), organizations inviting its accounts
       * (`received`).
       */
      invitations: z._default(z.strictObject({ sent: parties, received: parties }), {
        sent: { accounts: [], organizations: [], emailDomains: [] },
        received: { accounts: [], organizations: [], emailDomains: [] },
      }),
      /**
       * TRANSFER_RESPONSIBILITY handshakes: organizations allowed to manage this organization's bill
       * (`payers`: invitations it receives; AWS calls the transfer outbound), and organizations whose
       * bill it may manage (`payees`: invitations it sends; inbound).
       */
      billingTransfers: z._default(z.strictObject({ payers: parties, payees: parties }), {
        payers: { accounts: [], organizations: [], emailDomains: [] },
        payees: { accounts: [], organizations: [], emailDomains: [] },
      }),
    }),
    {
      invitations: {
        sent: { accounts: [], organizations: [], emailDomains: [] },
        received: { accounts: [], organizations: [], emailDomains: [] },
      },
      billingTransfers: {
        payers: { accounts: [], organizations: [], emailDomains: [] },
        payees: { accounts: [], organizations: [], emailDomains: [] },
      },
    },
  ),
  /**
   * How long before a deadline (a handshake's expiry, a transfer's acceptance deadline, start, end) to warn: each once.
   */
  warnings: z._default(
    z.strictObject({ leadTimes: z._default(z.array(leadTime).check(z.maxLength(10)), ['7d', '1d', '1h']) }),
    { leadTimes: ['7d', '1d', '1h'] },
  ),
  reactions: z._default(
    z.strictObject({
      /** An INVITE with an untrusted party; enforce: cancel one this organization sent, decline one it received. */
      untrustedInvitation: mode('notify'),
      /** A billing-transfer invitation with an untrusted party; enforce: cancel or decline it. */
      untrustedTransfer: mode('notify'),
      /** Enforce: open a Security Incident Response case for each untrusted party detected. */
      incidentCase: mode('notify'),
      /** Warnings before deadlines (`notify`) or none (`off`). */
      expiryWarnings: mode('notify'),
      /** A cancelled Security IR membership; enforce: restore it while it is not terminated. */
      restoreCancelledMembership: mode('notify'),
      /** An account Security IR does not cover; enforce: add its OU to the membership. */
      coverageGap: mode('notify'),
      /** A Macie member removed or resigned; enforce: associate it again. */
      macieMember: mode('notify'),
    }),
    {
      untrustedInvitation: 'notify',
      untrustedTransfer: 'notify',
      incidentCase: 'notify',
      expiryWarnings: 'notify',
      restoreCancelledMembership: 'notify',
      coverageGap: 'notify',
      macieMember: 'notify',
    },
  ),
  /**
   * The Security Incident Response cases orgwarden opens: who watches them (at least one when
   * incidentCase is enforce), and how many new cases it may open per UTC clock hour. One case per
   * outside party is open at a time (later findings about it are comments on it); a finding that
   * would open a case over the cap gets none, and its Reaction Failed says so.
   */
  incidentCase: z._default(
    z.strictObject({
      watchers: z._default(z.array(watcher).check(z.maxLength(30)), []),
      maxNewCasesPerHour: z._default(z.number().check(z.int(), z.positive()), defaultMaxNewCasesPerHour),
    }),
    { watchers: [], maxNewCasesPerHour: defaultMaxNewCasesPerHour },
  ),
  /** Detail-types the stack's notification topic forwards. */
  alerts: z._default(z.array(z.enum(publicDetailTypes)), [
    'Untrusted Party Detected',
    'Reaction Failed',
    'Coverage Gap Detected',
    'Responsibility Transfer Expiring',
    'Membership State Changed',
    'Delegated Administrator Changed',
    'Unrecognized Value Detected',
  ]),
  /** On the first import, act on untrusted pending handshakes found (otherwise the baseline is only recorded). */
  actOnImport: z._default(z.boolean(), false),
  /**
   * Outside parties (the account ids and emails of handshake and transfer counterparties that are not
   * members and that no trusted list names) in published events and logs: replaced by a keyed token
   * when `maskOutsideParties` is true (the stored snapshots keep them). Off by default: the events
   * and logs stay in the deploying account and an alert is worth its party's name; turn it on when
   * they reach people or systems beyond the security team (chat channels, a log vendor).
   */
  privacy: z._default(z.strictObject({ maskOutsideParties: z._default(z.boolean(), false) }), {
    maskOutsideParties: false,
  }),
});

export type Policy = z.infer<typeof policySchema>;
export type TrustedParties = Policy['trust']['invitations']['sent'];

/** The policy of a deployment that was given none: report everything, change nothing. */
export const defaultPolicy: Policy = policySchema.parse({ version: 1 });

/** A policy document checked and parsed in one pass: the policy, or its problems (each with the path of its field). */
export const checkPolicy = (document: unknown): { readonly policy: Policy } | { readonly problems: string[] } => {
  const parsed = policySchema.safeParse(document);
  if (parsed.success) {
    const { reactions, incidentCase } = parsed.data;
    return reactions.incidentCase === 'enforce' && incidentCase.watchers.length === 0
      ? { problems: ['incidentCase.watchers: at least one watcher is needed when reactions.incidentCase is enforce'] }
      : { policy: parsed.data };
  }
  return {
    problems: parsed.error.issues.map(
      (issue) =>
        `${issue.path.map(String).join('.') || '(policy)'}: ` +
        `${issue.code === 'unrecognized_keys' ? unrecognized(issue.keys) : issue.message}`,
    ),
  };
};

/** What is wrong with a policy document, each problem one line; none: it is a policy. */
export const policyProblems = (document: unknown): string[] => {
  const checked = checkPolicy(document);
  return 'problems' in checked ? checked.problems : [];
};

/** zod's message for unknown keys, with each key cut: a problem is one line, whatever the file holds. */
const unrecognized = (keys: readonly string[]): string =>
  `Unrecognized key${keys.length > 1 ? 's' : ''}: ` +
  `${keys.map((key) => JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}…` : key)).join(', ')}`;
