import type { CfnTemplate } from '../../../shared/local/template';

/**
 * Every identity policy statement of a template, as written (shared/local/template's reader keeps
 * only `Action` and `Resource`; a check must also see `NotAction`, `NotResource` and `Deny`), with
 * the identities it is granted to: a role's inline policies, and `AWS::IAM::Policy` /
 * `AWS::IAM::ManagedPolicy` resources attached to roles, users or groups.
 */
export interface GrantedStatement {
  /** Role logical ids (users and groups as `user:<id>`, `group:<id>`). */
  readonly grantees: readonly string[];
  /** Where it is written: `<Role> <PolicyName>` or the policy resource's logical id. */
  readonly source: string;
  readonly sid: string | undefined;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
  /** `NotAction`: `actions` are the ones it does not grant (it grants every other). */
  readonly notAction: boolean;
  /** `NotAction` or `NotResource`: grants everything but what it names. */
  readonly negated: boolean;
  /** The statement's `Condition` block, as written (undefined: none). */
  readonly condition?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const refOf = (value: unknown): string | null => (isRecord(value) && typeof value.Ref === 'string' ? value.Ref : null);

const statementsOf = (document: unknown, grantees: readonly string[], source: string): GrantedStatement[] =>
  isRecord(document)
    ? asArray(document.Statement)
        .filter(isRecord)
        .map((statement) => ({
          grantees,
          source,
          sid: typeof statement.Sid === 'string' ? statement.Sid : undefined,
          effect: String(statement.Effect),
          actions: [...asArray(statement.Action), ...asArray(statement.NotAction)].map(String),
          resources: [...asArray(statement.Resource), ...asArray(statement.NotResource)],
          notAction: statement.NotAction !== undefined,
          negated: statement.NotAction !== undefined || statement.NotResource !== undefined,
          condition: statement.Condition,
        }))
    : [];

export const grantedStatements = (template: CfnTemplate): GrantedStatement[] => {
  const entries = Object.entries(template.Resources);
  const inline = entries
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .flatMap(([roleId, role]) =>
      asArray(role.Properties?.Policies).flatMap((policy) =>
        isRecord(policy) ? statementsOf(policy.PolicyDocument, [roleId], `${roleId} ${String(policy.PolicyName)}`) : [],
      ),
    );
  const attached = entries
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap(([policyId, policy]) => {
      const props = policy.Properties ?? {};
      const byManagedArn = entries
        .filter(
          ([, role]) =>
            role.Type === 'AWS::IAM::Role' &&
            asArray(role.Properties?.ManagedPolicyArns).some((arn) => refOf(arn) === policyId),
        )
        .map(([roleId]) => roleId);
      const grantees = [
        ...asArray(props.Roles).map((role) => refOf(role) ?? String(role)),
        ...byManagedArn,
        ...asArray(props.Users).map((user) => `user:${refOf(user) ?? String(user)}`),
        ...asArray(props.Groups).map((group) => `group:${refOf(group) ?? String(group)}`),
      ];
      return statementsOf(props.PolicyDocument, grantees, policyId);
    });
  return [...inline, ...attached];
};

/** Whether an IAM action pattern (`events:*`, `events:Start*`, `*`) covers an action; IAM compares without case. */
export const coversAction = (pattern: string, action: string): boolean => {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    'i',
  );
  return regex.test(action);
};
