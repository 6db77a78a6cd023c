import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');

/** The repository paths the README names in code spans (`shared/…`, `events/…`, `test/…`, …). */
const namedPaths = (text: string): string[] =>
  [...text.matchAll(/`((?:shared|functions|test|events|\.ci)\/[\w./-]*)`/g)].map((match) => match[1]!);

describe('the README, as an on-call engineer reads it', () => {
  it('is under 300 lines: the internals live next to the code they describe', () => {
    expect(readme.split('\n').length).toBeLessThan(300);
  });

  it('names only files and folders that exist, here and in the documents it links', () => {
    const documents = ['README.md', 'shared/README.md', 'shared/use-cases/README.md', 'test/README.md'];
    for (const document of documents) {
      const named = namedPaths(readFileSync(document, 'utf8')).filter((path) => !path.includes('<'));
      expect(named.length, document).toBeGreaterThan(0);
      expect(
        named.filter((path) => !existsSync(path.replace(/[.,:]$/, ''))),
        document,
      ).toEqual([]);
    }
  });
});
