import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvent } from '../support/stack';
import { orgwardenInProcess } from './harness';

describe('orgwarden invoke: a dead-lettered error with its stable code', () => {
  it('prints the dead letter of a malformed event with ORGWARDEN_MALFORMED_EVENT', { timeout: 60_000 }, async () => {
    // Prepare: the documentation's sample without its detail
    const file = join(await mkdtemp(join(tmpdir(), 'orgwarden-codes-')), 'no-detail.json');
    await writeFile(
      file,
      JSON.stringify({ ...(await readEvent('organizations/cancel-handshake.json')), detail: undefined }),
    );

    // Act
    const { code, stdout } = await orgwardenInProcess(
      'invoke',
      'handshake-changed',
      '--event',
      file,
      '--log-level',
      'SILENT',
    );

    // Assess: a dead letter is never ok (exit 1)
    expect(code).toBe(1);
    expect(stdout).toMatch(/^handshake-changed: dead-lettered: MalformedEventError: /);
    expect(stdout).toMatch(/^ {2}dead letter: MalformedEventError: .+ \[ORGWARDEN_MALFORMED_EVENT\]$/m);
  });
});
