import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orgwarden, stateDir } from './harness';

/** A PATH with nothing on it but `java` as given (or nothing at all): the CLI runs on this test's own node. */
const pathWith = (java?: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'orgwarden-path-'));
  if (java !== undefined) {
    writeFileSync(join(dir, 'java'), `#!/bin/sh\n${java}\n`);
    chmodSync(join(dir, 'java'), 0o755);
  }
  return dir;
};

describe('prerequisites, named before anything starts', () => {
  it('npm start without Java on the PATH: one line naming Java 17 and how to install it, exit 2', async () => {
    // Act: the README's main job (`npm start` runs this command) on a machine without Java.
    const result = await orgwarden(['local', '--scenario', 'events/scenarios/demo.json'], {
      PATH: pathWith(),
      ORGWARDEN_STATE_DIR: stateDir(),
    });

    // Assess
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^orgwarden local: Java 17 is needed for DynamoDB Local and was not found on the PATH: install Java 17 or later \(Debian\/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless;/,
    );
    expect(result.stderr).not.toMatch(/ENOENT|Unhandled|at .*\.ts:\d+/);
  });

  it('a Java older than 17 is named as such, exit 2', async () => {
    // Prepare: a `java` that answers as Java 8 does (`1.8.0_…`, on stderr).
    const path = pathWith(`echo 'openjdk version "1.8.0_412"' >&2`);

    // Act
    const result = await orgwarden(['local', '--scenario', 'events/scenarios/demo.json'], {
      PATH: path,
      ORGWARDEN_STATE_DIR: stateDir(),
    });

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^orgwarden local: Java 17 is needed for DynamoDB Local; this is Java 8: install Java 17 or later/,
    );
  });
});
