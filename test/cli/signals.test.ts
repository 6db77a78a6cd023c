import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOrgwarden, stateDir } from './harness';

/** The pids of the processes whose parent is `pid` (Linux /proc). */
const childrenOf = (pid: number): Array<{ pid: number; command: string }> =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid
          ? [{ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ') }]
          : [];
      } catch {
        return [];
      }
    });

const alive = (pid: number): boolean => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(state); // a zombie has exited
  } catch {
    return false;
  }
};

/** A scenario long enough to be signalled mid-run: many cheap reads. */
const longScenario = (): string => {
  const file = join(stateDir(), 'long.json');
  const steps = Array.from({ length: 3000 }, () => ({ api: { service: 'organizations', operation: 'ListRoots' } }));
  writeFileSync(file, JSON.stringify({ name: 'long', start: '2026-11-02T09:00:00Z', steps }));
  return file;
};

const waitFor = async (condition: () => boolean, ms: number): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('signals stop the local stack: no DynamoDB Local JVM outlives the CLI', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s after the stack started: exits %i, its java child is gone',
    { timeout: 120_000 },
    async (signal, expected) => {
      // Prepare
      const cli = startOrgwarden(['local', '--scenario', longScenario(), '--json'], {
        ORGWARDEN_STATE_DIR: stateDir(),
      });
      await waitFor(() => cli.stderrSoFar().includes('[2/3000]'), 90_000);
      const javas = childrenOf(cli.child.pid!).filter((child) => child.command.includes('DynamoDBLocal'));
      expect(javas).toHaveLength(1);

      // Act
      cli.child.kill(signal);
      const { code, stderr, stdout } = await cli.exited;

      // Assess
      expect(code).toBe(expected);
      expect(stderr).toContain(`orgwarden: ${signal}: stopping the local stack…`);
      expect(stdout).toBe('');
      await waitFor(() => !alive(javas[0]!.pid), 10_000);
    },
  );
});
