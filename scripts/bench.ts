/**
 * Load benchmark of the real app, PostgreSQL first, then PGlite (in memory). `npm run bench`.
 *
 * The server runs in a child process (scripts/bench/server.ts: the compiled build when build/main.js exists, else the
 * sources through tsx — scripts/bench/launch.ts — plus bench-only /bench/ceiling and /bench/stats routes); autocannon
 * runs here. Both share the same 2-core machine, so the numbers are loopback numbers with the load generator
 * competing for CPU. RSS and CPU are sampled for the server pid only.
 *
 * Fixed clock and own data (issue 11, item 12): the server's clock stands at NOW; the server opens the campaign probed
 * here (the Covid-19 premium, report year 2022, a one-field form) around that moment and creates SAVE_OCMWS extra
 * OCMWs with a medewerker each for the parallel saves. Nothing depends on today's date or on the demo calendar.
 * Every OCMW page is under /ocmw/{kbo} (ADR 0026): the login lands there through /choose-ocmw.
 *
 * Environment: BENCH_DURATION (s, default 8), BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS (default 10),
 * BENCH_DB ("postgres", "pglite" or "both"), BENCH_ONLY (comma-separated scenario names, for a partial run),
 * BENCH_SERVER (build | src, see launch.ts), BENCH_CPU_PROF=1 (the server writes a V8 CPU profile to
 * bench-results/profiles/ when it exits). Exits 1 only when a database's run failed (no figures); missed targets are
 * printed, not failed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonRequest, type Result } from 'autocannon';
import { postgresAvailable } from '../test/support/app.ts';
import { benchServerEntry } from './bench/launch.ts';
import type { CountryOcmw } from './bench/national-dataset.ts';
import { cpuMs, hwmMb, machineCpu, postgresCpu, postgresCpuDelta, rssMb, schedWaitMs } from './bench/proc.ts';
import type { QueryStats } from './bench/stats.ts';
import { CookieJar, throughProvider } from './bench/oidc-login.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DBS = (process.env.BENCH_DB ?? 'both') === 'both' ? (['postgres', 'pglite'] as const) : ([process.env.BENCH_DB] as Array<'postgres' | 'pglite'>);
const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((n) => n.trim())
  .filter(Boolean);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
const COOKIE_NAME = '__Host-uv_session';
const AMOUNT = '1.234,50';
/** The server's fixed clock (the tests' FakeClock default). */
const NOW = '2026-11-23T10:00:00Z';
/** The form every page scenario reads and the saves write: opened by the server around NOW. */
const PROBE = { measure: 'COVID_PREMIE', reportYear: 2022 };
/** Connections (one OCMW each, its own form and version counter) of the parallel-save scenario. */
const SAVE_OCMWS = 4;
const SERVER = benchServerEntry();

type Kind = 'postgres' | 'pglite';

interface Ready {
  type: 'ready';
  kind: Kind;
  port: number;
  pid: number;
  schema?: string;
  now: string;
  probe: { personId: string; kbo: string; campaignId: string; savers: CountryOcmw[] };
}

interface ScenarioResult {
  scenario: string;
  method: string;
  path: string;
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  expectedStatus: number;
  successes: number;
  nonSuccess: number;
  conflicts: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  queriesPerRequest: number;
  dbWallMsPerRequest: number;
  queryMixPerRequest: Record<string, number>;
  queryWallMsPerRequestByKind: Record<string, number>;
  serverCpuPercent: number;
  serverCpuMsPerRequest: number;
  /** time the server's threads were runnable but not running (all threads summed), % of wall time */
  serverRunQueueWaitPercent: number;
  postgresCpuPercent: number;
  loadGeneratorCpuPercent: number;
  /** busy share of all cores (100 = both cores busy) */
  machineCpuPercent: number;
  peakRssMb: number;
  notes: string[];
}

// ---------------------------------------------------------------- process sampling: scripts/bench/proc.ts

