/**
 * Reads the packaged CloudFormation template: the rules, the table, the environment and the roles
 * come from what `osls package` produces, never restated by hand.
 */
import { readFileSync } from 'node:fs';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Condition?: string;
}

export interface CfnTemplate {
  readonly AWSTemplateFormatVersion?: string;
  readonly Description?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a packaged template. */
export const loadTemplate = (path: string): CfnTemplate => {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isRecord(parsed) || !isRecord(parsed.Resources)) throw new Error(`${path} is not a CloudFormation template`);
  return parsed as unknown as CfnTemplate;
};

const resourcesOfType = (template: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** A deployed function as the template declares it. */
export interface TemplateFunction {
  readonly logicalId: string;
  /** The serverless.yml key, e.g. `handshake-changed`. */
  readonly name: string;
  /** The Lambda function name, e.g. `orgwarden-dev-handshake-changed`. */
  readonly functionName: string;
  /** E.g. `functions/handshake-changed/handler.handler`. */
  readonly handler: string;
  /** Lambda's timeout for the function, in seconds. */
  readonly timeoutSeconds: number;
}

// osls names a function's resource normalize(key) + 'LambdaFunction', where '-' becomes 'Dash'
// and '_' becomes 'Underscore'; the key is recovered by undoing that (keys are kebab-case).
const LAMBDA_SUFFIX = 'LambdaFunction';
const keyOfLogicalId = (logicalId: string): string => {
  const stem = logicalId.slice(0, -LAMBDA_SUFFIX.length).replaceAll('Dash', '-').replaceAll('Underscore', '_');
  return stem.charAt(0).toLowerCase() + stem.slice(1);
};

const toFunction = (logicalId: string, resource: CfnResource): TemplateFunction => {
  const props = resource.Properties ?? {};
  const { Handler: handler, FunctionName: functionName } = props;
  if (typeof handler !== 'string' || typeof functionName !== 'string') {
    throw new Error(`${logicalId}: expected literal Handler and FunctionName`);
  }
  const name = keyOfLogicalId(logicalId);
  if (!logicalId.endsWith(LAMBDA_SUFFIX) || !(functionName === name || functionName.endsWith(`-${name}`))) {
    throw new Error(`${logicalId}: cannot tell its serverless.yml name (FunctionName ${functionName})`);
  }
  return {
    logicalId,
    name,
    functionName,
    handler,
    timeoutSeconds: typeof props.Timeout === 'number' ? props.Timeout : 6,
  };
};

/** Every Lambda function in the template. */
export const functionsOf = (template: CfnTemplate): TemplateFunction[] =>
  resourcesOfType(template, 'AWS::Lambda::Function').map(([logicalId, resource]) => toFunction(logicalId, resource));

/** The function named `fn` (its serverless.yml key); throws when there is none. */
export const functionOf = (
  template: CfnTemplate,
  fn: string,
): TemplateFunction & { readonly resource: CfnResource } => {
  const found = functionsOf(template).find((candidate) => candidate.name === fn);
  if (!found) throw new Error(`No function ${fn} in the template`);
  const resource = template.Resources[found.logicalId];
  if (!resource) throw new Error(`No resource ${found.logicalId}`);
  return { ...found, resource };
};

/** An EventBridge rule and the functions it invokes. */
export interface TemplateRule {
  readonly logicalId: string;
  readonly ruleName: string | null;
  /** `default`, a bus name, or the `Name` of a bus declared in the template. */
  readonly eventBusName: string;
  /** The event pattern; `null` for a schedule rule. */
  readonly pattern: Record<string, unknown> | null;
  readonly schedule: string | null;
  readonly enabled: boolean;
  readonly targets: { readonly id: string; readonly functionName: string; readonly handler: string }[];
  /** Targets that are not functions of this template (queues, buses, ...), unresolved. */
  readonly otherTargets: { readonly id: string; readonly arn: unknown }[];
}

const logicalIdOfGetAtt = (value: unknown, attribute: string): string | null => {
  if (!isRecord(value)) return null;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === attribute && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string' && getAtt.endsWith(`.${attribute}`)) return getAtt.slice(0, -attribute.length - 1);
  return null;
};

const refOf = (value: unknown): string | null => (isRecord(value) && typeof value.Ref === 'string' ? value.Ref : null);

const busNameOf = (template: CfnTemplate, value: unknown): string => {
  if (value === undefined || value === 'default') return 'default';
  if (typeof value === 'string') return value.startsWith('arn:') ? value.slice(value.indexOf('/') + 1) : value;
  const logicalId = refOf(value) ?? logicalIdOfGetAtt(value, 'Name') ?? logicalIdOfGetAtt(value, 'Arn');
  const declared = logicalId ? template.Resources[logicalId]?.Properties?.Name : undefined;
  if (typeof declared === 'string') return declared;
  throw new Error(`Cannot resolve the event bus ${JSON.stringify(value)}`);
};

// A target may point at the function itself or at one of its aliases (provisioned concurrency).
const functionLogicalIdOfTarget = (template: CfnTemplate, arn: unknown): string | null => {
  const direct = logicalIdOfGetAtt(arn, 'Arn') ?? refOf(arn);
  const resource = direct ? template.Resources[direct] : undefined;
  if (!direct || !resource) return null;
  if (resource.Type === 'AWS::Lambda::Function') return direct;
  if (resource.Type === 'AWS::Lambda::Alias') return refOf(resource.Properties?.FunctionName);
  return null;
};

/**
 * A pattern's `{ "Ref": "AWS::AccountId" }` (the alert rule matches its own account) as the account it is deployed in.
 */
const withAccount = (value: unknown, accountId: string): unknown => {
  if (Array.isArray(value)) return value.map((item) => withAccount(item, accountId));
  if (!isRecord(value)) return value;
  if (refOf(value) === 'AWS::AccountId') return accountId;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withAccount(item, accountId)]));
};

