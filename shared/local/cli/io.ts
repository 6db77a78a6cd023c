/** Where the CLI writes: its own output on stdout, everything else (progress, logs) on stderr. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Control characters (C0 but line feed and tab, DEL, C1) and the invisible characters that reorder or
 * hide text (bidirectional overrides and isolates, zero-width marks, the byte-order mark).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text safe for a terminal: every unsafe character written as its `\uXXXX` escape, so that what an
 * outside party chose (an email with `ESC[31m`, a right-to-left override) is shown, never obeyed.
 * The escape is JSON's own: inside a `--json` document's strings it stays valid JSON, the same value.
 */
export const safeText = (text: string): string =>
  text.replace(unsafe, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The process's streams, bound now: while {@link routeStdoutToStderr} is in force, `out` still
 * reaches the real stdout.
 */
export const processIo = (): Io => {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  return { out: (text) => void out(safeText(text)), err: (text) => void err(safeText(text)) };
};

/**
 * Runs `work` with every write to process.stdout (the functions' structured logs, a stray
 * console.log in a handler, the SDK) sent to stderr instead, so that stdout carries only what the
 * CLI itself prints through {@link Io.out}: one JSON document with `--json`, the timeline otherwise.
 */
export const routeStdoutToStderr = async <T>(work: () => Promise<T>): Promise<T> => {
  const stdout = Object.getOwnPropertyDescriptor(process.stdout, 'write');
  // An own property shadows the stream's method; removing it afterwards restores exactly what was.
  const toStderr = process.stderr.write.bind(process.stderr);
  // The functions' logs carry what outside parties wrote, too: escaped as the CLI's own output is.
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (toStderr as (chunk: unknown, ...rest: unknown[]) => boolean)(
      typeof chunk === 'string' ? safeText(chunk) : chunk,
      ...rest,
    );
  Object.defineProperty(process.stdout, 'write', { value: write, configurable: true, writable: true });
  try {
    return await work();
  } finally {
    if (stdout) Object.defineProperty(process.stdout, 'write', stdout);
    else delete (process.stdout as { write?: unknown }).write;
  }
};
