/** Where the CLI writes: its own output on stdout, everything else (progress, logs) on stderr. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * The process's streams, bound now: while {@link routeStdoutToStderr} is in force, `out` still
 * reaches the real stdout.
 */
export const processIo = (): Io => {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  return { out: (text) => void out(text), err: (text) => void err(text) };
};

/**
 * Runs `work` with every write to process.stdout (the functions' structured logs, a stray
 * console.log in a handler, the SDK) sent to stderr instead, so that stdout carries only what the
 * CLI itself prints through {@link Io.out}: one JSON document with `--json`, the timeline otherwise.
 */
export const routeStdoutToStderr = async <T>(work: () => Promise<T>): Promise<T> => {
  const stdout = Object.getOwnPropertyDescriptor(process.stdout, 'write');
  // An own property shadows the stream's method; removing it afterwards restores exactly what was.
  Object.defineProperty(process.stdout, 'write', { value: process.stderr.write.bind(process.stderr), configurable: true, writable: true });
  try {
    return await work();
  } finally {
    if (stdout) Object.defineProperty(process.stdout, 'write', stdout);
    else delete (process.stdout as { write?: unknown }).write;
  }
};
