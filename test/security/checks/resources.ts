import type { ResourceScope } from '../../../shared/adapters/permission-scopes';
import { archivesOf, type CfnTemplate } from '../../../shared/local/template';

/**
 * Which declared scope (shared/adapters/permission-scopes.ts) a policy statement's resource is, read
 * from the template's own notation: `Fn::GetAtt` of the stack's resources, or an `Fn::Sub` ARN
 * pattern matched exactly. Anything else is no scope at all, so a widened ARN (`handshake/*`,
 * `organizations::*:account/*`, `*`) never passes for a scoped one.
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The management account: the ManagementAccountId parameter, or this stack's account when it is empty. */
const MANAGEMENT = {
  'Fn::If': ['ManagementAccountIdGiven', { Ref: 'ManagementAccountId' }, { Ref: 'AWS::AccountId' }],
};
/** The organization: the OrganizationId parameter, or any of the management account's when it is empty. */
const ORGANIZATION = { 'Fn::If': ['OrganizationIdGiven', { Ref: 'OrganizationId' }, 'o-*'] };

/** ARN patterns of the scopes that are not resources of the stack (after the variables are named). */
const arnScopes: ReadonlyArray<[ResourceScope, string]> = [
  ['own-handshakes', 'arn:${AWS::Partition}:organizations::${MANAGEMENT}:handshake/${ORGANIZATION}/*/h-*'],
  ['received-transfer-handshakes', 'arn:${AWS::Partition}:organizations::*:handshake/o-*/transfer_responsibility/h-*'],
  ['organization-accounts', 'arn:${AWS::Partition}:organizations::${MANAGEMENT}:account/${ORGANIZATION}/*'],
  ['organization-root', 'arn:${AWS::Partition}:organizations::${MANAGEMENT}:root/${ORGANIZATION}/r-*'],
  ['organization-ous', 'arn:${AWS::Partition}:organizations::${MANAGEMENT}:ou/${ORGANIZATION}/ou-*'],
  ['membership', 'arn:${AWS::Partition}:security-ir:${AWS::Region}:${AWS::AccountId}:membership/*'],
  ['cases', 'arn:${AWS::Partition}:security-ir:${AWS::Region}:${AWS::AccountId}:case/*'],
  ['macie-members', 'arn:${AWS::Partition}:macie2:*:${AWS::AccountId}:member/*'],
  ['replays', 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:replay/*'],
  ['default-bus', 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'],
  ['responsibility-transfers', 'arn:${AWS::Partition}:organizations::*:transfer/o-*/*/*/rt-*'],
];

/** The logical id a `Fn::GetAtt [id, Arn]` (or `id.Arn`) names, or null. */
export const arnOf = (value: unknown): string | null => {
  if (!isRecord(value)) return null;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string' && getAtt.endsWith('.Arn')) return getAtt.slice(0, -'.Arn'.length);
  return null;
};

/** An `Fn::Sub` with its variables named (`${MANAGEMENT}`, `${ORGANIZATION}`; `${?}` for any other value). */
export const subText = (value: unknown): string | null => {
  if (!isRecord(value)) return null;
  const sub = value['Fn::Sub'];
  const [text, variables] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
  if (typeof text !== 'string') return null;
  return text.replace(/\$\{([A-Za-z0-9]+)\}/g, (whole, name: string) => {
    if (!isRecord(variables) || !Object.hasOwn(variables, name)) return whole;
    const bound = variables[name];
    return same(bound, MANAGEMENT) ? '${MANAGEMENT}' : same(bound, ORGANIZATION) ? '${ORGANIZATION}' : '${?}';
  });
};

/** The scope a statement's resource is, or null when it is none of the declared ones. */
export const scopeOfResource = (template: CfnTemplate, resource: unknown): ResourceScope | null => {
  if (resource === '*') return 'any';
  const target = arnOf(resource);
  const type = target ? template.Resources[target]?.Type : undefined;
  if (type === 'AWS::DynamoDB::Table') return 'state-table';
  if (type === 'AWS::Events::EventBus') return 'event-bus';
  if (type === 'AWS::SQS::Queue') return 'dead-letter-queue';
  if (type === 'AWS::Events::Archive')
    return archivesOf(template).find((archive) => archive.logicalId === target)?.busName === 'default'
      ? 'input-archive'
      : null;
  const text = subText(resource);
  if (text === null) return null;
  const index = /^\$\{([A-Za-z0-9]+)\.Arn\}\/index\/\*$/.exec(text);
  if (index && template.Resources[index[1]!]?.Type === 'AWS::DynamoDB::Table') return 'state-table';
  return arnScopes.find(([, pattern]) => pattern === text)?.[0] ?? null;
};

/** A function's own log group: the only resource its logs actions may have. */
export const isOwnLogGroup = (resource: unknown, functionName: string): boolean =>
  subText(resource) ===
  `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${functionName}:*`;

/** A resource as a finding names it. */
export const describe = (resource: unknown): string =>
  typeof resource === 'string' ? resource : JSON.stringify(resource);
