import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinitionOf, type CfnTemplate } from '../template';

/** Creates in DynamoDB Local the table the packaged template declares (keys, index, TTL), under `tableName`. */
export const createTable = async (
  template: CfnTemplate,
  tableName: string,
  endpoint: string,
  region = 'us-east-1',
): Promise<void> => {
  const definition = tableDefinitionOf(template);
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: definition.KeySchema,
        AttributeDefinitions: definition.AttributeDefinitions,
        BillingMode: definition.BillingMode,
        GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      } as ConstructorParameters<typeof CreateTableCommand>[0]),
    );
    const ttl = definition.TimeToLiveSpecification;
    if (ttl?.Enabled) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
        }),
      );
    }
  } finally {
    client.destroy();
  }
};
