import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { matchesPattern } from '../../shared/local/event-pattern/matcher';
import { forwarderPattern, forwarderTemplatePath } from '../../shared/local/stack/macie-routing';
import { rulesOf, type TemplateRule } from '../../shared/local/template';
import { readEvent } from '../support/stack';
import { packaged } from './packaged';

const samples = [
  'create-member',
  'delete-member',
  'disassociate-member',
  'update-member-session',
  'disassociate-from-administrator-account',
  'disassociate-from-master-account',
];

describe('shared/infra/macie-forwarder.yml: each watched Region forwards to the home Region', () => {
  let home: TemplateRule;

  beforeAll(async () => {
    home = rulesOf((await packaged()).template).find(
      (rule) => rule.targets.some((t) => t.functionName === 'macie-member-changed') && rule.pattern !== null,
    )!;
  });

  it('forwards exactly what the home rule of macie-member-changed takes (the same pattern)', () => {
    expect(forwarderPattern()).toEqual(home.pattern);
  });

  it.each(samples)('forwards the %s sample, and not its failed version', async (name) => {
    const event = await readEvent(`macie/${name}.json`);
    expect(matchesPattern(forwarderPattern(), event)).toBe(true);
    expect(
      matchesPattern(forwarderPattern(), {
        ...event,
        detail: { ...(event.detail as object), errorCode: 'AccessDeniedException' },
      }),
    ).toBe(false);
  });

  it("targets the home Region's default bus of the same account, through a role allowed to put events there only", () => {
    const template = parse(readFileSync(forwarderTemplatePath, 'utf8')) as {
      Resources: Record<string, { Properties: Record<string, unknown> }>;
    };
    const target = (
      template.Resources.ForwardMacieMemberCalls!.Properties.Targets as Array<Record<string, unknown>>
    )[0]!;
    expect(target.Arn).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default',
    });
    const policy = (
      template.Resources.ForwardRole!.Properties.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>
    )[0]!.PolicyDocument.Statement;
    expect(policy).toEqual([
      {
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default' }],
      },
    ]);
  });
});
