import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, ExitCode, UsageError } from '../errors';
import { fileKinds, kindOf, type FileKind } from '../file-kinds';
import { readInputFile, withPolicyFile } from '../inputs';
import type { Io } from '../io';

/** `orgwarden validate`'s options. */
export interface ValidateOptions {
  /** Read every file as this kind instead of telling it from `$schema` or its shape. */
  readonly kind?: string;
}

const kindNamed = (name: string): FileKind => {
  const kind = fileKinds.find((candidate) => candidate.name === name);
  if (!kind) throw new UsageError(`unknown kind ${name}: expected one of ${fileKinds.map((k) => k.name).join(', ')}`);
  return kind;
};

type Verdict =
  | { readonly ok: true; readonly kind: FileKind; readonly summary?: string }
  | { readonly ok: false; readonly kind?: FileKind; readonly problems: readonly string[] };

/** One file's verdict: whatever is wrong with it (unreadable, not JSON or YAML, of no kind, invalid) is a problem. */
const checkFile = async (file: string, forced: FileKind | undefined): Promise<Verdict> => {
  let json: unknown;
  try {
    json = await readInputFile(file, 'file');
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, problems: [error.message] };
    throw error;
  }
  const kind = forced ?? kindOf(json);
  if (!kind) {
    return {
      ok: false,
      problems: [
        `cannot tell what it is: expected ${fileKinds.map((k) => `a ${k.name} (${k.description})`).join(' or ')}; pass --kind ${fileKinds.map((k) => k.name).join('|')}`,
      ],
    };
  }
  if (kind.name === 'scenario') {
    try {
      json = await withPolicyFile(json, file);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      const { problems } = kind.check({ ...(json as object), policy: undefined }, file);
      return { ok: false, kind, problems: [`policy: ${error.message}`, ...problems] };
    }
  }
  const { problems, summary } = kind.check(json, file);
  return problems.length === 0 ? { ok: true, kind, ...(summary ? { summary } : {}) } : { ok: false, kind, problems };
};

/** A folder stands for its JSON and YAML files (not its subfolders); anything else is checked as a file. */
const filesOf = async (path: string): Promise<string[]> => {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) => /\.(json|ya?ml)$/i.test(name)).sort();
  return names.map((name) => join(path, name));
};

/**
 * Checks files without running anything, every file and every problem in one run: each is read as the kind its
 * `$schema` names, or the kind it looks like, or `--kind`; every problem is printed with the path of its field. A
 * file that cannot be read, or is not JSON or YAML, is invalid like any other: the others are still checked. A folder
 * stands for its JSON and YAML files.
 *
 * @returns 0 when every file is valid; 1 when one is not, whatever is wrong with it
 */
export const runValidate = async (files: readonly string[], options: ValidateOptions, io: Io): Promise<number> => {
  const forced = options.kind ? kindNamed(options.kind) : undefined;
  let invalid = 0;
  const checked = (await Promise.all(files.map(filesOf))).flat();
  for (const file of checked) {
    const verdict = await checkFile(file, forced);
    if (verdict.ok) {
      io.out(`ok       ${file} (${verdict.kind.name}${verdict.summary ? `, ${verdict.summary}` : ''})\n`);
      continue;
    }
    invalid++;
    const kind = verdict.kind ? ` (${verdict.kind.name})` : '';
    io.out(`invalid  ${file}${kind}:\n${verdict.problems.map((problem) => `  ${problem}\n`).join('')}`);
  }
  if (invalid > 0) throw new CliError(`${invalid} of ${checked.length} file(s) invalid`, ExitCode.findings);
  return ExitCode.ok;
};
