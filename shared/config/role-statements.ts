import { leadingKeysOf } from '../adapters/dynamodb/table';
import { tableWrites, type AdapterName, type FunctionName } from '../adapters/permissions';
import type { Capabilities } from './capabilities/capabilities';
import { needsOf, permissionsOfCapabilities } from './function-needs';

/**
 * A function's IAM role policy, rendered from its capabilities when the template is packaged
 * (shared/config/role-policies.cjs): every action its adapters and effects declare, each on the
 * resources shared/adapters/permission-scopes.ts allows for it, in the statements below. Nothing
 * here names an effect: a new effect's actions land in the statements that grant them, and an
 * action no statement grants stops the packaging.
 */
export type CfnValue = string | readonly CfnValue[] | { readonly [key: string]: CfnValue };

export interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: CfnValue;
  readonly Condition?: CfnValue;
}

/** One statement a role may hold: its actions on its resources. */
interface Grant {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resource: CfnValue;
  readonly condition?: CfnValue;
  /** Granted to the functions that list this adapter only (it covers no action by itself). */
  readonly onlyWith?: AdapterName;
}

const arnOf = (logicalId: string): CfnValue => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const sub = (text: string): CfnValue => ({ 'Fn::Sub': text });
/** An ARN of the management account and organization (the parameters, else this account and any `o-*`). */
const ofOrganization = (path: string): CfnValue => ({
  'Fn::Sub': [
    `arn:\${AWS::Partition}:organizations::\${Management}:${path}`,
    {
      Management: { 'Fn::If': ['ManagementAccountIdGiven', { Ref: 'ManagementAccountId' }, { Ref: 'AWS::AccountId' }] },
      Organization: { 'Fn::If': ['OrganizationIdGiven', { Ref: 'OrganizationId' }, 'o-*'] },
    },
  ],
});
const accounts = [ofOrganization('account/${Organization}/*')];
const memberships = [sub('arn:${AWS::Partition}:security-ir:${AWS::Region}:${AWS::AccountId}:membership/*')];
const replays = sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:replay/*');
const published = (source: string, detailTypes?: readonly string[]): CfnValue => ({
  'ForAllValues:StringEquals': {
    'events:source': [source],
    ...(detailTypes ? { 'events:detail-type': detailTypes } : {}),
  },
  Null: { 'events:source': 'false' },
});

/**
 * The statements, in the order a role lists them. Where two grant the same action on the same
 * resources, a function gets the one whose actions it needs all of (`Membership` for the function
 * that only restores, `Coverage` for those that check coverage too).
 */
const grants: readonly Grant[] = [
  // orgwarden's public events only (a call's entries are many values of the key: all must match).
  {
    sid: 'PublishOnOwnBus',
    actions: ['events:PutEvents'],
    resource: [arnOf('OrgwardenEventBus')],
    condition: published('orgwarden'),
  },
  // The audit's own continuation (a run id and a step); the bus policy refuses it from anyone else.
  {
    sid: 'PublishContinuations',
    actions: ['events:PutEvents'],
    resource: [arnOf('OrgwardenEventBus')],
    condition: published('orgwarden.audit', ['Audit Continuation']),
    onlyWith: 'auditContinuations',
  },
  // Also what Lambda's on-failure destination uses: it sends with the function's role.
  { sid: 'DeadLetters', actions: ['sqs:SendMessage'], resource: [arnOf('DeadLetterQueue')] },
  // Handshakes this organization sent: read them, and cancel them under an enforce policy.
  {
    sid: 'OwnHandshakes',
    actions: ['organizations:CancelHandshake', 'organizations:DescribeHandshake'],
    resource: [ofOrganization('handshake/${Organization}/*/h-*')],
  },
  // Billing-transfer invitations another organization sent (its ARN names that organization).
  {
    sid: 'ReceivedHandshakes',
    actions: ['organizations:DeclineHandshake', 'organizations:DescribeHandshake'],
    resource: [sub('arn:${AWS::Partition}:organizations::*:handshake/o-*/transfer_responsibility/h-*')],
  },
  { sid: 'ReadAccounts', actions: ['organizations:DescribeAccount', 'organizations:ListParents'], resource: accounts },
  // No resource-level permissions (no resource type listed for them): '*'. They read.
  {
    sid: 'OrganizationWideReads',
    actions: [
      'organizations:DescribeOrganization',
      'organizations:ListHandshakesForAccount',
      'organizations:ListHandshakesForOrganization',
      'organizations:ListInboundResponsibilityTransfers',
      'organizations:ListOutboundResponsibilityTransfers',
    ],
    resource: '*',
  },
  // Whose account the ARN of a transfer names for the other party AWS does not say: any transfer's ARN.
  {
    sid: 'ResponsibilityTransfers',
    actions: ['organizations:DescribeResponsibilityTransfer'],
    resource: [sub('arn:${AWS::Partition}:organizations::*:transfer/o-*/*/*/rt-*')],
  },
  { sid: 'DelegatedAdministrators', actions: ['organizations:ListDelegatedAdministrators'], resource: '*' },
  // `case*` for CreateCase: the new case is one of this account's, in this Region.
  {
    sid: 'OpenCases',
    actions: ['security-ir:CreateCase', 'security-ir:CreateCaseComment', 'security-ir:GetCase'],
    resource: [sub('arn:${AWS::Partition}:security-ir:${AWS::Region}:${AWS::AccountId}:case/*')],
  },
  {
    sid: 'Coverage',
    actions: ['security-ir:BatchGetMemberAccountDetails', 'security-ir:GetMembership', 'security-ir:UpdateMembership'],
    resource: memberships,
  },
  { sid: 'Membership', actions: ['security-ir:GetMembership', 'security-ir:UpdateMembership'], resource: memberships },
  { sid: 'ListMemberships', actions: ['security-ir:ListMemberships'], resource: '*' },
  // `Member*`: this administrator account's members, in any Region (the watched Regions are a parameter).
  {
    sid: 'MacieMembers',
    actions: ['macie2:CreateMember', 'macie2:GetMember'],
    resource: [sub('arn:${AWS::Partition}:macie2:*:${AWS::AccountId}:member/*')],
  },
  { sid: 'ListMacieMembers', actions: ['macie2:ListMembers'], resource: '*' },
  // CreateMember requires the account's email address: Organizations knows it.
  { sid: 'MemberEmails', actions: ['organizations:DescribeAccount'], resource: accounts },
  { sid: 'ListRoots', actions: ['organizations:ListRoots'], resource: '*' },
  {
    sid: 'WalkTheTree',
    actions: ['organizations:ListAccountsForParent', 'organizations:ListOrganizationalUnitsForParent'],
    resource: [ofOrganization('root/${Organization}/r-*'), ofOrganization('ou/${Organization}/ou-*')],
  },
  // The archive, the replay's destination (the default bus: the archive's source) and the replay.
  {
    sid: 'ReplayTheInputArchive',
    actions: ['events:StartReplay'],
    resource: [
      arnOf('InputArchive'),
      sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'),
      replays,
    ],
  },
  { sid: 'ReadItsReplays', actions: ['events:DescribeReplay'], resource: [replays] },
];

