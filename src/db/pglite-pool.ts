import type { PGlite } from '@electric-sql/pglite';

/**
 * A minimal pg.Pool look-alike over one PGlite instance, so Kysely's PostgresDialect can drive it.
 * PGlite has a single connection: connect() hands it out to one caller at a time (FIFO), which
 * keeps a transaction's statements together.
 */
export class PGlitePool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pg: PGlite) {}

  async connect(): Promise<PGliteClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    return new PGliteClient(this.pg, release);
  }

  async end(): Promise<void> {
    await this.queue;
  }
}

const COUNTED_COMMANDS = /^\s*(insert|update|delete|merge)\b/i;

export class PGliteClient {
  private released = false;

  constructor(
    private readonly pg: PGlite,
    private readonly onRelease: () => void,
  ) {}

  async query(sql: string, parameters: readonly unknown[] = []) {
    // Without parameters use the simple protocol, which (like pg) accepts several statements (migrations).
    const result =
      parameters.length === 0 ? ((await this.pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 }) : await this.pg.query(sql, parameters as unknown[]);
    const command = COUNTED_COMMANDS.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
    return { rows: result.rows, rowCount: result.affectedRows ?? 0, command };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }
}
