import { maciePermissions } from './macie/permissions';

/**
 * The IAM actions orgwarden's adapters need, declared beside the code that makes the calls (as Cloud
 * Custodian's actions do); each effect declares its own (shared/use-cases/effects/effect.ts). Each
 * function lists the adapters and effects it is wired with (shared/config/capabilities/<name>.ts);
 * its role in the packaged template is rendered from that list, and test/infra checks that it grants
 * exactly `permissionsOf(fn)` (shared/config/function-needs.ts, plus its own log group).
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
  organizationsLister: [
    'organizations:ListRoots',
    'organizations:ListOrganizationalUnitsForParent',
    'organizations:ListAccountsForParent',
  ],
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
  securityIncidentResponse: [
    'security-ir:GetMembership',
    'security-ir:BatchGetMemberAccountDetails',
    'security-ir:UpdateMembership',
    'security-ir:CreateCase',
    'security-ir:CreateCaseComment',
    'security-ir:GetCase',
  ],
  // The membership subject's reader (shared/config/memberships.ts).
  membershipReader: ['security-ir:GetMembership'],
  // The Macie member subject's reader and the scheduled listing (shared/adapters/macie/permissions.ts).
  macieReader: [...maciePermissions.macieReader],
  // The audit's Security IR sources (shared/use-cases/audit/security-ir-sources.ts): the memberships
  // as GetMembership describes them, and the coverage of every account, 100 a call.
  securityIrLister: [
    'security-ir:ListMemberships',
    'security-ir:GetMembership',
    'security-ir:BatchGetMemberAccountDetails',
  ],
  // The audit's own continuation on orgwarden's bus (a run id and a step: shared/use-cases/audit/audit-run-steps.ts).
  auditContinuations: ['events:PutEvents'],
} as const satisfies Record<string, readonly string[]>;

export type AdapterName = keyof typeof adapterPermissions;

/** orgwarden's functions (functions/<name>); what each may do is listed in shared/config/capabilities/<name>.ts. */
export type FunctionName =
  'handshake-changed' | 'expiry-sweep' | 'replay' | 'audit' | 'membership-changed' | 'macie-member-changed';

/**
 * Whose items in the table each function writes: the subject kinds whose snapshots, history and
 * ledger it records (every cause's journal line is everyone's). Its role may write only those
 * (`dynamodb:LeadingKeys`, shared/adapters/dynamodb/table.ts `leadingKeysOf`), so that a compromised
 * function cannot write another kind's history or effects. `all`: the sweep takes over any kind's
 * unfinished entries and the audit records every kind; `none`: it writes nothing.
 */
export const tableWrites = {
  // It opens Security IR cases too: the party's case record and the hour's count of new cases.
  'handshake-changed': {
    kinds: ['handshake', 'account', 'transfer', 'placement', 'delegated-admin', 'coverage'],
    records: ['party-cases'],
  },
  'membership-changed': { kinds: ['membership'] },
  'macie-member-changed': { kinds: ['macie-member'] },
  'expiry-sweep': 'all',
  audit: 'all',
  replay: 'none',
} as const satisfies Record<
  FunctionName,
  { readonly kinds: readonly string[]; readonly records?: readonly 'party-cases'[] } | 'all' | 'none'
>;
