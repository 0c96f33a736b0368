/** The only source of "now": tests pass a fake clock to exercise expiry and campaign dates. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
