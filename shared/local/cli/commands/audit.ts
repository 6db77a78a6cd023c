import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { buildAudit } from '../../../../functions/audit/function';
import { loadConfig } from '../../../config/config';
import { systemClock } from '../../../ports/clock';
import type { AuditRunData } from '../../../domain/subjects/audit-run';
import type { PlannedChange } from '../../../use-cases/pipeline/observe-subjects';
import { rehearse } from '../../scenario/run-scenario';
import { ExitCode, UsageError } from '../errors';
import type { Io } from '../io';
import { withLocalStack } from '../stack-session';
import { loadScenario } from './local';

export interface AuditOptions {
  readonly scenario?: string;
  readonly table?: string;
  readonly bus?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly seed?: number;
  readonly logLevel?: string;
}

const runIdNow = (now: Date): string => `cli-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;

/** The findings as a table: one line per source, then what a dry run would change. */
export const formatAudit = (report: AuditRunData, planned: readonly PlannedChange[]): string => {
  const lines = [
    `audit ${report.id}: ${report.state}${report.import ? ' (first import: a baseline)' : ''}${report.dryRun ? ' (dry run: nothing written, nothing changed)' : ''}, ${report.findings} finding(s), ${report.calls} AWS call(s), ${report.durationMs} ms`,
    '',
    `${'KIND'.padEnd(12)}${'LISTED'.padStart(8)}${'STORED'.padStart(8)}${'DIFFER'.padStart(8)}${'CHANGED'.padStart(9)}${'GONE'.padStart(6)}${'CALLS'.padStart(7)}  COMPLETE`,
    ...report.sources.map(
      (s) =>
        `${s.kind.padEnd(12)}${String(s.listed).padStart(8)}${String(s.stored).padStart(8)}${String(s.fed).padStart(8)}${String(s.changed).padStart(9)}${String(s.gone).padStart(6)}${String(s.calls).padStart(7)}  ${s.complete ? 'yes' : `no: ${s.error ?? 'a listing failed'}`}`,
    ),
  ];
  if (planned.length > 0) {
    lines.push('', 'would change:');
    for (const change of planned)
      lines.push(
        `  ${change.subject}: ${change.from ?? '(new)'} -> ${change.to}${change.effects.length > 0 ? `  then ${change.effects.join(', ')}` : ''}`,
      );
  }
  return lines.join('\n');
};

/**
 * `orgwarden audit`: the audit function's own use case, run from a laptop: against the local stack
 * after a scenario (`--scenario`), or against a deployed table and the real account (`--table`,
 * with the usual AWS credentials). `--dry-run` reads only: it writes nothing and makes no changing
 * call, and prints what the audit would change.
 */
export const runAuditCommand = async (options: AuditOptions, io: Io): Promise<number> => {
  if (!options.scenario === !options.table)
    throw new UsageError('give either --scenario FILE (the local stack) or --table NAME (a deployed table)');
  const progress = (text: string): void => io.err(`orgwarden: ${text}\n`);
  let outcome: { report: AuditRunData; planned: readonly PlannedChange[] };
  if (options.scenario) {
    const scenario = await loadScenario(options.scenario);
    outcome = await withLocalStack(
      { scenario, seed: options.seed, logLevel: options.logLevel ?? 'WARN' },
      io,
      async (stack) => {
        await rehearse(scenario, stack);
        const { audit, start } = buildAudit(loadConfig(stack.environmentOf('audit')), stack.functionRuntime);
        const done = await audit(await start(runIdNow(stack.clock.now())), {
          dryRun: options.dryRun ?? false,
          remaining: () => 900_000,
          onProgress: progress,
        });
        if (!('done' in done)) throw new Error('the local audit did not finish in one run');
        return { report: done.done, planned: done.planned };
      },
    );
  } else {
    const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) throw new UsageError('no AWS region: set AWS_REGION or pass --region (orgwarden lives in us-east-1)');
    const table = options.table!;
    const stage = /^orgwarden-(.+)-state$/.exec(table)?.[1];
    const bus = options.bus ?? (stage ? `orgwarden-${stage}` : undefined);
    if (!options.dryRun && !bus)
      throw new UsageError(`which bus does ${table} belong to? pass --bus NAME (or --dry-run)`);
    const credentials = await defaultProvider(options.profile ? { profile: options.profile } : {})().catch(
      (error: unknown) => {
        throw new UsageError(
          `no AWS credentials: ${error instanceof Error ? error.message : String(error)} (pass --profile or set AWS_PROFILE)`,
        );
      },
    );
    const config = loadConfig({
      TABLE_NAME: table,
      EVENT_BUS_NAME: bus ?? 'orgwarden-dry-run',
      // A dry run sends nothing anywhere; a real run dead-letters nothing (it is not an event).
      DEAD_LETTER_QUEUE_URL: `https://sqs.${region}.amazonaws.com/000000000000/none`,
      AWS_REGION: region,
      ...(process.env.ORGWARDEN_POLICY ? { ORGWARDEN_POLICY: process.env.ORGWARDEN_POLICY } : {}),
    });
    const { audit, start } = buildAudit(config, { clock: systemClock, credentials });
    const done = await audit(await start(runIdNow(new Date())), {
      dryRun: options.dryRun ?? false,
      remaining: () => Number.POSITIVE_INFINITY,
      onProgress: progress,
    });
    if (!('done' in done)) throw new Error('the audit did not finish');
    outcome = { report: done.done, planned: done.planned };
  }
  io.out(
    options.json
      ? `${JSON.stringify({ ...outcome.report, planned: outcome.planned }, null, 2)}\n`
      : `${formatAudit(outcome.report, outcome.planned)}\n`,
  );
  // An incomplete audit is a failure whatever the flags; what it found counts with --strict.
  return outcome.report.state === 'PARTIAL' || (options.strict && outcome.report.findings > 0)
    ? ExitCode.findings
    : ExitCode.ok;
};
