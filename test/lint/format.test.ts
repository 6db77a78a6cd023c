import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../shared/local/template';

/** Prettier's check of one text as if it were the product file `filepath`, under the project's own config. */
const formatted = async (text: string, filepath: string): Promise<boolean> => {
  const config = await prettier.resolveConfig(`${projectRoot}/${filepath}`);
  return prettier.check(text, { ...config, filepath });
};

describe('the formatter and the line length, checked by npm test', () => {
  it("prettier's check (npm run lint) fails on a file it would format otherwise, and passes once formatted", async () => {
    // Prepare: a line as the house wrote them before the formatter (one long call, odd spacing).
    const unformatted = 'export const f = ( a: number,b: number ) => { return a+b }\n';

    // Act
    const before = await formatted(unformatted, 'shared/domain/example.ts');
    const fixed = await prettier.format(unformatted, {
      ...(await prettier.resolveConfig(`${projectRoot}/shared/domain/example.ts`)),
      filepath: 'shared/domain/example.ts',
    });

    // Assess
    expect(before).toBe(false);
    expect(await formatted(fixed, 'shared/domain/example.ts')).toBe(true);
    expect(fixed).toBe('export const f = (a: number, b: number) => {\n  return a + b;\n};\n');
  });

  it('a product line over 120 characters fails the lint (a string prettier cannot break), a test line does not', async () => {
    // Prepare: a string literal prettier leaves as it is.
    const long = `export const reason = '${'x'.repeat(110)}';\n`;
    // The repository's own configuration; type information is left out (max-len needs none).
    const eslint = new ESLint({ cwd: projectRoot, overrideConfig: [tseslint.configs.disableTypeChecked] });

    // Act
    const [product] = await eslint.lintText(long, { filePath: 'shared/domain/example.ts' });
    const [local] = await eslint.lintText(long, { filePath: 'shared/local/example.ts' });

    // Assess
    expect(product!.messages.map((m) => m.ruleId)).toContain('max-len');
    expect(local!.messages.map((m) => m.ruleId)).not.toContain('max-len');
  });
});
