/**
 * The deadline day (issue 5, `npm run bench:national`): the whole country fills in, signs and submits its forms in
 * the last days before the deadline, over real HTTP, on one machine.
 *
 * The server runs in a child process (scripts/bench/server.ts with the "national" option, the compiled build when
 * build/main.js exists — scripts/bench/launch.ts: a fixed clock on 20 February 2025; the 2024 campaigns open at that
 * moment — the official calendar opens them, and the server opens any it does not; every OCMW of the registry
 * offered report year 2024 (MRG-3: the 580 OCMWs of the municipalities before the mergers of 1 January 2025, the
 * partners that disappeared that day filing "for the disappearing OCMW" under their own KBO; not Herstappe) given a
 * medewerker, a voorzitter and an algemeen directeur each and their reference values, nothing filled in). This process is the load generator: a bounded number of virtual
 * users (node fetch, keep-alive) each take the next OCMW and play it, every OCMW page under /ocmw/{kbo} (ADR 0026):
 *   medewerker   log in (POST /auth/login, the demo provider, the callback), GET /choose-ocmw (303 to /ocmw/{kbo}), GET /ocmw/{kbo}?year=2024 (the forms are the
 *                links of the homepage), then for every form (F = /ocmw/{kbo}/forms/:id): GET F, and SAVES times
 *                GET F/edit[?part=], POST F (one staff row, a different one each time) → 303 F?m=saved, GET F?m=saved
 *   voorzitter   log in, for every form GET F (hidden contentHash), POST F/sign → F?m=signed, GET it (the first
 *                sign goes through the step-up at the demo provider first)
 *   directeur    the same → ?m=submitted
 * Meanwhile one POD MI user (Nathalie Vermeulen) reloads GET /backoffice?year=2024 every second. Before the campaign,
 * the bare ceiling route (/bench/ceiling: session lookup + select 1) is measured with autocannon on the same server.
 * At the end the database is asked (GET /bench/national) how many forms are submitted and signed.
 *
 * Environment: BENCH_NATIONAL_DB (postgres | pglite, default postgres), BENCH_NATIONAL_OCMWS (default all 580),
 * BENCH_NATIONAL_VUS (concurrent virtual users, default 24), BENCH_NATIONAL_SAVES (saves per form, default 3),
 * BENCH_NATIONAL_MAX_S (no OCMW is started after this many seconds, default 600), BENCH_NATIONAL_CEILING_S (default 8).
 *
 * The demo login is rate-limited per IP address; every virtual user comes from 127.0.0.1 here, so the bench server
 * raises loginRateLimitPerMinute (the real country logs in from 580 addresses).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { postgresAvailable } from '../../test/support/app.ts';
import { benchServerEntry } from './launch.ts';
import { type CountryOcmw, staff } from './national-dataset.ts';
import { RssSampler, cpuMs, hwmMb, machineCpu, postgresCpu, postgresCpuDelta, rssMb } from './proc.ts';
import { percentile } from './timing.ts';
import { CookieJar, throughProvider } from './oidc-login.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KIND: 'postgres' | 'pglite' = process.env.BENCH_NATIONAL_DB === 'pglite' ? 'pglite' : 'postgres';
/** how many of the OCMWs offered the year (0: all) */
const OCMWS = Number(process.env.BENCH_NATIONAL_OCMWS ?? 0);
const VUS = Number(process.env.BENCH_NATIONAL_VUS ?? 24);
const SAVES = Number(process.env.BENCH_NATIONAL_SAVES ?? 3);
const MAX_S = Number(process.env.BENCH_NATIONAL_MAX_S ?? 600);
const CEILING_S = Number(process.env.BENCH_NATIONAL_CEILING_S ?? 8);
/** Report year 2024: the last year of the OCMWs that disappeared in the mergers of 1 January 2025 (MRG-3). */
const YEAR = 2024;
/** Inside the 2024 campaigns (open from January 2025, deadline end of February 2025). */
const NOW = '2025-02-20T10:00:00Z';
const COOKIE_NAME = '__Host-uv_session';
const SERVER = benchServerEntry();

