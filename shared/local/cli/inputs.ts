import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
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

/**
 * Reads a JSON file (or YAML, by its extension) for the CLI, refusing with one line that names the
 * file: missing, unreadable, not JSON, or nested deeper than {@link MAX_JSON_DEPTH} levels.
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
    text = await readFile(resolve(file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${file}: ${describeReadError(error)}`);
  }
  let json: unknown;
  try {
    json = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `the ${what} ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // An event is handed to the function as is: refusing a hostile one is the function's job (scenarios
  // check their own depth, event steps aside).
  const deep = options.depthLimit === false ? undefined : findTooDeep(json);
  if (deep)
    throw new UsageError(`the ${what} ${file} is nested deeper than ${MAX_JSON_DEPTH} levels (at ${formatPath(deep)})`);
  return json;
};
