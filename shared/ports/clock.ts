/** The only source of "now" for the domain and the use cases. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
