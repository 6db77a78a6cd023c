import type { Scenario } from '../scenario/scenario';
import { checkJava } from '../dynamodb-local';
import { stackOptionsOf } from '../scenario/stack-options';
import { LocalStack, type LocalStackOptions } from '../stack/local-stack';
import { ExitCode } from './errors';
import { routeStdoutToStderr, type Io } from './io';

/** How a command wants its local stack. */
export interface SessionOptions {
  /** The scenario the stack is for (its start, organization); none for a bare `invoke`. */
  readonly scenario?: Scenario;
  /** Seeds every id and random choice of the stack, for runs that print the same JSON each time. */
  readonly seed?: number;
  readonly logLevel?: string;
}

const exitCodeOf = { SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated } as const;
type StopSignal = keyof typeof exitCodeOf;

/** How long a signalled stop may take before the CLI exits anyway. */
const STOP_GRACE_MS = 20_000;

/**
 * SIGINT and SIGTERM stop the local stack before the CLI exits (130, 143): DynamoDB Local is a Java
 * child process that would otherwise outlive the CLI. A second signal exits at once.
 */
class SignalGuard {
  stopping = false;
  private stack: Promise<LocalStack> | undefined;
  private readonly handlers = new Map<StopSignal, () => void>();

  constructor(private readonly io: Io) {}

  install(): void {
    for (const signal of Object.keys(exitCodeOf) as StopSignal[]) {
      const handler = (): void => this.onSignal(signal);
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  remove(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
  }

  /** The stack being started: a signal during its start stops it as soon as it is up. */
  watch(stack: Promise<LocalStack>): void {
    this.stack = stack;
  }

  private onSignal(signal: StopSignal): void {
    const code = exitCodeOf[signal];
    if (this.stopping) process.exit(code);
    this.stopping = true;
    this.io.err(`\norgwarden: ${signal}: stopping the local stack…\n`);
    setTimeout(() => process.exit(code), STOP_GRACE_MS).unref();
    const stopped = this.stack ? this.stack.then((stack) => stack.stop()) : Promise.resolve();
    void stopped.catch(() => undefined).finally(() => process.exit(code));
  }
}

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Starts a local stack, runs `work` on it and stops it, whatever happens: an error, SIGINT or SIGTERM.
 * Says at once that the stack is starting (it takes seconds) and when it is ready, on stderr;
 * while it runs, whatever the functions write to stdout goes to stderr (see `routeStdoutToStderr`).
 *
 * @param options - the scenario, seed and log level
 * @param io - where the CLI writes
 * @param work - what to do with the running stack
 */
export const withLocalStack = async <T>(
  options: SessionOptions,
  io: Io,
  work: (stack: LocalStack) => Promise<T>,
): Promise<T> => {
  // The prerequisites first: a machine without Java hears so in one line, before anything starts.
  checkJava();
  io.err('orgwarden: starting the local stack (DynamoDB Local, emulators)…\n');
  const began = Date.now();
  const { scenario } = options;
  const stackOptions: LocalStackOptions = {
    ...stackOptionsOf(scenario),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    // A DynamoDB Local already running (started once for many commands, or by the tests) instead of a new one.
    ...(process.env.ORGWARDEN_DYNAMODB_ENDPOINT ? { dynamoEndpoint: process.env.ORGWARDEN_DYNAMODB_ENDPOINT } : {}),
  };
  const guard = new SignalGuard(io);
  guard.install();
  try {
    return await routeStdoutToStderr(async () => {
      const starting = LocalStack.start(stackOptions);
      guard.watch(starting);
      const stack = await starting;
      io.err(`orgwarden: local stack ready in ${seconds(began)}\n`);
      const outcome = await work(stack).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      // Under a signal the stack is being stopped and the process exits when it is: what the work
      // returned or threw midway is not news, and printing it would only mislead.
      if (guard.stopping) return new Promise<never>(() => undefined);
      await stack.stop();
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    });
  } finally {
    guard.remove();
  }
};
