/**
 * Writes events/README.md from events/index.json: `npx tsx shared/local/cli/write-events-readme.ts`.
 * test/cli/events-readme.test.ts fails while the committed file differs from what this writes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderEventsReadme } from './events-readme';
import { eventsDir, readSampleIndex } from './samples';

await writeFile(join(eventsDir, 'README.md'), renderEventsReadme(readSampleIndex()));
process.stdout.write('wrote events/README.md\n');
