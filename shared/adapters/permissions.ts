import { maciePermissions } from './macie/permissions';

/**
 * The one source of the IAM actions orgwarden's functions need, declared beside the code that makes
 * the calls (as Cloud Custodian's actions do): per adapter (what reading and infrastructure need)
 * and per effect executor (what each kind of follow-up call needs). Each function lists the
 * adapters and effects it is wired with; test/infra checks that its role in the packaged template
 * grants exactly `permissionsOf(fn)` (plus its own log group).
 * Note: DynamoDB has no `TransactWriteItems` IAM action; a transaction needs the actions of its parts.
 */
export const adapterPermissions = {
  store: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
  organizationsReader: [
    'organizations:DescribeOrganization',
    'organizations:DescribeHandshake',
    'organizations:DescribeAccount',
    'organizations:ListHandshakesForOrganization',
    'organizations:ListHandshakesForAccount',
    'organizations:DescribeResponsibilityTransfer',
    'organizations:ListInboundResponsibilityTransfers',
    'organizations:ListOutboundResponsibilityTransfers',
  ],
  // The audit's walk of the organization's tree (shared/use-cases/audit/audit-source.ts): its roots,
  // then the OUs and the accounts of each parent.
  organizationsLister: ['organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent'],
  // The placement subject's reader (shared/config/subjects.ts): where an account sits.
  placementReader: ['organizations:ListParents'],
  // The delegated-admin subject's reader (shared/adapters/organizations/delegations.ts).
  delegationReader: ['organizations:ListDelegatedAdministrators'],
  deadLetters: ['sqs:SendMessage'],
  // The replay function (shared/adapters/eventbridge/eventbridge-replays.ts): nobody else may start one;
  // a request delivered twice reads the replay its first delivery started.
  archiveReplays: ['events:StartReplay', 'events:DescribeReplay'],
  // AwsSecurityIncidentResponse (security-ir/security-ir-port-adapter.ts); CreateCase needs
  // security-ir:TagResource only with tags, which it never sends.
  securityIncidentResponse: ['security-ir:GetMembership', 'security-ir:BatchGetMemberAccountDetails', 'security-ir:UpdateMembership', 'security-ir:CreateCase', 'security-ir:CreateCaseComment', 'security-ir:GetCase'],
  // The membership subject's reader (shared/config/memberships.ts).
  membershipReader: ['security-ir:GetMembership'],
  // The Macie member subject's reader and the scheduled listing (shared/adapters/macie/permissions.ts).
  macieReader: [...maciePermissions.macieReader],
  // The audit's Security IR sources (shared/use-cases/audit/security-ir-sources.ts): the memberships
  // as GetMembership describes them, and the coverage of every account, 100 a call.
  securityIrLister: ['security-ir:ListMemberships', 'security-ir:GetMembership', 'security-ir:BatchGetMemberAccountDetails'],
} as const satisfies Record<string, readonly string[]>;

/** What each effect executor (shared/use-cases/effects) calls, by its action name. */
export const effectPermissions = {
  publish: ['events:PutEvents'],
  // An unrecognized value's alert: its own ledger entry (the table), then published.
  'alert-unrecognized': ['events:PutEvents'],
  // The writer re-reads the handshake before answering it (no idempotency token).
  'cancel-handshake': ['organizations:CancelHandshake', 'organizations:DescribeHandshake'],
  'decline-handshake': ['organizations:DeclineHandshake', 'organizations:DescribeHandshake'],
  // CreateCase needs security-ir:TagResource only with tags, which orgwarden never sends. One open
  // case per outside party: later findings are comments (CreateCaseComment, idempotent on its
  // clientToken) once GetCase says the case is not closed.
  'open-case': ['security-ir:CreateCase', 'security-ir:CreateCaseComment', 'security-ir:GetCase'],
  // UpdateMembership takes no clientToken: the adapter re-reads the membership first.
  'restore-membership': ['security-ir:GetMembership', 'security-ir:UpdateMembership'],
  // The membership (ListMemberships, GetMembership), the account's coverage, whether it is still a
  // member and its OU (DescribeAccount, ListParents).
  'check-coverage': ['security-ir:ListMemberships', 'security-ir:GetMembership', 'security-ir:BatchGetMemberAccountDetails', 'organizations:DescribeAccount', 'organizations:ListParents'],
  // Under enforce, the account's OU added (UpdateMembership after GetMembership: no idempotency token).
  'cover-account': ['security-ir:GetMembership', 'security-ir:UpdateMembership'],
  'confirm-coverage': ['security-ir:BatchGetMemberAccountDetails', 'organizations:DescribeAccount'],
  // The email from Organizations (DescribeAccount); CreateMember after GetMember (no idempotency token).
  'associate-macie-member': [...maciePermissions.macieMembers, 'organizations:DescribeAccount'],
} as const satisfies Record<string, readonly string[]>;

