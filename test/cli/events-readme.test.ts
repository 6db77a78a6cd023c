import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEventsReadme } from '../../shared/local/cli/events-readme';
import { eventsDir, readSampleIndex } from '../../shared/local/cli/samples';

describe('events/README.md', () => {
  it('is what events/index.json generates (regenerate: npx tsx shared/local/cli/write-events-readme.ts)', () => {
    // Prepare
    const committed = readFileSync(join(eventsDir, 'README.md'), 'utf8');

    // Act
    const generated = renderEventsReadme(readSampleIndex());

    // Assess
    expect(committed).toBe(generated);
  });

  it('names every sample of the index with the function the index maps it to', () => {
    // Prepare
    const readme = readFileSync(join(eventsDir, 'README.md'), 'utf8');

    // Assess
    for (const entry of readSampleIndex()) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${entry.file} |`));
      expect(row, entry.file).toBeDefined();
      expect(row!.split(' | ')[1]!.startsWith(entry.function ?? 'none'), entry.file).toBe(true);
    }
  });
});
