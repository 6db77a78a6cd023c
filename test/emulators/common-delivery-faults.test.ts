import { describe, expect, it } from 'vitest';
import type { DeliveryFaults } from '../../shared/local/emulators/common/delivery-faults';
import { ServiceEmulator, type EventDelivery } from '../../shared/local/emulators/common/emulator';
import type { LocalServer } from '../../shared/local/emulators/common/http';
import { seededRandom } from '../../shared/local/emulators/common/ids';
import type { EmulatedEvent } from '../../shared/local/emulators/common/types';

const T0 = Date.parse('2026-03-10T12:00:00Z');

/** The smallest emulator: no endpoint, a public way to deliver batches. */
class TestEmulator extends ServiceEmulator<'test'> {
  constructor(delivery: EventDelivery) {
    super('test', delivery);
  }

  protected listen(): Promise<LocalServer> {
    return Promise.reject(new Error('no endpoint'));
  }

  emit(batch: EmulatedEvent[]): Promise<void> {
    return this.deliver(batch);
  }
}

function event(n: number, eventName = 'Call', seconds = n): EmulatedEvent {
  return {
    version: '0',
    id: `id-${n}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.test',
    account: '111111111111',
    time: new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: { eventName },
  };
}

function batch(count: number, eventName?: string): EmulatedEvent[] {
  return Array.from({ length: count }, (_, n) => event(n, eventName, 0));
}

function start(deliveryFaults?: DeliveryFaults): { emulator: TestEmulator; delivered: EmulatedEvent[] } {
  const delivered: EmulatedEvent[] = [];
  const emulator = new TestEmulator({
    onEvent: (e) => void delivered.push(e),
    ...(deliveryFaults ? { deliveryFaults } : {}),
  });
  return { emulator, delivered };
}

describe('ServiceEmulator: lossy delivery (deliveryFaults)', () => {
  it('delivers every event, in order, when no faults are set', async () => {
    // Prepare
    const { emulator, delivered } = start();

    // Act
    await emulator.emit(batch(20));
    const released = await emulator.releaseDelayed(new Date(T0 + 3_600_000));

    // Assess
    expect(delivered.map((e) => e.id)).toEqual(batch(20).map((e) => e.id));
    expect(emulator.events).toEqual(delivered);
    expect(emulator.droppedEvents).toEqual([]);
    expect(emulator.delayedEvents).toEqual([]);
    expect(released).toEqual([]);
  });

  it('drops a seeded share, keeps the dropped events with a reason, and drops the same ones for the same seed', async () => {
    // Prepare
    const first = start({ seed: 7, drop: 0.5 });
    const second = start({ seed: 7, drop: 0.5 });
    const other = start({ seed: 8, drop: 0.5 });

    // Act
    for (const run of [first, second, other]) await run.emulator.emit(batch(40));

    // Assess
    const droppedIds = first.emulator.droppedEvents.map((d) => d.event.id);
    expect(droppedIds.length).toBeGreaterThan(5);
    expect(droppedIds.length).toBeLessThan(35);
    expect(first.delivered).toHaveLength(40 - droppedIds.length);
    expect(first.emulator.events).toHaveLength(40);
    expect(first.emulator.droppedEvents[0]!.reason).toMatch(/drop/);
    expect(second.emulator.droppedEvents.map((d) => d.event.id)).toEqual(droppedIds);
    expect(other.emulator.droppedEvents.map((d) => d.event.id)).not.toEqual(droppedIds);
  });

  it('holds back delayed events and releases them by due time, with their original envelope time', async () => {
    // Prepare
    const { emulator, delivered } = start({ seed: 3, delay: { rate: 1, maxSeconds: 60 } });
    const events = batch(10);

    // Act
    await emulator.emit(events);
    const heldAtFirst = emulator.delayedEvents.length;
    const dueTimes = emulator.delayedEvents.map((held) => held.dueAt.getTime());
    const early = await emulator.releaseDelayed(new Date(T0 + 30_000));
    const late = await emulator.releaseDelayed(new Date(T0 + 60_000));

    // Assess
    expect(heldAtFirst).toBe(10);
    expect(dueTimes.every((due) => due > T0 && due <= T0 + 60_000)).toBe(true);
    expect(early.length + late.length).toBe(10);
    expect(delivered).toEqual([...early, ...late]);
    const dueOf = (e: EmulatedEvent): number => dueTimes[events.indexOf(e)]!;
    expect(delivered.map(dueOf)).toEqual([...delivered.map(dueOf)].sort((a, b) => a - b));
    expect(early.every((e) => dueOf(e) <= T0 + 30_000)).toBe(true);
    expect(delivered.every((e) => e.time === '2026-03-10T12:00:00Z')).toBe(true);
    expect(emulator.delayedEvents).toEqual([]);
  });

  it('reorders a share within a batch, never losing or adding an event', async () => {
    // Prepare
    const { emulator, delivered } = start({ seed: 11, reorder: 1 });
    const events = batch(12);

    // Act
    await emulator.emit(events);

    // Assess
    expect(delivered.map((e) => e.id)).not.toEqual(events.map((e) => e.id));
    expect([...delivered.map((e) => e.id)].sort()).toEqual([...events.map((e) => e.id)].sort());
    expect(emulator.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('applies the faults only to the eventNames or detail-types named in `only`', async () => {
    // Prepare
    const { emulator, delivered } = start({ drop: 1, only: ['InviteAccountToOrganization'] });

    // Act
    await emulator.emit([...batch(3, 'InviteAccountToOrganization'), event(9, 'CancelHandshake')]);

    // Assess
    expect(delivered.map((e) => e.detail.eventName)).toEqual(['CancelHandshake']);
    expect(emulator.droppedEvents.map((d) => d.event.detail.eventName)).toEqual(
      Array(3).fill('InviteAccountToOrganization'),
    );
  });

  it('refuses rates outside [0, 1] and a non-positive delay', () => {
    // Act and assess
    expect(() => start({ drop: 1.5 })).toThrow(/drop/);
    expect(() => start({ delay: { rate: 0.5, maxSeconds: 0 } })).toThrow(/maxSeconds/);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    // Act
    const a = Array.from({ length: 100 }, seededRandom(42));
    const b = Array.from({ length: 100 }, seededRandom(42));

    // Assess
    expect(a).toEqual(b);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(a).size).toBe(100);
  });
});
