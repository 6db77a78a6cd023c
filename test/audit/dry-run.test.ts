import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAudit } from '../../functions/audit/function';
import { loadConfig } from '../../shared/config/config';
import { rehearse } from '../../shared/local/scenario/run-scenario';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { orgwardenInProcess } from '../cli/harness';
import { readScenario, startStack } from '../support/stack';

const reads = /^(Describe|List|Get|BatchGet)/;

describe('audit --dry-run', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startStack('2026-11-05T10:00:00Z');
    await rehearse(await readScenario('test/cli/fixtures/invite-by-email-declined.json'), stack);
  });
  afterAll(() => stack.stop());

  it('reads only: plans the decline nobody announced, writes nothing, makes no changing call', async () => {
    // Prepare: the invitee's decline (11:00) is after the last audit.
    const before = {
      calls: stack.apiCalls().length,
      dynamo: stack.dynamoRequests.length,
      snapshots: await stack.store.listSnapshots(),
      emitted: stack.bus.emitted.length,
    };
    const { audit, start } = buildAudit(loadConfig(stack.environmentOf('audit')), stack.functionRuntime);
    // Act
    const outcome = await audit(await start('dry-run-1'), { dryRun: true, remaining: () => 900_000 });
    await stack.bus.settle();
    // Assess
    expect('done' in outcome && outcome.done).toMatchObject({ dryRun: true, findings: 1 });
    expect('done' in outcome && outcome.planned).toEqual([
      expect.objectContaining({ from: 'OPEN', to: 'DECLINED', effects: ['publish'] }),
    ]);
    const calls = stack
      .apiCalls()
      .slice(before.calls)
      .map((call) => call.operation);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((operation) => !reads.test(operation))).toEqual([]);
    const writes = stack.dynamoRequests
      .slice(before.dynamo)
      .map((r) => r.operation)
      .filter((op) => !['GetItem', 'BatchGetItem', 'Query'].includes(op));
    expect(writes).toEqual([]);
    expect(await stack.store.listSnapshots()).toEqual(before.snapshots);
    expect(stack.bus.emitted.length).toBe(before.emitted);
  });
});

describe('orgwarden audit (the CLI)', () => {
  it(
    'prints the findings as a table, and exits 1 with --strict when it found something',
    { timeout: 120_000 },
    async () => {
      const { code, stdout, stderr } = await orgwardenInProcess(
        'audit',
        '--scenario',
        'test/cli/fixtures/invite-by-email-declined.json',
        '--dry-run',
        '--strict',
        '--log-level',
        'SILENT',
      );
      expect(code).toBe(1);
      expect(stdout).toMatch(/^audit cli-\w+: COMPLETE \(dry run: nothing written, nothing changed\), 1 finding\(s\)/);
      expect(stdout).toMatch(/\nhandshake +1 +1 +1 +1 +0 +2 +yes\n/);
      expect(stdout).toMatch(/would change:\n {2}handshake:h-\w+: OPEN -> DECLINED {2}then publish/);
      expect(stderr).toContain('orgwarden: listing handshake…');
    },
  );

  it('refuses to run without a scenario or a table, and with both', async () => {
    for (const args of [['audit'], ['audit', '--scenario', 'x.json', '--table', 't']]) {
      const { code, stderr } = await orgwardenInProcess(...args);
      expect(code).toBe(2);
      expect(stderr).toContain('give either --scenario FILE (the local stack) or --table NAME (a deployed table)');
    }
  });
});
