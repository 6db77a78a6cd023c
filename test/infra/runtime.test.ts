import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../shared/local/template';

// The functions run on the Lambda runtime serverless.yml names: the suite must run on that Node major
// too, whatever Node the machine has (test/support/on-node-22.js installs it from the npm registry
// and says which it used).
describe('the runtime the suite runs on', () => {
  it('is the Node major of the Lambda runtime the functions target', () => {
    // Prepare
    const runtime = /^\s*runtime:\s*nodejs(\d+)\.x\s*$/m.exec(
      readFileSync(join(projectRoot, 'serverless.yml'), 'utf8'),
    )?.[1];
    // Assess
    expect(runtime).toBe('22');
    expect(process.versions.node.split('.')[0]).toBe(runtime);
  });
});
