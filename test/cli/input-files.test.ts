import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../shared/local/cli/inputs';
import { orgwardenInProcess } from './harness';

const folder = (): Promise<string> => mkdtemp(join(tmpdir(), 'orgwarden-inputs-'));

describe('input files are checked before the stack starts, and never echoed', () => {
  it('a *.json symlink to /etc/passwd is refused without a byte of it, exit 2', async () => {
    // Prepare
    const link = join(await folder(), 'event.json');
    symlinkSync('/etc/passwd', link);
    const firstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

    // Act
    const { code, stdout, stderr } = await orgwardenInProcess('invoke', 'handshake-changed', '--event', link);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain(`the event file ${link} is not valid JSON: an unexpected character`);
    expect(stdout + stderr).not.toContain(firstLine.slice(0, 8));
    expect(stderr).not.toContain('starting the local stack');
  });

  it('a FIFO, a binary file and a file over the size limit are named as such, exit 2, nothing started', async () => {
    // Prepare
    const dir = await folder();
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const binary = join(dir, 'binary.json');
    await writeFile(binary, Buffer.from([0x7b, 0x00, 0x7d]));
    const big = join(dir, 'big.json');
    await writeFile(big, `"${'x'.repeat(MAX_INPUT_BYTES)}"`);

    // Act
    const outcomes = await Promise.all(
      [fifo, binary, big].map((file) => orgwardenInProcess('local', '--scenario', file)),
    );

    // Assess
    expect(outcomes.map((outcome) => outcome.code)).toEqual([2, 2, 2]);
    expect(outcomes[0]!.stderr).toContain(`cannot read the scenario ${fifo}: not a regular file`);
    expect(outcomes[1]!.stderr).toContain(`the scenario ${binary} is a binary file, not JSON`);
    expect(outcomes[2]!.stderr).toContain(`cannot read the scenario ${big}: ${MAX_INPUT_BYTES + 2} bytes, more than`);
    for (const outcome of outcomes) expect(outcome.stderr).not.toContain('starting the local stack');
  });
});
