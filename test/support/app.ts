import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import type { OidcFetch } from '../../src/auth/in-process-fetch.ts';
import { type Config, loadConfig } from '../../src/config/config.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import type { DB } from '../../src/db/types.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { prepareDatabase } from '../../src/seed/prepare.ts';

export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A clock the test moves by hand, at 23 November 2026 unless told otherwise. */
export class FakeClock extends ManualClock {
  constructor(t = Date.parse('2026-11-23T10:00:00Z')) {
    super(t);
  }
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: FakeClock;
  config: Config;
  kind: 'pglite' | 'postgres';
  /** the PostgreSQL schema of this app, if any */
  schema: string | undefined;
  close(): Promise<void>;
}

/** One statement on the test PostgreSQL outside any schema (create and drop the schemas of the tests). */
export async function adminQuery(statement: string): Promise<void> {
  const admin = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 }) }) });
  try {
    await sql.raw(statement).execute(admin);
  } finally {
    await admin.destroy();
  }
}

/**
 * Builds the application exactly as production does, on a fresh database: an in-memory PGlite, or on
 * PostgreSQL a schema of its own (so test files can run side by side), migrated and seeded with demo data.
 */
export interface BuildHooks {
  /** schema name prefix on PostgreSQL */
  schemaPrefix?: string;
  /** wraps the database handed to the app (e.g. with a query-counting plugin) */
  wrapDb?: (db: Db) => Db;
  /** registers extra routes in the web scope (with its sessions) before the app is ready (benchmarks) */
  extend?: (app: FastifyInstance, db: Db) => void;
  /** the moment the fake clock starts at (default 23 November 2026), e.g. inside a past campaign */
  now?: string;
  /** called for every route the app registers */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
  /** the app's logger options (default: no logging), e.g. production's with a stream the test reads */
  logger?: object;
  /** how the relying party reaches its provider (a hostile provider in memory, test/support/hostile-provider.ts) */
  oidcFetch?: OidcFetch;
}

export async function buildTestApp(overrides: Partial<Config> = {}, kind: 'pglite' | 'postgres' = TEST_DB, hooks: BuildHooks = {}): Promise<TestApp> {
  const clock = new FakeClock(hooks.now ? Date.parse(hooks.now) : undefined);
  let schema: string | undefined;
  if (kind === 'postgres') {
    schema = `${hooks.schemaPrefix ?? 'uv_test'}_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
  }
  const config = loadConfig(
    {},
    {
      databaseUrl: kind === 'postgres' ? TEST_DATABASE_URL : undefined,
      databaseSchema: schema,
      dataDir: 'memory://',
      demoMode: true,
      // The embedded demo OpenID Provider, on PGlite and PostgreSQL alike: tests log in through it (loginAs).
      demoIdentityProvider: true,
      seedDemoData: true,
      // The demo's filed reports (Demostad's Covid-era subsidies) only where a test asks for them: most tests count
      // signatures, e-mails and submissions of a demo where nothing was filed yet.
      seedDemoReports: false,
      logLevel: 'silent',
      loginRateLimitPerMinute: 1000,
      ...overrides,
    },
  );
  const fromTemplate = kind === 'pglite' && config.dataDir.startsWith('memory://');
  const prepared = { seedDemoData: config.seedDemoData, seedDemoReports: config.seedDemoReports, now: clock.now() };
  const database = await openDatabase(config, fromTemplate ? { pgliteTemplate: await pgliteTemplate(prepared) } : {});
  if (!fromTemplate) await prepareDatabase(database.db, prepared);
  const db = hooks.wrapDb ? hooks.wrapDb(database.db) : database.db;
  const extend = hooks.extend;
  const app = await buildApp(
    { config, db, clock },
    {
      logger: hooks.logger ?? false,
      onRoute: hooks.onRoute,
      extendWeb: extend && ((web) => extend(web, db)),
      oidcFetch: hooks.oidcFetch,
    },
  );
  await app.ready();
  return {
    app,
    db,
    clock,
    config,
    kind,
    schema,
    close: async () => {
      await app.close();
      await database.close();
      if (schema) await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/**
 * A PGlite database migrated and seeded as prepareDatabase leaves it, as a data directory tarball: an in-memory
 * PGlite starts from it in about a second, where initdb, the migrations and the seed take several (ADR 0025).
 * Kept per process, and in UV_TEST_PGLITE_TEMPLATES (a folder scripts/test.mjs makes for one run and removes after
 * it, so the migrations and seed of that run made it) for every test file of the run. One template per seed option
 * and moment of the fake clock (the seed depends on both).
 */
const templates = new Map<string, Promise<Blob>>();

function pgliteTemplate(prepared: Prepared): Promise<Blob> {
  const key = `${prepared.seedDemoData ? 'demo' : 'bare'}${prepared.seedDemoReports ? '+reports' : ''}-${prepared.now.getTime()}`;
  let template = templates.get(key);
  if (!template) {
    template = makePgliteTemplate(key, prepared);
    templates.set(key, template);
  }
  return template;
}

interface Prepared {
  seedDemoData: boolean;
  seedDemoReports: boolean;
  now: Date;
}

async function makePgliteTemplate(key: string, prepared: Prepared): Promise<Blob> {
  const dir = process.env.UV_TEST_PGLITE_TEMPLATES;
  const file = dir ? join(dir, `${key}.tar`) : undefined;
  if (file && existsSync(file)) return new Blob([readFileSync(file)]);
  const database = await openDatabase({ databaseUrl: undefined, databaseSchema: undefined, dataDir: 'memory://' });
  try {
    await prepareDatabase(database.db, prepared);
    const blob = await (database.dumpDataDir as () => Promise<Blob>)();
    if (file) {
      // written whole then renamed: a test file started beside this one reads a complete template or none
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
      renameSync(partial, file);
    }
    return blob;
  } finally {
    await database.close();
  }
}

/** Is a PostgreSQL server reachable for the tests? */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await adminQuery('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
