import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { functionEnvironmentOf, projectRoot, rulesOf } from '../../shared/local/template';
import { replayRequestSchema } from '../../shared/schemas/replay-request';
import { packaged } from '../infra/packaged';
import { startStack } from '../support/stack';

describe('the replay function (invoked by an operator)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startStack('2026-11-03T09:00:00Z');
  });
  afterAll(() => stack.stop());

  it('plans by default: the archive, the default bus and orgwarden rules it would replay to, nothing started', async () => {
    const outcome = (await stack.runtime.invoke('replay', {
      since: '2026-11-02T00:00:00Z',
      until: '2026-11-03T00:00:00Z',
      replayName: 'day-2',
    })) as { planned: Record<string, unknown> };
    expect(outcome.planned).toMatchObject({
      archiveArn: 'arn:aws:events:us-east-1:111111111111:archive/orgwarden-local-input',
      busArn: 'arn:aws:events:us-east-1:111111111111:event-bus/default',
      replayName: 'day-2',
    });
    expect(outcome.planned.ruleArns).toContain(
      'arn:aws:events:us-east-1:111111111111:rule/orgwarden-local-handshake-changed',
    );
    // Nothing started: the name is still free.
    await expect(
      stack.runtime.invoke('replay', {
        since: '2026-11-02T00:00:00Z',
        until: '2026-11-03T00:00:00Z',
        replayName: 'day-2',
        apply: true,
      }),
    ).resolves.toMatchObject({ started: { state: 'STARTING', replayName: 'day-2' } });
  });

  it.each([
    [{ since: '2026-11-03T00:00:00Z', until: '2026-11-02T00:00:00Z' }, /since < until/],
    [{ since: '2026-09-01T00:00:00Z', until: '2026-11-02T00:00:00Z' }, /at most 31 days/],
    [{ since: 'yesterday', until: '2026-11-02T00:00:00Z' }, /since/],
    [{ since: '2026-11-01T00:00:00Z', until: '2026-11-02T00:00:00Z', replayName: 'a b/c' }, /replayName/],
    [{ since: '2026-11-01T00:00:00Z', until: '2026-11-02T00:00:00Z', rules: ['anything'] }, /rules/],
  ])('refuses %j with a classified reason and starts nothing', async (request, reason) => {
    const before = stack.deadLetters.length;
    const outcome = (await stack.runtime.invoke('replay', request)) as {
      outcome: string;
      error: { name: string; message: string };
    };
    expect(outcome).toMatchObject({
      outcome: 'dead-lettered',
      error: { name: 'MalformedEventError', message: expect.stringMatching(reason) },
    });
    expect(stack.deadLetters.length).toBe(before + 1);
  });
});

describe('events/requests/: what operators invoke the replay function with', () => {
  it('holds requests the function takes as they are', () => {
    const files = readdirSync(join(projectRoot, 'events/requests'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const request = JSON.parse(readFileSync(join(projectRoot, 'events/requests', file), 'utf8')) as unknown;
      expect(replayRequestSchema.safeParse(request).success, file).toBe(true);
    }
  });
});

describe('the replay function in the template', () => {
  it("replays to exactly the rules that take AWS events from the default bus (no schedule, not orgwarden's bus)", async () => {
    const { template } = await packaged();
    const replayRules = String(functionEnvironmentOf(template, 'replay').REPLAY_RULES).split(',').sort();
    const takingAwsEvents = rulesOf(template)
      .filter(
        (rule) =>
          rule.eventBusName === 'default' &&
          rule.pattern &&
          ((rule.pattern as { source?: string[] }).source ?? []).every(
            (source) => source.startsWith('aws.') && source !== 'aws.events',
          ),
      )
      .map((rule) => rule.ruleName)
      .sort();
    expect(takingAwsEvents.length).toBeGreaterThanOrEqual(4);
    expect(replayRules).toEqual(takingAwsEvents);
  });
});
