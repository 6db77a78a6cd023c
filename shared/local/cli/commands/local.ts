import { formatRunSummary } from '../../report';
import { buildReport, formatEntry, formatHeader, shortTime, type RunReport } from '../../scenario/report';
import { rehearse, type ScenarioRun } from '../../scenario/run-scenario';
import { parseScenario, type Scenario, type ScenarioStep } from '../../scenario/scenario';
import { ExitCode } from '../errors';
import { readInputFile, withPolicyFile } from '../inputs';
import type { Io } from '../io';
import { saveLastRun } from '../last-run';
import { withLocalStack } from '../stack-session';

/** `orgwarden local`'s options. */
export interface LocalOptions {
  readonly scenario: string;
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly seed?: number;
  readonly logLevel: string;
}

/** Reads and validates a scenario file (exit code 2 when it cannot be played as written). */
export const loadScenario = async (file: string): Promise<Scenario> =>
  parseScenario(await withPolicyFile(await readInputFile(file, 'scenario', { depthLimit: false }), file), file);

const stepLabel = (step: ScenarioStep): string => {
  if ('api' in step) return `${step.api.service}:${step.api.operation}`;
  if ('event' in step) return `event ${String(step.event.source)} ${String(step.event['detail-type'])}`;
  if ('redeliver' in step) return `redeliver ${step.redeliver}`;
  if ('world' in step) return `world ${step.world.change} ${step.world.account}`;
  return `advanceTo ${step.advanceTo}`;
};

/**
 * Plays a scenario on a fresh local stack and prints what happened: the timeline as it happens,
 * then the state it left and its findings (or, with `--json`, one JSON document). Saves the run for `state`,
 * `history` and `report`.
 *
 * @returns 0; 1 when a step failed or an event was dead-lettered, or with `--strict` when orgwarden found something
 */
export const runLocal = async (options: LocalOptions, io: Io): Promise<number> => {
  const scenario = await loadScenario(options.scenario);
  if (!options.json) io.out(`${formatHeader(scenario)}\n`);
  else io.err(`orgwarden: scenario: ${scenario.name}\n`);
  const { run, report } = await withLocalStack(
    { scenario, seed: options.seed, logLevel: options.logLevel },
    io,
    async (stack) => {
      const played: ScenarioRun = await rehearse(scenario, stack, {
        // The timeline is the progress: each line as it happens; with --json, a line per step on stderr.
        onEntry: options.json ? undefined : (entry) => io.out(`${formatEntry(entry)}\n`),
        onStep: options.json
          ? (index, total, step) => {
              const at = 'advanceTo' in step ? step.advanceTo : (step.at ?? stack.clock.now().toISOString());
              io.err(`orgwarden: [${index + 1}/${total}] ${shortTime(at)} ${stepLabel(step)}\n`);
            }
          : undefined,
      });
      return { run: played, report: await buildReport(stack) };
    },
  );
  const result: RunReport = { ...report, failures: run.failures };
  await saveLastRun({
    scenario: {
      name: scenario.name,
      ...(scenario.description ? { description: scenario.description } : {}),
      file: options.scenario,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    },
    ...result,
  });
  io.out(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatRunSummary(result, scenario.name)}\n`);
  return verdictOf(result, options.strict ?? false, io);
};

/** What orgwarden publishes when it found something a person must act on (counted by `--strict`). */
const FINDINGS = new Set(['Untrusted Party Detected', 'Coverage Gap Detected', 'Reaction Failed']);

/**
 * A rehearsal's exit code: 1 when a step failed or an event was dead-lettered (never `ok`), and with `--strict` when
 * orgwarden published a finding as well; the reason on stderr.
 */
const verdictOf = (result: RunReport, strict: boolean, io: Io): number => {
  const findings = strict ? result.emitted.filter((event) => FINDINGS.has(event['detail-type'])).length : 0;
  const failed = result.failures.length > 0 || result.deadLetters.length > 0;
  if (!failed && findings === 0) return ExitCode.ok;
  const parts = [`${result.failures.length} failed step(s)`, `${result.deadLetters.length} dead letter(s)`];
  if (strict) parts.push(`${findings} finding(s) (--strict)`);
  io.err(`orgwarden local: ${parts.join(', ')}: exit 1\n`);
  return ExitCode.findings;
};
