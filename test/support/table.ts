import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { DynamoDbInspection } from '../../shared/adapters/dynamodb/dynamodb-inspection';
import { createTable } from '../../shared/local/stack/create-table';
import { loadTemplate } from '../../shared/local/template';

let tables = 0;

export const localDynamoClient = (): DynamoDBClient =>
  new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

/** A fresh table, shaped exactly as the packaged template declares it, in the run's DynamoDB Local. */
export const freshStore = async (): Promise<{
  store: DynamoDbInspection;
  tableName: string;
  client: DynamoDBClient;
}> => {
  const tableName = `test-${process.pid}-${++tables}-${Date.now()}`;
  await createTable(loadTemplate(inject('templatePath')), tableName, inject('dynamoEndpoint'));
  const client = localDynamoClient();
  return { store: new DynamoDbInspection(tableName, client), tableName, client };
};
