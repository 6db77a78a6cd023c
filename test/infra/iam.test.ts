import { beforeAll, describe, expect, it } from 'vitest';
import { functionNeeds, permissionsOf } from '../../shared/adapters/permissions';
import {
  functionsOf,
  roleLogicalIdOf,
  rolePolicyActionsOf,
  rolePolicyStatementsOf,
  type CfnTemplate,
  type TemplateFunction,
} from '../../shared/local/template';
import { packaged } from './packaged';

/** What a function needs to write its own logs (its log group is created by the stack). */
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/**
 * Actions that support no resource-level permissions (Service Authorization Reference: no resource
 * type listed), for which `Resource: '*'` is the only possibility. serverless.yml says so beside each.
 */
const NO_RESOURCE_LEVEL_PERMISSIONS = new Set([
  'organizations:ListHandshakesForOrganization',
  'organizations:ListHandshakesForAccount',
  'organizations:DescribeOrganization',
  'organizations:DescribeResponsibilityTransfer',
  'organizations:ListInboundResponsibilityTransfers',
  'organizations:ListOutboundResponsibilityTransfers',
  'security-ir:CreateCase',
  'organizations:ListAccounts',
  // No resource type in the Service Authorization Reference (how the coverage check finds the membership).
  'security-ir:ListMemberships',
  // Macie is regional and the watched Regions are a deployment parameter: ListMembers lists no
  // resource type; for GetMember and CreateMember '*' is a choice (see docs-draft/memberships.md).
  'macie2:ListMembers',
  'macie2:GetMember',
  'macie2:CreateMember',
]);

const isDeclared = (name: string): name is keyof typeof functionNeeds => Object.hasOwn(functionNeeds, name);

/** The ARN text of a resource entry: a literal, an Fn::Sub template, or `<Type>` for a GetAtt Arn. */
const describeResource = (template: CfnTemplate, resource: unknown): string => {
  if (typeof resource === 'string') return resource;
  const value = resource as Record<string, unknown>;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn') return `<${template.Resources[String(getAtt[0])]?.Type ?? 'unknown'}>`;
  const sub = value['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text === 'string') {
    // `${Table.Arn}/index/*` is scoped by the resource it starts from; pseudo parameters and
    // Fn::Sub variables stand for one concrete value each.
    return text
      .replace(/^\$\{([A-Za-z0-9]+)\.Arn\}/, (_, id: string) => `<${template.Resources[id]?.Type ?? 'unknown'}>`)
      .replaceAll('${AWS::Partition}', 'PARTITION')
      .replaceAll('${AWS::Region}', 'REGION')
      .replaceAll('${AWS::AccountId}', 'ACCOUNT')
      .replace(/\$\{[A-Za-z0-9]+\}/g, 'VARIABLE');
  }
  return JSON.stringify(resource);
};

/** The IAM service prefix a resource belongs to: from its ARN, or from the CloudFormation type it points at. */
const serviceOf = (description: string): string | null => {
  const fromType = /^<AWS::([A-Za-z0-9]+)::/.exec(description);
  if (fromType) return fromType[1]!.toLowerCase();
  const fromArn = /^arn:[^:]+:([^:]+):/.exec(description);
  return fromArn ? fromArn[1]! : null;
};

describe('IAM: one least-privilege role per function', () => {
  let template: CfnTemplate;
  let functions: TemplateFunction[];

  beforeAll(async () => {
    ({ template } = await packaged());
    functions = functionsOf(template);
  });

  it('declares the permissions of every packaged function in shared/adapters/permissions.ts', () => {
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(isDeclared(fn.name), `${fn.name} missing from functionAdapters`).toBe(true);
  });

  it('gives each function a role of its own, assumable by Lambda only', () => {
    const roles = functions.map((fn) => roleLogicalIdOf(template, fn.name));
    expect(new Set(roles).size).toBe(functions.length);
    expect(roles).not.toContain('IamRoleLambdaExecution'); // the osls role shared by all functions
    for (const role of roles) {
      const trust = template.Resources[role]!.Properties!.AssumeRolePolicyDocument as { Statement: unknown[] };
      expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
      expect(template.Resources[role]!.Properties!.ManagedPolicyArns).toBeUndefined();
    }
  });

  it("grants exactly the function's declared actions plus writing its logs", () => {
    for (const fn of functions) {
      if (!isDeclared(fn.name)) continue;
      expect(rolePolicyActionsOf(template, fn.name), fn.name).toEqual([...permissionsOf(fn.name), ...LOG_ACTIONS].sort());
    }
  });

  it('allows only, and names every action in full (no wildcard)', () => {
    for (const fn of functions) {
      for (const statement of rolePolicyStatementsOf(template, fn.name)) {
        expect(statement.Effect, fn.name).toBe('Allow');
        expect(statement.Action.length, fn.name).toBeGreaterThan(0);
        for (const action of statement.Action) expect(action, fn.name).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      }
    }
  });

  it('scopes every resource, of the action\'s own service; "*" only where IAM allows nothing else', () => {
    for (const fn of functions) {
      for (const statement of rolePolicyStatementsOf(template, fn.name)) {
        const where = `${fn.name} ${statement.Sid ?? statement.Action.join(',')}`;
        expect(statement.Resource.length, where).toBeGreaterThan(0);
        for (const resource of statement.Resource) {
          const description = describeResource(template, resource);
          if (description === '*') {
            for (const action of statement.Action) expect(NO_RESOURCE_LEVEL_PERMISSIONS.has(action), `${where}: ${action} on *`).toBe(true);
            continue;
          }
          // A concrete service and resource type: arn:partition:service:region:account:type...
          expect(description, where).toMatch(/^(<AWS::[A-Za-z0-9]+::[A-Za-z0-9]+>|arn:PARTITION:[a-z0-9-]+:[^:*]*:[^:]*:[a-z-]+[:/])/);
          for (const action of statement.Action) expect(serviceOf(description), `${where}: ${action} on ${description}`).toBe(action.split(':')[0]);
        }
      }
    }
  });

  it("lets a function write only to its own log group", () => {
    for (const fn of functions) {
      const logStatements = rolePolicyStatementsOf(template, fn.name).filter((statement) => statement.Action.some((action) => action.startsWith('logs:')));
      const resources = logStatements.flatMap((statement) => statement.Resource.map((resource) => describeResource(template, resource)));
      expect(resources.length, fn.name).toBeGreaterThan(0);
      for (const resource of resources) expect(resource, fn.name).toMatch(new RegExp(`:log-group:/aws/lambda/${fn.functionName}:\\*$`));
    }
  });
});
