/** Timing helpers shared by the in-process benchmarks. */

export interface Timing {
  p50: number;
  p99: number;
  max: number;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `step` `rounds` times one after the other: p50, p99 and max in milliseconds. */
export async function timed(rounds: number, step: (i: number) => Promise<void>): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await step(i);
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times) };
}

export function expectStatus(res: { statusCode: number }, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what}: HTTP ${res.statusCode}`);
}
