/**
 * The pieces every command of program.ts shares: the exit-code table of the help, examples, the options several
 * commands take, and misuse messages that name the command an option belongs to.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { LOG_LEVELS } from './inputs';

export const EXIT_CODES = `
Exit codes: (the same for every command)
  0    nothing wrong
  1    findings or failures: a failed step, a dead letter, a function that threw, a refused replay event,
       an incomplete audit (local, invoke, replay, audit); an invalid file (validate); nothing known of a
       subject (state, history); with --strict, what orgwarden found too (local, audit)
  2    misuse: unknown command or option, missing or bad argument, unreadable input, no run yet, a missing
       prerequisite (Java 17, Node 22)
  130  stopped by SIGINT (Ctrl-C) / 143 stopped by SIGTERM, after stopping the local stack`;

export const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;

const parseSeed = (value: string): number => {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffff_ffff)
    throw new InvalidArgumentError('Expected a whole number from 0 to 4294967295.');
  return Number(value);
};

export const logLevelOption = (defaultLevel?: string): Option => {
  const option = new Option('--log-level <level>', 'log level of the functions (their logs go to stderr)').choices(
    LOG_LEVELS,
  );
  // Accept `info` as well as `INFO`; anything else is refused with the choices listed.
  const checkChoice = option.parseArg!;
  option.argParser((value: string, previous: unknown) => checkChoice(value.toUpperCase(), previous));
  return defaultLevel ? option.default(defaultLevel) : option;
};

export const seedOption = (): Option =>
  new Option(
    '--seed <n>',
    'seed for every id and random choice of the local stack: the same seed prints the same JSON',
  ).argParser(parseSeed);

export const tableOptions = (command: Command): Command =>
  command
    .addOption(
      new Option('--table <name>', 'read a deployed orgwarden table instead of the last local run').env('TABLE_NAME'),
    )
    .addOption(
      new Option('--region <region>', "the table's region (orgwarden is deployed to us-east-1)").env('AWS_REGION'),
    )
    .addOption(new Option('--profile <profile>', "AWS profile for the table's credentials").env('AWS_PROFILE'));

/** Flags and the commands that take them, to tell `local --table x` that --table is `state`'s. */
const ownersOf = (program: Command, flag: string): string[] =>
  program.commands
    .filter((command) => command.options.some((option) => option.long === flag || option.short === flag))
    .map((command) => command.name());

export const explainError = (program: Command, command: Command, message: string): string => {
  let text = message.replace(/^error: /, '').trimEnd();
  // commander checks required options before unknown ones: `local --table x` would only hear that
  // --scenario is missing. An unknown flag left in the command's args is the better news.
  const stray = command.args.find((arg) => arg.startsWith('-'));
  if (text.startsWith('required option') && stray) text = `unknown option '${stray.split('=')[0]}'; and ${text}`;
  const unknown = /^unknown option '([^'=]+)/.exec(text);
  if (unknown) {
    const owners = ownersOf(program, unknown[1]!).filter((name) => name !== command.name());
    if (owners.length > 0)
      text = text.replace(
        `'${unknown[1]}'`,
        `'${unknown[1]}' (${unknown[1]} belongs to ${owners.map((name) => `\`orgwarden ${name}\``).join(', ')})`,
      );
  }
  const where = command === program ? 'orgwarden' : `orgwarden ${command.name()}`;
  return `${where}: ${text}\nrun \`${where} --help\` for usage\n`;
};
