import { CommanderError } from 'commander';
import { MissingPrerequisiteError } from '../dynamodb-local';
import { ScenarioError } from '../scenario/scenario-error';
import { CliError, ExitCode } from './errors';
import { processIo, type Io } from './io';
import { buildProgram, type ProgramOutcome } from './program';

// Commander's codes for what is not an error: the user asked for help or the version.
const ANSWERED = new Set(['commander.helpDisplayed', 'commander.version']);

const describeUnexpected = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  // A stack trace helps whoever debugs orgwarden, not whoever uses it: ORGWARDEN_DEBUG=1 shows it.
  if (process.env.ORGWARDEN_DEBUG) return error.stack ?? error.message;
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
};

/**
 * The `orgwarden` command line (bin.js runs it): parses `argv` with commander, runs the command and
 * returns the documented exit code: 0 done, 1 findings or failures, 2 misuse (see README.md).
 * Every misuse is one line on stderr naming what was wrong, then where to find the usage.
 *
 * @param argv - the arguments after the program's name
 * @param io - where to write; the process's stdout and stderr by default
 */
export const main = async (argv: readonly string[], io: Io = processIo()): Promise<number> => {
  const outcome: ProgramOutcome = { exitCode: undefined };
  const program = buildProgram(io, outcome);
  try {
    if (argv.length === 0) {
      io.err(`${program.helpInformation()}\norgwarden: a command is required\n`);
      return ExitCode.misuse;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return outcome.exitCode ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (through program.ts's outputError).
      return ANSWERED.has(error.code) || error.exitCode === 0 ? ExitCode.ok : ExitCode.misuse;
    }
    const where = outcome.command ? `orgwarden ${outcome.command}` : 'orgwarden';
    // A missing tool (Java) is the machine's set-up, not a finding: one line, and how to install it.
    if (error instanceof ScenarioError || error instanceof MissingPrerequisiteError) {
      io.err(`${where}: ${error.message}\n`);
      return ExitCode.misuse;
    }
    if (error instanceof CliError) {
      io.err(`${where}: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(`${where}: ${describeUnexpected(error)}\n`);
    return ExitCode.findings;
  }
};
