import { beforeAll, describe, expect, it } from 'vitest';
import { actionScopes } from '../../shared/adapters/permission-scopes';
import type { CfnTemplate } from '../../shared/local/template';
import { packaged } from '../infra/packaged';
import {
  loadReference,
  matchesFormat,
  referenceCheckIds,
  referenceFindings,
  type Reference,
  type ReferenceCheckId,
} from './checks/reference';
import { grantedStatements } from './checks/statements';
import { addStatement, mutated, statement, type Json } from './mutate';

const sub = (text: string) => ({ 'Fn::Sub': text });
const arn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const without = (resources: unknown[], drop: (resource: unknown) => boolean): unknown[] =>
  resources.filter((resource) => !drop(resource));
const isSub = (pattern: RegExp) => (resource: unknown) => pattern.test(JSON.stringify(resource));

interface Mutation {
  readonly name: string;
  readonly change: (resources: Json) => unknown;
  /** Every finding the change must cause, and nothing else: [check, `<Role> <action>`]. */
  readonly expected: ReadonlyArray<readonly [ReferenceCheckId, string]>;
}

/** Roles widened or narrowed against what the reference lists, each with the findings it must cause. */
const mutations: Mutation[] = [
  {
    name: 'StartReplay on the archive alone (as it was granted before)',
    change: (r) => (statement(r, 'ReplayRole', 'ReplayTheInputArchive').Resource = [arn('InputArchive')]),
    expected: [
      ['resource-type-missing', 'ReplayRole events:StartReplay'],
      ['resource-type-missing', 'ReplayRole events:StartReplay'],
    ],
  },
  {
    name: 'StartReplay without its destination bus',
    change: (r) => {
      const replay = statement(r, 'ReplayRole', 'ReplayTheInputArchive');
      replay.Resource = without(replay.Resource, isSub(/event-bus\/default/));
    },
    expected: [['resource-type-missing', 'ReplayRole events:StartReplay']],
  },
  {
    name: 'DescribeResponsibilityTransfer back on *',
    change: (r) => (statement(r, 'AuditRole', 'ResponsibilityTransfers').Resource = '*'),
    expected: [['resource-type-mismatch', 'AuditRole organizations:DescribeResponsibilityTransfer']],
  },
  {
    name: 'the item actions granted on the indexes too',
    change: (r) =>
      (statement(r, 'ExpirySweepRole', 'StateTable').Resource = [arn('StateTable'), sub('${StateTable.Arn}/index/*')]),
    expected: ['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'].map(
      (action) => ['resource-type-mismatch', `ExpirySweepRole dynamodb:${action}`] as const,
    ),
  },
  {
    name: 'an action with no resource type narrowed to an ARN (it would never match: denied)',
    change: (r) =>
      (statement(r, 'AuditRole', 'ListRoots').Resource = [
        sub('arn:${AWS::Partition}:organizations::${AWS::AccountId}:root/o-*/r-*'),
      ]),
    expected: [['resource-type-mismatch', 'AuditRole organizations:ListRoots']],
  },
  {
    name: 'PutEvents widened to every resource of EventBridge',
    change: (r) =>
      (statement(r, 'AuditRole', 'PublishOnOwnBus').Resource = [
        sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:*'),
      ]),
    expected: [['resource-type-mismatch', 'AuditRole events:PutEvents']],
  },
  {
    name: 'handshakes without their organization part',
    change: (r) =>
      (statement(r, 'ExpirySweepRole', 'OwnHandshakes').Resource = [
        sub('arn:${AWS::Partition}:organizations::${AWS::AccountId}:handshake/*'),
      ]),
    // DescribeHandshake keeps the received transfer invitations: CancelHandshake has no handshake left.
    expected: [
      ['resource-type-mismatch', 'ExpirySweepRole organizations:CancelHandshake'],
      ['resource-type-missing', 'ExpirySweepRole organizations:CancelHandshake'],
      ['resource-type-mismatch', 'ExpirySweepRole organizations:DescribeHandshake'],
    ],
  },
  {
    name: 'CreateCase on memberships instead of cases',
    change: (r) =>
      (statement(r, 'HandshakeChangedRole', 'OpenCases').Resource = [
        sub('arn:${AWS::Partition}:security-ir:${AWS::Region}:${AWS::AccountId}:membership/*'),
      ]),
    // The statement holds every case action the grouping of cases per party uses: each is on the wrong type.
    expected: ['CreateCase', 'CreateCaseComment', 'GetCase'].flatMap(
      (action) =>
        [
          ['resource-type-mismatch', `HandshakeChangedRole security-ir:${action}`],
          ['resource-type-missing', `HandshakeChangedRole security-ir:${action}`],
        ] as const,
    ),
  },
  {
    name: 'logs on every log group',
    change: (r) =>
      (statement(r, 'ReplayRole', 'OwnLogGroup').Resource = [
        sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*'),
      ]),
    expected: [
      ['resource-type-mismatch', 'ReplayRole logs:CreateLogStream'],
      ['resource-type-missing', 'ReplayRole logs:CreateLogStream'],
      ['resource-type-mismatch', 'ReplayRole logs:PutLogEvents'],
      ['resource-type-missing', 'ReplayRole logs:PutLogEvents'],
    ],
  },
  {
    name: 'an action the reference does not know',
    change: (r) =>
      addStatement(r, 'AuditRole', {
        Sid: 'Typo',
        Effect: 'Allow',
        Action: ['organizations:DescribeHandshakes'],
        Resource: '*',
      }),
    expected: [['unknown-action', 'AuditRole organizations:DescribeHandshakes']],
  },
  {
    name: 'a resource that is no ARN the check can read',
    change: (r) =>
      (statement(r, 'ReplayRole', 'ReadItsReplays').Resource = [{ 'Fn::ImportValue': 'somebody-elses-replays' }]),
    expected: [['unresolved-resource', 'ReplayRole events:DescribeReplay']],
  },
];

