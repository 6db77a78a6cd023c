import {
  CancelHandshakeCommand,
  DescribeHandshakeCommand,
  HandshakeAlreadyInStateException,
  OrganizationsClient,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AwsOrganizationsWriter } from '../../shared/adapters/organizations/organizations-writer';
import { loadPolicy } from '../../shared/config/policy';
import { publishing } from '../support/pipeline';
import { UpstreamUnavailableError } from '../../shared/domain/errors';
import { ledgerEntryOf, type LedgerEntry } from '../../shared/domain/ledger';
import { detailTypes } from '../../shared/domain/published-events';
import { defineSubjectType } from '../../shared/domain/subjects/subject-type';
import { transferType, type TransferData } from '../../shared/domain/subjects/transfer';
import type { StateStore } from '../../shared/ports/state-store';
import type { EffectExecutor } from '../../shared/use-cases/effects/effect';
import { runEffects } from '../../shared/use-cases/effects/run-effects';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { register } from '../../shared/use-cases/pipeline/read-subjects';
import { policyPlanner } from '../../shared/use-cases/reactions/reaction-table';
import { inMemoryWorld, sweepDeps } from '../support/pipeline';

// Regression tests of what the chaos harness found (test/chaos/README.md, "Findings"). Each fails on
// the code before its fix.

interface Gauge {
  readonly id: string;
  readonly state: 'ON' | 'OFF';
  readonly level: number;
}
/** A subject whose state can go back and forth (no final state), so that an old reading could win. */
const gaugeType = defineSubjectType<Gauge>({
  kind: 'gauge',
  idPattern: /^g-\d$/,
  states: ['ON', 'OFF'],
  canMove: (from, to) => from !== to,
  isFinal: () => false,
  whenMissing: () => ({ notFound: true }),
  published: {
    detailType: detailTypes.macieMemberStateChanged,
    field: 'gauge',
    schema: z.object({ id: z.string(), level: z.number() }),
    describe: ({ id, level }) => ({ id, level }),
    resources: () => [],
  },
});

const cause = (eventId: string) => ({
  eventId,
  eventName: 'GaugeChanged',
  source: 'test.gauges',
  eventTime: '2026-11-02T10:00:00Z',
});

