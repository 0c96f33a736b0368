import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { PGlitePool } from './pglite-pool.ts';
import { PreparingClient } from './prepared-client.ts';
import type { DB } from './types.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** PGlite only: its data directory as a tarball (the tests' migrated and seeded template) */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PGlite only: start from this data directory tarball (a dumpDataDir) instead of an empty database */
  pgliteTemplate?: Blob;
}

/** PostgreSQL's `date` type (a calendar day, no time zone). */
const DATE_OID = 1082;
/**
 * A `date` column is read as its text, `YYYY-MM-DD`, on both drivers: a JavaScript Date would put it at a midnight
 * of some time zone and shift the day (registry validity, merger dates).
 */
const dateAsText = ((oid: number, format?: 'text' | 'binary') =>
  oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser;
const PGLITE_PARSERS = { [DATE_OID]: (value: string) => value };

/** Opens PostgreSQL when a connection string is configured, the embedded PGlite otherwise. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databaseSchema'>, options: OpenOptions = {}): Promise<Database> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      Client: PreparingClient,
      types: { getTypeParser: dateAsText },
      ...(config.databaseSchema ? { options: `-c search_path=${config.databaseSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (!config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
  const pglite = options.pgliteTemplate
    ? await PGlite.create({ dataDir: config.dataDir, loadDataDir: options.pgliteTemplate, parsers: PGLITE_PARSERS })
    : await PGlite.create({ dataDir: config.dataDir, parsers: PGLITE_PARSERS });
  const pool = new PGlitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  return {
    db,
    kind: 'pglite',
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Runs fn in one transaction; the transaction object is passed explicitly to every repository call. */
export function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
