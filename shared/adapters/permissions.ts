/**
 * The IAM actions each adapter needs, declared beside the code that makes the calls (as Cloud
 * Custodian's actions do). The serverless.yml roles are checked against these by test/infra.
 * Note: DynamoDB has no `TransactWriteItems` IAM action; a transaction needs the actions of its parts.
 */
export const adapterPermissions = {
  store: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
  organizationsReader: ['organizations:DescribeHandshake', 'organizations:DescribeAccount', 'organizations:ListHandshakesForOrganization'],
  eventPublisher: ['events:PutEvents'],
  deadLetters: ['sqs:SendMessage'],
  // AwsSecurityIncidentResponse (security-ir/security-ir-port-adapter.ts); CreateCase needs
  // security-ir:TagResource only with tags, which it never sends.
  securityIncidentResponse: [
    'security-ir:GetMembership',
    'security-ir:BatchGetMemberAccountDetails',
    'security-ir:UpdateMembership',
    'security-ir:CreateCase',
    'security-ir:CreateCaseComment',
  ],
} as const satisfies Record<string, readonly string[]>;

export type AdapterName = keyof typeof adapterPermissions;

/** The adapters each function is wired with; its role must grant exactly their actions. */
export const functionAdapters = {
  'handshake-changed': ['store', 'organizationsReader', 'eventPublisher', 'deadLetters'],
} as const satisfies Record<string, readonly AdapterName[]>;

export const permissionsOf = (fn: keyof typeof functionAdapters): string[] =>
  [...new Set(functionAdapters[fn].flatMap((adapter) => adapterPermissions[adapter]))].sort();
