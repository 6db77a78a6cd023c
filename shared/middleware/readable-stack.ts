import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | null>();

const mapOf = (file: string): SourceMap | null => {
  if (!maps.has(file)) {
    try {
      const path = file.startsWith('file:') ? fileURLToPath(file) : file;
      maps.set(
        file,
        new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]),
      );
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file) ?? null;
};

const frame = /\(?((?:file:\/\/)?\/[^():]+\.m?js):(\d+):(\d+)\)?$/;

/**
 * The error's stack with bundle positions mapped back to the TypeScript sources, read from the
 * source map beside the bundle, and only now: the functions do not run with `--enable-source-maps`,
 * which would parse every map at every cold start. Frames without a map stay as they are.
 */
export const readableStack = (error: unknown): string | undefined => {
  if (!(error instanceof Error) || !error.stack) return undefined;
  return error.stack
    .split('\n')
    .map((line) => {
      const match = frame.exec(line.trim());
      if (!match) return line;
      const map = mapOf(match[1]!);
      const entry: { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined =
        map?.findEntry(Number(match[2]) - 1, Number(match[3]) - 1);
      if (!entry?.originalSource) return line;
      const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
      return `${line} [${source}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}]`;
    })
    .join('\n');
};