/**
 * Every `AWS::Events::Rule`, with its targets resolved to serverless function names and handlers
 * (and `AWS::AccountId` in its pattern as `accountId`: the local stack's default account unless given).
 */
export const rulesOf = (template: CfnTemplate, accountId = '111111111111'): TemplateRule[] => {
  const functions = new Map(functionsOf(template).map((fn) => [fn.logicalId, fn]));
  return resourcesOfType(template, 'AWS::Events::Rule').map(([logicalId, resource]) => {
    const props = resource.Properties ?? {};
    const rawPattern = props.EventPattern;
    const pattern = withAccount(
      typeof rawPattern === 'string' ? (JSON.parse(rawPattern) as unknown) : rawPattern,
      accountId,
    );
    const targets: TemplateRule['targets'][number][] = [];
    const otherTargets: TemplateRule['otherTargets'][number][] = [];
    for (const target of Array.isArray(props.Targets) ? (props.Targets as unknown[]) : []) {
      if (!isRecord(target)) continue;
      const id = typeof target.Id === 'string' ? target.Id : '';
      const fn = functions.get(functionLogicalIdOfTarget(template, target.Arn) ?? '');
      if (fn) targets.push({ id, functionName: fn.name, handler: fn.handler });
      else otherTargets.push({ id, arn: target.Arn });
    }
    return {
      logicalId,
      ruleName: typeof props.Name === 'string' ? props.Name : null,
      eventBusName: busNameOf(template, props.EventBusName),
      pattern: isRecord(pattern) ? pattern : null,
      schedule: typeof props.ScheduleExpression === 'string' ? props.ScheduleExpression : null,
      enabled: props.State !== 'DISABLED',
      targets,
      otherTargets,
    };
  });
};

/** An EventBridge archive: which bus it keeps events of, and which. */
export interface TemplateArchive {
  readonly logicalId: string;
  readonly archiveName: string;
  /** `default`, or the name of one of the template's buses. */
  readonly busName: string;
  readonly pattern: Record<string, unknown> | null;
}

/** Every `AWS::Events::Archive` of the template. */
export const archivesOf = (template: CfnTemplate): TemplateArchive[] =>
  resourcesOfType(template, 'AWS::Events::Archive').map(([logicalId, resource]) => {
    const props = resource.Properties ?? {};
    const source = props.SourceArn;
    const sub = isRecord(source) ? source['Fn::Sub'] : undefined;
    const busName =
      typeof sub === 'string' && sub.endsWith(':event-bus/default')
        ? 'default'
        : busNameOf(
            template,
            isRecord(source) && source['Fn::GetAtt'] ? { 'Fn::GetAtt': source['Fn::GetAtt'] } : source,
          );
    return {
      logicalId,
      archiveName: String(props.ArchiveName),
      busName,
      pattern: isRecord(props.EventPattern) ? props.EventPattern : null,
    };
  });

export interface KeySchemaElement {
  readonly AttributeName: string;
  readonly KeyType: 'HASH' | 'RANGE';
}

/** The `AWS::DynamoDB::Table` properties that decide what a local copy of the table must be. */
export interface TableDefinition {
  readonly logicalId: string;
  readonly TableName?: string;
  readonly BillingMode?: string;
  readonly KeySchema: KeySchemaElement[];
  readonly AttributeDefinitions: { readonly AttributeName: string; readonly AttributeType: 'S' | 'N' | 'B' }[];
  readonly GlobalSecondaryIndexes?: {
    readonly IndexName: string;
    readonly KeySchema: KeySchemaElement[];
    readonly Projection: { readonly ProjectionType: string; readonly NonKeyAttributes?: string[] };
  }[];
  readonly TimeToLiveSpecification?: { readonly AttributeName: string; readonly Enabled: boolean };
  readonly PointInTimeRecoverySpecification?: { readonly PointInTimeRecoveryEnabled: boolean };
  readonly SSESpecification?: { readonly SSEEnabled: boolean };
  readonly [property: string]: unknown;
}