class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly pid: number) {}
  start(): void {
    this.peak = rssMb(this.pid);
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, rssMb(this.pid));
    }, 200);
    // a scenario that fails must not keep the process alive
    this.timer.unref();
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, rssMb(this.pid));
    return this.peak;
  }
}

// ---------------------------------------------------------------- server child

function startServer(kind: Kind): Promise<{ child: ChildProcess; ready: Ready }> {
  const options = { now: NOW, probe: { ...PROBE, saveOcmws: SAVE_OCMWS } };
  const child = fork(SERVER.file, [kind, JSON.stringify(options)], {
    cwd: ROOT,
    execArgv: [...SERVER.execArgv, ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${ROOT}bench-results/profiles`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited early with code ${code}`));
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

function stopServer(child: ChildProcess): Promise<{ schema?: string; error?: string }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ error: 'server did not close within 20 s (killed)' });
    }, 20_000);
    child.on('message', (message: unknown) => {
      const m = message as { type?: string; schema?: string; error?: string };
      if (m.type === 'closed') {
        clearTimeout(timer);
        child.once('exit', () => resolve(m));
        if (child.exitCode !== null) resolve(m);
      }
    });
    child.send('close');
  });
}

// ---------------------------------------------------------------- HTTP helpers (login, first save)

async function request(base: string, path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  return fetch(base + path, { ...init, headers, redirect: 'manual' });
}

function formPost(body: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams(body).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  };
}

function hiddenVersion(html: string): number {
  const match = /name="version" value="(\d+)"/.exec(html);
  if (!match) throw new Error('No hidden version field in the page');
  return Number(match[1]);
}

/**
 * Login of a person who works for one OCMW, through the embedded demo provider (scripts/bench/oidc-login.ts):
 * /choose-ocmw binds it and answers 303 to /ocmw/{kbo} (ADR 0026).
 */
async function login(base: string, personId: string, kbo: string): Promise<string> {
  const jar = new CookieJar();
  const res = await throughProvider(base, jar, { method: 'POST', path: '/auth/login' }, personId);
  if (res.status !== 303) throw new Error(`login: expected 303 from the callback, got ${res.status}`);
  const cookie = jar.only(COOKIE_NAME);
  if (!cookie) throw new Error('login: no session cookie');
  const choose = await request(base, '/choose-ocmw', { cookie });
  if (choose.status !== 303 || choose.headers.get('location') !== `/ocmw/${kbo}`)
    throw new Error(`choose-ocmw: got ${choose.status} → ${choose.headers.get('location')} (expected /ocmw/${kbo})`);
  const home = await request(base, `/ocmw/${kbo}`, { cookie });
  if (home.status !== 200) throw new Error(`homepage after login: ${home.status}`);
  await home.text();
  return cookie;
}

/** The stored version of a form, from its edit page. `form` is the form's address, /ocmw/{kbo}/forms/{campaignId}. */
async function currentVersion(base: string, cookie: string, form: string): Promise<number> {
  const edit = await request(base, `${form}/edit`, { cookie });
  if (edit.status !== 200) throw new Error(`edit page ${form}/edit: ${edit.status}`);
  return hiddenVersion(await edit.text());
}

function saveBody(version: number): string {
  return new URLSearchParams({ version: String(version), 'f.justifiedTotal': AMOUNT, action: 'save' }).toString();
}

/** Saves a form once (so the pages show a figure) and returns its stored version. */
async function saveOnce(base: string, cookie: string, form: string): Promise<number> {
  const version = await currentVersion(base, cookie, form);
  const res = await request(base, form, { ...formPost({ version: String(version), 'f.justifiedTotal': AMOUNT, action: 'save' }), cookie });
  const location = res.headers.get('location');
  if (res.status !== 303 || location !== `${form}?m=saved`) throw new Error(`first save of ${form}: ${res.status} → ${location}`);
  return currentVersion(base, cookie, form);
}

