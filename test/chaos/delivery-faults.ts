import type { BusEvent } from '../../shared/local/stack/event-bus';
import type { Storm } from './plan';
import { Random } from './random';

/** CloudTrail delivers on a best-effort basis (events can be lost); the services' native events are durable. */
const bestEffort = (event: BusEvent): boolean => event['detail-type'].endsWith('via CloudTrail');

/**
 * Between the emulators and the default bus (the local stack's `worldEvents`): during a storm the
 * world's events are lost (CloudTrail's only), delivered more than once, held back for minutes, and
 * those of one world step reordered, as EventBridge's at-least-once, unordered delivery and
 * CloudTrail's best effort allow. Outside storms they pass as they come.
 */
export class DeliveryFaults {
  private storm: Storm | undefined;
  private rng = new Random(0);
  /** Events of the world step being played, held until it ends (then reordered). */
  private batch: BusEvent[] | undefined;
  private readonly delayed: Array<{ readonly dueAt: number; readonly event: BusEvent }> = [];
  private deliver: ((event: BusEvent) => void) | undefined;
  readonly injected: Record<string, number> = {};
  /** The names of the events lost (`eventName` or detail-type), for a failing seed's report. */
  readonly lost: string[] = [];

  constructor(
    private readonly seed: number,
    private readonly now: () => Date,
  ) {}

  /** The local stack's `worldEvents` option. */
  readonly interpose = (event: BusEvent, deliver: (event: BusEvent) => void): void => {
    this.deliver = deliver;
    if (!this.storm) return deliver(event);
    if (this.batch) this.batch.push(event);
    else this.route(event);
  };

  /** A storm starts with a world step: its events are held until `release`. */
  begin(storm: Storm, step: number): void {
    this.storm = storm;
    this.rng = new Random(this.seed).fork(`delivery:${step}`);
    this.batch = [];
  }

  /** The world step is done: its events go out (some lost, repeated, held back), reordered when the storm says so. */
  release(): void {
    const batch = this.batch ?? [];
    this.batch = undefined;
    const order = this.storm?.reorder && batch.length > 1 ? this.rng.shuffle(batch) : batch;
    if (order.some((event, i) => event !== batch[i])) this.count('reordered-batches');
    for (const event of order) this.route(event);
  }

  end(): void {
    this.storm = undefined;
  }

  /** When the next held-back event is due, if any. */
  nextDue(): number | undefined {
    return this.delayed.length > 0 ? Math.min(...this.delayed.map((d) => d.dueAt)) : undefined;
  }

  /** Delivers the held-back events due by now. */
  releaseDue(): void {
    const now = this.now().getTime();
    for (const held of this.delayed.filter((d) => d.dueAt <= now)) {
      this.delayed.splice(this.delayed.indexOf(held), 1);
      this.deliver?.(held.event);
    }
  }

  private count(kind: string): void {
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
  }

  private route(event: BusEvent): void {
    const storm = this.storm!;
    const deliver = this.deliver!;
    if (bestEffort(event) && this.rng.chance(storm.drop)) {
      const name = (event.detail as { eventName?: unknown } | undefined)?.eventName;
      this.lost.push(typeof name === 'string' ? name : event['detail-type']);
      return this.count('dropped');
    }
    if (this.rng.chance(storm.delay)) {
      this.count('delayed');
      this.delayed.push({ dueAt: this.now().getTime() + this.rng.int(1, 10) * 60_000, event });
    } else deliver(event);
    if (this.rng.chance(storm.duplicate)) {
      // Delivered again: at once (a concurrent copy), or a few minutes later.
      const copies = this.rng.int(1, 2);
      this.count('duplicated');
      for (let i = 0; i < copies; i++) {
        if (this.rng.chance(0.5)) deliver(event);
        else this.delayed.push({ dueAt: this.now().getTime() + this.rng.int(1, 8) * 60_000, event });
      }
    }
  }
}