export type AdapterName = keyof typeof adapterPermissions;
export type EffectName = keyof typeof effectPermissions;

/** The adapters and effects each function is wired with; its role must grant exactly their actions. */
export const functionNeeds = {
  'handshake-changed': { adapters: ['store', 'organizationsReader', 'placementReader', 'delegationReader', 'deadLetters'], effects: ['publish', 'alert-unrecognized', 'cancel-handshake', 'decline-handshake', 'open-case', 'check-coverage', 'cover-account', 'confirm-coverage'] },
  'expiry-sweep': {
    adapters: ['store', 'organizationsReader', 'membershipReader', 'deadLetters'],
    effects: ['publish', 'alert-unrecognized', 'cancel-handshake', 'decline-handshake', 'open-case', 'restore-membership', 'check-coverage', 'cover-account', 'confirm-coverage'],
  },
  replay: { adapters: ['archiveReplays', 'deadLetters'], effects: [] },
  audit: {
    adapters: ['store', 'organizationsReader', 'organizationsLister', 'placementReader', 'delegationReader', 'securityIrLister', 'membershipReader', 'macieReader', 'deadLetters'],
    effects: ['publish', 'alert-unrecognized', 'cancel-handshake', 'decline-handshake', 'open-case', 'check-coverage', 'cover-account', 'confirm-coverage', 'restore-membership', 'associate-macie-member'],
  },
  'membership-changed': { adapters: ['store', 'membershipReader', 'deadLetters'], effects: ['publish', 'alert-unrecognized', 'restore-membership'] },
  'macie-member-changed': { adapters: ['store', 'macieReader', 'deadLetters'], effects: ['publish', 'alert-unrecognized', 'associate-macie-member'] },
} as const satisfies Record<string, { readonly adapters: readonly AdapterName[]; readonly effects: readonly EffectName[] }>;

export type FunctionName = keyof typeof functionNeeds;

/**
 * Whose items in the table each function writes: the subject kinds whose snapshots, history and
 * ledger it records (every cause's journal line is everyone's). Its role may write only those
 * (`dynamodb:LeadingKeys`, shared/adapters/dynamodb/keys.ts `leadingKeysOf`), so that a compromised
 * function cannot write another kind's history or effects. `all`: the sweep takes over any kind's
 * unfinished entries and the audit records every kind; `none`: it writes nothing.
 */
export const tableWrites = {
  // It opens Security IR cases too: the party's case record and the hour's count of new cases.
  'handshake-changed': { kinds: ['handshake', 'account', 'transfer', 'placement', 'delegated-admin', 'coverage'], records: ['party-cases'] },
  'membership-changed': { kinds: ['membership'] },
  'macie-member-changed': { kinds: ['macie-member'] },
  'expiry-sweep': 'all',
  audit: 'all',
  replay: 'none',
} as const satisfies Record<FunctionName, { readonly kinds: readonly string[]; readonly records?: readonly 'party-cases'[] } | 'all' | 'none'>;

export const permissionsOf = (fn: FunctionName): string[] => {
  const needs = functionNeeds[fn];
  return [...new Set([...needs.adapters.flatMap((adapter) => adapterPermissions[adapter]), ...needs.effects.flatMap((effect) => effectPermissions[effect])])].sort();
};