async function queryStats(base: string): Promise<QueryStats> {
  const res = await request(base, '/bench/stats');
  return (await res.json()) as QueryStats;
}

/** Lets a request autocannon wrote just before it stopped reach the server (it is then seen as in flight). */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}

/** Waits until the server has finished every request (autocannon stops without waiting for in-flight ones). */
async function idleStats(base: string): Promise<QueryStats> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const stats = await queryStats(base);
    if (stats.inFlight === 0 || Date.now() > deadline) return stats;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---------------------------------------------------------------- scenarios

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  withCookie: boolean;
  expectStatus: number;
  /** Checks one response before the load, so a scenario never measures a redirect to /login by mistake. */
  probe: (res: Response, body: string) => string | null;
  warmup?: number;
  duration?: number;
  /** a save scenario: one form per connection, each with its own session and version counter */
  saves?: SaveSlot[];
}

/** The address of An Peeters's homepage and of the probed form, and the forms the save scenarios write. */
interface Targets {
  home: string;
  form: string;
  /** An's form (the single-connection save) */
  own: SaveSlot;
  /** one form of each extra OCMW (the parallel save) */
  parallel: SaveSlot[];
}

function scenarios(x: Targets): Scenario[] {
  const html = (marker: RegExp) => (res: Response, body: string) =>
    res.status !== 200 ? `status ${res.status}` : !marker.test(body) ? `marker ${marker} not found` : null;
  const pdf = (res: Response, body: string) => (res.status !== 200 ? `status ${res.status}` : !body.startsWith('%PDF-') ? 'not a PDF' : null);
  return [
    {
      name: 'health (no session, floor)',
      method: 'GET',
      path: '/health',
      connections: CONNECTIONS,
      withCookie: false,
      expectStatus: 200,
      probe: html(/"ok":true/),
      warmup: 1,
      duration: Math.min(DURATION, 4),
    },
    { name: 'ceiling', method: 'GET', path: '/bench/ceiling', connections: CONNECTIONS, withCookie: true, expectStatus: 200, probe: html(/"ok":true/) },
    // The homepage of the probed form's report year links the form the server opened (its own data, not the calendar).
    {
      name: 'homepage',
      method: 'GET',
      path: `${x.home}?year=${PROBE.reportYear}`,
      connections: CONNECTIONS,
      withCookie: true,
      expectStatus: 200,
      probe: html(new RegExp(`href="${x.form}"`)),
    },
    { name: 'form page', method: 'GET', path: x.form, connections: CONNECTIONS, withCookie: true, expectStatus: 200, probe: html(/1\.234,50/) },
    { name: 'save', method: 'POST', path: x.form, connections: 1, withCookie: true, expectStatus: 303, probe: () => null, saves: [x.own] },
    {
      name: `save (${x.parallel.length} conns)`,
      method: 'POST',
      path: `/ocmw/{kbo}/forms/${x.form.split('/').pop()}`,
      connections: x.parallel.length,
      withCookie: true,
      expectStatus: 303,
      probe: () => null,
      saves: x.parallel,
    },
    { name: 'pdf', method: 'GET', path: `${x.form}/pdf`, connections: CONNECTIONS, withCookie: true, expectStatus: 200, probe: pdf },
    {
      name: 'pdf (1 conn)',
      method: 'GET',
      path: `${x.form}/pdf`,
      connections: 1,
      withCookie: true,
      expectStatus: 200,
      probe: pdf,
      warmup: 1,
      duration: Math.min(DURATION, 5),
    },
  ];
}

/**
 * One form saved by one connection: compare-and-set on the version, the counter follows each response, so every
 * save is a real save (a 409 conflict is counted as a failure). Connections never share a form.
 */
