import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/domain/ledger';
import { handshake } from '../support/fakes';
import { cancelEvent, pipelineWorld } from '../support/pipeline';

// The table is writable by every role of the stack: a subject's pending list may name ids that no
// `ledgerId` built. The pipeline reads them with the ledger's own parser (shared/domain/ledger.ts).

describe('a pending id that is no ledger id', () => {
  it('is left alone, and does not keep the cause from being processed (no version: no subject to name)', async () => {
    // Prepare: an invitation recorded and announced; then a finished entry under an id without a version
    // is listed as pending on it (its last segment names an action this function carries out).
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    const past = '2026-11-02T09:00:00.000Z';
    const forged: LedgerEntry = {
      id: 'handshake:h-aaaaaaaaaa#publish',
      subject: 'handshake:h-aaaaaaaaaa',
      version: 1,
      action: 'publish',
      payload: {},
      status: 'done',
      leaseUntil: past,
      attempts: 1,
      createdAt: past,
    };
    expect(await world.store.addEffects([forged])).toHaveLength(1);
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'CANCELED'));
    world.clock.advance(60_000);

    // Act
    const result = await world.react(cancelEvent('e-2', 'h-aaaaaaaaaa'));

    // Assess: the change is committed and announced, the forged id left as one this function cannot carry out.
    expect(result).toMatchObject({
      outcome: 'processed',
      recorded: [{ subject: 'handshake:h-aaaaaaaaaa', outcome: 'changed' }],
      effects: { done: 1, left: 1 },
    });
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1', 'handshake:h-aaaaaaaaaa@v2']);
    expect(await world.store.getProcessed('e-2')).toBeDefined();
  });
});
