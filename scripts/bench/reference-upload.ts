/**
 * Hostile reference workbooks (issue 11, item 2): the beheerder uploads 9.9 MB workbooks built to hurt the
 * reader while another user keeps loading a page. Measures the server's memory growth (resident set from
 * /proc, heap + array buffers sampled inside the server) while each upload is processed, and the p50/p99 of
 * the concurrent requests against the same requests on an idle server. Target: growth ≤ 64 MB, p99 ≤ 100 ms.
 *
 * The server is a child process (this file with the argument `server`) so that its memory is measured alone:
 * buildTestApp on an in-memory PGlite with the demo seed, its FakeClock fixed at FIXED_NOW. Its own data: the
 * GAS_ELEK campaign of 2026 is set open around the fixed clock by this script (nothing depends on today's date
 * or on which demo campaigns happen to be open), An Peeters loads her form page of it, Marc Lefèvre uploads.
 *
 *   tsx scripts/bench/reference-upload.ts      BENCH_REF_ROUNDS (uploads per kind, default 3)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type HostileReferenceKind, hostileReferenceWorkbook } from '../../test/support/hostile-workbooks.ts';
import { rssMb } from './proc.ts';
import { percentile } from './timing.ts';

const FIXED_NOW = '2026-11-23T10:00:00Z';
const ROUNDS = Number(process.env.BENCH_REF_ROUNDS ?? 3);
const KINDS: HostileReferenceKind[] = ['inline-text', 'wide-rows', 'shared-strings', 'bomb', 'many-lines'];
const TARGET_MB = 64;
const TARGET_P99_MS = 100;

interface Ready {
  type: 'ready';
  port: number;
  campaignId: string;
  marcCookie: string;
  probePath: string;
  probeCookie: string;
}
interface Peak {
  type: 'peak';
  heapMb: number;
  rssMb: number;
}

// ------------------------------------------------------------------------------------------------ server

async function server(): Promise<void> {
  const { buildTestApp } = await import('../../test/support/app.ts');
  const { loginAs, organisationId } = await import('../../test/support/http.ts');
  const t = await buildTestApp({}, 'pglite', { now: FIXED_NOW });
  const campaign = await t.db.selectFrom('campaigns').select('id').where('measure', '=', 'GAS_ELEK').where('report_year', '=', 2026).executeTakeFirstOrThrow();
  const now = Date.parse(FIXED_NOW);
  await t.db
    .updateTable('campaigns')
    .set({ status: 'OPEN', opens_at: new Date(now - 30 * 86_400_000), closes_at: new Date(now + 60 * 86_400_000) })
    .where('id', '=', campaign.id)
    .execute();
  const cookie = (c: { cookies: Map<string, string> }) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
  const an = await loginAs(t.app, t.db, 'An Peeters');
  // The form page's address: the OCMW in the URL (issue 11, item 1) or, before that change, the campaign alone.
  const kbo = (
    await t.db
      .selectFrom('organisations')
      .select('kbo')
      .where('id', '=', await organisationId(t.db, 'OCMW Demostad'))
      .executeTakeFirstOrThrow()
  ).kbo;
  const candidates = [`/ocmw/${kbo.replace(/\D/g, '')}/forms/${campaign.id}`, `/ocmw/${kbo}/forms/${campaign.id}`, `/forms/${campaign.id}`];
  let probePath = '/login';
  let probeCookie = '';
  for (const path of candidates) {
    if ((await an.get(path)).statusCode === 200) {
      probePath = path;
      probeCookie = cookie(an);
      break;
    }
  }
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  // Peak heap + array buffers and resident set, sampled every millisecond between 'reset' and 'report'.
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss);
  };
  setInterval(sample, 1).unref();
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'reset') {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      peakHeap = m.heapUsed + m.arrayBuffers;
      peakRss = m.rss;
      process.send?.({ type: 'reset', heapMb: peakHeap / 1048576, rssMb: peakRss / 1048576 });
    } else if (message.type === 'report') {
      sample();
      process.send?.({ type: 'peak', heapMb: peakHeap / 1048576, rssMb: peakRss / 1048576 } satisfies Peak);
    } else if (message.type === 'close') {
      await t.close();
      process.exit(0);
    }
  });
  process.send?.({ type: 'ready', port, campaignId: campaign.id, marcCookie: cookie(marc), probePath, probeCookie } satisfies Ready);
}

// ------------------------------------------------------------------------------------------------ parent

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server exited (${code})`));
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function upload(base: string, ready: Ready, name: string, bytes: Buffer): Promise<{ status: number; ms: number; message: string }> {
  const form = new FormData();
  form.append('campaignId', ready.campaignId);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const started = performance.now();
  const res = await fetch(`${base}/backoffice/reference-data`, { method: 'POST', body: form, headers: { cookie: ready.marcCookie }, redirect: 'manual' });
  const body = await res.text();
  const message =
    /<p id="refdata-file-error" class="field__error">([^<]*)<\/p>/.exec(body)?.[1] ??
    (res.status === 303 ? `staged (${res.headers.get('location')})` : body.slice(0, 120));
  return { status: res.status, ms: performance.now() - started, message };
}

/** Loads the probe page one request after another until `done` resolves; every latency in ms. */
async function probeWhile(base: string, ready: Ready, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  const finish = () => {
    finished = true;
  };
  done.then(finish, finish);
  const times: number[] = [];
  while (!finished) {
    const started = performance.now();
    const res = await fetch(`${base}${ready.probePath}`, { headers: ready.probeCookie ? { cookie: ready.probeCookie } : {} });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`probe ${ready.probePath}: HTTP ${res.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['server'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await next<Ready>(child, 'ready');
  const base = `http://127.0.0.1:${ready.port}`;
  const lines: string[] = [];
  const results: Array<Record<string, unknown>> = [];
  let worstGrowth = 0;
  let worstP99 = 0;
  try {
    lines.push(
      `Server pid ${child.pid}, clock ${FIXED_NOW}, probe GET ${ready.probePath}${ready.probePath === '/login' ? ' (no form page found at either URL shape)' : ' (An Peeters, her form page)'}`,
    );
    // warm-up, then the idle latency of the probe
    for (let i = 0; i < 20; i++)
      await (await fetch(`${base}${ready.probePath}`, { headers: ready.probeCookie ? { cookie: ready.probeCookie } : {} })).arrayBuffer();
    const idle = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await (await fetch(`${base}${ready.probePath}`, { headers: ready.probeCookie ? { cookie: ready.probeCookie } : {} })).arrayBuffer();
      idle.push(performance.now() - started);
    }
    lines.push(`Probe on an idle server: p50 ${round(percentile(idle, 50))} ms, p99 ${round(percentile(idle, 99))} ms (${idle.length} requests)`);

    for (const kind of KINDS) {
      const file = await hostileReferenceWorkbook(kind);
      const growths: number[] = [];
      const heapGrowths: number[] = [];
      const probes: number[] = [];
      let last = { status: 0, ms: 0, message: '' };
      for (let r = 0; r < ROUNDS; r++) {
        child.send({ type: 'reset' });
        const before = await next<{ heapMb: number; rssMb: number }>(child, 'reset');
        const rssBefore = rssMb(child.pid as number);
        let peakRss = rssBefore;
        const sampler = setInterval(() => {
          peakRss = Math.max(peakRss, rssMb(child.pid as number));
        }, 2);
        const work = upload(base, ready, `${kind}.xlsx`, file);
        const times = await probeWhile(base, ready, work);
        last = await work;
        clearInterval(sampler);
        child.send({ type: 'report' });
        const peak = await next<Peak>(child, 'peak');
        growths.push(Math.max(peakRss - rssBefore, peak.rssMb - before.rssMb));
        heapGrowths.push(peak.heapMb - before.heapMb);
        probes.push(...times);
      }
      const growth = Math.max(...growths);
      const heap = Math.max(...heapGrowths);
      const p99 = probes.length ? percentile(probes, 99) : 0;
      worstGrowth = Math.max(worstGrowth, growth, heap);
      worstP99 = Math.max(worstP99, p99);
      results.push({
        kind,
        fileMb: round(file.length / 1048576),
        status: last.status,
        uploadMs: round(last.ms),
        rssGrowthMb: round(growth),
        heapGrowthMb: round(heap),
        probes: probes.length,
        p50: round(percentile(probes, 50)),
        p99: round(p99),
      });
      lines.push(
        `${kind.padEnd(15)} ${(file.length / 1048576).toFixed(1)} MB → HTTP ${last.status} in ${Math.round(last.ms)} ms: ${last.message.replace(/&#39;/g, "'").slice(0, 90)}`,
        `${''.padEnd(15)} growth RSS ${round(growth)} MB, heap+buffers ${round(heap)} MB (max of ${ROUNDS}); concurrent probe p50 ${round(percentile(probes, 50))} ms, p99 ${round(p99)} ms (${probes.length} requests)`,
      );
    }
    lines.push(
      `Worst memory growth ${round(worstGrowth)} MB (target ≤ ${TARGET_MB} MB: ${worstGrowth <= TARGET_MB ? 'met' : 'NOT met'}); worst concurrent p99 ${round(worstP99)} ms (target ≤ ${TARGET_P99_MS} ms: ${worstP99 <= TARGET_P99_MS ? 'met' : 'NOT met'}).`,
    );
  } finally {
    child.send({ type: 'close' });
  }
  console.log(`\nReference-data upload of hostile workbooks (issue 11, item 2)\n${lines.join('\n')}`);
  if (process.env.BENCH_REF_JSON)
    writeFileSync(process.env.BENCH_REF_JSON, JSON.stringify({ worstGrowthMb: worstGrowth, worstP99Ms: worstP99, results }, null, 2));
  if (worstGrowth > TARGET_MB) process.exitCode = 1;
}

if (process.argv[2] === 'server') {
  server().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
