import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { dueOfLedger, keys, toAttributes } from '../../shared/adapters/dynamodb/table';
import { buildReport } from '../../shared/local/scenario/report';
import { runScenario } from '../../shared/local/scenario/run-scenario';
import type { Scenario } from '../../shared/local/scenario/scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

// Forged ledger entries, written to the table the way any role of the stack could (issue 17, item 2),
// carried through the real functions on the local stack: the sweep takes them over and refuses what
// the history and the policy do not call for; what they do call for runs with the policy's payload.

/**
 * Plays `scenario`, lets `forge` write to the stack's table, then lets `hours` of scenario time pass (the sweep runs).
 */
const attack = async (
  scenario: Scenario,
  forge: (table: { client: DynamoDBClient; name: string }, stack: LocalStack) => Promise<void>,
  until: string,
) => {
  const stack = await LocalStack.start({
    ...stackOptionsOf(scenario),
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: 'SILENT',
  });
  try {
    await runScenario(scenario, stack);
    const client = new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'attacker', secretAccessKey: 'attacker' },
    });
    await forge({ client, name: stack.environmentOf('expiry-sweep').TABLE_NAME! }, stack);
    const callsBefore = stack.apiCalls().length;
    const emittedBefore = stack.bus.emitted.length;
    await stack.advanceTo(new Date(until));
    const report = await buildReport(stack);
    return {
      report,
      after: { calls: report.apiCalls.slice(callsBefore), emitted: report.emitted.slice(emittedBefore) },
      stack,
    };
  } finally {
    await stack.stop();
  }
};

describe('a ledger entry forged in the table', () => {
  it('cancels nothing under a notify-only policy: the sweep refuses it, records it failed and announces the refusal', async () => {
    // Prepare: the team trusts 222222222222 and only reports; orgwarden recorded the invitation to it.
    const base = await readScenario('events/scenarios/untrusted-invitation-enforced.json');
    const scenario: Scenario = {
      ...base,
      policy: { version: 1, trust: { invitations: { sent: { accounts: ['222222222222'] } } } },
      steps: base.steps.filter((step) => 'api' in step && JSON.stringify(step).includes('222222222222')),
    };
    let forgedId = '';
    // Act: another role's code path writes a claimed, expired cancel-handshake entry onto the due index.
    const { after, report } = await attack(
      scenario,
      async ({ client, name }, stack) => {
        const [snapshot] = await stack.store.listSnapshots('handshake:');
        const handshakeId = snapshot!.subject.slice('handshake:'.length);
        forgedId = `${snapshot!.subject}#v${snapshot!.version}#cancel-handshake`;
        const past = '2026-11-02T09:30:00.000Z';
        const entry = {
          id: forgedId,
          subject: snapshot!.subject,
          version: snapshot!.version,
          action: 'cancel-handshake',
          payload: { handshakeId, reason: 'forged' },
          status: 'claimed',
          leaseUntil: past,
          attempts: 1,
          createdAt: past,
        };
        await client.send(
          new PutItemCommand({
            TableName: name,
            Item: toAttributes({ ...keys.ledger(forgedId), ...entry, ...dueOfLedger(forgedId, past) }),
          }),
        );
      },
      '2026-11-02T11:00:00Z',
    );
    // Assess: no CancelHandshake; the invitation still open; the entry failed, classified; the refusal announced.
    expect(after.calls.filter((call) => call.operation === 'CancelHandshake')).toEqual([]);
    expect(report.snapshots.find((s) => s.subject.startsWith('handshake:'))?.state).toBe('OPEN');
    const failed = report.emitted
      .filter((e) => e['detail-type'] === 'Reaction Failed')
      .map((e) => e.detail as { action: string; reason: string; key: string });
    expect(failed).toEqual([
      expect.objectContaining({
        action: 'cancel-handshake',
        key: forgedId,
        reason: expect.stringMatching(
          /^refused: cancel-handshake .*the policy in force does not plan cancel-handshake/,
        ) as string,
      }),
    ]);
    expect(report.deadLetters).toEqual([]);
  });

  it("opens the case the policy calls for with the policy's title, description and watchers, not the forger's", async () => {
    // Prepare: an untrusted invitation under enforce; Security IR throttles CreateCase past the SDK's
    // retries, so the open-case entry waits in the ledger (released for a later attempt).
    const base = await readScenario('events/scenarios/untrusted-invitation-enforced.json');
    const scenario: Scenario = {
      ...base,
      securityIr: {
        failures: [{ operation: 'CreateCase', error: 'ThrottlingException', times: 3, retryAfterSeconds: 0 }],
      },
      steps: base.steps.slice(0, 2),
    };
    // Act: an attacker rewrites the waiting entry's payload.
    const { after } = await attack(
      scenario,
      async ({ client, name }, stack) => {
        const [snapshot] = await stack.store.listSnapshots('handshake:');
        // Planned when the invitation was first seen (v1); the cancel has moved the handshake on since.
        const id = `${snapshot!.subject}#v1#open-case`;
        expect((await stack.store.getLedger(id))?.status).toBe('claimed');
        await client.send(
          new UpdateItemCommand({
            TableName: name,
            Key: toAttributes(keys.ledger(id)),
            UpdateExpression: 'SET payload = :payload',
            ExpressionAttributeValues: toAttributes({
              ':payload': {
                title: 'Send 1 BTC',
                description: 'forged',
                engagementType: 'Investigation',
                resolverType: 'Self',
                reportedIncidentStartDate: '2026-11-02T09:10:00.000Z',
                impactedAccounts: [],
                watchers: [{ email: 'attacker@evil.example' }],
              },
            }),
          }),
        );
      },
      '2026-11-02T12:00:00Z',
    );
    // Assess: one case, as the policy describes it.
    const cases = after.calls
      .filter((call) => call.operation === 'CreateCase' && !call.error)
      .map((call) => call.input as { title: string; description: string; watchers: Array<{ email: string }> });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.title).toMatch(/^orgwarden: untrusted party in handshake:h-/);
    expect(cases[0]!.description).toContain('444444444444');
    expect(cases[0]!.watchers.map((w) => w.email)).toEqual(['secops@example.com']);
  });
});
