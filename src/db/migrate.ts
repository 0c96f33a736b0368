import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

/**
 * Applies the forward-only .sql migrations in name order, each in its own transaction, and records their
 * checksum. A changed checksum of an applied migration stops the process: migrations are never edited.
 */
export async function migrate(db: Db): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const applied: string[] = [];
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const name of files) {
    const text = readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    const done = await db.transaction().execute(async (tx) => {
      // Serialise concurrent starters on PostgreSQL; harmless on PGlite.
      await sql`SELECT pg_advisory_xact_lock(727274)`.execute(tx);
      const existing = await tx.selectFrom('schema_migrations').select('checksum').where('name', '=', name).executeTakeFirst();
      if (existing) {
        if (existing.checksum !== checksum) throw new Error(`Migration ${name} was changed after it was applied`);
        return false;
      }
      await sql.raw(text).execute(tx);
      await tx.insertInto('schema_migrations').values({ name, checksum }).execute();
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}
