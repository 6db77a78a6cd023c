/** The documented exit codes of `orgwarden` (see README.md beside this file). */
export const ExitCode = {
  /** Done, nothing to report. */
  ok: 0,
  /**
   * Findings or failures: an invalid file for `validate`; with `--strict`, a failed step or a dead letter; a failed
   * invocation.
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
