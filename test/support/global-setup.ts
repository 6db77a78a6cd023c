import '../../shared/local/quiet-sdk-warning';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../shared/local/dynamodb-local';
import { packageTemplate } from '../../shared/local/template';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    templatePath: string;
  }
}

/** One DynamoDB Local and one packaged template for the whole run; each test file works in tables of its own. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [dynamo, templatePath] = await Promise.all([startDynamoDbLocal(), packageTemplate({ stage: 'local' })]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('templatePath', templatePath);
  return () => dynamo.stop();
}
