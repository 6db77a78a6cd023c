import { existsSync, readFileSync } from 'node:fs';
import { decode } from '@jridgewell/sourcemap-codec';

/** Where a bundle's bytes come from: a package of node_modules, orgwarden's own code, or no source. */
export interface BundleShare {
  readonly origin: string;
  readonly bytes: number;
}

/**
 * `node_modules/@smithy/core/dist-es/…` → `@smithy/core`; orgwarden's own files by folder
 * (`orgwarden shared/adapters`); an esbuild plugin's stub → `orgwarden (stub)`.
 */
const originOf = (source: string): string => {
  const at = source.lastIndexOf('node_modules/');
  if (at === -1) {
    const own = /(?:^|\/)((?:shared|functions)\/[^/]+)\//.exec(source);
    return own ? `orgwarden ${own[1]}` : 'orgwarden (stub)';
  }
  const parts = source.slice(at + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
};

/**
 * Every byte of a packaged bundle, by origin: read from the source map packaged beside it (esbuild's,
 * `sourcemap: external`). A byte belongs to the source of the mapping segment it follows on its line;
 * bytes before a line's first segment, and line breaks, are `(unmapped)` (esbuild's glue: the module
 * wrappers, the exports). The shares add up to the bundle's size exactly.
 */
export const bundleContents = (bundle: string): BundleShare[] => {
  const mapFile = `${bundle}.map`;
  if (!existsSync(mapFile)) throw new Error(`${bundle}: no source map beside it`);
  const code = readFileSync(bundle, 'utf8');
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
  const decoded = decode(map.mappings);
  const totals = new Map<string, number>();
  const add = (origin: string, text: string): void => {
    const bytes = Buffer.byteLength(text);
    if (bytes > 0) totals.set(origin, (totals.get(origin) ?? 0) + bytes);
  };
  const lines = code.split('\n');
  lines.forEach((line, index) => {
    const segments = decoded[index] ?? [];
    // Columns are UTF-16 offsets into the generated line, in increasing order.
    add('(unmapped)', line.slice(0, segments[0]?.[0] ?? line.length));
    segments.forEach((segment, i) => {
      const end = segments[i + 1]?.[0] ?? line.length;
      add(segment.length >= 2 ? originOf(map.sources[segment[1]!]!) : '(unmapped)', line.slice(segment[0], end));
    });
    if (index < lines.length - 1) add('(unmapped)', '\n');
  });
  return [...totals].map(([origin, bytes]) => ({ origin, bytes })).sort((x, y) => y.bytes - x.bytes);
};
