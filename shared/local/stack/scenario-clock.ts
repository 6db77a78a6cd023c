import type { Clock } from '../../ports/clock';

/** The scenario's time: it only moves when the scenario says so, and never backwards. */
export class ScenarioClock implements Clock {
  private current: Date;

  constructor(start: Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    if (to.getTime() < this.current.getTime()) {
      throw new RangeError(`time cannot go back from ${this.current.toISOString()} to ${to.toISOString()}`);
    }
    this.current = new Date(to);
  }
}