interface NationalCampaign {
  id: string;
  measure: string;
  table: string | undefined;
  part: string | undefined;
}

interface Ready {
  type: 'ready';
  port: number;
  pid: number;
  schema?: string;
  national: { ocmws: CountryOcmw[]; campaigns: NationalCampaign[]; podmiPersonId: string };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- server child

function startServer(): Promise<{ child: ChildProcess; ready: Ready }> {
  const options = { now: NOW, config: { loginRateLimitPerMinute: 1_000_000 }, national: { reportYear: YEAR, limit: OCMWS > 0 ? OCMWS : undefined } };
  const child = fork(SERVER.file, [KIND, JSON.stringify(options)], {
    cwd: ROOT,
    execArgv: SERVER.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 300 s')), 300_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited early with code ${code}`));
    });
    child.on('message', (message: unknown) => {
      if ((message as { type?: string }).type === 'ready') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, ready: message as Ready });
      }
    });
  });
}

function stopServer(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('server did not close within 30 s (killed)');
    }, 30_000);
    child.on('message', (message: unknown) => {
      const m = message as { type?: string; schema?: string; error?: string };
      if (m.type === 'closed') {
        clearTimeout(timer);
        resolve(m.error ? `cleanup problem: ${m.error}` : `server closed${m.schema ? `, schema ${m.schema} dropped` : ''}`);
      }
    });
    child.send('close');
  });
}

// ---------------------------------------------------------------- HTTP with measurements

/** Latencies (ms) per step, and what went wrong. */
class Recorder {
  readonly latencies = new Map<string, number[]>();
  readonly errors: Array<{ step: string; detail: string }> = [];
  requests = 0;
  add(step: string, ms: number): void {
    const list = this.latencies.get(step) ?? [];
    if (list.length === 0) this.latencies.set(step, list);
    list.push(ms);
    this.requests++;
  }
  fail(step: string, detail: string): void {
    this.errors.push({ step, detail });
  }
}

class Unexpected extends Error {}

interface Call {
  method?: 'GET' | 'POST';
  cookie?: string;
  form?: Record<string, string>;
  /** the status expected; for 303, the location must satisfy `location` */
  status: 200 | 303;
  location?: (location: string) => boolean;
}

