import { describe, expect, it } from 'vitest';
import { EffectsPendingError } from '../../shared/domain/errors';
import type { LedgerEntry } from '../../shared/domain/ledger';
import type { StateStore } from '../../shared/ports/state-store';
import type { EffectExecutor } from '../../shared/use-cases/effects/effect';
import { publishExecutor } from '../../shared/use-cases/effects/publish';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { announce } from '../../shared/use-cases/pipeline/commit-changes';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';
import { sweepDue } from '../../shared/use-cases/sweep/sweep-due';
import { handshake } from '../support/fakes';
import {
  cancelEvent,
  inMemoryWorld,
  joinedEvent,
  organizationsEvent,
  pipelineWorld,
  sweepDeps,
  type PipelineWorld,
} from '../support/pipeline';

const lease = 31_000;

describe('publishing fails after the commit, then works: announced exactly once', () => {
  it('by Lambda’s retry of the same event (HTTP 500 once)', async () => {
    // Prepare
    const world = await inMemoryWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    world.publisher.failCalls = ['unavailable'];
    // Act: the first attempt commits and fails to publish; it must be retried, never dead-lettered.
    await expect(world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'))).rejects.toBeInstanceOf(EffectsPendingError);
    expect((await world.store.getSnapshot('handshake:h-aaaaaaaaaa'))?.version).toBe(1);
    expect(await world.store.getProcessed('e-1')).toBeUndefined();
    world.clock.advance(60_000);
    const retried = await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    // Assess
    expect(retried).toMatchObject({
      outcome: 'processed',
      recorded: [{ outcome: 'committed-before' }],
      effects: { done: 1 },
    });
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1']);
    expect(await world.store.getProcessed('e-1')).toBeDefined();
    await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1']);
  });

  it('by a later event for the subject, after three failed attempts (HTTP 500 three times)', async () => {
    const world = await inMemoryWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    world.publisher.failCalls = ['unavailable', 'unavailable', 'unavailable'];
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'))).rejects.toBeInstanceOf(EffectsPendingError);
      world.clock.advance(180_000);
    }
    // Lambda gave up on e-1 (its on-failure destination keeps it). The subject changes again:
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'CANCELED'));
    await world.react(cancelEvent('e-2', 'h-aaaaaaaaaa'));
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1', 'handshake:h-aaaaaaaaaa@v2']);
  });

  it('by a later event that changes nothing: the unfinished announcement is not forgotten', async () => {
    const world = await inMemoryWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    world.publisher.failCalls = ['rejected'];
    await expect(world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'))).rejects.toBeInstanceOf(EffectsPendingError);
    world.clock.advance(1000);
    await world.react(cancelEvent('e-2', 'h-aaaaaaaaaa'));
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1']);
  });

  it('by the sweep, after AccessDenied once', async () => {
    const world = await inMemoryWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    world.publisher.failCalls = ['rejected'];
    await expect(world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'))).rejects.toBeInstanceOf(EffectsPendingError);
    world.clock.advance(60_000);
    const swept = await world.sweep();
    expect(swept).toMatchObject({ handled: 1, done: 1, partial: false });
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1']);
    expect(await world.sweep()).toMatchObject({ handled: 0 });
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1']);
  });

  it('publishes nothing twice when a PutEvents call partly fails', async () => {
    // Prepare: the invitation recorded open; then one event, two subjects, one PutEvents call; EventBridge
    // refuses the handshake's entry.
    const world = await inMemoryWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    await world.react(
      organizationsEvent('e-invite', 'InviteAccountToOrganization', {
        responseElements: { handshake: { id: 'h-aaaaaaaaaa' } },
      }),
    );
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'ACCEPTED'));
    world.organizations.accounts.set('222222222222', { id: '222222222222', state: 'JOINED', joinedMethod: 'INVITED' });
    let refusals = 1;
    world.publisher.refuse = (event) => event.detail.subject === 'handshake:h-aaaaaaaaaa' && refusals-- > 0;
    // Act
    await expect(world.react(joinedEvent('e-join', '222222222222'))).rejects.toBeInstanceOf(EffectsPendingError);
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1', 'account:222222222222@v1']);
    await world.react(joinedEvent('e-join', '222222222222'));
    // Assess: the accepted entry was completed at once; only the refused one was tried again.
    expect(world.publisher.keys()).toEqual([
      'handshake:h-aaaaaaaaaa@v1',
      'account:222222222222@v1',
      'handshake:h-aaaaaaaaaa@v2',
    ]);
    // The invitation's announcement, then the join's call (its handshake entry refused), then the retry's.
    expect(world.publisher.calls).toBe(3);
  });
});

