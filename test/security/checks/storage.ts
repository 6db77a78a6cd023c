import type { CfnTemplate } from '../../../shared/local/template';
import { finding, type Finding } from './findings';

/**
 * Data at rest: the table keeps history the APIs forget after 30 days (encrypted, recoverable to any
 * second of 35 days, protected from deletion, retained when the stack goes); the dead-letter queue
 * holds whole events (encrypted); the alert topic carries the alerts (encrypted with a customer
 * managed key that rotates and that EventBridge and CloudWatch alarms may use: under the AWS
 * managed `alias/aws/sns` key neither can publish, and alerts would be lost without an error anyone
 * sees).
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const of = (template: CfnTemplate, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

const tableFindings = (template: CfnTemplate): Finding[] =>
  of(template, 'AWS::DynamoDB::Table').flatMap(([id, table]) => {
    const props = table.Properties ?? {};
    const findings: Finding[] = [];
    if ((props.SSESpecification as { SSEEnabled?: unknown } | undefined)?.SSEEnabled !== true)
      findings.push(finding('table-encryption', id, `SSESpecification ${JSON.stringify(props.SSESpecification)}`));
    if (
      (props.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: unknown } | undefined)
        ?.PointInTimeRecoveryEnabled !== true
    ) {
      findings.push(
        finding(
          'table-pitr',
          id,
          `PointInTimeRecoverySpecification ${JSON.stringify(props.PointInTimeRecoverySpecification)}`,
        ),
      );
    }
    if (props.DeletionProtectionEnabled !== true)
      findings.push(
        finding(
          'table-deletion-protection',
          id,
          `DeletionProtectionEnabled ${JSON.stringify(props.DeletionProtectionEnabled)}`,
        ),
      );
    if (table.DeletionPolicy !== 'Retain' || table.UpdateReplacePolicy !== 'Retain')
      findings.push(
        finding(
          'table-retention',
          id,
          `DeletionPolicy ${table.DeletionPolicy}, UpdateReplacePolicy ${table.UpdateReplacePolicy}`,
        ),
      );
    return findings;
  });

const queueFindings = (template: CfnTemplate): Finding[] =>
  of(template, 'AWS::SQS::Queue').flatMap(([id, queue]) => {
    const props = queue.Properties ?? {};
    const encrypted =
      props.SqsManagedSseEnabled === true ||
      (props.KmsMasterKeyId !== undefined && props.SqsManagedSseEnabled !== false);
    return encrypted
      ? []
      : [
          finding(
            'queue-encryption',
            id,
            `SqsManagedSseEnabled ${JSON.stringify(props.SqsManagedSseEnabled)}, KmsMasterKeyId ${JSON.stringify(props.KmsMasterKeyId)}`,
          ),
        ];
  });

/** The template's KMS key a `KmsMasterKeyId` refers to (`Ref`, or `GetAtt ... Arn|KeyId`), or null. */
const keyOf = (template: CfnTemplate, value: unknown): string | null => {
  if (!isRecord(value)) return null;
  const getAtt = value['Fn::GetAtt'];
  const id =
    typeof value.Ref === 'string'
      ? value.Ref
      : Array.isArray(getAtt) && typeof getAtt[0] === 'string'
        ? getAtt[0]
        : null;
  return id && template.Resources[id]?.Type === 'AWS::KMS::Key' ? id : null;
};

/** Whether a key policy lets a service principal encrypt for the topic (GenerateDataKey*) and decrypt. */
const keyServes = (policy: unknown, service: string): boolean =>
  asArray(isRecord(policy) ? policy.Statement : undefined)
    .filter(isRecord)
    .some((statement) => {
      const principal = isRecord(statement.Principal) ? asArray(statement.Principal.Service) : [];
      const actions = asArray(statement.Action).map(String);
      return (
        statement.Effect === 'Allow' &&
        principal.includes(service) &&
        actions.includes('kms:Decrypt') &&
        actions.some((action) => action === 'kms:GenerateDataKey*' || action === 'kms:GenerateDataKey')
      );
    });

/** The service principals that publish to orgwarden's alert topic: its rule and its alarms. */
export const TOPIC_PUBLISHERS = ['events.amazonaws.com', 'cloudwatch.amazonaws.com'];

const topicFindings = (template: CfnTemplate): Finding[] =>
  of(template, 'AWS::SNS::Topic').flatMap(([id, topic]) => {
    const keyId = keyOf(template, topic.Properties?.KmsMasterKeyId);
    if (!keyId)
      return [
        finding(
          'topic-encryption',
          id,
          `KmsMasterKeyId ${JSON.stringify(topic.Properties?.KmsMasterKeyId)} is not a customer managed key of the stack`,
        ),
      ];
    const key = template.Resources[keyId]?.Properties ?? {};
    const findings: Finding[] = [];
    if (key.EnableKeyRotation !== true)
      findings.push(finding('key-rotation', keyId, `EnableKeyRotation ${JSON.stringify(key.EnableKeyRotation)}`));
    for (const service of TOPIC_PUBLISHERS) {
      if (!keyServes(key.KeyPolicy, service))
        findings.push(
          finding('topic-key-policy', keyId, `${service} may not use the key: its messages to ${id} would be refused`),
        );
    }
    return findings;
  });

export const storageFindings = (template: CfnTemplate): Finding[] => [
  ...tableFindings(template),
  ...queueFindings(template),
  ...topicFindings(template),
];
