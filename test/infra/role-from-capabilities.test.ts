import { beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../shared/config/capabilities/capabilities';
import { membershipChangedCapabilities } from '../../shared/config/capabilities/membership-changed';
import { permissionsOfCapabilities } from '../../shared/config/function-needs';
import { rolePolicies, roleStatements } from '../../shared/config/role-statements';
import type { Effect } from '../../shared/use-cases/effects/effect';
import { functionOf, type CfnTemplate } from '../../shared/local/template';
import { iamFindings } from '../security/checks';
import { LOG_ACTIONS } from '../security/checks/iam';
import { mutated } from '../security/mutate';
import { packaged } from './packaged';

/** An effect declared only here: a finding about a membership sent to a Security IR case. */
const escalate: Effect<unknown, { note: string }> = {
  action: 'escalate-membership',
  permissions: ['security-ir:CreateCase', 'security-ir:GetCase'],
  run: (_deps, entries) => Promise.resolve(entries.map(() => ({ status: 'done' }))),
};

/** membership-changed's own list, with the test's effect or without it. */
const withEscalation = capabilities({
  ...membershipChangedCapabilities,
  effects: [...membershipChangedCapabilities.effects, escalate],
});

const actionsOf = (statements: readonly { Action: readonly string[] }[]): string[] =>
  [...new Set(statements.flatMap((statement) => statement.Action))].sort();

describe("a function's role is rendered from its capabilities", () => {
  let template: CfnTemplate;
  let lambdaName: string;

  beforeAll(async () => {
    ({ template } = await packaged());
    lambdaName = functionOf(template, 'membership-changed').functionName;
  });

  it('renders the packaged role of membership-changed from its capability list, statement for statement', () => {
    // Act: what shared/config/role-policies.cjs gives serverless.yml for it.
    const rendered = rolePolicies('membership-changed', membershipChangedCapabilities, lambdaName);
    // Assess
    expect(JSON.parse(JSON.stringify(rendered))).toEqual(
      template.Resources.MembershipChangedRole!.Properties!.Policies,
    );
  });

  it("grants exactly an effect's declared permissions once the function lists it, and none once it does not", () => {
    // Act
    const listed = roleStatements('membership-changed', withEscalation, lambdaName);
    const unlisted = roleStatements('membership-changed', membershipChangedCapabilities, lambdaName);
    // Assess: the effect's actions, in a statement on Security IR cases; gone without it.
    const added = actionsOf(listed).filter((action) => !actionsOf(unlisted).includes(action));
    expect(added).toEqual([...escalate.permissions].sort());
    expect(listed.find((statement) => statement.Sid === 'OpenCases')).toMatchObject({
      Action: ['security-ir:CreateCase', 'security-ir:GetCase'],
    });
    expect(actionsOf(listed)).toEqual([...permissionsOfCapabilities(withEscalation), ...LOG_ACTIONS].sort());
    expect(actionsOf(unlisted)).toEqual(
      [...permissionsOfCapabilities(membershipChangedCapabilities), ...LOG_ACTIONS].sort(),
    );
    expect(actionsOf(unlisted).some((action) => escalate.permissions.includes(action))).toBe(false);
  });

  it('passes the IAM checks with the effect listed (each action on the resources declared for it)', () => {
    // Prepare: the packaged template with membership-changed's role rendered from the longer list.
    const changed = mutated(
      template,
      (r) =>
        (r.MembershipChangedRole.Properties.Policies = JSON.parse(
          JSON.stringify(rolePolicies('membership-changed', withEscalation, lambdaName)),
        )),
    );
    // Act
    const findings = iamFindings(changed).map((f) => [f.check, f.where]);
    // Assess: only that the role now grants more than membership-changed's own list declares.
    expect(findings).toEqual([['actions-differ', 'membership-changed']]);
  });

  it('stops the packaging when an effect needs an action no statement grants', () => {
    const unknown: Effect<unknown, unknown> = {
      ...escalate,
      action: 'tag-membership',
      permissions: ['security-ir:TagResource'],
    };
    expect(() =>
      roleStatements(
        'membership-changed',
        capabilities({ ...membershipChangedCapabilities, effects: [unknown] }),
        lambdaName,
      ),
    ).toThrow(/security-ir:TagResource/);
  });
});
