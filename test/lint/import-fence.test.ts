import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const FENCE = 'orgwarden/no-local-import';

/** The repository's own ESLint configuration; type information is left out (the fence does not need it). */
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

/** The rules that fire on `code` linted as the file `filePath` (relative to the repository). */
const rulesFiredOn = async (filePath: string, code: string): Promise<(string | null)[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => message.ruleId);
};

/** `../` `levels` times: the fixtures' relative specifiers up from their pretended folder to the project root. */
const up = (levels: number): string => '../'.repeat(levels);

describe('The import fence (product code never imports shared/local)', () => {
  it.each([
    ['shared/domain/x.ts', "import { z } from '../local/cli/bin';\nexport const y = z;\n"],
    ['shared/adapters/dynamodb/x.ts', "import type { Stack } from '../../local/stack';\nexport type S = Stack;\n"],
    ['functions/audit/x.ts', `export { LocalStack } from '${up(2)}shared/local/stack/local-stack';\n`],
    ['shared/config/x.ts', "export const load = () => import('../local/scenario');\n"],
  ])('fires on %s importing shared/local', async (filePath, code) => {
    // Act
    const fired = await rulesFiredOn(filePath, code);

    // Assess
    expect(fired).toContain(FENCE);
  });

  it.each([
    ['shared/local/cli/x.ts', "import { a } from '../stack';\nexport const b = a;\n"],
    ['test/x.test.ts', `import { a } from '${up(1)}shared/local/stack';\nexport const b = a;\n`],
    ['shared/domain/subjects/x.ts', "import { a } from '../local';\nexport const b = a;\n"],
    ['shared/adapters/x.ts', "import { a } from '../domain/errors';\nexport const b = a;\n"],
  ])(
    'does not fire on %s (shared/local itself, the tests, other folders named local, the rest of shared)',
    async (filePath, code) => {
      // Act
      const fired = await rulesFiredOn(filePath, code);

      // Assess
      expect(fired).not.toContain(FENCE);
    },
  );
});
