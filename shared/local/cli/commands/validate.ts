import { CliError, ExitCode, UsageError } from '../errors';
import { fileKinds, kindOf, type FileKind } from '../file-kinds';
import { readInputFile } from '../inputs';
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

/**
 * Checks files without running anything: each is read as the kind its `$schema` names, or the kind
 * it looks like, or `--kind`; every problem is printed with the path of its field.
 *
 * @returns 0 when every file is valid; 1 when one is not; 2 when one cannot be read or its kind told
 */
export const runValidate = async (files: readonly string[], options: ValidateOptions, io: Io): Promise<number> => {
  const forced = options.kind ? kindNamed(options.kind) : undefined;
  let invalid = 0;
  for (const file of files) {
    const json = await readInputFile(file, 'file');
    const kind = forced ?? kindOf(json);
    if (!kind) {
      throw new UsageError(
        `cannot tell what ${file} is: expected ${fileKinds.map((k) => `a ${k.name} (${k.description})`).join(' or ')}; pass --kind ${fileKinds.map((k) => k.name).join('|')}`,
      );
    }
    const { problems, summary } = kind.check(json, file);
    if (problems.length === 0) {
      io.out(`ok       ${file} (${kind.name}${summary ? `, ${summary}` : ''})\n`);
      continue;
    }
    invalid++;
    io.out(`invalid  ${file} (${kind.name}):\n${problems.map((problem) => `  ${problem}\n`).join('')}`);
  }
  if (invalid > 0) throw new CliError(`${invalid} of ${files.length} file(s) invalid`, ExitCode.findings);
  return ExitCode.ok;
};
