import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { findTooDeep, formatPath, MAX_JSON_DEPTH } from '../scenario/json-depth';
import { projectRoot } from '../template';
import { UsageError } from './errors';

/** The log levels the functions' logger (Powertools) takes. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

/** orgwarden's version, from package.json. */
export const version = (): string =>
  (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The function names `invoke` takes: the keys of `functions` in serverless.yml, read without
 * packaging (packaging the template costs seconds; reading the file, milliseconds). Empty when the
 * file cannot be read that way: the local stack then names the functions it has.
 */
export const functionNames = (): string[] => {
  try {
    // CloudFormation tags (!Ref, !GetAtt) are unknown to a plain YAML reader: they are not needed here.
    const config = parseYaml(readFileSync(join(projectRoot, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as {
      functions?: unknown;
    };
    return config.functions && typeof config.functions === 'object' ? Object.keys(config.functions) : [];
  } catch {
    return [];
  }
};

const describeReadError = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES') return 'not allowed to read it';
  return error instanceof Error ? error.message : String(error);
};

/** The largest input file the CLI reads: no scenario, policy or event comes near it. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

const isYaml = (file: string): boolean => /\.ya?ml$/i.test(file);

/** Where the text broke, from the parser's own report: never the text itself (the file may be anything). */
const syntaxError = (error: unknown, text: string): string => {
  const linePos = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
  if (linePos) {
    const code = (error as { code?: string }).code ?? 'syntax error';
    return `${code.toLowerCase().replace(/_/g, ' ')} at line ${linePos.line}, column ${linePos.col}`;
  }
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) {
    const before = text.slice(0, Number(position)).split('\n');
    return `${message.replace(/ in JSON at position.*$/, '')} at line ${before.length}, column ${before.at(-1)!.length + 1}`;
  }
  if (/^Unexpected end/.test(message)) return 'it ends too early';
  return 'an unexpected character (is it JSON at all?)';
};

/**
 * Reads a JSON file (or YAML, by its extension) for the CLI, refusing with one line that names the
 * file: missing, not a regular file, larger than {@link MAX_INPUT_BYTES}, binary, unreadable, not JSON,
 * or nested deeper than {@link MAX_JSON_DEPTH} levels. Its content is never quoted: a symlink to
 * `/etc/passwd` named `*.json` is refused without printing a byte of it.
 *
 * @param file - a path, relative to the working directory
 * @param what - what the file should be, for messages (`scenario`, `event file`)
 */
export const readInputFile = async (
  file: string,
  what: string,
  options: { readonly depthLimit?: boolean } = {},
): Promise<unknown> => {
  let text: string;
  try {
    // Checked before it is opened: a FIFO or a device would block or never end.
    const info = await stat(resolve(file));
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!info.isFile())
      throw new UsageError(`cannot read the ${what} ${file}: not a regular file (a device, a FIFO or a socket)`);
    if (info.size > MAX_INPUT_BYTES)
      throw new UsageError(
        `cannot read the ${what} ${file}: ${info.size} bytes, more than the ${MAX_INPUT_BYTES} allowed`,
      );
    const bytes = await readFile(resolve(file));
    if (bytes.includes(0))
      throw new UsageError(`the ${what} ${file} is a binary file, not ${isYaml(file) ? 'YAML' : 'JSON'}`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the ${what} ${file}: ${describeReadError(error)}`);
  }
  let json: unknown;
  try {
    json = isYaml(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `the ${what} ${file} is not valid ${isYaml(file) ? 'YAML' : 'JSON'}: ${syntaxError(error, text)}`,
    );
  }
  // An event is handed to the function as is: refusing a hostile one is the function's job (scenarios
  // check their own depth, event steps aside).
  const deep = options.depthLimit === false ? undefined : findTooDeep(json);
  if (deep)
    throw new UsageError(`the ${what} ${file} is nested deeper than ${MAX_JSON_DEPTH} levels (at ${formatPath(deep)})`);
  return json;
};

/**
 * A scenario whose `policy` is a path (`./my-policy.yaml`), with that file read in its place: the path is relative to
 * the scenario's folder, so a rehearsal runs under the team's own policy file.
 *
 * @throws UsageError naming the policy file when it cannot be read
 */
export const withPolicyFile = async (json: unknown, scenarioFile: string): Promise<unknown> => {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const { policy } = json as { policy?: unknown };
  if (typeof policy !== 'string' || !/\.(ya?ml|json)$/i.test(policy)) return json;
  const file = resolve(dirname(resolve(scenarioFile)), policy);
  return { ...json, policy: await readInputFile(file, `policy (${policy}, from ${scenarioFile})`) };
};