/** A store that crashes the invocation once, at a chosen point, as a Lambda timeout or a lost process would. */
class Crash extends Error {}
/** The crash itself, or (after the commit) the transient error the pipeline turns every failure into. */
const crashed = (error: unknown): boolean =>
  error instanceof Crash || (error instanceof EffectsPendingError && error.cause instanceof Crash);
const crashing = (store: StateStore, method: keyof StateStore, when: 'before' | 'after'): StateStore => {
  let armed = true;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== method || typeof value !== 'function')
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return async (...args: unknown[]) => {
        if (armed && when === 'before') {
          armed = false;
          throw new Crash(`crash before ${String(method)}`);
        }
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (armed && when === 'after') {
          armed = false;
          throw new Crash(`crash after ${String(method)}`);
        }
        return result;
      };
    },
  });
};

/** An outside system that takes an idempotency token (as Security IR's clientToken): applies each token once. */
const externalSystem = () => {
  const applied = new Map<string, number>();
  let calls = 0;
  const executor: EffectExecutor<{ note: string }> = {
    action: 'notify',
    run: (entries: readonly LedgerEntry<{ note: string }>[]) => {
      for (const entry of entries) {
        calls++;
        applied.set(entry.id, 1);
      }
      return Promise.resolve(entries.map(() => ({ status: 'done' as const })));
    },
  };
  return { applied, calls: () => calls, executor };
};

const crashPoints: Array<[string, keyof StateStore, 'before' | 'after']> = [
  ['after the commit, before any effect (the entries are claimed)', 'commit', 'after'],
  ['after the effects ran, before they are recorded as done', 'settle', 'before'],
  ['after the effects are recorded as done', 'settle', 'after'],
];

// On DynamoDB Local: the crashes fall between the real store's requests.
describe('a crash at each step between ledger claim, effect and completion', () => {
  const setUp = async (): Promise<{
    world: PipelineWorld;
    external: ReturnType<typeof externalSystem>;
    react: (store: StateStore) => Promise<unknown>;
  }> => {
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    const external = externalSystem();
    const react = (store: StateStore) => {
      const deps = {
        ...world.deps(store, { publish: publishExecutor(world.publisher), notify: external.executor }),
        plan: (change: Parameters<typeof announce>[0]) => [
          announce(change),
          { action: 'notify', payload: { note: change.transition.to } },
        ],
      };
      return handshakeChanged({
        observe: observeSubjects(deps),
        organizations: () => world.organizations,
        records: world.store,
        clock: world.clock,
      })(cancelEvent('e-1', 'h-aaaaaaaaaa'), 30_000);
    };
    return { world, external, react };
  };

  for (const recovery of ['the retried event', 'the sweep'] as const) {
    it.each(crashPoints)(`recovers by ${recovery}: crash %s`, async (_name, method, when) => {
      // Prepare
      const { world, external, react } = await setUp();
      // Act: the invocation dies; its lease runs out; then recovery.
      await expect(react(crashing(world.store, method, when))).rejects.toSatisfy(crashed);
      world.clock.advance(lease);
      if (recovery === 'the retried event') await react(world.store);
      else {
        // The sweep runs under the same planner: the history and it authorize the entries it takes over.
        await sweepDue(
          sweepDeps({
            ...world.deps(world.store, { publish: publishExecutor(world.publisher), notify: external.executor }),
            plan: (change) => [announce(change), { action: 'notify', payload: { note: change.transition.to } }],
          }),
        )(() => 60_000);
        await react(world.store);
      }
      await world.sweep();
      // Assess: every effect once; the announcement at least once, always with the same key.
      expect(new Set(world.publisher.keys())).toEqual(new Set(['handshake:h-aaaaaaaaaa@v1']));
      expect([...external.applied.keys()]).toEqual(['handshake:h-aaaaaaaaaa#v1#notify']);
      expect((await world.store.getLedger('handshake:h-aaaaaaaaaa#v1#notify'))?.status).toBe('done');
      expect((await world.store.getLedger('handshake:h-aaaaaaaaaa#v1#publish'))?.status).toBe('done');
      expect(await world.store.listHistory()).toHaveLength(1);
    });
  }

  it('recovers from a crash right after an entry was taken over, before its effect', async () => {
    const { world, external, react } = await setUp();
    world.publisher.failCalls = ['unavailable'];
    await expect(react(world.store)).rejects.toBeInstanceOf(EffectsPendingError);
    await expect(react(crashing(world.store, 'claimLedger', 'after'))).rejects.toSatisfy(crashed);
    world.clock.advance(lease);
    await world.sweep();
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1']);
    expect(external.applied.size).toBe(1);
    expect((await world.store.getLedger('handshake:h-aaaaaaaaaa#v1#publish'))?.status).toBe('done');
  });
});
