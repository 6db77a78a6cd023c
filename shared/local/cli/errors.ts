/**
 * The documented exit codes of `orgwarden`, the same table for every command (see README.md beside this file):
 * 0 nothing wrong, 1 findings or failures, 2 misuse.
 */
export const ExitCode = {
  /** Done, and nothing went wrong. */
  ok: 0,
  /**
   * Findings or failures: an invalid file (`validate`); a failed step, a dead letter, a function that threw or a refused
   * replay (`local`, `invoke`, `replay`, `audit`); nothing known of a subject (`state`, `history`); with `--strict`, what
   * orgwarden found as well (`local`, `audit`).
   */
  findings: 1,
  /**
   * Misuse: unknown command or option, a missing or bad argument, an unreadable or invalid input file, nothing to read
   * yet.
   */
  misuse: 2,
  /** Stopped by SIGINT (Ctrl-C), after the local stack was stopped. */
  interrupted: 130,
  /** Stopped by SIGTERM, after the local stack was stopped. */
  terminated: 143,
} as const;

/** An error the CLI explains in one line and turns into an exit code; no stack trace. */
export class CliError extends Error {
  override readonly name: string = 'CliError';

  constructor(
    message: string,
    readonly exitCode: number = ExitCode.findings,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The user asked for something the CLI cannot do as asked (exit code 2). */
export class UsageError extends CliError {
  override readonly name = 'UsageError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.misuse, options);
  }
}
