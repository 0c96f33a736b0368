/** The only source of "now": tests pass a fake clock to exercise expiry and campaign dates. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock set by hand: tests move it to exercise expiry and campaign dates, benchmarks keep it still. */
export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
