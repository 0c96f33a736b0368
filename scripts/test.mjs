#!/usr/bin/env node
// Runs the test suites with an explicit file list (Node 20 does not discover .ts test files):
//  1. unit + integration on the embedded PGlite,
//  2. integration again on PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
//  3. the reliability suites (test/reliability, issue 5) on PostgreSQL,
//  4. end-to-end in Debian's Chromium.
// `--reliability` runs only the reliability suites (npm run test:reliability).
// Outside CI an unreachable PostgreSQL or a missing Chromium is reported and skipped; in CI (CI=1) both are required.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const args = new Set(process.argv.slice(2));
const inCi = Boolean(process.env.CI);
const list = (dir, suffix) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(suffix)).map((f) => join(dir, String(f))).sort() : [];

function run(label, files, env) {
  if (files.length === 0) return true;
  console.log(`\n=== ${label}: ${files.length} file(s) ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const unit = list('test/unit', '.test.ts');
const integration = list('test/integration', '.test.ts');
const e2e = list('test/e2e', '.test.ts');
const reliability = list('test/reliability', '.test.ts');
const only = args.has('--reliability');
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const results = [];

if (!args.has('--pg-only') && !only) results.push(['unit + integration (PGlite)', run('unit + integration on PGlite', [...unit, ...integration], { TEST_DB: 'pglite' })]);

if (await postgresReachable(pgUrl)) {
  const pgEnv = { TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl };
  if (!only) results.push(['integration (PostgreSQL)', run('integration on PostgreSQL', integration, pgEnv)]);
  if (reliability.length > 0) results.push(['reliability (PostgreSQL)', run('reliability suites on PostgreSQL', reliability, pgEnv)]);
} else if (inCi) {
  console.error(`PostgreSQL is not reachable at ${pgUrl}: required in CI.`);
  results.push(['integration (PostgreSQL)', false]);
} else {
  console.warn(`\nSKIPPED: PostgreSQL is not reachable at ${pgUrl}; the PostgreSQL run did not happen.`);
}

if (!args.has('--pg-only') && !only) results.push(['end-to-end (Chromium)', run('end-to-end in Chromium', e2e, { TEST_DB: 'pglite' })]);

console.log('\n=== summary ===');
for (const [label, ok] of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
