import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateFiles } from '../../shared/local/codegen/security-ir/generate';

describe('Security IR generated code', () => {
  it('is what the generator makes from the model today (run codegen/generate.ts after changing either)', async () => {
    // Prepare
    const expected = await generateFiles();

    // Act
    const committed = Object.fromEntries(
      Object.keys(expected).map((file) => [file, readFileSync(join(GENERATED_DIR, file), 'utf8')]),
    );

    // Assess
    expect(committed).toEqual(expected);
  });
});