/** The properties of the template's only DynamoDB table (or of the one with that logical id). */
export const tableDefinitionOf = (template: CfnTemplate, logicalId?: string): TableDefinition => {
  const tables = resourcesOfType(template, 'AWS::DynamoDB::Table').filter(([id]) => !logicalId || id === logicalId);
  const [only, ...more] = tables;
  if (!only || more.length > 0) {
    throw new Error(`Expected one DynamoDB table${logicalId ? ` ${logicalId}` : ''}, found ${tables.length}`);
  }
  const [id, resource] = only;
  return { logicalId: id, ...(resource.Properties ?? {}) } as TableDefinition;
};

/**
 * A function's environment variables. Values are as the template has them (`{ Ref: ... }` for
 * stack resources) unless `refs` maps logical ids to local values, in which case every `Ref` is
 * resolved and an unresolved intrinsic throws.
 */
export function functionEnvironmentOf(template: CfnTemplate, fn: string): Record<string, unknown>;
export function functionEnvironmentOf(
  template: CfnTemplate,
  fn: string,
  refs: Record<string, string>,
): Record<string, string>;
export function functionEnvironmentOf(
  template: CfnTemplate,
  fn: string,
  refs?: Record<string, string>,
): Record<string, unknown> {
  const { resource } = functionOf(template, fn);
  const environment = resource.Properties?.Environment;
  const variables = isRecord(environment) && isRecord(environment.Variables) ? environment.Variables : {};
  if (!refs) return { ...variables };
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => {
      if (typeof value === 'string') return [name, value];
      const ref = refOf(value);
      const local = ref === null ? undefined : refs[ref];
      if (local === undefined) throw new Error(`${fn}: no local value for ${name} = ${JSON.stringify(value)}`);
      return [name, local];
    }),
  );
}

/** One IAM policy statement with `Action` and `Resource` always as arrays. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string[];
  readonly Resource: unknown[];
  readonly Condition?: unknown;
}

const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const statementsOfDocument = (document: unknown): PolicyStatement[] =>
  isRecord(document)
    ? asArray(document.Statement)
        .filter(isRecord)
        .map((statement) => ({
          ...(typeof statement.Sid === 'string' ? { Sid: statement.Sid } : {}),
          Effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
          Action: asArray(statement.Action).map(String),
          Resource: asArray(statement.Resource),
          ...(statement.Condition === undefined ? {} : { Condition: statement.Condition }),
        }))
    : [];

/** The logical id of the `AWS::IAM::Role` a function runs with. */
export const roleLogicalIdOf = (template: CfnTemplate, fn: string): string => {
  const { resource } = functionOf(template, fn);
  const role = logicalIdOfGetAtt(resource.Properties?.Role, 'Arn');
  if (!role || template.Resources[role]?.Type !== 'AWS::IAM::Role') {
    throw new Error(`${fn}: its Role is not a role of this template: ${JSON.stringify(resource.Properties?.Role)}`);
  }
  return role;
};

/**
 * Every statement a function's role carries: its inline policies and the `AWS::IAM::Policy` /
 * `AWS::IAM::ManagedPolicy` resources of the template attached to it. A role with managed policy
 * ARNs throws: their contents are not in the template, so nothing could be said about them.
 */
export const rolePolicyStatementsOf = (template: CfnTemplate, fn: string): PolicyStatement[] => {
  const roleId = roleLogicalIdOf(template, fn);
  const props = template.Resources[roleId]?.Properties ?? {};
  if (asArray(props.ManagedPolicyArns).length > 0) throw new Error(`${fn}: role ${roleId} has managed policy ARNs`);
  const inline = asArray(props.Policies).flatMap((policy) =>
    isRecord(policy) ? statementsOfDocument(policy.PolicyDocument) : [],
  );
  const attached = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy')
    .filter((resource) => asArray(resource.Properties?.Roles).some((role) => refOf(role) === roleId))
    .flatMap((resource) => statementsOfDocument(resource.Properties?.PolicyDocument));
  return [...inline, ...attached];
};

/** The sorted, de-duplicated actions a function's role allows. */
export const rolePolicyActionsOf = (template: CfnTemplate, fn: string): string[] =>
  [
    ...new Set(
      rolePolicyStatementsOf(template, fn)
        .filter((statement) => statement.Effect === 'Allow')
        .flatMap((statement) => statement.Action),
    ),
  ].sort();
