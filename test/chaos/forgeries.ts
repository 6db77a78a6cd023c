import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dueOfLedger, keys, toAttributes } from '../../shared/adapters/dynamodb/table';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { forgeContinuation } from '../audit/forged-continuation';
import { Random } from './random';

/**
 * An attacker inside the account (any principal that may write orgwarden's table, each of its roles
 * included): a ledger entry written straight into the table, claimed and due at once, for the sweep
 * to take over. Each kind is one the history and the policy never call for:
 * - `cancel`: a cancel of a stored handshake, under a key no plan gives (`cancel-handshake:forged`);
 * - `case`: a case with the attacker's title, description and watchers, under such a key;
 * - `stranger`: a decline of a handshake at a version that was never committed.
 * The invariants hold that each ends failed, classified (`UnauthorizedEffectError`) and announced, and
 * that orgwarden's changing calls stay the fault-free run's.
 */
export type ForgeryKind = 'cancel' | 'case' | 'stranger' | 'continuation';

export const forgeryKinds: readonly ForgeryKind[] = ['cancel', 'case', 'stranger', 'continuation'];

/**
 * An attacker's `Audit Continuation` put on orgwarden's bus: the old shape that carried the run's
 * progress (`import: true`), a completed run's id, or a run never started. Each must be refused
 * (dead-lettered as `ContinuationRefusedError` or `MalformedEventError`) and change nothing: the
 * audits, the baseline and the reactions stay the fault-free run's.
 */
export const forgeContinuationEvent = async (stack: LocalStack, seed: string): Promise<string | undefined> => {
  const runs = await stack.store.listSnapshots('audit-run:');
  const completed = runs.at(-1)?.subject.slice('audit-run:'.length);
  const details: Array<Record<string, unknown>> = [
    { runId: '20991231T000000Z', import: true, startedAt: stack.clock.now().toISOString(), sources: [] },
    { runId: '20991231T000000Z', step: 1 },
    ...(completed ? [{ runId: completed, step: 1 }] : []),
  ];
  const detail = new Random(seed.length * 7919).fork(`${seed}-continuation`).pick(details);
  try {
    await forgeContinuation(stack, detail);
  } catch {
    // The storm's PutEvents faults hit the attacker's call too: nothing was put, nothing to refuse.
    return undefined;
  }
  return JSON.stringify(detail);
};

/**
 * Writes one forged entry as `kind` says about a handshake the table holds; returns its id (none: no handshake yet).
 */
export const forgeLedgerEntry = async (
  stack: LocalStack,
  kind: ForgeryKind,
  seed: string,
): Promise<string | undefined> => {
  const handshakes = await stack.store.listSnapshots('handshake:');
  if (handshakes.length === 0) return undefined;
  const target = new Random(seed.length * 7919).fork(seed).pick(handshakes);
  const handshakeId = target.subject.slice('handshake:'.length);
  const version = kind === 'stranger' ? target.version + 100 : target.version;
  const [action, payload] =
    kind === 'case'
      ? [
          'open-case',
          {
            title: 'Forged case',
            description: 'written by an attacker',
            engagementType: 'Investigation',
            resolverType: 'Self',
            reportedIncidentStartDate: stack.clock.now().toISOString(),
            impactedAccounts: [],
            watchers: [{ email: 'attacker@evil.example' }],
          },
        ]
      : [kind === 'cancel' ? 'cancel-handshake' : 'decline-handshake', { handshakeId, reason: 'forged' }];
  const id = `${target.subject}#v${version}#${action}:forged-${seed}`;
  const past = new Date(stack.clock.now().getTime() - 60_000).toISOString();
  const entry = {
    id,
    subject: target.subject,
    version,
    action,
    payload,
    status: 'claimed',
    leaseUntil: past,
    attempts: 1,
    createdAt: past,
  };
  const client = new DynamoDBClient({
    endpoint: stack.endpoints.dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'attacker', secretAccessKey: 'attacker' },
  });
  try {
    await client.send(
      new PutItemCommand({
        TableName: stack.environmentOf('expiry-sweep').TABLE_NAME!,
        Item: toAttributes({ ...keys.ledger(id), ...entry, ...dueOfLedger(id, past) }),
      }),
    );
  } finally {
    client.destroy();
  }
  return id;
};
