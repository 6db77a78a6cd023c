import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { causeKey, type Snapshot, type Transition } from '../../shared/domain/snapshot';
import { nativeCauseId } from '../../shared/use-cases/memberships/membership-changed';
import type { LedgerEntry } from '../../shared/domain/ledger';
import type { BusEvent, EmittedEvent } from '../../shared/local/stack/event-bus';
import type { DeadLetter, LocalStack } from '../../shared/local/stack/local-stack';
import type { DeliveryFaults } from './delivery-faults';
import type { ChaosPlan } from './plan';
import type { RequestFaults } from './request-faults';
import type { World, WorldRecord } from './world';

/** One invocation of a function: its event, and its result or the error it threw. */
export interface Invocation {
  readonly functionName: string;
  readonly event: BusEvent;
  readonly result?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
}

/** What a run left, for the invariant checker. */
export interface Observation {
  readonly faults: boolean;
  readonly world: readonly WorldRecord[];
  /** Ids the run saw created, to the names two runs of one plan share. */
  readonly aliases: ReadonlyMap<string, string>;
  readonly snapshots: readonly Snapshot[];
  readonly history: readonly Transition[];
  readonly ledger: readonly LedgerEntry[];
  readonly emitted: readonly EmittedEvent[];
  /** orgwarden's changing calls the services carried out, one per SDK invocation. */
  readonly applied: ReadonlyArray<{ readonly operation: string; readonly target: string }>;
  readonly deadLetters: readonly DeadLetter[];
  /** Events delivered to a function that ended neither processed nor dead-lettered with a reason. */
  readonly unaccounted: readonly string[];
  readonly healFailures: readonly string[];
  /** Lambda retries still waiting, events still held back at the end. */
  readonly leftOver: readonly string[];
  readonly injected: Readonly<Record<string, number>>;
  /** The events lost on their way (their names). */
  readonly lost: readonly string[];
  readonly invocations: number;
  /** The ids of the ledger entries an attacker wrote into the table (forgeries.ts). */
  readonly forged: readonly string[];
  /** The audit continuations an attacker put on orgwarden's bus (their details, forgeries.ts). */
  readonly forgedContinuations: readonly string[];
}

/** The events a function takes from AWS services (not its schedule, not orgwarden's own continuation of an audit). */
const external = (event: BusEvent): boolean =>
  event.source.startsWith('aws.') && event['detail-type'] !== 'Scheduled Event';

/**
 * (c) of the invariants, while the stack still runs: every event delivered to a function was
 * processed (its processed mark, under its replay's name for a replay, is in the journal), ignored
 * with a reason, or dead-lettered with a classified reason. Scheduled runs need only to have ended.
 */
const unaccountedOf = async (stack: LocalStack, invocations: readonly Invocation[]): Promise<string[]> => {
  const byCause = new Map<string, Invocation[]>();
  for (const invocation of invocations) {
    const { event } = invocation;
    // Security IR's native events are journaled under their id and content (membership-changed.ts).
    const eventId =
      event.source === 'aws.security-ir' && event['detail-type'] !== 'AWS API Call via CloudTrail'
        ? nativeCauseId(event)
        : event.id;
    const key = `${invocation.functionName} ${causeKey({ eventId, eventName: '', source: '', ...(event['replay-name'] ? { replayName: event['replay-name'] } : {}) })}`;
    byCause.set(key, [...(byCause.get(key) ?? []), invocation]);
  }
  const problems: string[] = [];
  const reasoned = (letter: DeadLetter): boolean => /Error$/.test(letter.error.name) && letter.error.message.length > 0;
  for (const [key, attempts] of byCause) {
    const [functionName, cause] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
    const event = attempts[0]!.event;
    const lettered = stack.deadLetters.filter(
      (letter) => letter.functionName.endsWith(functionName) && (letter.event as BusEvent | undefined)?.id === event.id,
    );
    // Kept with its reason: by the handler (a permanent error) or by Lambda once its retries ran out.
    if (lettered.some(reasoned)) continue;
    const ok = attempts.filter((attempt) => !attempt.error);
    if (ok.length === 0) {
      problems.push(
        `${functionName} ${cause}: failed ${attempts.length} time(s) (${attempts.at(-1)!.error!.name}) and is in no dead letter with its reason`,
      );
      continue;
    }
    if (!external(event)) continue;
    const results = ok.map((attempt) => attempt.result as { ignored?: string; outcome?: string } | undefined);
    if (results.some((r) => typeof r?.ignored === 'string' && r.ignored.length > 0)) continue;
    if (results.some((r) => r?.outcome === 'dead-lettered')) {
      problems.push(`${functionName} ${cause}: dead-lettered by its handler, but no dead letter says why`);
      continue;
    }
    if (!(await stack.store.getProcessed(cause))) {
      const story = attempts
        .map((attempt) =>
          attempt.error
            ? attempt.error.name
            : String((attempt.result as { outcome?: string } | undefined)?.outcome ?? 'ok'),
        )
        .join(', ');
      problems.push(
        `${functionName} ${cause} (${String((event.detail as { eventName?: string })?.eventName ?? event['detail-type'])}): no processed mark in the journal and no dead letter (attempts: ${story})`,
      );
    }
  }
  return problems;
};

const scanLedger = async (stack: LocalStack): Promise<LedgerEntry[]> => {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const entries: LedgerEntry[] = [];
  try {
    const table = stack.environmentOf('audit').TABLE_NAME!;
    for await (const page of paginateScan(
      { client: doc },
      {
        TableName: table,
        FilterExpression: 'begins_with(pk, :ledger)',
        ExpressionAttributeValues: { ':ledger': 'LEDGER#' },
      },
    )) {
      for (const item of page.Items ?? []) entries.push(item as unknown as LedgerEntry);
    }
  } finally {
    doc.destroy();
  }
  return entries.sort((x, y) => x.id.localeCompare(y.id));
};

/** Everything the invariants need, read from the stack at the end of a run. */
export const observe = async (
  stack: LocalStack,
  run: {
    plan: ChaosPlan;
    world: World;
    invocations: readonly Invocation[];
    requests: RequestFaults;
    delivery: DeliveryFaults;
    healFailures: readonly string[];
    faults: boolean;
    forged: readonly string[];
    forgedContinuations: readonly string[];
  },
): Promise<Observation> => {
  const leftOver = [
    ...stack.bus.retries.map((retry) => `a Lambda retry of ${retry.functionName} (${retry.event.id}) still waits`),
    ...(run.delivery.nextDue() === undefined ? [] : ['events still held back']),
  ];
  return {
    faults: run.faults,
    world: run.world.records,
    aliases: run.world.aliases,
    snapshots: await stack.store.listSnapshots(),
    history: await stack.store.listHistory(),
    ledger: await scanLedger(stack),
    emitted: [...stack.bus.emitted],
    applied: [...run.requests.applied.values()],
    deadLetters: [...stack.deadLetters],
    unaccounted: await unaccountedOf(stack, run.invocations),
    healFailures: run.healFailures,
    leftOver,
    injected: {
      ...run.requests.injected,
      ...run.delivery.injected,
      ...(run.forged.length > 0 ? { 'forged ledger entries': run.forged.length } : {}),
      ...(run.forgedContinuations.length > 0 ? { 'forged audit continuations': run.forgedContinuations.length } : {}),
    },
    lost: [...run.delivery.lost],
    invocations: run.invocations.length,
    forged: run.forged,
    forgedContinuations: run.forgedContinuations,
  };
};
