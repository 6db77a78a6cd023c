import { describe, expect, it } from 'vitest';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { handshake, ManualClock } from '../support/fakes';
import { cancelEvent, inMemoryWorld, organizationsEvent, type PipelineWorld } from '../support/pipeline';

const ID = 'h-skewedclock1';

/** handshake-changed on one of two instances sharing the table: each with its own clock. */
const instance = (world: PipelineWorld, clock: ManualClock) =>
  handshakeChanged({
    observe: observeSubjects({ ...world.deps(), clock }),
    organizations: () => world.organizations,
    records: world.store,
    clock,
  });

const announced = (world: PipelineWorld): string[] =>
  world.publisher.published
    .filter((e) => e.detailType === 'Handshake State Changed')
    .map((e) => `${String(e.detail.before)} -> ${String(e.detail.after)}`);

/**
 * Two instances whose clocks differ by 2 s, on one store: the invitation is cancelled
 * between their readings, and the later reading is stamped earlier than the one stored.
 */
describe('two instances with clocks 2 s apart', () => {
  it('stores and announces CANCELED, the later reading, without waiting for the audit', async () => {
    // Prepare: the instance whose clock runs 2 s ahead records the invitation OPEN (stamped 10:00:02).
    const world = await inMemoryWorld('2026-11-02T10:00:00Z');
    const ahead = instance(world, new ManualClock(new Date('2026-11-02T10:00:02Z')));
    const behind = instance(world, new ManualClock(new Date('2026-11-02T10:00:01Z')));
    world.organizations.handshakes.set(ID, handshake(ID, 'OPEN'));
    await ahead(
      organizationsEvent('e-invite', 'InviteAccountToOrganization', { responseElements: { handshake: { id: ID } } }),
      30_000,
    );
    // The invitation is cancelled after that reading.
    world.organizations.handshakes.set(ID, handshake(ID, 'CANCELED'));

    // Act: the other instance reads it next (stamped 10:00:01, by its clock 2 s behind).
    const result = await behind(cancelEvent('e-cancel', ID), 30_000);

    // Assess
    expect(result).toMatchObject({
      outcome: 'processed',
      recorded: [{ subject: `handshake:${ID}`, outcome: 'changed' }],
    });
    expect(await world.store.getSnapshot(`handshake:${ID}`)).toMatchObject({ state: 'CANCELED', version: 2 });
    expect(announced(world)).toEqual(['null -> OPEN', 'OPEN -> CANCELED']);
    expect(await world.store.getProcessed('e-cancel')).toMatchObject({ outcomes: { [`handshake:${ID}`]: 'changed' } });
  });

  it('reads again a listed reading stamped earlier than the stored one, and keeps the truth', async () => {
    // Prepare: stored CANCELED by the instance ahead; a listing on the instance behind had read it OPEN.
    const world = await inMemoryWorld('2026-11-02T10:00:00Z');
    const aheadClock = new ManualClock(new Date('2026-11-02T10:00:02Z'));
    world.organizations.handshakes.set(ID, handshake(ID, 'CANCELED'));
    await instance(world, aheadClock)(cancelEvent('e-cancel', ID), 30_000);
    const behind = observeSubjects({ ...world.deps(), clock: new ManualClock(new Date('2026-11-02T10:00:01Z')) });
    const reads = world.organizations.reads;

    // Act: the stale listing's data is handed over, stamped before the stored snapshot.
    const result = await behind({
      cause: { eventId: 'audit:skew:0', eventName: 'Audit', source: 'orgwarden.audit' },
      subjects: [],
      discover: () => Promise.resolve([{ ref: { kind: 'handshake', id: ID }, data: handshake(ID, 'OPEN') }]),
      remainingMs: 30_000,
      remember: false,
    });

    // Assess: read again (CANCELED, final): nothing moves back, nothing is marked stale and left.
    expect(world.organizations.reads - reads).toBe(1);
    expect(result.recorded).toEqual([{ subject: `handshake:${ID}`, outcome: 'unchanged' }]);
    expect((await world.store.getSnapshot(`handshake:${ID}`))?.state).toBe('CANCELED');
  });
});