class SaveSlot {
  version = 0;
  saved = 0;
  conflicts = 0;
  otherRedirects: Record<string, number> = {};
  constructor(
    /** /ocmw/{kbo}/forms/{campaignId} */
    readonly form: string,
    readonly cookie: string,
  ) {}
  reset(): void {
    this.saved = 0;
    this.conflicts = 0;
    this.otherRedirects = {};
  }
  request(headers: Record<string, string>): AutocannonRequest {
    return {
      method: 'POST',
      path: this.form,
      headers: { ...headers, cookie: this.cookie },
      setupRequest: (req) => ({ ...req, body: saveBody(this.version) }),
      onResponse: (status, body, _context, responseHeaders) => {
        if (status === 303) {
          const location = String(responseHeaders.location ?? responseHeaders.Location ?? '');
          if (location === `${this.form}?m=saved`) {
            this.saved++;
            this.version++;
          } else {
            this.otherRedirects[location] = (this.otherRedirects[location] ?? 0) + 1;
          }
        } else if (status === 409) {
          // The conflict page carries the current version: resynchronise, but count it as a failure.
          this.conflicts++;
          const match = /name="version" value="(\d+)"/.exec(body);
          if (match) this.version = Number(match[1]);
        }
      },
    };
  }
}

async function runScenario(base: string, pid: number, cookie: string, scenario: Scenario): Promise<ScenarioResult> {
  const notes: string[] = [];
  const headers: Record<string, string> = { 'user-agent': 'uv-bench' };
  if (scenario.withCookie) headers.cookie = cookie;
  if (scenario.method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['sec-fetch-site'] = 'same-origin';
  }
  const slots = scenario.saves;
  if (slots && slots.length !== scenario.connections) throw new Error(`${scenario.name}: ${slots.length} forms for ${scenario.connections} connections`);
  if (!slots) {
    const res = await request(base, scenario.path, { headers });
    const problem = scenario.probe(res, await res.text());
    if (problem) throw new Error(`${scenario.name}: probe failed: ${problem}`);
  }
  let nextSlot = 0;
  const options = (duration: number) => {
    nextSlot = 0;
    return {
      url: base,
      connections: scenario.connections,
      pipelining: 1,
      duration,
      timeout: 10,
      requests: slots ? [slots[0].request(headers)] : [{ method: scenario.method, path: scenario.path, headers }],
      // Each connection (autocannon client) takes its own form, session and version counter.
      ...(slots
        ? {
            setupClient: (client: { setRequests(requests: AutocannonRequest[]): void }) =>
              client.setRequests([slots[nextSlot++ % slots.length].request(headers)]),
          }
        : {}),
    };
  };

  const sampler = new RssSampler(pid);
  sampler.start();
  const warmup = scenario.warmup ?? WARMUP;
  if (warmup > 0) await autocannon(options(warmup));
  await settle();
  await idleStats(base);
  if (slots) {
    // A save in flight when the warm-up stopped still bumped the version: start from the stored one.
    for (const slot of slots) {
      slot.version = await currentVersion(base, slot.cookie, slot.form);
      slot.reset();
    }
  }
  const before = await idleStats(base);
  const cpu0 = cpuMs(pid);
  const machine0 = machineCpu();
  const pg0 = postgresCpu();
  const gen0 = process.cpuUsage();
  const wait0 = schedWaitMs(pid);
  const t0 = performance.now();
  const result: Result = await autocannon(options(scenario.duration ?? DURATION));
  await settle();
  const after = await idleStats(base);
  // CPU until the server finished the last request, abandoned ones included (same window as the query counts).
  const elapsedMs = performance.now() - t0;
  const cpu1 = cpuMs(pid);
  const machine1 = machineCpu();
  const pg1 = postgresCpu();
  const gen1 = process.cpuUsage(gen0);
  const wait1 = schedWaitMs(pid);
  const peakRssMb = sampler.stop();

  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, v]) => [code, v.count]));
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  let successes = statusCodes[String(scenario.expectStatus)] ?? 0;
  let conflicts = 0;
  if (slots) {
    successes = slots.reduce((n, slot) => n + slot.saved, 0);
    conflicts = slots.reduce((n, slot) => n + slot.conflicts, 0);
    for (const slot of slots) {
      if (Object.keys(slot.otherRedirects).length > 0) notes.push(`${slot.form}: redirects that are not a save: ${JSON.stringify(slot.otherRedirects)}`);
      const stored = await currentVersion(base, slot.cookie, slot.form);
      const unread = stored - slot.version;
      notes.push(
        unread === 0
          ? `${slot.form}: version check OK, stored version ${stored} = client counter (${slot.saved} saves)`
          : unread > 0 && unread <= 1
            ? `${slot.form}: version check OK, stored version ${stored} = client counter + ${unread} save the server finished after autocannon stopped reading (not counted)`
            : `${slot.form}: version check MISMATCH, stored ${stored}, client counter ${slot.version}`,
      );
    }
  }
  // Per request the server finished in the measured window (includes requests abandoned by autocannon at stop).
  const serverRequests = after.completed - before.completed;
  if (serverRequests !== responses) notes.push(`server finished ${serverRequests} requests, autocannon read ${responses} responses`);
  const divisor = Math.max(1, serverRequests);
  const queryMix: Record<string, number> = {};
  for (const [key, n] of Object.entries(after.byKind)) {
    const delta = n - (before.byKind[key] ?? 0);
    if (delta > 0) queryMix[key] = Math.round((delta / divisor) * 100) / 100;
  }
  const queryWallMix: Record<string, number> = {};
  for (const [key, ms] of Object.entries(after.wallMsByKind)) {
    const delta = ms - (before.wallMsByKind[key] ?? 0);
    if (delta > 0) queryWallMix[key] = round(delta / divisor);
  }
  const machineDelta = machine1.total - machine0.total;
  return {
    scenario: scenario.name,
    method: scenario.method,
    path: scenario.path,
    connections: scenario.connections,
    durationS: result.duration,
    requests: responses,
    reqPerSec: round(result.requests.mean),
    latencyMeanMs: round(result.latency.mean),
    latencyP50Ms: round(result.latency.p50),
    latencyP99Ms: round(result.latency.p99),
    latencyMaxMs: round(result.latency.max),
    expectedStatus: scenario.expectStatus,
    successes,
    nonSuccess: responses - successes,
    conflicts,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    queriesPerRequest: round((after.count - before.count) / divisor),
    dbWallMsPerRequest: round((after.wallMs - before.wallMs) / divisor),
    queryMixPerRequest: queryMix,
    queryWallMsPerRequestByKind: queryWallMix,
    serverCpuPercent: Math.round(((cpu1 - cpu0) / elapsedMs) * 100),
    serverCpuMsPerRequest: round((cpu1 - cpu0) / divisor),
    serverRunQueueWaitPercent: Math.round(((wait1 - wait0) / elapsedMs) * 100),
    postgresCpuPercent: Math.round((postgresCpuDelta(pg0, pg1) / elapsedMs) * 100),
    loadGeneratorCpuPercent: Math.round(((gen1.user + gen1.system) / 1000 / elapsedMs) * 100),
    machineCpuPercent: machineDelta > 0 ? Math.round(((machine1.busy - machine0.busy) / machineDelta) * 100) : 0,
    peakRssMb: round(peakRssMb),
    notes,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------- report

interface DbReport {
  kind: Kind;
  loadAvg: number[];
  schema?: string;
  idleRssMb: number;
  peakRssMb: number;
  /** peak server RSS during the form-page scenario (issue 11's memory figure) */
  formPageRssMb: number;
  vmHwmMb: number;
  memoryAtEnd?: Record<string, number>;
  formToCeiling: number;
  scenarios: ScenarioResult[];
  targets: Array<{ target: string; value: string; pass: boolean }>;
  cleanup?: string;
  error?: string;
}

function table(report: DbReport): string {
  const lines = [
    '| scenario | conns | req/s | p50 ms | p99 ms | mean ms | non-success | conflicts (409) | errors/timeouts | queries/req | query wall ms/req | CPU % server (ms/req) / postgres / autocannon | server run-queue wait % | machine busy % | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of report.scenarios) {
    lines.push(
      `| ${s.scenario} | ${s.connections} | ${s.reqPerSec} | ${s.latencyP50Ms} | ${s.latencyP99Ms} | ${s.latencyMeanMs} | ${s.nonSuccess} | ${s.conflicts} | ${s.errors}/${s.timeouts} | ${s.queriesPerRequest} | ${s.dbWallMsPerRequest} | ${s.serverCpuPercent} (${s.serverCpuMsPerRequest}) / ${s.postgresCpuPercent} / ${s.loadGeneratorCpuPercent} | ${s.serverRunQueueWaitPercent} | ${s.machineCpuPercent} | ${s.peakRssMb} |`,
    );
  }
  return lines.join('\n');
}

/** Issue 11's figures first (same run, this machine), then the earlier targets of the load benchmark. */
function evaluateTargets(report: DbReport): DbReport['targets'] {
  const by = (name: string) => report.scenarios.find((s) => s.scenario === name);
  const targets: DbReport['targets'] = [];
  const form = by('form page');
  const rssLimit = report.kind === 'postgres' ? 200 : 600;
  if (form)
    targets.push({
      target: `server RSS under the form-page load ≤ ${rssLimit} MB (peak VmRSS, sampled every 200 ms)`,
      value: `${report.formPageRssMb} MB`,
      pass: report.formPageRssMb <= rssLimit,
    });
  if (form && by('ceiling'))
    targets.push({ target: 'form page ≥ 0.6 × ceiling (same run)', value: String(report.formToCeiling), pass: report.formToCeiling >= 0.6 });
  const parallel = report.scenarios.find((s) => s.scenario.startsWith('save (') && s.connections > 1);
  if (parallel) {
    const perS = round(parallel.successes / parallel.durationS);
    targets.push({ target: `save ≥ 400/s at ${parallel.connections} connections (successful saves only)`, value: `${perS} saves/s`, pass: perS >= 400 });
  }
  if (form) {
    targets.push({
      target: `form page ≥ 2000 req/s (earlier target${report.kind === 'postgres' ? '' : ', stated for PostgreSQL'})`,
      value: `${form.reqPerSec} req/s`,
      pass: form.reqPerSec >= 2000,
    });
    targets.push({ target: 'form page p99 ≤ 50 ms', value: `${form.latencyP99Ms} ms`, pass: form.latencyP99Ms <= 50 });
  }
  for (const name of ['pdf', 'pdf (1 conn)']) {
    const pdf = by(name);
    if (pdf) {
      targets.push({ target: `${name}: mean ≤ 100 ms`, value: `${pdf.latencyMeanMs} ms`, pass: pdf.latencyMeanMs <= 100 });
      targets.push({ target: `${name}: p99 ≤ 100 ms`, value: `${pdf.latencyP99Ms} ms`, pass: pdf.latencyP99Ms <= 100 });
    }
  }
  return targets;
}

function printReport(report: DbReport): void {
  console.log(`\n### ${report.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}${report.schema ? ` — schema ${report.schema}` : ''}\n`);
  if (report.error) console.log(`ERROR: ${report.error}\n`);
  console.log(`Load average when this database's run started: ${report.loadAvg.join(' / ')} (2 cores; other jobs share the machine)\n`);
  console.log(table(report));
  console.log(
    '\nreq/s = autocannon mean of per-second samples; non-success = responses other than the expected status (200, or for save a 303 to ?m=saved), conflicts included;',
  );
  console.log(
    'queries/req, query wall ms/req (Kysely start→result, so it includes pool and event-loop waiting) and CPU ms/req are per request the server finished.',
  );
  console.log(
    'CPU % is of one core (2 cores = 200 %); postgres = every local postgres process (other users of the server included); machine busy % = all cores, all processes;',
  );
  console.log('server run-queue wait % = time the server was ready to run but waited for a CPU (CPU starvation by other processes on this machine).');
  console.log(`\nform page / ceiling throughput: ${report.formToCeiling}`);
  console.log(
    `server RSS: idle after start ${report.idleRssMb} MB, peak under the form-page load ${report.formPageRssMb} MB, peak over all scenarios ${report.peakRssMb} MB (kernel VmHWM ${report.vmHwmMb} MB)`,
  );
  if (report.memoryAtEnd) {
    const m = report.memoryAtEnd;
    console.log(
      `server memory at the end (MB): rss ${m.rss}, V8 heap used ${m.heapUsed} of ${m.heapTotal}, external ${m.external} (of which ArrayBuffers ${m.arrayBuffers})`,
    );
  }
  console.log('\nQuery mix per request (statements through Kysely; BEGIN/COMMIT not counted):');
  for (const s of report.scenarios) {
    const mix = Object.entries(s.queryMixPerRequest)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ×${v} (${s.queryWallMsPerRequestByKind[k] ?? 0} ms)`)
      .join(', ');
    console.log(`- ${s.scenario}: ${s.queriesPerRequest} queries/req${mix ? ` — ${mix}` : ''}`);
    for (const note of s.notes) console.log(`  - ${note}`);
    const codes = JSON.stringify(s.statusCodes);
    if (s.nonSuccess > 0 || s.errors > 0) console.log(`  - status codes ${codes}, errors ${s.errors}, timeouts ${s.timeouts}`);
  }
  console.log('\nTargets:');
  for (const t of report.targets) console.log(`- ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.value}`);
  if (report.cleanup) console.log(`\n${report.cleanup}`);
}

// ---------------------------------------------------------------- main

async function benchDatabase(kind: Kind): Promise<DbReport> {
  const report: DbReport = {
    kind,
    loadAvg: os.loadavg().map(round),
    idleRssMb: 0,
    peakRssMb: 0,
    formPageRssMb: 0,
    vmHwmMb: 0,
    formToCeiling: 0,
    scenarios: [],
    targets: [],
  };
  const started = performance.now();
  const { child, ready } = await startServer(kind);
  report.schema = ready.schema;
  try {
    const base = `http://127.0.0.1:${ready.port}`;
    console.log(`[${kind}] server pid ${ready.pid} on ${base} (started in ${Math.round(performance.now() - started)} ms)`);
    const { probe } = ready;
    const formOf = (kbo: string) => `/ocmw/${kbo}/forms/${probe.campaignId}`;
    const cookie = await login(base, probe.personId, probe.kbo);
    const own = new SaveSlot(formOf(probe.kbo), cookie);
    own.version = await saveOnce(base, cookie, own.form);
    const parallel: SaveSlot[] = [];
    for (const ocmw of probe.savers) {
      const slot = new SaveSlot(formOf(ocmw.kbo), await login(base, ocmw.encoder, ocmw.kbo));
      slot.version = await saveOnce(base, slot.cookie, slot.form);
      parallel.push(slot);
    }
    console.log(
      `[${kind}] clock ${ready.now}; logged in as An Peeters (OCMW Demostad, /ocmw/${probe.kbo}), ${PROBE.measure} ${PROBE.reportYear} opened by the server and saved; ${parallel.length} more OCMWs for the parallel saves`,
    );
    report.idleRssMb = round(rssMb(ready.pid));
    for (const scenario of scenarios({ home: `/ocmw/${probe.kbo}`, form: own.form, own, parallel }).filter((s) => ONLY.length === 0 || ONLY.includes(s.name))) {
      const result = await runScenario(base, ready.pid, cookie, scenario);
      report.scenarios.push(result);
      console.log(
        `[${kind}] ${result.scenario.padEnd(26)} ${String(result.reqPerSec).padStart(8)} req/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms  mean ${result.latencyMeanMs} ms  non-success ${result.nonSuccess}  conflicts ${result.conflicts}  errors/timeouts ${result.errors}/${result.timeouts}  RSS ${result.peakRssMb} MB`,
      );
    }
    report.vmHwmMb = round(hwmMb(ready.pid));
    const memory = (await queryStats(base)).memory;
    if (memory) report.memoryAtEnd = Object.fromEntries(Object.entries(memory).map(([k, v]) => [k, round(v / 1048576)]));
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
  } finally {
    const closed = await stopServer(child);
    report.cleanup = closed.error ? `cleanup problem: ${closed.error}` : `server closed${closed.schema ? `, schema ${closed.schema} dropped` : ''}`;
  }
  report.peakRssMb = round(Math.max(0, ...report.scenarios.map((s) => s.peakRssMb)));
  report.formPageRssMb = report.scenarios.find((s) => s.scenario === 'form page')?.peakRssMb ?? 0;
  const form = report.scenarios.find((s) => s.scenario === 'form page');
  const ceiling = report.scenarios.find((s) => s.scenario === 'ceiling');
  report.formToCeiling = form && ceiling && ceiling.reqPerSec > 0 ? round(form.reqPerSec / ceiling.reqPerSec) : 0;
  report.targets = evaluateTargets(report);
  return report;
}

