import { describe, expect, it } from 'vitest';
import { runNode } from '../support/node-process';

/**
 * At most this many product files for one event: a reader follows a handful of cohesive modules, not
 * dozens. The issue's target, 25 (49 before issue 18's merges): the composition is not re-entered
 * but by the function factory, the policy's schema is read at cold start only, the table's layout is one
 * module and an event's transactions another. Lower it with every merge that lands; never raise it.
 */
const maxFilesCrossed = 25;

// The count `npm run bench` prints: `filesCrossed()` (test/bench/files-crossed.ts, V8's precise coverage
// around one warm delivery of InviteAccountToOrganization on the local stack), run in a fresh node as
// the bench runs it: under vitest every module's exports are getters, which would count files that
// only hand over a constant. Deterministic: the same files run for the same event; nothing is timed.
describe('one CloudTrail invitation', () => {
  it(`crosses at most ${maxFilesCrossed} product files`, async () => {
    // Act
    const out = await runNode(['--import', 'tsx', 'test/bench/files-crossed.ts'], { ...process.env });

    // Assess: the list is in the message when it fails, so that the merge to make is in sight.
    const files = out.split('\n').flatMap((line) => (line.startsWith('  ') ? [line.trim()] : []));
    expect(out).toMatch(new RegExp(`crosses ${files.length} product files`));
    expect(files.length, out).toBeGreaterThan(0);
    expect(files.length, out).toBeLessThanOrEqual(maxFilesCrossed);
  }, 120_000);
});
