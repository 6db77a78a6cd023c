import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { organizationsSubjects, placements } from '../../shared/config/subjects';
import type { Clock } from '../../shared/ports/clock';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import { executorsOf } from '../../shared/use-cases/effects/effect';
import { alertUnrecognized, publish } from '../../shared/use-cases/effects/publish';
import { MemoryStateStore } from '../../shared/local/memory/memory-state-store';
import type { AuditRunRecords, StateInspection, StateStore } from '../../shared/ports/state-store';
import type { Executors } from '../../shared/use-cases/effects/effect';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';
import {
  observeSubjects,
  pipelineAuthority,
  type PipelineDeps,
} from '../../shared/use-cases/pipeline/observe-subjects';
import type { RegisteredSubject } from '../../shared/use-cases/pipeline/pipeline-model';
import { subjectRegistry } from '../../shared/use-cases/pipeline/read-subjects';
import { sweepDue } from '../../shared/use-cases/sweep/sweep-due';
import type { OrganizationsEvent } from '../../shared/schemas/organizations-event';
import { FakeOrganizations, ManualClock, RecordingPublisher } from './fakes';
import { freshStore } from './table';

/** Counts the commands sent through a DynamoDB client (one per round trip, retries aside). */
export const countRequests = (client: DynamoDBClient): { count: () => number; operations: string[] } => {
  const operations: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      operations.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { count: () => operations.length, operations };
};

export interface PipelineWorld {
  readonly store: StateInspection & AuditRunRecords;
  readonly organizations: FakeOrganizations;
  readonly publisher: RecordingPublisher;
  readonly clock: ManualClock;
  /** The requests sent to DynamoDB Local (`pipelineWorld` only: an in-memory world throws on reading them). */
  readonly dynamo: { count: () => number; operations: string[] };
  /** handshake-changed's use case over the pipeline (remaining time 30 s). */
  react(event: OrganizationsEvent, store?: StateStore): Promise<unknown>;
  sweep(store?: StateStore): ReturnType<ReturnType<typeof sweepDue>>;
  deps(store?: StateStore, executors?: Executors, extra?: RegisteredSubject[]): PipelineDeps;
}

/**
 * What the sweep is given of a pipeline's deps: the entries it takes over are checked against their history and that
 * pipeline's planner.
 */
export const sweepDeps = (deps: PipelineDeps) => ({
  ...deps,
  authority: pipelineAuthority(deps),
});

/** The real pipeline on a fresh DynamoDB Local table, with a fake Organizations and a recording publisher. */
export const pipelineWorld = async (start = '2026-11-02T10:00:00Z'): Promise<PipelineWorld> => {
  const { store, client } = await freshStore();
  return worldOn(store, countRequests(client), start);
};

/** A world with no DynamoDB to count requests of: reading the count is a mistake in the test. */
const noDynamo = {
  count: (): number => {
    throw new Error('an in-memory world sends no DynamoDB request: count them in a pipelineWorld');
  },
  get operations(): string[] {
    throw new Error('an in-memory world sends no DynamoDB request: count them in a pipelineWorld');
  },
};

/**
 * The real pipeline on the in-memory store (the same contract as the DynamoDB store: test/adapters/
 * state-store-contract.ts), for the tests whose point is not DynamoDB's behaviour: no table, no Java.
 */
export const inMemoryWorld = (start = '2026-11-02T10:00:00Z'): Promise<PipelineWorld> =>
  Promise.resolve(worldOn(new MemoryStateStore(), noDynamo, start));

const worldOn = (
  store: StateInspection & AuditRunRecords,
  dynamo: PipelineWorld['dynamo'],
  start: string,
): PipelineWorld => {
  const organizations = new FakeOrganizations();
  const publisher = new RecordingPublisher();
  const clock = new ManualClock(new Date(start));
  const deps = (
    on: StateStore = store,
    executors: Executors = publishing(() => publisher),
    extra: RegisteredSubject[] = [],
  ): PipelineDeps => ({
    store: on,
    clock,
    subjects: subjectRegistry(
      ...organizationsSubjects(() => organizations, clock),
      placements(() => organizations.directory()),
      ...extra,
    ),
    executors,
  });
  return {
    store,
    organizations,
    publisher,
    clock,
    dynamo,
    deps,
    react: (event, on) =>
      handshakeChanged({
        observe: observeSubjects(deps(on)),
        organizations: () => organizations,
        records: store,
        clock,
      })(event, 30_000),
    sweep: (on) => sweepDue(sweepDeps(deps(on)))(() => 60_000),
  };
};

/** A CloudTrail record of an Organizations call, as EventBridge delivers it. */
export const organizationsEvent = (
  id: string,
  eventName: string,
  detail: Record<string, unknown> = {},
  type = 'AWS API Call via CloudTrail',
): OrganizationsEvent =>
  ({
    version: '0',
    id,
    source: 'aws.organizations',
    account: '111111111111',
    time: '2026-11-02T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    'detail-type': type,
    detail: {
      eventSource: 'organizations.amazonaws.com',
      eventName,
      eventTime: '2026-11-02T10:00:00Z',
      recipientAccountId: '111111111111',
      ...detail,
    },
  }) as unknown as OrganizationsEvent;

export const cancelEvent = (id: string, handshakeId: string): OrganizationsEvent =>
  organizationsEvent(id, 'CancelHandshake', { requestParameters: { handshakeId } });

export const joinedEvent = (id: string, accountId: string, extra: Record<string, unknown> = {}): OrganizationsEvent =>
  organizationsEvent(
    id,
    'AccountJoinedOrganization',
    { eventType: 'AwsServiceEvent', serviceEventDetails: { accountId, joinedMethod: 'INVITED', ...extra } },
    'AWS Service Event via CloudTrail',
  );

/**
 * The publishing executor over a publisher built on first publish; with the store, also the alert
 * of values orgwarden does not know (once per value, through the ledger), which every function that
 * records readings needs.
 */
export const publishing = (
  publisher: () => EventPublisher,
  ledger?: { readonly store: StateStore; readonly clock: Clock },
): Executors =>
  ledger ? executorsOf([publish, alertUnrecognized], { publisher, ...ledger }) : executorsOf([publish], { publisher });
