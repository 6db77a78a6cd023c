import { interpolate, referencedNames } from '../../scenario/interpolate';
import { buildReport, formatSnapshots, type LocalReport } from '../../scenario/report';
import { diffReports } from '../../scenario/report-diff';
import { rehearse } from '../../scenario/run-scenario';
import { ScenarioError } from '../../scenario/scenario-error';
import { ExitCode, UsageError } from '../errors';
import { readInputFile } from '../inputs';
import { fillIds, invokeCommand, sampleOf } from '../samples';
import type { Io } from '../io';
import { withLocalStack } from '../stack-session';
import { loadScenario } from './local';

/** `orgwarden invoke`'s options. */
export interface InvokeOptions {
  readonly event: string;
  readonly scenario?: string;
  readonly json?: boolean;
  readonly seed?: number;
  readonly logLevel?: string;
}

type Failure = { readonly name: string; readonly message: string; readonly code?: string };
type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Failure };

/** An error as printed: its name, message and, for orgwarden's own, its stable code (shared/domain/errors.ts). */
const describeFailure = (error: Failure): string =>
  `${error.name}: ${error.message}${error.code ? ` [${error.code}]` : ''}`;

const failureOf = (error: unknown): Failure => {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  const coded = typeof code === 'string' && code.startsWith('ORGWARDEN_') ? { code } : {};
  return { name: error.name, message: error.message, ...coded };
};

/** `invoke --json`: the invocation's result and what that invocation alone changed. */
export type InvokeReport = { readonly function: string; readonly result: Outcome } & LocalReport;

const resolveReferences = (
  event: unknown,
  saved: Record<string, unknown>,
  eventFile: string,
  scenarioFile: string | undefined,
): unknown => {
  try {
    return interpolate(event, saved, eventFile);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const hint = scenarioFile
      ? ''
      : ` (the event refers to ${referencedNames(event).join(', ')}: pass the --scenario that saves them)`;
    throw new UsageError(`${error.message}${hint}`);
  }
};

/** What the function answered: a handler's own `{ outcome: 'dead-lettered', error }`, or what it threw. */
const failureOfResult = (result: Outcome): Failure | undefined => {
  if (!result.ok) return result.error;
  const value = result.value as { outcome?: unknown; error?: Failure } | undefined;
  return value?.outcome === 'dead-lettered' ? (value.error ?? { name: 'Error', message: 'dead-lettered' }) : undefined;
};

/** The verdict of an invocation: it failed when the function threw, dead-lettered the event, or a dead letter appeared. */
export const invocationFailed = (report: InvokeReport): boolean =>
  failureOfResult(report.result) !== undefined || report.deadLetters.length > 0;

const verdictOf = (report: InvokeReport): string => {
  const { result } = report;
  if (!result.ok) return `failed: ${describeFailure(result.error)}`;
  const failure = failureOfResult(result);
  if (failure) return `dead-lettered: ${describeFailure(failure)}`;
  const outcome = (result.value as { outcome?: unknown } | undefined)?.outcome;
  const said = typeof outcome === 'string' ? outcome : 'ok';
  return report.deadLetters.length > 0 ? `${said}, but ${report.deadLetters.length} dead letter(s)` : said;
};

const formatInvocation = (report: InvokeReport): string => {
  const { result } = report;
  const lines = [
    `${report.function}: ${verdictOf(report)}`,
    ...(result.ok && result.value !== undefined ? [`result: ${JSON.stringify(result.value)}`] : []),
    '',
    `what this invocation changed: ${report.snapshots.length} snapshot(s), ${report.history.length} transition(s), ${report.emitted.length} published event(s), ${report.apiCalls.length} API call(s), ${report.deadLetters.length} dead letter(s)`,
  ];
  if (report.snapshots.length > 0) lines.push(...formatSnapshots(report.snapshots, '  '));
  for (const letter of report.deadLetters) lines.push(`  dead letter: ${describeFailure(letter.error)}`);
  return lines.join('\n');
};

/**
 * Invokes one function of the template with an event file, on a local stack set up by a scenario
 * when one is given. The event file may refer to what the scenario saved (`${invite1.Handshake.Id}`).
 * Reports what this invocation changed; with `--json`, stdout is that one JSON document whatever
 * the functions log (their output goes to stderr).
 *
 * @returns 0 when the event was handled; 1 when the function threw or an event was dead-lettered
 */
export const runInvoke = async (functionName: string, options: InvokeOptions, io: Io): Promise<number> => {
  const read = await readInputFile(options.event, 'event file', { depthLimit: false });
  const scenario = options.scenario ? await loadScenario(options.scenario) : undefined;
  // A sample of events/ carries placeholder ids: after its scenario, they are the ids of the world it built.
  const sample = sampleOf(options.event);
  const rawEvent = scenario && sample?.ids ? fillIds(read, sample.ids) : read;
  if (!scenario && sample?.scenario)
    io.err(`orgwarden: ${options.event} belongs to the world of events/${sample.scenario}: ${invokeCommand(sample)}\n`);
  // Refuse before the stack starts (seconds) when the event needs values no step will save.
  const saves = new Set(scenario?.steps.flatMap((step) => ('save' in step && step.save ? [step.save] : [])) ?? []);
  const unsaved = referencedNames(rawEvent).filter((name) => !saves.has(name));
  if (unsaved.length > 0) {
    const where = options.scenario
      ? `no step of ${options.scenario} saves ${unsaved.join(', ')}`
      : 'pass the --scenario that saves them';
    throw new UsageError(`the event file ${options.event} refers to \${${unsaved[0]}…}: ${where}`);
  }
  const report = await withLocalStack(
    { scenario, seed: options.seed, logLevel: options.logLevel },
    io,
    async (stack) => {
      const saved = scenario ? (await rehearse(scenario, stack)).saved : {};
      const event = resolveReferences(rawEvent, { ...saved }, options.event, options.scenario);
      const before = await buildReport(stack);
      const result: Outcome = await stack.runtime.invoke(functionName, event).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: failureOf(error) }),
      );
      await stack.bus.settle();
      return { function: functionName, result, ...diffReports(before, await buildReport(stack)) };
    },
  );
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatInvocation(report)}\n`);
  return invocationFailed(report) ? ExitCode.findings : ExitCode.ok;
};