describe("every role's actions against the Service Authorization Reference", () => {
  let template: CfnTemplate;
  let reference: Reference;

  beforeAll(async () => {
    ({ template } = await packaged());
    const actions = grantedStatements(template).flatMap((granted) => granted.actions);
    reference = await loadReference([...actions, ...Object.keys(actionScopes), 'organizations:DescribeHandshakes']);
  });

  it('finds every granted resource of a type the reference lists for its action, and every required type granted', () => {
    // Prepare: the template serverless.yml packages. Act
    const findings = referenceFindings(template, reference);
    // Assess: StartReplay on the archive, the default bus and replays; each action on its own types.
    expect(findings).toEqual([]);
    expect(
      reference.actions
        .get('events:startreplay')!
        .filter((type) => type.required)
        .map((type) => type.name)
        .sort(),
    ).toEqual(['archive', 'event-bus', 'replay']);
  });

  it('declares "*" in permission-scopes.ts exactly for the actions the reference lists no resource type for', () => {
    for (const [action, scopes] of Object.entries(actionScopes)) {
      expect(reference.actions.has(action.toLowerCase()), `${action} in the reference`).toBe(true);
      expect(scopes.includes('any'), action).toBe(reference.actions.get(action.toLowerCase())!.length === 0);
    }
  });

  it.each(mutations)('fails when $name', ({ change, expected }) => {
    // Prepare: a deep copy with one change (the packaged template itself stays as it is).
    const changed = mutated(template, change);
    // Act
    const findings = referenceFindings(changed, reference);
    // Assess: exactly the expected findings, each about the expected role and action.
    expect(findings.map((f) => [f.check, f.where]).sort()).toEqual(
      expected.map(([check, where]) => [check, where]).sort(),
    );
  });

  it('shows every check failing at least once (no check that cannot fail)', () => {
    const shown = new Set(mutations.flatMap((mutation) => mutation.expected.map(([check]) => check)));
    expect(referenceCheckIds.filter((check) => !shown.has(check))).toEqual([]);
  });

  it('reads a trailing * after a named part as what the format has there, and no other * beyond a variable', () => {
    const stream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
    expect(matchesFormat('arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*', stream)).toBe(true);
    expect(matchesFormat('arn:aws:logs:us-east-1:123456789012:log-group:*', stream)).toBe(false);
    expect(
      matchesFormat(
        'arn:aws:events:us-east-1:123456789012:*',
        'arn:${Partition}:events:${Region}:${Account}:archive/${ArchiveName}',
      ),
    ).toBe(false);
    expect(
      matchesFormat(
        'arn:aws:dynamodb:us-east-1:123456789012:table/t/index/*',
        'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
      ),
    ).toBe(false);
  });
});
