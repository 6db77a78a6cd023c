import { beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type FunctionName } from '../../shared/config/function-needs';
import { actionScopes } from '../../shared/adapters/permission-scopes';
import { functionsOf, rolePolicyActionsOf, type CfnTemplate } from '../../shared/local/template';
import { iamFindings, type CheckId } from '../security/checks';
import { LOG_ACTIONS } from '../security/checks/iam';
import { packaged } from './packaged';

/**
 * The IAM checks of test/security/checks on the packaged template, one concern per test (the
 * checks are shown to fail on widened copies of the template in test/security).
 */
describe('IAM: one least-privilege role per function', () => {
  let template: CfnTemplate;
  const found = (...checks: CheckId[]) => iamFindings(template).filter((f) => checks.includes(f.check));

  beforeAll(async () => {
    ({ template } = await packaged());
  });

  it('declares the permissions of every packaged function in shared/adapters/permissions.ts', () => {
    expect(functionsOf(template).length).toBeGreaterThan(0);
    expect(found('undeclared-function')).toEqual([]);
  });

  it('gives each function a role of its own, assumable by Lambda only, without managed policies', () => {
    expect(found('shared-role', 'role-trust', 'managed-policy')).toEqual([]);
  });

  it("grants exactly the function's declared actions plus writing its logs", () => {
    expect(found('actions-differ')).toEqual([]);
    for (const fn of functionsOf(template))
      expect(rolePolicyActionsOf(template, fn.name), fn.name).toEqual(
        [...permissionsOf(fn.name as FunctionName), ...LOG_ACTIONS].sort(),
      );
  });

  it('allows only, and names every action in full (no wildcard)', () => {
    expect(found('statement-shape', 'wildcard-action')).toEqual([]);
  });

  it('grants each action only on the resources shared/adapters/permission-scopes.ts declares for it', () => {
    expect(found('undeclared-scope', 'unscoped-resource')).toEqual([]);
  });

  it('declares "*" only for the actions that have no resource type (widening a declaration shows here)', () => {
    const anywhere = Object.entries(actionScopes)
      .filter(([, scopes]) => scopes.includes('any'))
      .map(([action]) => action);
    expect(anywhere.sort()).toEqual([
      'macie2:ListMembers',
      'organizations:DescribeOrganization',
      'organizations:ListDelegatedAdministrators',
      'organizations:ListHandshakesForAccount',
      'organizations:ListHandshakesForOrganization',
      'organizations:ListInboundResponsibilityTransfers',
      'organizations:ListOutboundResponsibilityTransfers',
      'organizations:ListRoots',
      'security-ir:ListMemberships',
    ]);
  });

  it('lets a function write only to its own log group', () => {
    expect(found('log-group')).toEqual([]);
  });
});
