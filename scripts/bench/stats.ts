/** What the bench server counts (statements through Kysely, BEGIN/COMMIT not seen) and reports on /bench/stats. */
export interface QueryStats {
  count: number;
  wallMs: number;
  byKind: Record<string, number>;
  wallMsByKind: Record<string, number>;
  /** HTTP requests (other than /bench/stats) received and finished by the server. */
  inFlight: number;
  completed: number;
  memory?: NodeJS.MemoryUsage;
}