/** The store, with hooks around each commit of one cause (to let another delivery in between). */
const interleaved = (
  store: StateStore,
  eventId: string,
  hooks: { before?: (subject: string) => Promise<void>; after?: (subject: string) => void },
): StateStore =>
  new Proxy(store, {
    get: (target, property) => {
      if (property === 'commit') {
        return async (commit: Parameters<StateStore['commit']>[0]) => {
          const mine = commit.journal.eventId === eventId;
          if (mine) await hooks.before?.(commit.journal.subject);
          const result = await target.commit(commit);
          if (mine) hooks.after?.(commit.journal.subject);
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

/** A promise and the function that resolves it. */
const signal = (): { promise: Promise<void>; fire: () => void } => {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
};

describe('chaos finding: a delivery that lost a race commits the truth, not its older reading', () => {
  it('re-reads the subject after a conflict, so that a reading made in the same millisecond as a newer one never overwrites it', async () => {
    // Prepare: g-1 is ON at level 1 (v1). Delivery B reads level 2; before it commits, delivery C
    // reads level 3 and commits it (v2). All at one instant (equal observation times).
    const world = await inMemoryWorld();
    const gauges = new Map<string, Gauge>([['g-1', { id: 'g-1', state: 'ON', level: 1 }]]);
    const deps = (store: StateStore) =>
      world.deps(
        store,
        publishing(() => world.publisher),
        [register(gaugeType, (id) => Promise.resolve(gauges.get(id)))],
      );
    const subjects = [{ kind: 'gauge', id: 'g-1' }];
    await observeSubjects(deps(world.store))({ cause: cause('e-0'), subjects, remainingMs: 30_000 });
    gauges.set('g-1', { id: 'g-1', state: 'ON', level: 2 });
    const racing = interleaved(world.store, 'e-B', {
      before: async () => {
        gauges.set('g-1', { id: 'g-1', state: 'ON', level: 3 });
        await observeSubjects(deps(world.store))({ cause: cause('e-C'), subjects, remainingMs: 30_000 });
      },
    });
    // Act
    await observeSubjects(deps(racing))({ cause: cause('e-B'), subjects, remainingMs: 30_000 });
    // Assess: B's conflict made it read again (level 3, unchanged): no third version from the old reading.
    expect(await world.store.getSnapshot('gauge:g-1')).toMatchObject({ version: 2, data: { level: 3 } });
  });
});

describe('chaos finding: a cause naming two subjects, delivered twice, each delivery winning one', () => {
  it('is marked processed (each delivery wrote what it won; neither waited for the other to mark it)', async () => {
    // Prepare: g-1 and g-2 are new; deliveries A and B of cause e-1 both read both.
    const world = await inMemoryWorld();
    const gauges = new Map<string, Gauge>([
      ['g-1', { id: 'g-1', state: 'ON', level: 1 }],
      ['g-2', { id: 'g-2', state: 'OFF', level: 0 }],
    ]);
    const deps = (store: StateStore) =>
      world.deps(
        store,
        publishing(() => world.publisher),
        [register(gaugeType, (id) => Promise.resolve(gauges.get(id)))],
      );
    const subjects = [
      { kind: 'gauge', id: 'g-1' },
      { kind: 'gauge', id: 'g-2' },
    ];
    const [bBegan, aWonG1, bWonG2] = [signal(), signal(), signal()];
    // A commits g-1 once B has read too, and g-2 only after B committed it; B commits g-1 after A (lost), then g-2.
    const a = interleaved(world.store, 'e-1', {
      before: (subject) => (subject === 'gauge:g-1' ? bBegan.promise : bWonG2.promise),
      after: (subject) => subject === 'gauge:g-1' && aWonG1.fire(),
    });
    const b = interleaved(world.store, 'e-1', {
      before: async (subject) => {
        if (subject !== 'gauge:g-1') return;
        bBegan.fire();
        await aWonG1.promise;
      },
      after: (subject) => subject === 'gauge:g-2' && bWonG2.fire(),
    });
    // Act
    const results = await Promise.all([
      observeSubjects(deps(a))({ cause: cause('e-1'), subjects, remainingMs: 30_000 }),
      observeSubjects(deps(b))({ cause: cause('e-1'), subjects, remainingMs: 30_000 }),
    ]);
    // Assess: the split really happened, and the cause is marked.
    expect(results.map((r) => r.recorded.map((x) => x.outcome).join(','))).toEqual([
      'changed,duplicate',
      'duplicate,changed',
    ]);
    expect(await world.store.getProcessed('e-1')).toBeDefined();
  });
});

describe('chaos finding: a follow-up an earlier attempt created keeps its payload', () => {
  it('is published as first written when a retry runs the reaction again: every copy of its key says the same', async () => {
    // Prepare: reaction R announces its outcome with the time it ran. A first attempt ran it and
    // wrote the announcement's entry, then crashed before finishing R.
    const world = await inMemoryWorld();
    const flip: EffectExecutor = {
      action: 'flip',
      run: (entries) =>
        Promise.resolve(
          entries.map(() => ({
            status: 'done' as const,
            followUps: [
              { action: 'publish', key: 'publish:outcome:flip', payload: outcome(world.clock.now().toISOString()) },
            ],
          })),
        ),
    };
    const outcome = (at: string) => ({
      source: 'orgwarden',
      detailType: detailTypes.reactionExecuted,
      detail: { key: 'gauge:g-1#v1#flip', at },
      time: at,
      resources: [],
    });
    const firstAt = world.clock.now().toISOString();
    const leaseUntil = new Date(world.clock.now().getTime() + 30_000).toISOString();
    // R is the effect of a committed change (g-1 first seen ON, v1): the history authorizes it when it is taken over.
    const reaction = ledgerEntryOf('gauge:g-1', 1, { action: 'flip', payload: {} }, world.clock.now(), leaseUntil);
    const snapshot = {
      subject: 'gauge:g-1',
      kind: 'gauge',
      state: 'ON',
      version: 1,
      observedAt: firstAt,
      data: { id: 'g-1', state: 'ON', level: 1 },
    };
    const journal = {
      eventId: 'e-0',
      subject: 'gauge:g-1',
      outcome: 'changed' as const,
      processedAt: firstAt,
      eventName: 'GaugeChanged',
      source: 'test.gauges',
      ledgerIds: [reaction.id],
    };
    await world.store.commit({
      journal,
      snapshot: { next: snapshot, expectedVersion: 0 },
      history: { subject: 'gauge:g-1', from: null, to: 'ON', at: firstAt, version: 1, cause: cause('e-0') },
      ledger: [reaction],
    });
    const written: LedgerEntry = ledgerEntryOf(
      'gauge:g-1',
      1,
      { action: 'publish', key: 'publish:outcome:flip', payload: outcome(firstAt) },
      world.clock.now(),
      leaseUntil,
    );
    await world.store.settle({ done: [], failed: [], released: [], created: [written], forget: [] });
    world.clock.advance(120_000);
    // Act: a retry takes R over and runs it again (its announcement now says a later time).
    const executors = { ...publishing(() => world.publisher), flip };
    await runEffects(
      sweepDeps({
        ...world.deps(world.store, executors, [register(gaugeType, () => Promise.resolve(undefined))]),
        plan: () => [{ action: 'flip', payload: {} }],
      }),
      {
        claimed: [],
        takeOver: [reaction.id],
        leaseUntil: new Date(world.clock.now().getTime() + 30_000).toISOString(),
      },
    );
    // Assess: published once, as first written; both entries finished.
    expect(world.publisher.published.map((event) => event.detail)).toEqual([{ key: 'gauge:g-1#v1#flip', at: firstAt }]);
    expect((await world.store.getLedger(reaction.id))?.status).toBe('done');
    expect((await world.store.getLedger(written.id))?.status).toBe('done');
  });
});

describe('chaos finding: a billing transfer first seen already answered is its handshake business', () => {
  const policy = loadPolicy(
    JSON.stringify({
      version: 1,
      reactions: { untrustedTransfer: 'enforce', incidentCase: 'enforce' },
      incidentCase: { watchers: [{ email: 'secops@example.com' }] },
    }),
  );
  const change = (state: TransferData['state'], status: TransferData['status']) => {
    const data: TransferData = {
      id: 'rt-abcdefgh12',
      state,
      status,
      direction: 'inbound',
      sourceAccountId: '999999999999',
      targetAccountId: '111111111111',
      startAt: '2026-12-01T00:00:00.000Z',
    };
    const snapshot = {
      subject: 'transfer:rt-abcdefgh12',
      kind: 'transfer',
      state,
      version: 1,
      observedAt: '2026-11-27T09:00:00.000Z',
      data: { ...data },
    };
    return {
      type: transferType,
      snapshot,
      transition: {
        subject: snapshot.subject,
        from: null,
        to: state,
        at: snapshot.observedAt,
        version: 1,
        cause: { eventId: 'audit:1', eventName: 'Audit', source: 'orgwarden.audit' },
      },
    };
  };
  const keys = (state: TransferData['state'], status: TransferData['status']) =>
    policyPlanner(policy)(change(state, status) as never).map((effect) => effect.key ?? effect.action);

  it('first seen cancelled (its invitation cancelled before the transfer was read): announced only, no second report, no second case', () => {
    expect(keys('CANCELED', 'CANCELED')).toEqual(['publish']);
    expect(keys('DECLINED', 'DECLINED')).toEqual(['publish']);
    expect(keys('EXPIRED', 'EXPIRED')).toEqual(['publish']);
  });

  it('first seen after it took effect: still reported, and a case opened under enforce', () => {
    expect(keys('ENDING', 'WITHDRAWN')).toEqual(['publish', 'publish:untrusted', 'open-case']);
  });
});

describe('chaos finding: an answer lost after CancelHandshake went through', () => {
  it('is not taken for a refusal when the re-read that would confirm it fails for now: retried later', async () => {
    // Prepare: the call's answer was lost, the SDK's retry is told the handshake is already
    // CANCELED, and the confirming re-read is throttled.
    const client = new OrganizationsClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const mock = mockClient(client);
    mock
      .on(DescribeHandshakeCommand)
      .resolvesOnce({ Handshake: { Id: 'h-aaaaaaaaaa', State: 'OPEN' } })
      .rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    mock.on(CancelHandshakeCommand).rejects(
      new HandshakeAlreadyInStateException({
        message: 'The handshake is already in the CANCELED state.',
        $metadata: {},
      }),
    );
    // Act
    const answer = new AwsOrganizationsWriter(client).cancelHandshake('h-aaaaaaaaaa');
    // Assess: transient (the effect is released and retried), never a permanent failure.
    await expect(answer).rejects.toBeInstanceOf(UpstreamUnavailableError);
    mock.restore();
  });
});
