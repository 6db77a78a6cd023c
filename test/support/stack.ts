import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { buildReport, type LocalReport } from '../../shared/local/scenario/report';
import { runScenario } from '../../shared/local/scenario/run-scenario';
import { parseScenario, type Scenario } from '../../shared/local/scenario/scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { withPolicyFile } from '../../shared/local/cli/inputs';
import { projectRoot } from '../../shared/local/template';

/** A local stack on the run's DynamoDB Local. */
export const startStack = (
  start = '2026-11-02T09:00:00Z',
  managementAccountId = '111111111111',
  policy?: unknown,
): Promise<LocalStack> =>
  LocalStack.start({
    start: new Date(start),
    managementAccountId,
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel,
    ...(policy === undefined ? {} : { policy }),
  });

/** The functions' logs would bury the test report; failures are asserted, not read from logs. */
const logLevel = process.env.ORGWARDEN_TEST_LOG_LEVEL ?? 'SILENT';

/** A scenario file as `orgwarden local` reads it: its `policy` may be a policy file beside it. */
export const readScenario = async (file: string): Promise<Scenario> =>
  parseScenario(
    await withPolicyFile(JSON.parse(await readFile(join(projectRoot, file), 'utf8')), join(projectRoot, file)),
    file,
  );

/** Plays a scenario on a fresh local stack and returns what `orgwarden local --json` would print. */
export const playScenario = async (scenario: Scenario): Promise<LocalReport> => {
  const stack = await LocalStack.start({
    ...stackOptionsOf(scenario),
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel,
  });
  try {
    await runScenario(scenario, stack);
    return await buildReport(stack);
  } finally {
    await stack.stop();
  }
};

export const readEvent = async (file: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(projectRoot, 'events', file), 'utf8')) as Record<string, unknown>;
