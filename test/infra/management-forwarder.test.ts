import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { matchesPattern } from '../../shared/local/event-pattern/matcher';
import { projectRoot, rulesOf, type CfnTemplate, type TemplateRule } from '../../shared/local/template';
import { readEvent } from '../support/stack';
import { packaged, resourcesOfType } from './packaged';

interface Forwarder {
  readonly Resources: Record<string, { readonly Properties: Record<string, unknown> }>;
}
const forwarder = (): Forwarder =>
  parse(readFileSync(join(projectRoot, 'shared/infra/management-forwarder.yml'), 'utf8')) as Forwarder;
const forwarderPattern = (): unknown => forwarder().Resources.ForwardOrganizationsEvents!.Properties.EventPattern;
const busArn = { 'Fn::Sub': 'arn:${AWS::Partition}:events:us-east-1:${OrgwardenAccountId}:event-bus/default' };

const forwarded = [
  'invite-account-to-organization',
  'accept-handshake',
  'create-account-result',
  'account-departed-organization',
  'move-account',
  'responsibility-transfer-accepted',
];
const notForwarded = ['create-organizational-unit', 'list-accounts', 'attach-policy-failed'];

describe("shared/infra/management-forwarder.yml: the management account forwards its Organizations events to a delegated administrator's deployment", () => {
  let template: CfnTemplate;
  let home: TemplateRule;

  beforeAll(async () => {
    template = (await packaged()).template;
    home = rulesOf(template).find((rule) => rule.targets.some((t) => t.functionName === 'handshake-changed'))!;
  });

  it('forwards exactly what the rule of handshake-changed takes (the same pattern)', () => {
    expect(forwarderPattern()).toEqual(home.pattern);
  });

  it.each(forwarded)('forwards the %s sample', async (name) => {
    expect(matchesPattern(forwarderPattern(), await readEvent(`organizations/${name}.json`))).toBe(true);
  });

  it.each(notForwarded)('does not forward the %s sample', async (name) => {
    expect(matchesPattern(forwarderPattern(), await readEvent(`organizations/${name}.json`))).toBe(false);
  });

  it("targets the default bus of orgwarden's account in us-east-1, through a role allowed to put events there only", () => {
    const rule = forwarder().Resources.ForwardOrganizationsEvents!.Properties;
    const target = (rule.Targets as Array<Record<string, unknown>>)[0]!;
    expect(target.Arn).toEqual(busArn);
    expect(target.RoleArn).toEqual({ 'Fn::GetAtt': ['ForwardRole', 'Arn'] });
    const policy = (
      forwarder().Resources.ForwardRole!.Properties.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>
    )[0]!.PolicyDocument.Statement;
    expect(policy).toEqual([{ Effect: 'Allow', Action: ['events:PutEvents'], Resource: [busArn] }]);
  });

  it("lets the management account put events on the main stack's default bus only when the stack names a management account", () => {
    const policies = resourcesOfType(template, 'AWS::Events::EventBusPolicy');
    expect(policies.map(([id, resource]) => [id, resource.Condition])).toEqual([
      ['ManagementEventsPolicy', 'ManagementAccountIdGiven'],
    ]);
    const statement = (policies[0]![1].Properties as { Statement: Record<string, unknown>; EventBusName: string })
      .Statement;
    expect((policies[0]![1].Properties as { EventBusName: string }).EventBusName).toBe('default');
    expect(statement).toEqual({
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${ManagementAccountId}:root' } },
      Action: 'events:PutEvents',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' },
    });
  });

  it('tells every function the management account (empty: this account is it)', () => {
    for (const [, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      expect(
        (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables
          .MANAGEMENT_ACCOUNT_ID,
      ).toEqual({ Ref: 'ManagementAccountId' });
    }
  });
});
