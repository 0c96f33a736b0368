/**
 * Helpers shared by the crash suites that run the real server as a child process (test/reliability/crash-server.ts):
 * the database it runs on — a PostgreSQL schema of its own or an embedded PGlite directory, opened again by the test
 * after every kill — and a login over real HTTP through the server's embedded demo provider.
 *
 * Copied from test/reliability/crash-consistency.test.ts (where they are not exported: a test file cannot be imported
 * without running its tests).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { ServerProcess } from '../reliability/crash-server.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { TEST_DATABASE_URL, adminQuery } from './app.ts';
import type { Client } from './http.ts';

export interface CrashTarget {
  kind: 'postgres' | 'pglite';
  /** the server's settings for this database */
  env: Record<string, string>;
  /** opens the database the server left (PGlite: its crash recovery) */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A schema of its own on the test PostgreSQL, dropped at the end. */
export async function postgresTarget(): Promise<CrashTarget> {
  const schema = `uv_crash_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const settings = { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir: '' };
  return {
    kind: 'postgres',
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    open: () => openDatabase(settings),
    dispose: () => adminQuery(`DROP SCHEMA ${schema} CASCADE`),
  };
}

/** A PGlite directory of its own, removed at the end. */
export function pgliteTarget(): CrashTarget {
  const dir = mkdtempSync(join(os.tmpdir(), 'uv-crash-'));
  return {
    kind: 'pglite',
    env: { DATA_DIR: dir },
    open: () => openDatabase({ databaseUrl: undefined, databaseSchema: undefined, dataDir: dir }),
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The settings of a crash-suite server: the demo (its identity provider too, on PostgreSQL as well), no seeding. */
export const CRASH_SERVER_ENV: Record<string, string> = {
  DEMO_MODE: '1',
  // the demo provider on PostgreSQL too; its public URL is fixed (the server listens on a free port)
  DEMO_IDP: '1',
  PUBLIC_URL: 'http://localhost:3000',
  SEED_DEMO_DATA: '0',
  OUTBOX_POLL_MS: '50',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
};

/** Logs in through the server's embedded demo provider (over real HTTP), as loginAs does in process. */
export async function loginOver(server: ServerProcess, personId: string): Promise<Client> {
  const client = server.client();
  client.personaId = personId;
  const res = await client.authenticateAtProvider(await client.post('/auth/login', {}), 'eid');
  assert.equal(res.statusCode, 303, 'login through the demo provider');
  if (res.headers.location === '/choose-ocmw') await client.get('/choose-ocmw');
  return client;
}
