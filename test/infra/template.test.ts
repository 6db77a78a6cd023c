import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../shared/domain/policy/policy';
import {
  functionsOf,
  rulesOf,
  tableDefinitionOf,
  TEMPLATE_FILE,
  type CfnResource,
  type CfnTemplate,
} from '../../shared/local/template';
import { getAtt, INFRA_STAGE, packaged, ref, resourcesOfType, type Packaged } from './packaged';

const onlyResource = (template: CfnTemplate, type: string): [string, CfnResource] => {
  const found = resourcesOfType(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('osls package (offline, no AWS credentials)', () => {
  let outDir: string;
  let result: Packaged;
  let template: CfnTemplate;
  const credentials = { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID, AWS_PROFILE: process.env.AWS_PROFILE };

  beforeAll(async () => {
    // Prepare: credentials that would fail if packaging ever used them; a fresh output folder.
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_PROFILE = 'orgwarden-profile-that-does-not-exist';
    outDir = join(mkdtempSync(join(tmpdir(), 'orgwarden-infra-')), 'package');
    // Act: a real packaging, not the cache.
    result = await packaged({ outDir, force: true });
    template = result.template;
  });

  afterAll(() => {
    for (const [name, value] of Object.entries(credentials)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dirname(outDir), { recursive: true, force: true });
  });

  it('produces the CloudFormation template and one artifact per function', () => {
    expect(result.templatePath).toBe(join(outDir, TEMPLATE_FILE));
    expect(Object.keys(template.Resources).length).toBeGreaterThan(0);
    for (const fn of functionsOf(template)) expect(existsSync(join(outDir, `${fn.name}.zip`)), fn.name).toBe(true);
  });

  it('targets us-east-1, where Organizations delivers its events, on nodejs22.x arm64', () => {
    expect(result.service.provider.region).toBe('us-east-1');
    expect(result.service.provider.stage).toBe(INFRA_STAGE);
    for (const fn of functionsOf(template)) {
      const props = template.Resources[fn.logicalId]!.Properties!;
      expect(props.Runtime, fn.name).toBe('nodejs22.x');
      expect(props.Architectures, fn.name).toEqual(['arm64']);
      // The audit lists whole organizations (minutes at Organizations' rate limits); the others react to one event.
      expect(props.MemorySize, fn.name).toBe(fn.name === 'audit' ? 512 : 256);
      expect(props.Timeout, fn.name).toBe(fn.name === 'audit' ? 900 : 30);
    }
  });

  it('keeps state in one retained, encrypted, point-in-time-recoverable table with TTL and the "due" index', () => {
    const [logicalId, resource] = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    const table = tableDefinitionOf(template);
    expect(table.logicalId).toBe(logicalId);
    expect(table.TableName).toBe(`orgwarden-${INFRA_STAGE}-state`);
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.AttributeDefinitions).toEqual(
      expect.arrayContaining(
        ['pk', 'sk', 'duePk', 'dueAt', 'kindPk', 'subject', 'lookupPk', 'journalPk', 'processedAt'].map(
          (AttributeName) => ({
            AttributeName,
            AttributeType: 'S',
          }),
        ),
      ),
    );
    expect(table.AttributeDefinitions).toHaveLength(9);
    expect(table.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'due',
        KeySchema: [
          { AttributeName: 'duePk', KeyType: 'HASH' },
          { AttributeName: 'dueAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'subjects',
        KeySchema: [
          { AttributeName: 'kindPk', KeyType: 'HASH' },
          { AttributeName: 'subject', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['state', 'version', 'digest'] },
      },
      {
        IndexName: 'lookup',
        KeySchema: [
          { AttributeName: 'lookupPk', KeyType: 'HASH' },
          { AttributeName: 'subject', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'journal',
        KeySchema: [
          { AttributeName: 'journalPk', KeyType: 'HASH' },
          { AttributeName: 'processedAt', KeyType: 'RANGE' },
        ],
        Projection: {
          ProjectionType: 'INCLUDE',
          NonKeyAttributes: ['eventId', 'eventName', 'source', 'functionName', 'replayName'],
        },
      },
    ]);
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('has its own event bus, archived, and archives the AWS events its rules take from the default bus (for replays)', () => {
    const [busId, bus] = onlyResource(template, 'AWS::Events::EventBus');
    expect(bus.Properties?.Name).toBe(`orgwarden-${INFRA_STAGE}`);
    const archives = resourcesOfType(template, 'AWS::Events::Archive').map(([, archive]) => archive.Properties!);
    expect(archives).toHaveLength(2);
    const own = archives.find((archive) => JSON.stringify(archive.SourceArn) === JSON.stringify(getAtt(busId)))!;
    expect(own.EventPattern).toEqual({ source: ['orgwarden'] });
    expect(own.RetentionDays).toBeGreaterThanOrEqual(365);
    const input = archives.find((archive) => archive !== own)!;
    expect(input).toMatchObject({
      ArchiveName: `orgwarden-${INFRA_STAGE}-input`,
      SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' },
    });
    const sources = rulesOf(template)
      .filter((rule) => rule.eventBusName === 'default' && rule.pattern)
      .flatMap((rule) => (rule.pattern as { source: string[] }).source);
    expect((input.EventPattern as { source: string[] }).source.sort()).toEqual([...new Set(sources)].sort());
  });

  it('has an encrypted dead-letter queue that only our rules (and our roles) can send to', () => {
    const [queueId, queue] = onlyResource(template, 'AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({
      QueueName: `orgwarden-${INFRA_STAGE}-dlq`,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    const [, policy] = onlyResource(template, 'AWS::SQS::QueuePolicy');
    expect(policy.Properties?.Queues).toEqual([ref(queueId)]);
    const statements = (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: getAtt(queueId),
    });
    // Every rule that parks events in the queue is named in the policy's aws:SourceArn, and only those.
    const sourceArns = JSON.stringify(
      (statement!.Condition as { ArnEquals: Record<string, unknown> }).ArnEquals['aws:SourceArn'],
    );
    const deadLetteringRules = rulesOf(template).filter((rule) =>
      (template.Resources[rule.logicalId]!.Properties!.Targets as { DeadLetterConfig?: unknown }[]).some(
        (target) => target.DeadLetterConfig,
      ),
    );
    expect(deadLetteringRules.length).toBeGreaterThan(0);
    for (const rule of deadLetteringRules) {
      const path = rule.eventBusName === 'default' ? rule.ruleName : `${rule.eventBusName}/${rule.ruleName}`;
      expect(sourceArns, rule.logicalId).toContain(`:events:\${AWS::Region}:\${AWS::AccountId}:rule/${path}"`);
    }
    expect(sourceArns.match(/:rule\//g)).toHaveLength(deadLetteringRules.length);
  });

  it('gives every event-driven function two async retries, then the dead-letter queue (no event dropped silently)', () => {
    const [queueId] = onlyResource(template, 'AWS::SQS::Queue');
    const configs = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig');
    for (const fn of functionsOf(template)) {
      const config = configs.find(
        ([, resource]) => JSON.stringify(resource.Properties?.FunctionName) === JSON.stringify(ref(fn.logicalId)),
      );
      expect(config, fn.name).toBeDefined();
      // The replay function is invoked by a person, who sees its answer: retrying it would only repeat a refusal.
      expect(config![1].Properties).toMatchObject({
        Qualifier: '$LATEST',
        MaximumRetryAttempts: fn.name === 'replay' ? 0 : 2,
        DestinationConfig: { OnFailure: { Destination: getAtt(queueId) } },
      });
      expect(config![1].Properties!.MaximumEventAgeInSeconds).toBeGreaterThanOrEqual(3600);
    }
  });

  it('gives every rule target a retry policy and the dead-letter queue', () => {
    const [queueId] = onlyResource(template, 'AWS::SQS::Queue');
    for (const [logicalId, rule] of resourcesOfType(template, 'AWS::Events::Rule')) {
      for (const target of rule.Properties!.Targets as Record<string, unknown>[]) {
        expect(target.DeadLetterConfig, logicalId).toEqual({ Arn: getAtt(queueId) });
        expect(target.RetryPolicy, logicalId).toEqual({
          MaximumRetryAttempts: expect.any(Number),
          MaximumEventAgeInSeconds: expect.any(Number),
        });
      }
    }
  });

  it('triggers handshake-changed from the default bus on the Organizations handshake and membership events', () => {
    const rules = rulesOf(template).filter((rule) =>
      rule.targets.some((target) => target.functionName === 'handshake-changed'),
    );
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule).toMatchObject({ eventBusName: 'default', enabled: true, schedule: null });
    expect(rule!.targets).toEqual([
      {
        id: expect.any(String),
        functionName: 'handshake-changed',
        handler: 'functions/handshake-changed/handler.handler',
      },
    ]);
    expect(rule!.pattern).toEqual({
      source: ['aws.organizations'],
      'detail-type': ['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail'],
      detail: {
        eventSource: ['organizations.amazonaws.com'],
        eventName: [
          'InviteAccountToOrganization',
          'AcceptHandshake',
          'DeclineHandshake',
          'CancelHandshake',
          'EnableAllFeatures',
          'InviteOrganizationToTransferResponsibility',
          'TerminateResponsibilityTransfer',
          'UpdateResponsibilityTransfer',
          'AccountJoinedOrganization',
          'AccountDepartedOrganization',
          // Issue 8: an account created or moved has its Security IR coverage checked.
          'CreateAccountResult',
          'MoveAccount',
          'ResponsibilityTransferAccepted',
          'ResponsibilityTransferTerminated',
          // A service's delegated administrator (the Security IR one holds the membership).
          'RegisterDelegatedAdministrator',
          'DeregisterDelegatedAdministrator',
        ],
        errorCode: [{ exists: false }],
      },
    });
  });

  it('protects the table from deletion (the history it keeps is what the APIs forget)', () => {
    const [, table] = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it("notifies a topic of the policy's alert detail-types, with an optional e-mail subscription", () => {
    const [topicId] = onlyResource(template, 'AWS::SNS::Topic');
    const alertRule = resourcesOfType(template, 'AWS::Events::Rule').find(([, rule]) =>
      JSON.stringify(rule.Properties?.Targets).includes(topicId),
    )!;
    expect(alertRule[1].Properties).toMatchObject({
      EventBusName: ref('OrgwardenEventBus'),
      // The default policy's alerts, as the policy schema defaults them (Delegated Administrator Changed included).
      EventPattern: { source: ['orgwarden'], 'detail-type': defaultPolicy.alerts },
    });
    const [, subscription] = onlyResource(template, 'AWS::SNS::Subscription');
    expect(subscription).toMatchObject({
      Condition: 'AlertEmailGiven',
      Properties: { Protocol: 'email', Endpoint: ref('AlertEmail'), TopicArn: ref(topicId) },
    });
    const [, policy] = onlyResource(template, 'AWS::SNS::TopicPolicy');
    const statements = (
      policy.Properties!.PolicyDocument as { Statement: Array<{ Principal: { Service: string }; Condition: unknown }> }
    ).Statement;
    expect(statements.map((st) => st.Principal.Service).sort()).toEqual([
      'cloudwatch.amazonaws.com',
      'events.amazonaws.com',
    ]);
    expect(statements.every((st) => st.Condition)).toBe(true);
  });

  it('alarms on anything in the dead-letter queue and on every function error', () => {
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(
      ([, alarm]) =>
        alarm.Properties as {
          Namespace: string;
          MetricName: string;
          Dimensions: Array<{ Value: unknown }>;
          AlarmActions: unknown[];
          Threshold: number;
        },
    );
    const [queueId] = onlyResource(template, 'AWS::SQS::Queue');
    const [topicId] = onlyResource(template, 'AWS::SNS::Topic');
    expect(alarms.find((a) => a.Namespace === 'AWS/SQS')).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Value: getAtt(queueId, 'QueueName') }],
      Threshold: 0,
    });
    const functionAlarms = alarms
      .filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors')
      .map((a) => a.Dimensions[0]!.Value);
    expect(functionAlarms.sort()).toEqual(
      functionsOf(template)
        .map((fn) => fn.functionName)
        .sort(),
    );
    expect(alarms.every((a) => JSON.stringify(a.AlarmActions) === JSON.stringify([ref(topicId)]))).toBe(true);
  });

  it('refuses to package for a region other than us-east-1, naming why', async () => {
    await expect(packaged({ outDir: join(dirname(outDir), 'eu'), force: true, region: 'eu-west-1' })).rejects.toThrow(
      /must live in us-east-1 .*not eu-west-1/,
    );
  });

  it('passes each function its configuration and writes its logs to a log group with a retention', () => {
    const queueId = onlyResource(template, 'AWS::SQS::Queue')[0];
    const busId = onlyResource(template, 'AWS::Events::EventBus')[0];
    const tableId = onlyResource(template, 'AWS::DynamoDB::Table')[0];
    const logGroups = resourcesOfType(template, 'AWS::Logs::LogGroup');
    for (const fn of functionsOf(template)) {
      const variables = (
        template.Resources[fn.logicalId]!.Properties!.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(variables, fn.name).toMatchObject({
        TABLE_NAME: ref(tableId),
        EVENT_BUS_NAME: ref(busId),
        DEAD_LETTER_QUEUE_URL: ref(queueId),
        POWERTOOLS_SERVICE_NAME: 'orgwarden',
        LOG_LEVEL: expect.stringMatching(/^(DEBUG|INFO|WARN|ERROR)$/),
        ORGWARDEN_STAGE: INFRA_STAGE,
      });
      const logGroup = logGroups.find(
        ([, group]) => group.Properties?.LogGroupName === `/aws/lambda/${fn.functionName}`,
      );
      expect(logGroup, fn.name).toBeDefined();
      expect(logGroup![1].Properties!.RetentionInDays).toBeGreaterThan(0);
    }
  });
});
