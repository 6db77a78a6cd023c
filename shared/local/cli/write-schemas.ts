/**
 * Writes every JSON Schema orgwarden ships from its zod schema: the file kinds `validate` knows
 * (events/schemas/{scenario,policy}.schema.json) and the published events
 * (events/schemas/published/*.schema.json, also registered in the stack's schema registry):
 * `npx tsx shared/local/cli/write-schemas.ts`. test/scenario/json-schema.test.ts and
 * test/infra/published-schemas.test.ts fail while a committed schema differs from what this writes.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { projectRoot } from '../template';
import { fileKinds, schemaText } from './file-kinds';
import { publishedSchemaFiles, publishedSchemaFolder } from './published-schemas';

const write = async (relative: string, text: string): Promise<void> => {
  const file = join(projectRoot, relative);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  process.stdout.write(`wrote ${relative}\n`);
};

for (const kind of fileKinds) await write(kind.schemaFile, schemaText(kind));

// A detail-type renamed or removed leaves no stale file behind.
const published = publishedSchemaFiles();
const folder = join(projectRoot, publishedSchemaFolder);
await mkdir(folder, { recursive: true });
for (const name of await readdir(folder)) {
  if (!published.some(({ file }) => file === `${publishedSchemaFolder}/${name}`)) {
    await rm(join(folder, name));
    process.stdout.write(`removed ${publishedSchemaFolder}/${name}\n`);
  }
}
for (const { file, text } of published) await write(file, text);