/** One request through real HTTP (keep-alive), timed until the body is read. Throws Unexpected on any surprise. */
async function call(base: string, rec: Recorder, step: string, path: string, c: Call): Promise<{ res: Response; body: string }> {
  const headers: Record<string, string> = { 'user-agent': 'uv-bench-national' };
  if (c.cookie) headers.cookie = c.cookie;
  let body: string | undefined;
  if (c.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['sec-fetch-site'] = 'same-origin';
    body = new URLSearchParams(c.form).toString();
  }
  const start = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await fetch(base + path, { method: c.method ?? (c.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    text = await res.text();
  } catch (error) {
    rec.add(step, performance.now() - start);
    rec.fail(step, `${path}: network error ${error instanceof Error ? error.message : String(error)}`);
    throw new Unexpected(step);
  }
  rec.add(step, performance.now() - start);
  const location = res.headers.get('location') ?? '';
  if (res.status !== c.status || (c.status === 303 && c.location && !c.location(location))) {
    rec.fail(step, `${c.method ?? (c.form ? 'POST' : 'GET')} ${path}: HTTP ${res.status}${location ? ` → ${location}` : ''}`);
    throw new Unexpected(step);
  }
  return { res, body: text };
}

function hidden(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

/**
 * Login as a browser does it, through the embedded demo provider (every request timed as 'login'); returns the
 * session cookie. OCMW staff (kbo given) then land on /ocmw/{kbo}.
 */
async function login(base: string, rec: Recorder, personId: string, kbo: string | null): Promise<string> {
  const podmi = kbo === null;
  const jar = new CookieJar();
  let res: Response;
  try {
    res = await throughProvider(base, jar, { method: 'POST', path: '/auth/login' }, personId, 'eid', (hop) => rec.add('login', hop.ms));
  } catch (error) {
    rec.fail('login', error instanceof Error ? error.message : String(error));
    throw new Unexpected('login');
  }
  const cookie = jar.only(COOKIE_NAME);
  if (res.status !== 303 || res.headers.get('location') !== (podmi ? '/backoffice' : '/choose-ocmw') || !cookie) {
    rec.fail('login', `callback: HTTP ${res.status} → ${res.headers.get('location')}`);
    throw new Unexpected('login');
  }
  if (!podmi) await call(base, rec, 'choose OCMW', '/choose-ocmw', { cookie, status: 303, location: (l) => l === `/ocmw/${kbo}` });
  return cookie;
}

/** The step-up before the first signature (eID at the provider); returns the session cookie of the new session id. */
async function stepUp(base: string, rec: Recorder, cookie: string, location: string, personId: string): Promise<string> {
  const jar = new CookieJar();
  jar.take(new Response(null, { headers: { 'set-cookie': `${cookie}; Path=/` } }));
  try {
    const res = await throughProvider(base, jar, { method: 'GET', path: location }, personId, 'eid', (hop) => rec.add('step-up', hop.ms));
    if (res.status !== 303 || !/[?&]m=stepped_up$/.test(res.headers.get('location') ?? ''))
      throw new Error(`callback: HTTP ${res.status} → ${res.headers.get('location')}`);
  } catch (error) {
    rec.fail('step-up', error instanceof Error ? error.message : String(error));
    throw new Unexpected('step-up');
  }
  const next = jar.only(COOKIE_NAME);
  if (!next) throw new Unexpected('step-up');
  return next;
}

/** The OCMW's forms of the year, as its homepage links them (every campaign of the year must be there). */
async function homepage(base: string, rec: Recorder, cookie: string, kbo: string, campaigns: NationalCampaign[]): Promise<void> {
  const { body } = await call(base, rec, 'homepage', `/ocmw/${kbo}?year=${YEAR}`, { cookie, status: 200 });
  const linked = new Set([...body.matchAll(new RegExp(`href="/ocmw/${kbo}/forms/([0-9a-f-]{36})"`, 'g'))].map((m) => m[1]));
  const missing = campaigns.filter((c) => !linked.has(c.id));
  if (missing.length > 0) {
    rec.fail('homepage', `forms not linked from the homepage: ${missing.map((c) => c.measure).join(', ')}`);
    throw new Unexpected('homepage');
  }
}

/** The medewerker opens every form and saves it SAVES times with one staff row (another row each time). */
async function fillIn(base: string, rec: Recorder, ocmw: CountryOcmw, index: number, campaigns: NationalCampaign[]): Promise<void> {
  const cookie = await login(base, rec, ocmw.encoder, ocmw.kbo);
  await homepage(base, rec, cookie, ocmw.kbo, campaigns);
  for (const campaign of campaigns) {
    const form = `/ocmw/${ocmw.kbo}/forms/${campaign.id}`;
    await call(base, rec, 'form page', form, { cookie, status: 200 });
    for (let s = 0; s < SAVES; s++) {
      const { body: edit } = await call(base, rec, 'edit page', `${form}/edit${campaign.part ? `?part=${campaign.part}` : ''}`, { cookie, status: 200 });
      const version = hidden(edit, 'version');
      const part = hidden(edit, 'part');
      if (version === undefined || (part ?? undefined) !== campaign.part) {
        rec.fail('edit page', `${campaign.measure}: version ${version}, part ${part} (expected ${campaign.part})`);
        throw new Unexpected('edit page');
      }
      const fields: Record<string, string> = { version, action: 'save' };
      if (part) fields.part = part;
      if (campaign.table) {
        fields[`t.${campaign.table}.rows`] = '1';
        for (const [key, value] of Object.entries(staff(YEAR, index * SAVES + s))) fields[`t.${campaign.table}.0.${key}`] = value;
      }
      const saved = await call(base, rec, 'save', form, { cookie, form: fields, status: 303, location: (l) => l === `${form}?m=saved` });
      await call(base, rec, 'form page', saved.res.headers.get('location') ?? form, { cookie, status: 200 });
    }
  }
}

/** A signer opens every form, reads its content hash and signs. The second signature submits. */
async function signAll(
  base: string,
  rec: Recorder,
  ocmw: CountryOcmw,
  personId: string,
  expect: 'signed' | 'submitted',
  campaigns: NationalCampaign[],
): Promise<void> {
  let cookie = await login(base, rec, personId, ocmw.kbo);
  await homepage(base, rec, cookie, ocmw.kbo, campaigns);
  let steppedUp = false;
  for (const campaign of campaigns) {
    const form = `/ocmw/${ocmw.kbo}/forms/${campaign.id}`;
    const { body } = await call(base, rec, 'form page', form, { cookie, status: 200 });
    const contentHash = hidden(body, 'contentHash');
    if (!contentHash) {
      rec.fail('form page', `${campaign.measure}: no contentHash to sign`);
      throw new Unexpected('form page');
    }
    if (!steppedUp) {
      // The first Ondertekenen asks the step-up (eID at the provider, valid 10 minutes in this OCMW), then again.
      const first = await call(base, rec, 'sign', `${form}/sign`, {
        cookie,
        form: { contentHash },
        status: 303,
        location: (l) => l.startsWith('/auth/step-up'),
      });
      cookie = await stepUp(base, rec, cookie, first.res.headers.get('location') ?? '', personId);
      steppedUp = true;
    }
    const signed = await call(base, rec, 'sign', `${form}/sign`, { cookie, form: { contentHash }, status: 303, location: (l) => l === `${form}?m=${expect}` });
    await call(base, rec, 'form page', signed.res.headers.get('location') ?? form, { cookie, status: 200 });
  }
}

/** POD MI follows the dashboard: one reload a second until `stop` says so. */
async function followDashboard(base: string, rec: Recorder, personId: string, stop: () => boolean): Promise<number> {
  const cookie = await login(base, rec, personId, null);
  let reloads = 0;
  const t0 = performance.now();
  while (!stop()) {
    try {
      await call(base, rec, 'dashboard', `/backoffice?year=${YEAR}`, { cookie, status: 200 });
    } catch (error) {
      if (!(error instanceof Unexpected)) throw error;
    }
    reloads++;
    const wait = t0 + reloads * 1000 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return reloads;
}

// ---------------------------------------------------------------- the run

async function ceiling(base: string, cookie: string) {
  const result = await autocannon({ url: `${base}/bench/ceiling`, connections: 10, pipelining: 1, duration: CEILING_S, headers: { cookie } });
  return { reqPerSec: round(result.requests.mean), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main() {
  if (KIND === 'postgres' && !(await postgresAvailable()))
    throw new Error('PostgreSQL not reachable (TEST_DATABASE_URL); BENCH_NATIONAL_DB=pglite runs on PGlite');
  const loadAtStart = os.loadavg().map((n) => round(n, 2));
  const t0 = performance.now();
  const { child, ready } = await startServer();
  const setupS = (performance.now() - t0) / 1000;
  const base = `http://127.0.0.1:${ready.port}`;
  const { ocmws, campaigns, podmiPersonId } = ready.national;
  console.log(`[${KIND}] server: ${SERVER.label}`);
  console.log(
    `[${KIND}] server pid ${ready.pid} on ${base}: ${ocmws.length} OCMWs created, ${campaigns.length} forms each (${campaigns.map((c) => c.measure).join(', ')}), ready in ${round(setupS)} s`,
  );
  const lines: string[] = [];
  let cleanup = '';
  try {
    const idleRss = rssMb(ready.pid);
    // The bare ceiling, on the same server, before the campaign.
    const probe = new Recorder();
    const probeCookie = await login(base, probe, ocmws[0].encoder, ocmws[0].kbo);
    const top = await ceiling(base, probeCookie);
    console.log(`[${KIND}] ceiling ${top.reqPerSec} req/s, p50 ${top.p50} ms, p99 ${top.p99} ms (autocannon, 10 connections, ${CEILING_S} s)`);

    const rec = new Recorder();
    const sampler = new RssSampler(ready.pid);
    sampler.start();
    const cpu0 = cpuMs(ready.pid);
    const pg0 = postgresCpu();
    const machine0 = machineCpu();
    const gen0 = process.cpuUsage();
    const start = performance.now();
    let done = false;
    const dashboard = followDashboard(base, rec, podmiPersonId, () => done);
    let next = 0;
    let completed = 0;
    let failed = 0;
    let stoppedEarly = false;
    const progress = setInterval(() => {
      const s = (performance.now() - start) / 1000;
      console.log(
        `[${KIND}] ${round(s, 0)} s: ${completed}/${ocmws.length} OCMWs submitted, ${rec.requests} requests (${round(rec.requests / s, 0)} req/s), errors ${rec.errors.length}, server RSS ${round(rssMb(ready.pid), 0)} MB`,
      );
    }, 15_000);
    await Promise.all(
      Array.from({ length: Math.min(VUS, ocmws.length) }, async () => {
        while (next < ocmws.length) {
          if ((performance.now() - start) / 1000 > MAX_S) {
            stoppedEarly = true;
            return;
          }
          const i = next++;
          const ocmw = ocmws[i];
          try {
            await fillIn(base, rec, ocmw, i, campaigns);
            await signAll(base, rec, ocmw, ocmw.chair, 'signed', campaigns);
            await signAll(base, rec, ocmw, ocmw.director, 'submitted', campaigns);
            completed++;
          } catch (error) {
            if (!(error instanceof Unexpected)) throw error;
            failed++;
          }
        }
      }),
    );
    const elapsedS = (performance.now() - start) / 1000;
    done = true;
    const reloads = await dashboard;
    clearInterval(progress);
    const cpuServerS = (cpuMs(ready.pid) - cpu0) / 1000;
    const pgS = postgresCpuDelta(pg0, postgresCpu()) / 1000;
    const machine1 = machineCpu();
    const machineBusy = (100 * (machine1.busy - machine0.busy)) / Math.max(1, machine1.total - machine0.total);
    const gen = process.cpuUsage(gen0);
    const rss = sampler.stop();
    const hwm = hwmMb(ready.pid);
    const state = (await (await fetch(`${base}/bench/national`)).json()) as { ocmws: number; formInstances: number; submitted: number; signatures: number };
    const expectedForms = ocmws.length * campaigns.length;
    const reqPerSec = rec.requests / elapsedS;

    lines.push(`## Deadline day — ${ocmws.length} OCMWs on ${KIND === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}`);
    lines.push('');
    lines.push(
      `${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load average at start ${loadAtStart.join(' / ')}. ` +
        'Load generator, server and database share these cores; anything else running on the machine lowers the figures.',
    );
    lines.push(
      `${VUS} virtual users (node fetch, keep-alive), ${SAVES} saves per form, ${campaigns.length} forms per OCMW (${campaigns.map((c) => c.measure).join(', ')}); ` +
        `POD MI reloads the dashboard every second; clock ${NOW}. Server setup (migrations, demo data, ${ocmws.length} OCMWs) ${round(setupS)} s. Server: ${SERVER.label}.`,
    );
    lines.push('');
    lines.push('| figure | value |');
    lines.push('|---|---|');
    lines.push(
      `| OCMWs completed (all forms submitted) | ${completed} of ${ocmws.length}${failed ? `, ${failed} failed` : ''}${stoppedEarly ? `, stopped after ${MAX_S} s` : ''} |`,
    );
    lines.push(`| submitted forms in the database | ${state.submitted} (expected ${expectedForms}) |`);
    lines.push(`| signatures in the database | ${state.signatures} (expected ${expectedForms * 2}) |`);
    lines.push(`| total time | ${round(elapsedS)} s |`);
    lines.push(`| requests | ${rec.requests} (${round(reqPerSec, 0)} req/s) |`);
    lines.push(`| errors (unexpected status, redirect or network error) | ${rec.errors.length} |`);
    lines.push(`| dashboard reloads | ${reloads} |`);
    lines.push(`| server RSS | idle ${round(idleRss, 0)} MB, mean ${round(rss.meanMb, 0)} MB, peak ${round(rss.peakMb, 0)} MB (VmHWM ${round(hwm, 0)} MB) |`);
    lines.push(
      `| CPU during the campaign (% of one core) | server ${round((100 * cpuServerS) / elapsedS, 0)} %, postgres ${round((100 * pgS) / elapsedS, 0)} % (all local backends), load generator ${round((100 * (gen.user + gen.system)) / 1e6 / elapsedS, 0)} %, machine busy ${round(machineBusy, 0)} % of 2 cores |`,
    );
    lines.push(
      `| ceiling route (autocannon, 10 connections, ${CEILING_S} s, before the campaign) | ${top.reqPerSec} req/s, p50 ${top.p50} ms, p99 ${top.p99} ms, non-2xx ${top.non2xx}, errors ${top.errors} |`,
    );
    lines.push(`| campaign req/s ÷ ceiling req/s | ${round(reqPerSec / Math.max(1, top.reqPerSec), 2)} |`);
    lines.push('');
    lines.push('| step | requests | p50 ms | p99 ms | max ms |');
    lines.push('|---|---|---|---|---|');
    for (const step of ['login', 'choose OCMW', 'homepage', 'form page', 'edit page', 'save', 'sign', 'dashboard']) {
      const list = rec.latencies.get(step) ?? [];
      if (list.length === 0) continue;
      lines.push(`| ${step} | ${list.length} | ${round(percentile(list, 50))} | ${round(percentile(list, 99))} | ${round(Math.max(...list))} |`);
    }
    if (rec.errors.length > 0) {
      lines.push('');
      lines.push('Errors (first 20):');
      for (const e of rec.errors.slice(0, 20)) lines.push(`- ${e.step}: ${e.detail}`);
    }
    const target = elapsedS < 600 && rec.errors.length === 0 && state.submitted === expectedForms && state.signatures === expectedForms * 2;
    const worstP99 = Math.max(...['login', 'form page', 'edit page', 'save', 'sign', 'dashboard'].map((s) => percentile(rec.latencies.get(s) ?? [0], 99)));
    lines.push('');
    lines.push(
      `Target (whole campaign < 10 min on PostgreSQL, p99 ≤ 200 ms per step, 0 errors): ${target && worstP99 <= 200 ? 'MET' : 'NOT MET'} — ${round(elapsedS)} s, worst step p99 ${round(worstP99)} ms, ${rec.errors.length} errors, ${state.submitted}/${expectedForms} submitted.`,
    );
  } finally {
    cleanup = await stopServer(child);
  }
  lines.push(`\n${cleanup}.`);
  const report = lines.join('\n');
  console.log(`\n${report}`);
  mkdirSync(`${ROOT}bench-results`, { recursive: true });
  const file = `${ROOT}bench-results/national-${KIND}${OCMWS > 0 ? `-${OCMWS}` : ''}${VUS === 24 ? '' : `-vus${VUS}`}.md`;
  writeFileSync(file, `${report}\n`);
  console.log(`\nWritten ${file}`);
}

await main();