const TABLE_READS = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/** The state table: reads, its indexes (only Query reads one), and writes limited to the function's own items. */
const tableStatements = (fn: FunctionName, needed: ReadonlySet<string>): Statement[] => {
  const writes = tableWrites[fn];
  const table = [arnOf('StateTable')];
  const indexes: Statement = {
    Sid: 'StateIndexes',
    Effect: 'Allow',
    Action: ['dynamodb:Query'],
    Resource: [sub('${StateTable.Arn}/index/*')],
  };
  if (![...needed].some((action) => action.startsWith('dynamodb:'))) return [];
  if (writes === 'none') throw new Error(`${fn} uses the table but tableWrites says it writes nothing`);
  if (writes === 'all')
    return [
      { Sid: 'StateTable', Effect: 'Allow', Action: [...TABLE_READS, ...TABLE_WRITES].sort(), Resource: table },
      indexes,
    ];
  return [
    { Sid: 'StateTableReads', Effect: 'Allow', Action: TABLE_READS, Resource: table },
    indexes,
    // Only the items of the subjects it records and the journal: a compromised function cannot forge another kind's
    // history or effects.
    {
      Sid: 'StateTableWrites',
      Effect: 'Allow',
      Action: TABLE_WRITES,
      Resource: table,
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeysOf(writes) } },
    },
  ];
};

/**
 * The statements of a function's role: its own log group, the table, then every grant it needs.
 * Throws when an action its capabilities declare is granted by no statement.
 */
export const roleStatements = (fn: FunctionName, listed: Capabilities, lambdaName: string): Statement[] => {
  const needed = new Set(permissionsOfCapabilities(listed));
  const adapters = new Set(needsOf(listed).adapters);
  const covered = new Set<string>();
  const chosen = new Map<Grant, string[]>();
  const coverKey = (action: string, grant: Grant): string => `${action} ${JSON.stringify(grant.resource)}`;
  const take = (grant: Grant, actions: readonly string[]) => {
    chosen.set(grant, [...(chosen.get(grant) ?? []), ...actions]);
    for (const action of actions) covered.add(coverKey(action, grant));
  };
  const usable = grants.filter((grant) => !grant.onlyWith || adapters.has(grant.onlyWith));
  // Whole statements first, then what is left a statement at a time.
  for (const grant of usable) {
    if (grant.onlyWith) take(grant, grant.actions);
    else if (
      grant.actions.every((action) => needed.has(action)) &&
      grant.actions.some((action) => !covered.has(coverKey(action, grant)))
    )
      take(grant, grant.actions);
  }
  for (const grant of usable) {
    const left = grant.actions.filter((action) => needed.has(action) && !covered.has(coverKey(action, grant)));
    if (left.length > 0) take(grant, left);
  }
  const granted = new Set([...chosen.values()].flat());
  const missing = [...needed].filter((action) => !action.startsWith('dynamodb:') && !granted.has(action));
  if (missing.length > 0)
    throw new Error(
      `orgwarden: no statement of shared/config/role-statements.ts grants ${missing.join(', ')} (needed by ${fn})`,
    );
  return [
    {
      Sid: 'OwnLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [
        sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${lambdaName}:*`),
      ],
    },
    ...tableStatements(fn, needed),
    ...grants
      .filter((grant) => chosen.has(grant))
      .map((grant) => ({
        Sid: grant.sid,
        Effect: 'Allow' as const,
        Action: [...new Set(chosen.get(grant))].sort(),
        Resource: grant.resource,
        ...(grant.condition ? { Condition: grant.condition } : {}),
      })),
  ];
};

/** A function's inline role policy (`Policies` of its AWS::IAM::Role). */
export const rolePolicies = (fn: FunctionName, listed: Capabilities, lambdaName: string) => [
  { PolicyName: fn, PolicyDocument: { Version: '2012-10-17', Statement: roleStatements(fn, listed, lambdaName) } },
];
