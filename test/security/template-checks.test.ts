import { beforeAll, describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../../shared/local/template';
import { packaged } from '../infra/packaged';
import {
  busFindings,
  checkIds,
  iamFindings,
  replayFindings,
  securityFindings,
  storageFindings,
  type CheckId,
} from './checks';
import { addStatement, mutated, statement, type Json } from './mutate';

const sub = (text: string) => ({ 'Fn::Sub': text });
const arn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const busStatement = (r: Json, sid: string): Json =>
  (r.OrgwardenEventBus.Properties.Policy.Statement as Json[]).find((s) => s.Sid === sid)!;

interface Mutation {
  readonly name: string;
  readonly change: (resources: Json) => unknown;
  /** Every finding the change must cause, and nothing else: [check, part of where]. */
  readonly expected: ReadonlyArray<readonly [CheckId, string]>;
}

/** Widened roles and removed settings, each with the findings it must cause. */
const mutations: Mutation[] = [
  {
    name: 'an action widened with *',
    change: (r) => {
      (statement(r, 'ExpirySweepRole', 'StateTable').Action as string[]).push('dynamodb:*');
    },
    expected: [
      ['wildcard-action', 'expiry-sweep StateTable'],
      ['actions-differ', 'expiry-sweep'],
      ['undeclared-scope', 'expiry-sweep StateTable'],
    ],
  },
  {
    name: "handshake-changed's table writes freed of their LeadingKeys condition",
    change: (r) => delete statement(r, 'HandshakeChangedRole', 'StateTableWrites').Condition,
    expected: [['table-writes', 'handshake-changed StateTableWrites']],
  },
  {
    name: "membership-changed allowed to write handshakes' items",
    change: (r) =>
      (
        statement(r, 'MembershipChangedRole', 'StateTableWrites').Condition['ForAllValues:StringLike'][
          'dynamodb:LeadingKeys'
        ] as string[]
      ).push('LEDGER#handshake:*'),
    expected: [['table-writes', 'membership-changed StateTableWrites']],
  },
  {
    name: 'a write granted to macie-member-changed beside its scoped one',
    change: (r) =>
      addStatement(r, 'MacieMemberChangedRole', {
        Sid: 'MoreWrites',
        Effect: 'Allow',
        Action: ['dynamodb:PutItem'],
        Resource: [arn('StateTable')],
      }),
    expected: [['table-writes', 'macie-member-changed MoreWrites']],
  },
  {
    name: 'an action turned into a prefix wildcard',
    change: (r) => (statement(r, 'AuditRole', 'StateTable').Action[0] = 'dynamodb:BatchGet*'),
    expected: [
      ['wildcard-action', 'audit StateTable'],
      ['actions-differ', 'audit'],
      ['undeclared-scope', 'audit StateTable'],
    ],
  },
  {
    name: "the own handshakes' ARN widened to *",
    change: (r) => (statement(r, 'HandshakeChangedRole', 'OwnHandshakes').Resource = '*'),
    expected: [['unscoped-resource', 'handshake-changed OwnHandshakes']],
  },
  {
    name: 'the table widened to *',
    change: (r) => (statement(r, 'AuditRole', 'StateTable').Resource = ['*']),
    expected: [['unscoped-resource', 'audit StateTable']],
  },
  {
    name: "accounts widened to every organization's",
    change: (r) =>
      (statement(r, 'MacieMemberChangedRole', 'MemberEmails').Resource = [
        sub('arn:${AWS::Partition}:organizations::*:account/*'),
      ]),
    expected: [['unscoped-resource', 'macie-member-changed MemberEmails']],
  },
  {
    name: "the tree walk's OUs widened to every organization's",
    change: (r) =>
      ((statement(r, 'AuditRole', 'WalkTheTree').Resource as unknown[])[1] = sub(
        'arn:${AWS::Partition}:organizations::*:ou/*',
      )),
    expected: [['unscoped-resource', 'audit WalkTheTree']],
  },
  {
    name: 'CreateCase back on *',
    change: (r) => (statement(r, 'ExpirySweepRole', 'OpenCases').Resource = '*'),
    expected: [['unscoped-resource', 'expiry-sweep OpenCases']],
  },
  {
    name: 'Macie members of any account',
    change: (r) =>
      (statement(r, 'MacieMemberChangedRole', 'MacieMembers').Resource = [
        sub('arn:${AWS::Partition}:macie2:*:*:member/*'),
      ]),
    expected: [['unscoped-resource', 'macie-member-changed MacieMembers']],
  },
  {
    name: 'publishing on any bus',
    change: (r) =>
      (statement(r, 'MembershipChangedRole', 'PublishOnOwnBus').Resource = [
        sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/*'),
      ]),
    expected: [['unscoped-resource', 'membership-changed PublishOnOwnBus']],
  },
  {
    name: 'logs written to any log group',
    change: (r) =>
      (statement(r, 'HandshakeChangedRole', 'OwnLogGroup').Resource = [
        sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*'),
      ]),
    expected: [['log-group', 'handshake-changed OwnLogGroup']],
  },
  {
    name: 'an action nobody declared',
    change: (r) =>
      addStatement(r, 'AuditRole', {
        Sid: 'Children',
        Effect: 'Allow',
        Action: ['organizations:ListChildren'],
        Resource: '*',
      }),
    expected: [
      ['actions-differ', 'audit'],
      ['undeclared-scope', 'audit Children'],
    ],
  },
  {
    name: 'a NotResource statement',
    change: (r) =>
      addStatement(r, 'ExpirySweepRole', {
        Sid: 'AllButTheTable',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        NotResource: [arn('StateTable')],
      }),
    expected: [
      ['statement-shape', 'expiry-sweep AllButTheTable'],
      ['unscoped-resource', 'expiry-sweep AllButTheTable'],
    ],
  },
  {
    name: 'a role anyone may assume',
    change: (r) => (r.HandshakeChangedRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal = { AWS: '*' }),
    expected: [['role-trust', 'handshake-changed']],
  },
  {
    name: 'a managed policy attached to a role',
    change: (r) => (r.AuditRole.Properties.ManagedPolicyArns = ['arn:aws:iam::aws:policy/AdministratorAccess']),
    expected: [['managed-policy', 'audit']],
  },
  {
    name: 'two functions sharing a role',
    change: (r) => (r.MembershipDashchangedLambdaFunction.Properties.Role = arn('HandshakeChangedRole')),
    // membership-changed would also write to handshake-changed's log group and its subjects' items, and the bus policy
    // names a role no function has.
    expected: [
      ['shared-role', 'handshake-changed, membership-changed'],
      ['actions-differ', 'membership-changed'],
      ['log-group', 'membership-changed OwnLogGroup'],
      ['table-writes', 'membership-changed StateTableWrites'],
      ['bus-policy', 'OrgwardenEventBus orgwarden'],
    ],
  },
  {
    name: 'a function missing from permissions.ts',
    change: (r) => {
      const replay = r.ReplayLambdaFunction as Json;
      r.SpareLambdaFunction = {
        ...replay,
        Properties: { ...(replay.Properties as Json), FunctionName: 'orgwarden-infratest-spare' },
      };
    },
    expected: [['undeclared-function', 'spare']],
  },
  {
    name: 'another function allowed to start replays',
    change: (r) =>
      addStatement(r, 'AuditRole', {
        Sid: 'Replays',
        Effect: 'Allow',
        Action: ['events:StartReplay'],
        Resource: [arn('InputArchive')],
      }),
    expected: [
      ['replay-elsewhere', 'AuditRole'],
      ['actions-differ', 'audit'],
    ],
  },
  {
    name: 'another function given events:* on *',
    change: (r) =>
      addStatement(r, 'HandshakeChangedRole', { Sid: 'AllEvents', Effect: 'Allow', Action: 'events:*', Resource: '*' }),
    expected: [
      ['replay-elsewhere', 'HandshakeChangedRole'],
      ['wildcard-action', 'handshake-changed AllEvents'],
      ['actions-differ', 'handshake-changed'],
      ['undeclared-scope', 'handshake-changed AllEvents'],
      ['publish-condition', 'handshake-changed AllEvents'],
    ],
  },
  {
    name: 'StartReplay in a policy resource attached to a function role',
    change: (r) =>
      (r.ExtraPolicy = {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'extra',
          Roles: [{ Ref: 'MembershipChangedRole' }],
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'events:StartReplay', Resource: '*' }] },
        },
      }),
    expected: [
      ['replay-elsewhere', 'ExtraPolicy'],
      ['actions-differ', 'membership-changed'],
      ['unscoped-resource', 'membership-changed ExtraPolicy'],
    ],
  },
  {
    name: 'a role outside the functions that may do anything but SQS',
    change: (r) =>
      (r.OperatorRole = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {},
          Policies: [
            {
              PolicyName: 'operator',
              PolicyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'sqs:*', Resource: '*' }] },
            },
          ],
        },
      }),
    expected: [['replay-elsewhere', 'OperatorRole operator']],
  },
  {
    name: 'the replay function allowed on any archive',
    change: (r) => (statement(r, 'ReplayRole', 'ReplayTheInputArchive').Resource = '*'),
    expected: [
      ['replay-scope', 'ReplayRole replay ReplayTheInputArchive'],
      ['unscoped-resource', 'replay ReplayTheInputArchive'],
    ],
  },
  {
    name: "the replay function allowed on orgwarden's own archive",
    change: (r) => (statement(r, 'ReplayRole', 'ReplayTheInputArchive').Resource = [arn('OrgwardenEventArchive')]),
    expected: [
      ['replay-scope', 'ReplayRole replay ReplayTheInputArchive'],
      ['unscoped-resource', 'replay ReplayTheInputArchive'],
    ],
  },
  {
    name: 'a role allowed to put any source on the bus',
    change: (r) => delete statement(r, 'HandshakeChangedRole', 'PublishOnOwnBus').Condition,
    expected: [['publish-condition', 'handshake-changed PublishOnOwnBus']],
  },
  {
    name: "another function allowed to put the audit's continuations",
    change: (r) =>
      (statement(r, 'ExpirySweepRole', 'PublishOnOwnBus').Condition['ForAllValues:StringEquals']['events:source'] = [
        'orgwarden',
        'orgwarden.audit',
      ]),
    expected: [['publish-condition', 'expiry-sweep PublishOnOwnBus']],
  },
  {
    name: 'the audit allowed any detail-type under its continuations’ source',
    change: (r) =>
      delete statement(r, 'AuditRole', 'PublishContinuations').Condition['ForAllValues:StringEquals'][
        'events:detail-type'
      ],
    expected: [['publish-condition', 'audit PublishContinuations']],
  },
  {
    name: "the continuations' deny letting another role through",
    change: (r) =>
      (busStatement(r, 'ContinuationsFromTheAuditOnly').Condition.ArnNotEquals['aws:PrincipalArn'] as unknown[]).push(
        sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orgwarden-infratest-us-east-1-expiry-sweep'),
      ),
    expected: [['bus-policy', 'OrgwardenEventBus orgwarden.audit']],
  },
  {
    name: "the deny of orgwarden's source to other principals dropped",
    change: (r) =>
      (r.OrgwardenEventBus.Properties.Policy.Statement = (
        r.OrgwardenEventBus.Properties.Policy.Statement as Json[]
      ).filter((s) => s.Sid !== 'OrgwardenEventsFromItsRolesOnly')),
    expected: [['bus-policy', 'OrgwardenEventBus orgwarden']],
  },
  {
    name: 'other sources no longer refused on the bus',
    change: (r) => delete busStatement(r, 'OnlyOrgwardenSources').Condition,
    expected: [['bus-policy', 'OrgwardenEventBus other sources']],
  },
  {
    name: 'the bus opened to another account',
    change: (r) =>
      (r.PartnerBusPolicy = {
        Type: 'AWS::Events::EventBusPolicy',
        Properties: {
          EventBusName: { Ref: 'OrgwardenEventBus' },
          StatementId: 'partner',
          Statement: {
            Sid: 'Partner',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999999999999:root' },
            Action: 'events:PutEvents',
            Resource: arn('OrgwardenEventBus'),
          },
        },
      }),
    expected: [['bus-policy', 'OrgwardenEventBus Partner']],
  },
  {
    name: "the alert rule forwarding any account's events",
    change: (r) => delete r.AlertRule.Properties.EventPattern.account,
    expected: [['alert-rule', 'AlertRule']],
  },
  {
    name: 'PointInTimeRecoverySpecification dropped',
    change: (r) => delete r.StateTable.Properties.PointInTimeRecoverySpecification,
    expected: [['table-pitr', 'StateTable']],
  },
  {
    name: 'point-in-time recovery disabled',
    change: (r) => (r.StateTable.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled = false),
    expected: [['table-pitr', 'StateTable']],
  },
  {
    name: 'SSESpecification dropped',
    change: (r) => delete r.StateTable.Properties.SSESpecification,
    expected: [['table-encryption', 'StateTable']],
  },
  {
    name: 'DeletionProtectionEnabled removed',
    change: (r) => delete r.StateTable.Properties.DeletionProtectionEnabled,
    expected: [['table-deletion-protection', 'StateTable']],
  },
  {
    name: 'the table deleted with the stack',
    change: (r) => (r.StateTable.DeletionPolicy = 'Delete'),
    expected: [['table-retention', 'StateTable']],
  },
  {
    name: 'SqsManagedSseEnabled: false',
    change: (r) => (r.DeadLetterQueue.Properties.SqsManagedSseEnabled = false),
    expected: [['queue-encryption', 'DeadLetterQueue']],
  },
  {
    name: 'SqsManagedSseEnabled removed',
    change: (r) => delete r.DeadLetterQueue.Properties.SqsManagedSseEnabled,
    expected: [['queue-encryption', 'DeadLetterQueue']],
  },
  {
    name: "the topic's KmsMasterKeyId removed",
    change: (r) => delete r.AlertTopic.Properties.KmsMasterKeyId,
    expected: [['topic-encryption', 'AlertTopic']],
  },
  {
    name: 'the topic under the AWS managed key',
    change: (r) => (r.AlertTopic.Properties.KmsMasterKeyId = 'alias/aws/sns'),
    expected: [['topic-encryption', 'AlertTopic']],
  },
  {
    name: "the topic key's rotation off",
    change: (r) => (r.AlertTopicKey.Properties.EnableKeyRotation = false),
    expected: [['key-rotation', 'AlertTopicKey']],
  },
  {
    name: 'a topic key EventBridge may not use',
    change: (r) => (r.AlertTopicKey.Properties.KeyPolicy.Statement[1].Principal.Service = ['cloudwatch.amazonaws.com']),
    expected: [['topic-key-policy', 'AlertTopicKey']],
  },
];

describe('security checks of the packaged template', () => {
  let template: CfnTemplate;

  beforeAll(async () => {
    ({ template } = await packaged());
  });

  it('finds nothing in the template serverless.yml packages', () => {
    expect(iamFindings(template)).toEqual([]);
    expect(replayFindings(template)).toEqual([]);
    expect(storageFindings(template)).toEqual([]);
    expect(busFindings(template)).toEqual([]);
  });

  it.each(mutations)('fails when $name', ({ change, expected }) => {
    // Prepare: a deep copy with one change (the packaged template itself stays as it is).
    const changed = mutated(template, change);
    // Act
    const findings = securityFindings(changed);
    // Assess: exactly the expected checks, each about the expected function, role or resource.
    expect([...new Set(findings.map((f) => f.check))].sort()).toEqual(
      [...new Set(expected.map(([check]) => check))].sort(),
    );
    for (const [check, where] of expected)
      expect(findings, `${check} at ${where}`).toContainEqual(
        expect.objectContaining({ check, where: expect.stringContaining(where) }),
      );
    expect(securityFindings(template)).toEqual([]);
  });

  it('shows every check failing at least once (no check that cannot fail)', () => {
    const shown = new Set(mutations.flatMap((mutation) => mutation.expected.map(([check]) => check)));
    expect(checkIds.filter((check) => !shown.has(check))).toEqual([]);
  });
});
