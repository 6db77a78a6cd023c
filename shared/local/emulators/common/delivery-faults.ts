// CloudTrail delivers service events and API-call records to EventBridge on a best-effort basis:
// events can be late, missing or out of order (DESIGN.md). A scenario that wants to prove orgwarden
// copes (its audit catches what no event announced) turns these faults on; every decision comes
// from a seeded generator so that a failing run can be replayed exactly.
import { seededRandom } from './ids';
import type { EmulatedEvent } from './types';

/** Faults applied to event delivery (`deliveryFaults` option of every emulator). Rates are in [0, 1]. */
export interface DeliveryFaults {
  /** Seeds the fault decisions (not the emulator's ids); default 0, so faults are reproducible by default. */
  seed?: number;
  /** Share of events never delivered; they are kept in `droppedEvents`. */
  drop?: number;
  /** Share of events held back for 1..maxSeconds seconds past their own time; `releaseDelayed` delivers them. */
  delay?: { rate: number; maxSeconds: number };
  /** Share of the events of one batch that trade places with each other. */
  reorder?: number;
  /** eventNames (`detail.eventName`) or detail-types the faults apply to; default every event. */
  only?: string[];
}

/** An event a fault kept from its bus. */
export interface DroppedEvent {
  event: EmulatedEvent;
  reason: string;
}

/** An event held back; its envelope `time` stays the original. */
export interface DelayedEvent {
  event: EmulatedEvent;
  /** When it may be released (the event's own time plus its delay). */
  dueAt: Date;
}

/** How one batch is delivered under the faults. */
export interface DeliveryPlan {
  /** Delivered now, in this order. */
  now: EmulatedEvent[];
  dropped: DroppedEvent[];
  delayed: DelayedEvent[];
}

/**
 * Decides, event by event, which events a delivery drops, holds back or reorders. Draws happen in a
 * fixed order (drop, then delay and its length, per event in batch order; then the reorder of the
 * batch), so the same seed and the same batches give the same plan.
 */
export class DeliveryFaultInjector {
  private readonly random: () => number;

  /** @throws Error when a rate is outside [0, 1] or `maxSeconds` is not positive */
  constructor(private readonly faults: DeliveryFaults) {
    for (const [name, rate] of [
      ['drop', faults.drop],
      ['delay.rate', faults.delay?.rate],
      ['reorder', faults.reorder],
    ] as const) {
      if (rate !== undefined && !(rate >= 0 && rate <= 1))
        throw new Error(`deliveryFaults.${name} is a share in [0, 1], got ${rate}`);
    }
    if (faults.delay && !(faults.delay.maxSeconds > 0))
      throw new Error(`deliveryFaults.delay.maxSeconds must be positive, got ${faults.delay.maxSeconds}`);
    this.random = seededRandom(faults.seed ?? 0);
  }

  /** True when the faults apply to `event` (see {@link DeliveryFaults.only}). */
  applies(event: EmulatedEvent): boolean {
    const { only } = this.faults;
    return !only || only.includes(event['detail-type']) || only.includes(String(event.detail.eventName));
  }

  /**
   * Plans the delivery of one batch (events the emulator would deliver, in order).
   *
   * @param batch - the events, each already accepted for delivery by the emulator
   */
  plan(batch: EmulatedEvent[]): DeliveryPlan {
    const plan: DeliveryPlan = { now: [], dropped: [], delayed: [] };
    const { drop, delay } = this.faults;
    for (const event of batch) {
      if (!this.applies(event)) {
        plan.now.push(event);
        continue;
      }
      if (drop && this.random() < drop) {
        plan.dropped.push({ event, reason: `dropped by deliveryFaults.drop (${drop}): best-effort delivery lost it` });
        continue;
      }
      if (delay && delay.rate > 0 && this.random() < delay.rate) {
        const seconds = 1 + Math.floor(this.random() * delay.maxSeconds);
        plan.delayed.push({
          event,
          dueAt: new Date(Date.parse(event.time) + Math.min(seconds, delay.maxSeconds) * 1000),
        });
        continue;
      }
      plan.now.push(event);
    }
    this.reorder(plan.now);
    return plan;
  }

  /** Shuffles the chosen share of the batch among the places those events held. */
  private reorder(events: EmulatedEvent[]): void {
    const rate = this.faults.reorder;
    if (!rate) return;
    const slots = events
      .map((event, index) => ({ event, index }))
      .filter(({ event }) => this.applies(event) && this.random() < rate);
    const moved = slots.map(({ event }) => event);
    for (let i = moved.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [moved[i], moved[j]] = [moved[j]!, moved[i]!];
    }
    slots.forEach(({ index }, k) => {
      events[index] = moved[k]!;
    });
  }
}
