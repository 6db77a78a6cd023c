/**
 * The `orgwarden` command line as commander declares it: commands, options, choices, help with
 * examples. What each command does lives in ./commands/; main.ts turns outcomes into exit codes.
 */
import { Argument, Command, Option } from 'commander';
import { runAuditCommand, type AuditOptions } from './commands/audit';
import { runEvent } from './commands/event';
import { runInvoke } from './commands/invoke';
import { runLocal } from './commands/local';
import { runReplayCommand, type ReplayOptions } from './commands/replay';
import { runReport } from './commands/report';
import { runHistory, runState } from './commands/state';
import { runValidate } from './commands/validate';
import { fileKinds } from './file-kinds';
import { functionNames, version } from './inputs';
import { EXIT_CODES, examples, explainError, logLevelOption, seedOption, tableOptions } from './program-options';
import type { Io } from './io';

/** What an action left for main.ts: the exit code of the command that ran. */
export interface ProgramOutcome {
  exitCode: number | undefined;
  /** The command that ran, to name it in messages. */
  command?: string;
}

/**
 * A fresh `orgwarden` program (one per run: commander keeps parsed values on its commands).
 *
 * @param io - where to write
 * @param outcome - receives the exit code of the command that ran
 */
export const buildProgram = (io: Io, outcome: ProgramOutcome): Command => {
  const program = new Command('orgwarden');
  const output = (command: Command): void => {
    command.configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (message) => io.err(explainError(program, command, message)),
    });
  };
  program
    .description(
      'Rehearse orgwarden locally (scenarios, one invocation) and read what it stored, locally or in a deployed table.',
    )
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .hook('preAction', (_program, actionCommand) => {
      outcome.command = actionCommand.name();
    })
    .addHelpText('after', `${EXIT_CODES}\n\nRun \`orgwarden <command> --help\` for a command's options and examples.`);
  output(program);

  const local = program
    .command('local')
    .description(
      'play a scenario on the local stack (DynamoDB Local, AWS emulators, the real handlers) and print its timeline',
    )
    .requiredOption('-s, --scenario <file>', 'the scenario to play (see events/scenarios/)')
    .option('--json', 'print one JSON document: { snapshots, history, emitted, apiCalls, deadLetters, failures }')
    .option(
      '--strict',
      'exit 1 on findings too (Untrusted Party Detected, Coverage Gap Detected, Reaction Failed); a failed step or a dead letter always exits 1',
    )
    .addOption(seedOption())
    .addOption(logLevelOption('WARN'))
    .addHelpText(
      'after',
      examples(
        'orgwarden local --scenario events/scenarios/demo.json',
        'orgwarden local --scenario events/scenarios/account-leaves.json --strict',
        'orgwarden local --scenario events/scenarios/demo.json --json --seed 7 > run.json',
      ),
    )
    .action(
      async (options: { scenario: string; json?: boolean; strict?: boolean; seed?: number; logLevel: string }) => {
        outcome.exitCode = await runLocal(options, io);
      },
    );
  output(local);

  const names = functionNames();
  const invoke = program
    .command('invoke')
    .description('invoke one function locally with an event file, after a scenario sets up the world if one is given')
    .addArgument(
      names.length > 0
        ? new Argument('<function>', 'the function to invoke').choices(names)
        : new Argument('<function>', 'the function to invoke'),
    )
    .requiredOption(
      '-e, --event <file>',
      "the event to invoke it with (JSON); ${name.Path} refers to what the scenario saved; a sample's ids are filled in",
    )
    .option('-s, --scenario <file>', 'a scenario to play first')
    .option(
      '--json',
      'print one JSON document: { function, result, snapshots, history, emitted, apiCalls, deadLetters } of this invocation',
    )
    .addOption(seedOption())
    .addOption(logLevelOption())
    .addHelpText(
      'after',
      examples(
        'orgwarden invoke handshake-changed --scenario events/scenarios/demo.json --event events/organizations/cancel-handshake.json',
        'orgwarden invoke membership-changed --scenario events/scenarios/membership-restored.json --event events/security-ir/membership-updated.json --json',
      ),
    )
    .action(
      async (
        fn: string,
        options: { event: string; scenario?: string; json?: boolean; seed?: number; logLevel?: string },
      ) => {
        outcome.exitCode = await runInvoke(fn, options, io);
      },
    );
  output(invoke);

  const event = program
    .command('event')
    .description(
      'print a ready event for a subject of the last local run: the sample of events/ for its kind, with its ids (like sam local generate-event)',
    )
    .addArgument(
      names.length > 0
        ? new Argument('<function>', 'the function the event is for').choices(names)
        : new Argument('<function>', 'the function the event is for'),
    )
    .argument('<subject>', 'a subject of the last run, e.g. handshake:h-1234abcd (see orgwarden state)')
    .option('--sample <file>', "another sample of the function's (events/index.json lists them)")
    .addHelpText(
      'after',
      examples(
        'orgwarden local --scenario events/scenarios/demo.json --seed 7',
        'orgwarden event handshake-changed handshake:h-… > my-event.json',
        'orgwarden invoke handshake-changed --scenario events/scenarios/demo.json --seed 7 --event my-event.json',
      ),
    )
    .action(async (fn: string, subject: string, options: { sample?: string }) => {
      outcome.exitCode = await runEvent(fn, subject, options, io);
    });
  output(event);

  const state = tableOptions(
    program
      .command('state')
      .description(
        'the stored snapshots as a table (subject, state, version, observed): of the last local run, or of a deployed table',
      )
      .argument('[subject]', 'a subject or a prefix, e.g. handshake: or account:222222222222'),
  )
    .option('--json', 'print the snapshots as JSON')
    .addHelpText(
      'after',
      examples(
        'orgwarden state',
        'orgwarden state handshake: --json',
        'orgwarden state --table orgwarden-prod-state --region us-east-1 --profile security',
      ),
    )
    .action(
      async (
        subject: string | undefined,
        options: { table?: string; region?: string; profile?: string; json?: boolean },
      ) => {
        outcome.exitCode = await runState(subject, options, io);
      },
    );
  output(state);

  const history = tableOptions(
    program
      .command('history')
      .description("a subject's transitions as a timeline with their causes")
      .argument('<subject>', 'a subject, or a prefix for several, e.g. handshake:h-1234abcd'),
  )
    .option('--json', 'print the transitions as JSON')
    .addHelpText('after', examples('orgwarden history account:222222222222', 'orgwarden history handshake: --json'))
    .action(async (subject: string, options: { table?: string; region?: string; profile?: string; json?: boolean }) => {
      outcome.exitCode = await runHistory(subject, options, io);
    });
  output(history);

  const validate = program
    .command('validate')
    .description(
      `check files without running anything: ${fileKinds.map((kind) => `${kind.name}s`).join(', ')} (told by their $schema or their shape)`,
    )
    .argument('<files...>', 'the files to check')
    .addOption(new Option('--kind <kind>', 'read every file as this kind').choices(fileKinds.map((kind) => kind.name)))
    .addHelpText(
      'after',
      examples('orgwarden validate events/scenarios/*.json', 'orgwarden validate --kind scenario my-rehearsal.json'),
    )
    .action(async (files: string[], options: { kind?: string }) => {
      outcome.exitCode = await runValidate(files, options, io);
    });
  output(validate);

  const report = tableOptions(
    program
      .command('report')
      .description(
        'write a self-contained HTML report (timelines, deadlines, reactions, dead letters, last audit) that opens offline',
      )
      .requiredOption('--html <file>', 'the HTML file to write'),
  )
    .addHelpText(
      'after',
      examples(
        'orgwarden report --html report.html',
        'orgwarden report --html prod.html --table orgwarden-prod-state --region us-east-1',
      ),
    )
    .action(async (options: { html: string; table?: string; region?: string; profile?: string }) => {
      outcome.exitCode = await runReport(options, io);
    });
  output(report);
  const audit = program
    .command('audit')
    .description(
      'run the audit (the scheduled reconciliation): on the local stack after a scenario, or against a deployed table and the real account',
    )
    .option('-s, --scenario <file>', 'play this scenario on the local stack, then audit it')
    .addOption(
      new Option('--table <name>', 'audit the real account against this deployed table (AWS credentials)').env(
        'TABLE_NAME',
      ),
    )
    .option('--bus <name>', "orgwarden's bus for the announcements (default: from the table's name, orgwarden-<stage>)")
    .addOption(new Option('--region <region>', "the table's region (us-east-1)").env('AWS_REGION'))
    .addOption(new Option('--profile <profile>', 'AWS profile for the credentials').env('AWS_PROFILE'))
    .option('--dry-run', 'read only: write nothing, make no changing call; print what the audit would change')
    .option('--json', 'print the run report (and, on a dry run, the planned changes) as JSON')
    .option(
      '--strict',
      'exit 1 when the audit found something too; an incomplete audit (a listing failed) always exits 1',
    )
    .addOption(seedOption())
    .addOption(logLevelOption())
    .addHelpText(
      'after',
      examples(
        'orgwarden audit --scenario events/scenarios/first-import.json --dry-run',
        'orgwarden audit --table orgwarden-prod-state --region us-east-1 --profile security --dry-run',
        'orgwarden audit --table orgwarden-prod-state --json > audit.json',
      ),
    )
    .action(async (options: AuditOptions) => {
      outcome.exitCode = await runAuditCommand(options, io);
    });
  output(audit);
  const replay = program
    .command('replay')
    .description(
      "replay past events after a scenario on the local stack: from the input archive, orgwarden's journal or files; plans unless --apply",
    )
    .requiredOption('-s, --scenario <file>', 'play this scenario on the local stack, then replay')
    .addOption(
      new Option('--source <source>', 'where the events come from')
        .choices(['archive', 'journal', 'files'])
        .default('archive'),
    )
    .option('--files <file...>', 'replay these event files (an event or an array of events each)')
    .option('--since <time>', 'start of the window (ISO 8601; default: the scenario start)')
    .option('--until <time>', 'end of the window, exclusive (default: the end of the scenario)')
    .option('--event-id <id...>', 'only these events')
    .option('--name <name>', 'the replay name (default: orgwarden-cli-<time>); a name already replayed is a duplicate')
    .option('--apply', 'replay: process the events again and make what is still missing (default: plan only)')
    .option('--json', 'print the plan or the outcome as JSON')
    .addOption(seedOption())
    .addOption(logLevelOption())
    .addHelpText(
      'after',
      examples(
        'orgwarden replay --scenario events/scenarios/replay-after-fix.json',
        'orgwarden replay --scenario events/scenarios/replay-after-fix.json --since 2026-11-03T00:00:00Z --until 2026-11-04T00:00:00Z --apply',
        'orgwarden replay --scenario events/scenarios/demo.json --source journal --event-id <id> --json',
        'orgwarden replay --scenario events/scenarios/demo.json --files events/organizations/account-joined-organization.json',
      ),
    )
    .action(async (options: ReplayOptions) => {
      outcome.exitCode = await runReplayCommand(options, io);
    });
  output(replay);

  return program;
};
