import { functionNeeds, permissionsOf, type FunctionName } from '../../../shared/config/function-needs';
import { scopesOf } from '../../../shared/adapters/permission-scopes';
import { functionsOf, type CfnTemplate, type TemplateFunction } from '../../../shared/local/template';
import { finding, type Finding } from './findings';
import { arnOf, describe, isOwnLogGroup, scopeOfResource } from './resources';
import { grantedStatements, type GrantedStatement } from './statements';

/** What a function needs to write its own logs (its log group is created by the stack). */
export const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** The only trust a function's role may have: Lambda assumes it. */
const LAMBDA_TRUST = [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }];

/** An action named in full: `service:Operation`, no wildcard. */
const FULL_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

const isDeclared = (name: string): name is FunctionName => Object.hasOwn(functionNeeds, name);

const roleOf = (template: CfnTemplate, fn: TemplateFunction): string | null => {
  const role = arnOf(template.Resources[fn.logicalId]?.Properties?.Role);
  return role && template.Resources[role]?.Type === 'AWS::IAM::Role' ? role : null;
};

/** Each statement's actions on each of its resources, against the declared scopes and the log group. */
const resourceFindings = (
  template: CfnTemplate,
  fn: TemplateFunction,
  statements: readonly GrantedStatement[],
): Finding[] => {
  const findings: Finding[] = [];
  const undeclared = new Set<string>();
  for (const statement of statements) {
    const where = `${fn.name} ${statement.sid ?? statement.source}`;
    if (statement.resources.length === 0)
      findings.push(finding('unscoped-resource', where, 'a statement without a resource'));
    if (statement.negated) {
      findings.push(finding('unscoped-resource', where, 'NotAction/NotResource grants everything it does not name'));
      continue;
    }
    for (const action of statement.actions) {
      for (const resource of statement.resources) {
        if (action.startsWith('logs:')) {
          if (!isOwnLogGroup(resource, fn.functionName))
            findings.push(
              finding('log-group', where, `${action} on ${describe(resource)}, not /aws/lambda/${fn.functionName}`),
            );
          continue;
        }
        const scopes = scopesOf(action);
        if (!scopes) {
          if (!undeclared.has(action))
            findings.push(
              finding('undeclared-scope', where, `${action} has no scope in shared/adapters/permission-scopes.ts`),
            );
          undeclared.add(action);
          continue;
        }
        const scope = scopeOfResource(template, resource);
        if (!scope || !scopes.includes(scope))
          findings.push(
            finding('unscoped-resource', where, `${action} on ${describe(resource)} (declared: ${scopes.join(', ')})`),
          );
      }
    }
  }
  return findings;
};

/** One function's role: its trust, its statements, its actions against `permissionsOf`, its resources. */
const roleFindings = (
  template: CfnTemplate,
  fn: TemplateFunction & { name: FunctionName },
  roleId: string,
): Finding[] => {
  const findings: Finding[] = [];
  const props = template.Resources[roleId]?.Properties ?? {};
  const trust = (props.AssumeRolePolicyDocument as { Statement?: unknown } | undefined)?.Statement;
  if (JSON.stringify(trust) !== JSON.stringify(LAMBDA_TRUST))
    findings.push(finding('role-trust', fn.name, `${roleId} may be assumed by ${JSON.stringify(trust)}`));
  if (props.ManagedPolicyArns !== undefined)
    findings.push(
      finding('managed-policy', fn.name, `${roleId} has managed policies ${JSON.stringify(props.ManagedPolicyArns)}`),
    );
  const statements = grantedStatements(template).filter((statement) => statement.grantees.includes(roleId));
  for (const statement of statements) {
    const where = `${fn.name} ${statement.sid ?? statement.source}`;
    if (statement.effect !== 'Allow' || statement.negated)
      findings.push(
        finding(
          'statement-shape',
          where,
          `${statement.effect}${statement.negated ? ' with NotAction/NotResource' : ''}: a role only allows, naming what`,
        ),
      );
    for (const action of statement.actions)
      if (!FULL_ACTION.test(action))
        findings.push(finding('wildcard-action', where, `${action} is not one action named in full`));
  }
  const granted = [
    ...new Set(
      statements.filter((statement) => statement.effect === 'Allow').flatMap((statement) => statement.actions),
    ),
  ].sort();
  const declared = [...permissionsOf(fn.name), ...LOG_ACTIONS].sort();
  const extra = granted.filter((action) => !declared.includes(action));
  const missing = declared.filter((action) => !granted.includes(action));
  if (extra.length > 0 || missing.length > 0)
    findings.push(
      finding(
        'actions-differ',
        fn.name,
        `granted but not declared: [${extra.join(', ')}]; declared but not granted: [${missing.join(', ')}]`,
      ),
    );
  return [
    ...findings,
    ...resourceFindings(
      template,
      fn,
      statements.filter((statement) => statement.effect === 'Allow'),
    ),
  ];
};

/**
 * Each function runs with a role of its own, assumable by Lambda only, with no managed policy, that
 * allows exactly the actions its capabilities declare (`permissionsOf`, shared/config/function-needs.ts) (plus writing
 * its own
 * logs), each named in full, each on the resources `permission-scopes.ts` declares for it.
 */
export const iamFindings = (template: CfnTemplate): Finding[] => {
  const findings: Finding[] = [];
  const owners = new Map<string, string[]>();
  for (const fn of functionsOf(template)) {
    if (!isDeclared(fn.name)) {
      findings.push(
        finding(
          'undeclared-function',
          fn.name,
          `${fn.name} is missing from functionNeeds in shared/config/function-needs.ts`,
        ),
      );
      continue;
    }
    const roleId = roleOf(template, fn);
    if (!roleId) {
      findings.push(
        finding(
          'shared-role',
          fn.name,
          `its Role is not a role of this template: ${JSON.stringify(template.Resources[fn.logicalId]?.Properties?.Role)}`,
        ),
      );
      continue;
    }
    owners.set(roleId, [...(owners.get(roleId) ?? []), fn.name]);
    findings.push(...roleFindings(template, { ...fn, name: fn.name }, roleId));
  }
  for (const [roleId, names] of owners) {
    if (names.length > 1 || roleId === 'IamRoleLambdaExecution')
      findings.push(finding('shared-role', names.join(', '), `${roleId} serves ${names.join(' and ')}`));
  }
  return findings;
};
