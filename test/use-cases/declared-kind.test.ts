import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { maskerFor, maskingPublisher } from '../../shared/adapters/privacy/masker';
import { publishing } from '../support/pipeline';
import { dueAtWith } from '../../shared/domain/deadlines';
import { detailTypes } from '../../shared/domain/detail-types';
import { policySchema } from '../../shared/domain/policy/policy';
import { defineSubjectType } from '../../shared/domain/subjects/subject-type';
import type { EffectExecutor } from '../../shared/use-cases/effects/effect';
import { observeSubjects, type PipelineDeps } from '../../shared/use-cases/pipeline/observe-subjects';
import { register } from '../../shared/use-cases/pipeline/read-subjects';
import { policyPlanner, reactionTable } from '../../shared/use-cases/reactions/reaction-table';
import { reactionTo } from '../../shared/use-cases/reactions/reaction';
import { handleDueSubject } from '../../shared/use-cases/sweep/deadlines';
import { sweepDue } from '../../shared/use-cases/sweep/sweep-due';
import { pipelineWorld, sweepDeps } from '../support/pipeline';

/**
 * A kind of subject declared only here, with what varies by kind: a deadline (it must be brought
 * back), an outside party (who rented it) and one reaction row (a lost locker bills its renter).
 * No product file knows the kind.
 */
interface Locker {
  readonly id: string;
  readonly state: 'RENTED' | 'RETURNED' | 'LOST';
  /** The account that rented it: an outside party. */
  readonly renter: string;
  readonly dueBackAt: string;
}

// One declaration.
const lockerType = defineSubjectType<Locker>({
  kind: 'locker',
  idPattern: /^l-\d{3}$/,
  states: ['RENTED', 'RETURNED', 'LOST'],
  canMove: (from, to) => from === 'RENTED' && to !== 'RENTED',
  isFinal: (state) => state !== 'RENTED',
  whenMissing: () => ({ notFound: true }),
  deadlines: {
    of: ({ state, data }) => (state === 'RENTED' ? [{ kind: 'expiry', at: data.dueBackAt }] : []),
    // A stable detail-type of the public list (the test cannot add one to it).
    warning: detailTypes.handshakeExpiring,
  },
  outsideParties: (locker) => [locker.renter],
  published: {
    detailType: detailTypes.macieMemberStateChanged,
    field: 'locker',
    schema: z.object({ id: z.string(), renter: z.string() }),
    describe: ({ id, renter }) => ({ id, renter }),
    resources: (locker) => [`arn:test:locker/${locker.id}`],
  },
});

// One reaction row.
const lockerLost = reactionTo(lockerType, 'locker-lost', ['bill-renter'], (_policy, change) =>
  change.transition.to === 'LOST'
    ? [{ action: 'bill-renter', payload: { locker: change.data.id, renter: change.data.renter } }]
    : [],
);

const RENTER = '444444444444';
const DUE_BACK = '2026-11-12T10:00:00.000Z';

const lockerWorld = async () => {
  const world = await pipelineWorld('2026-11-02T10:00:00Z');
  const policy = policySchema.parse({ version: 1, privacy: { maskOutsideParties: true } });
  // The test's own effect executor.
  const billed: unknown[] = [];
  const billRenter: EffectExecutor = {
    action: 'bill-renter',
    run: (entries) => {
      billed.push(...entries.map((entry) => entry.payload));
      return Promise.resolve(entries.map(() => ({ status: 'done' as const })));
    },
  };
  // One reader.
  const lockers = new Map<string, Locker>([
    ['l-001', { id: 'l-001', state: 'RENTED', renter: RENTER, dueBackAt: DUE_BACK }],
  ]);
  const reader = register(lockerType, (id) => Promise.resolve(lockers.get(id)));
  const publisher = maskingPublisher(world.publisher, maskerFor(policy, 'test-mask-key'));
  const executors = { ...publishing(() => publisher), [billRenter.action]: billRenter };
  const base = world.deps(world.store, executors, [reader]);
  const deps: PipelineDeps = {
    ...base,
    plan: policyPlanner(policy, { ...reactionTable, [lockerType.kind]: [lockerLost] }),
    dueAt: dueAtWith(
      (kind) => (base.subjects.kinds.includes(kind) ? base.subjects.typeOf(kind) : undefined),
      policy.warnings.leadTimes,
    ),
  };
  const observe = observeSubjects(deps);
  const swept = sweepDeps(deps);
  const onSubjectDue = handleDueSubject({ ...swept, policy, observe });
  const sweep = sweepDue({ ...swept, onSubjectDue });
  const cause = (eventId: string) => ({
    eventId,
    eventName: 'LockerChanged',
    source: 'test.lockers',
    eventTime: world.clock.now().toISOString(),
  });
  const deliver = (eventId: string) =>
    observe({ cause: cause(eventId), subjects: [{ kind: 'locker', id: 'l-001' }], remainingMs: 30_000 });
  return { world, lockers, billed, sweep, deliver };
};

describe('a subject kind declared only in a test, with a deadline, an outside party and a reaction', () => {
  it('runs through the pipeline, is warned about before its deadline, has its outside party masked and its reaction run once', async () => {
    // Prepare
    const { world, lockers, billed, sweep, deliver } = await lockerWorld();

    // Act: recorded; the sweep at its due times until a day before it is due back; then it is lost,
    // delivered twice.
    await deliver('l-e1');
    const runs: string[] = [];
    for (let run = 0; run < 10; run++) {
      const due = await world.store.earliestDue();
      if (!due || due >= '2026-11-11T10:00:00.000Z') break;
      world.clock.advance(Math.max(0, Date.parse(due) - world.clock.now().getTime()));
      runs.push(world.clock.now().toISOString());
      await sweep(() => 60_000);
    }
    await sweep(() => 60_000);
    lockers.set('l-001', { ...lockers.get('l-001')!, state: 'LOST' });
    world.clock.advance(60_000);
    await deliver('l-e2');
    await deliver('l-e2');

    // Assess: the sweep looked at it at its first lead time (7 d before) and warned once.
    expect(runs).toEqual(['2026-11-05T10:00:00.000Z']);
    const published = world.publisher.published;
    const warnings = published.filter((event) => event.detailType === detailTypes.handshakeExpiring);
    expect(warnings.map((event) => event.detail.key)).toEqual([`locker:l-001#expiry@${DUE_BACK}#7d`]);
    expect(warnings[0]!.detail).toMatchObject({
      subject: 'locker:l-001',
      deadline: 'expiry',
      dueAt: DUE_BACK,
      leadTime: '7d',
      state: 'RENTED',
    });
    // Announced twice (rented, lost), its renter masked in each: the outside party never leaves.
    const changes = published.filter((event) => event.detailType === detailTypes.macieMemberStateChanged);
    expect(changes.map((event) => [event.detail.key, event.detail.after])).toEqual([
      ['locker:l-001@v1', 'RENTED'],
      ['locker:l-001@v2', 'LOST'],
    ]);
    expect(changes.map((event) => (event.detail.locker as { renter: string }).renter)).toEqual([
      expect.stringMatching(/^masked:[0-9a-f]{10}$/),
      expect.stringMatching(/^masked:/),
    ]);
    expect(JSON.stringify(published)).not.toContain(RENTER);
    // Its reaction ran once, whatever was delivered twice.
    expect(billed).toEqual([{ locker: 'l-001', renter: RENTER }]);
    expect((await world.store.getSnapshot('locker:l-001'))?.version).toBe(2);
  });
});