const cpus = os.cpus();
const machine = {
  cpus: cpus.length,
  model: cpus[0]?.model ?? 'unknown',
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  totalMemMb: Math.round(os.totalmem() / 1048576),
  node: process.version,
  loadAvgAtStart: os.loadavg().map((n) => round(n)),
};
const t0 = performance.now();
console.log('# Uniek Verslag — load benchmark\n');
console.log(
  `Machine: ${machine.cpus} × ${machine.model}, ${machine.os}, ${machine.totalMemMb} MB RAM, Node ${machine.node}, load average ${machine.loadAvgAtStart.join(' / ')}`,
);
console.log(
  `Setup: autocannon over loopback, ${WARMUP} s warm-up + ${DURATION} s per scenario, ${CONNECTIONS} connections, pipelining 1 (save and "pdf (1 conn)": 1 connection).`,
);
console.log('The server runs in a child process (scripts/bench/server.ts); RSS and CPU are sampled from /proc/<pid> of that process only.');
console.log('Load generator, server and PostgreSQL share the same machine: throughput is bounded by that, not by the app alone.');
console.log(`Server: ${SERVER.label}.`);
console.log(
  `The app runs on a fixed clock (${NOW}; no session touches) with the demo data; the server opens the probed form (${PROBE.measure} ${PROBE.reportYear}) around that moment and adds ${SAVE_OCMWS} OCMWs for the parallel saves.\n`,
);

const reports: DbReport[] = [];
for (const kind of DBS) {
  if (kind === 'postgres' && !(await postgresAvailable())) {
    console.log('[postgres] not reachable (TEST_DATABASE_URL): skipped');
    continue;
  }
  reports.push(await benchDatabase(kind));
}

console.log('\n## Results');
for (const report of reports) printReport(report);
const totalS = Math.round((performance.now() - t0) / 1000);
console.log(`\nLoad generator (this process) peak RSS ${round(process.memoryUsage().rss / 1048576)} MB. Total run ${totalS} s.`);

mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
const out = new URL('../bench-results/latest.json', import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), machine, server: SERVER.label, clock: NOW, settings: { durationS: DURATION, warmupS: WARMUP, connections: CONNECTIONS }, totalS, reports }, null, 2)}\n`,
);
console.log(`Written ${fileURLToPath(out)}`);
// The figures are produced unless a database's run failed; a missed target is a figure, not a failure.
if (reports.some((r) => r.error)) process.exitCode = 1;
