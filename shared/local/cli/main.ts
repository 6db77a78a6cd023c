import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbStateStore } from '../../adapters/dynamodb/dynamodb-state-store';
import { parseScenario, ScenarioError } from '../scenario/scenario';
import { buildReport, formatTimeline, type LocalReport } from '../scenario/report';
import { runScenario } from '../scenario/run-scenario';
import { LocalStack } from '../stack/local-stack';
import { projectRoot } from '../template';

const usage = `usage:
  orgwarden local --scenario FILE [--json] [--log-level LEVEL]
                                                  play a scenario on the local stack (functions log at WARN)
  orgwarden invoke FUNCTION --event FILE [--scenario FILE] [--json]
                                                  invoke one handler locally with an event
  orgwarden state [SUBJECT] [--table NAME]        stored snapshots: of the last local run, or of a
                                                  deployed table (NAME or $TABLE_NAME, AWS credentials)`;

const lastRunFile = join(projectRoot, '.orgwarden', 'last-run.json');

const readJson = async (file: string): Promise<unknown> => {
  try {
    return JSON.parse(await readFile(resolve(file), 'utf8')) as unknown;
  } catch (error) {
    throw new ScenarioError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/**
 * With --json, stdout carries exactly one JSON document: everything else written there while the
 * stack runs (the functions' structured logs) goes to stderr.
 */
const withStdoutOnStderr = async <T>(enabled: boolean, work: () => Promise<T>): Promise<T> => {
  if (!enabled) return work();
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  try {
    return await work();
  } finally {
    process.stdout.write = original;
  }
};

const saveLastRun = async (report: LocalReport): Promise<void> => {
  await mkdir(dirname(lastRunFile), { recursive: true });
  await writeFile(lastRunFile, JSON.stringify(report, null, 2));
};

const local = async (scenarioFile: string, json: boolean, logLevel: string): Promise<number> => {
  const scenario = parseScenario(await readJson(scenarioFile), scenarioFile);
  const { report, timeline } = await withStdoutOnStderr(json, async () => {
    const stack = await LocalStack.start({
      start: new Date(scenario.start),
      organizationId: scenario.organization?.id,
      managementAccountId: scenario.organization?.managementAccountId,
      featureSet: scenario.organization?.featureSet,
      logLevel,
    });
    try {
      const played = await runScenario(scenario, stack);
      return { report: await buildReport(stack), timeline: played };
    } finally {
      await stack.stop();
    }
  });
  await saveLastRun(report);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTimeline(scenario.name, timeline, report)}\n`);
  return 0;
};

const invoke = async (functionName: string, eventFile: string, scenarioFile: string | undefined, json: boolean): Promise<number> => {
  const event = await readJson(eventFile);
  const scenario = scenarioFile ? parseScenario(await readJson(scenarioFile), scenarioFile) : undefined;
  const { result, report } = await withStdoutOnStderr(json, async () => {
    const stack = await LocalStack.start({
      start: scenario ? new Date(scenario.start) : new Date(),
      organizationId: scenario?.organization?.id,
      managementAccountId: scenario?.organization?.managementAccountId,
    });
    try {
      if (scenario) await runScenario(scenario, stack);
      const outcome = await stack.runtime.invoke(functionName, event).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } }),
      );
      await stack.bus.settle();
      return { result: outcome, report: await buildReport(stack) };
    } finally {
      await stack.stop();
    }
  });
  process.stdout.write(`${JSON.stringify({ result, ...report }, null, 2)}\n`);
  return result.ok ? 0 : 1;
};

const state = async (subject: string | undefined, table: string | undefined): Promise<number> => {
  const snapshots = table
    ? await new DynamoDbStateStore(table, new DynamoDBClient({})).listSnapshots(subject)
    : ((await readJson(lastRunFile)) as LocalReport).snapshots.filter((s) => !subject || s.subject.startsWith(subject));
  process.stdout.write(`${JSON.stringify(snapshots, null, 2)}\n`);
  return 0;
};

/** The `orgwarden` command line; returns the exit code. */
export const main = async (argv: readonly string[]): Promise<number> => {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { scenario: { type: 'string' }, event: { type: 'string' }, json: { type: 'boolean', default: false }, table: { type: 'string' }, 'log-level': { type: 'string', default: 'WARN' }, help: { type: 'boolean', default: false } },
    });
    const [command, argument] = positionals;
    if (values.help || !command) {
      process.stdout.write(`${usage}\n`);
      return values.help ? 0 : 2;
    }
    if (command === 'local' && values.scenario) return await local(values.scenario, values.json, values['log-level']);
    if (command === 'invoke' && argument && values.event) return await invoke(argument, values.event, values.scenario, values.json);
    if (command === 'state') return await state(argument, values.table ?? process.env.TABLE_NAME);
    process.stderr.write(`${usage}\n`);
    return 2;
  } catch (error) {
    const expected = error instanceof ScenarioError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`orgwarden: ${expected ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return expected ? 2 : 1;
  }
};
