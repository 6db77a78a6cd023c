import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { toAttributes } from '../../shared/adapters/dynamodb/attributes';
import { dueOfLedger } from '../../shared/adapters/dynamodb/items';
import { keys } from '../../shared/adapters/dynamodb/keys';
import type { LocalStack } from '../../shared/local/stack/local-stack';
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
export type ForgeryKind = 'cancel' | 'case' | 'stranger';

export const forgeryKinds: readonly ForgeryKind[] = ['cancel', 'case', 'stranger'];

/** Writes one forged entry as `kind` says about a handshake the table holds; returns its id (none: no handshake yet). */
export const forgeLedgerEntry = async (stack: LocalStack, kind: ForgeryKind, seed: string): Promise<string | undefined> => {
  const handshakes = await stack.store.listSnapshots('handshake:');
  if (handshakes.length === 0) return undefined;
  const target = new Random(seed.length * 7919).fork(seed).pick(handshakes);
  const handshakeId = target.subject.slice('handshake:'.length);
  const version = kind === 'stranger' ? target.version + 100 : target.version;
  const [action, payload] =
    kind === 'case'
      ? ['open-case', { title: 'Forged case', description: 'written by an attacker', engagementType: 'Investigation', resolverType: 'Self', reportedIncidentStartDate: stack.clock.now().toISOString(), impactedAccounts: [], watchers: [{ email: 'attacker@evil.example' }] }]
      : [kind === 'cancel' ? 'cancel-handshake' : 'decline-handshake', { handshakeId, reason: 'forged' }];
  const id = `${target.subject}#v${version}#${action}:forged-${seed}`;
  const past = new Date(stack.clock.now().getTime() - 60_000).toISOString();
  const entry = { id, subject: target.subject, version, action, payload, status: 'claimed', leaseUntil: past, attempts: 1, createdAt: past };
  const client = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'attacker', secretAccessKey: 'attacker' } });
  try {
    await client.send(new PutItemCommand({ TableName: stack.environmentOf('expiry-sweep').TABLE_NAME!, Item: toAttributes({ ...keys.ledger(id), ...entry, ...dueOfLedger(id, past) }) }));
  } finally {
    client.destroy();
  }
  return id;
};
