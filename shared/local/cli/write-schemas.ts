/**
 * Writes the JSON Schema of every file kind (events/schemas/*.schema.json) from its zod schema:
 * `npx tsx shared/local/cli/write-schemas.ts`. test/scenario/json-schema.test.ts fails while a
 * committed schema differs from what this writes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { projectRoot } from '../template';
import { fileKinds, schemaText } from './file-kinds';

for (const kind of fileKinds) {
  const file = join(projectRoot, kind.schemaFile);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, schemaText(kind));
  process.stdout.write(`wrote ${kind.schemaFile}\n`);
}
