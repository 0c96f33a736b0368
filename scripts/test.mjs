#!/usr/bin/env node
// Runs the test suites with an explicit file list (Node 20 does not discover .ts test files), in two streams side by
// side (ADR 0025):
//   PGlite stream:      1. unit + integration on the embedded PGlite, then 4. end-to-end in Debian's Chromium;
//   PostgreSQL stream:  2. integration on PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
//                       then 3. the reliability suites (test/reliability, issue 5) on PostgreSQL.
// Each test app on PostgreSQL has a schema of its own (test/support/app.ts), so the streams never share data. Each
// stream runs one test file at a time; its output is printed whole when a phase ends, so phases never interleave.
// PGlite test files start from one migrated and seeded template made once per run (UV_TEST_PGLITE_TEMPLATES).
//
// The crash-consistency suite kills the server CRASH_ROUNDS times at each of its failure points on both databases:
// 3 in `npm test` (every push), 20 in `npm run test:crash` and `npm run test:reliability`; CRASH_ROUNDS overrides.
//
//   --reliability  only the reliability suites (npm run test:reliability)
//   --crash        only the crash-consistency suite, 20 kills per failure point (npm run test:crash)
//   --pg-only      only the PostgreSQL stream
//   --serial       the streams one after the other (as before; for a loaded machine or to read the output live)
// Outside CI an unreachable PostgreSQL or a missing Chromium is reported and skipped; in CI (CI=1) both are required.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildClient } from './build-client.mjs';

const args = new Set(process.argv.slice(2));
const inCi = Boolean(process.env.CI);
const list = (dir, suffix) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .filter((f) => String(f).endsWith(suffix))
        .map((f) => join(dir, String(f)))
        .sort()
    : [];

const CRASH_SUITE = join('test', 'reliability', 'crash-consistency.test.ts');
const crashOnly = args.has('--crash');
const reliabilityOnly = args.has('--reliability') || crashOnly;
const crashRounds = process.env.CRASH_ROUNDS ?? (reliabilityOnly ? '20' : '3');

const templates = mkdtempSync(join(os.tmpdir(), 'uv-pglite-templates-'));
process.once('exit', () => rmSync(templates, { recursive: true, force: true }));
const children = new Set();
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(code); // the templates go too
  });
}
const common = { UV_TEST_PGLITE_TEMPLATES: templates, CRASH_ROUNDS: crashRounds };

/** One `node --test` run; resolves to its verdict and counts. Output is inherited (live) or kept and printed whole. */
function run(label, files, env, live) {
  if (files.length === 0) return Promise.resolve(null);
  const header = `\n=== ${label}: ${files.length} file(s) ===`;
  if (live) console.log(header);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...common, ...env },
    });
    children.add(child);
    let output = '';
    if (!live) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code) => {
      children.delete(child);
      const seconds = Math.round((performance.now() - started) / 1000);
      if (!live) process.stdout.write(`${header}\n${output}`);
      console.log(`=== ${label}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s ===`);
      const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      resolve({ label, ok: code === 0, seconds, pass: count('pass'), fail: count('fail'), skipped: count('skipped'), counted: !live });
    });
  });
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

// The browser bundle of the form engine (ADR 0039), served by the apps the end-to-end tests start: built from the
// sources of this run, never one left from an earlier build.
await buildClient();

const unit = list('test/unit', '.test.ts');
const integration = list('test/integration', '.test.ts');
const e2e = list('test/e2e', '.test.ts');
// the crash suite first: it is the longest file, so the stream's other files fill in beside the PGlite stream
const reliability = crashOnly ? [CRASH_SUITE] : list('test/reliability', '.test.ts').sort((a, b) => Number(b === CRASH_SUITE) - Number(a === CRASH_SUITE));
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const serial = args.has('--serial') || reliabilityOnly;
const withPglite = !args.has('--pg-only') && !reliabilityOnly;
const t0 = performance.now();

async function pgliteStream() {
  if (!withPglite) return [];
  const first = await run('unit + integration on PGlite', [...unit, ...integration], { TEST_DB: 'pglite' }, serial);
  const second = await run('end-to-end in Chromium', e2e, { TEST_DB: 'pglite' }, serial);
  return [first, second];
}

async function postgresStream() {
  if (!(await postgresReachable(pgUrl))) {
    if (inCi) {
      console.error(`PostgreSQL is not reachable at ${pgUrl}: required in CI.`);
      return [{ label: 'PostgreSQL', ok: false }];
    }
    console.warn(`\nSKIPPED: PostgreSQL is not reachable at ${pgUrl}; the PostgreSQL run did not happen.`);
    return [];
  }
  const env = { TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl };
  const first = reliabilityOnly ? null : await run('integration on PostgreSQL', integration, env, serial);
  const second = await run(
    crashOnly
      ? `crash consistency (${crashRounds} kills per failure point)`
      : `reliability suites on PostgreSQL (crash suite: ${crashRounds} kills per failure point)`,
    reliability,
    env,
    serial,
  );
  return [first, second];
}

const results = (serial ? [...(await pgliteStream()), ...(await postgresStream())] : (await Promise.all([pgliteStream(), postgresStream()])).flat()).filter(
  Boolean,
);

console.log(`\n=== summary (${Math.round((performance.now() - t0) / 1000)} s) ===`);
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.label}${r.seconds === undefined ? '' : ` (${r.seconds} s)`}`);
if (results.length > 0 && results.every((r) => r.counted)) {
  const sum = (key) => results.reduce((total, r) => total + r[key], 0);
  console.log(`${sum('pass')} passed, ${sum('fail')} failed, ${sum('skipped')} skipped`);
}
process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);
