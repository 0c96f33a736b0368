/**
 * The e-Box at the scale of the country (issue 16): the monthly bulk publication of 565 OCMWs × 12 monthly
 * statements (6 780 messages, realistic ~200 KB PDFs, every file distinct), through
 *   a. a bare INSERT of the same rows (ebox_files, ebox_messages, ebox_attachments), batched, one transaction: the ceiling;
 *   b. the back office's ZIP upload (POST /backoffice/ebox/bulk, multipart, one ZIP with manifest.csv and every PDF):
 *      the whole ZIP validated (every PDF by content), then published row by row;
 *   c. the API (POST /api/v1/ebox/messages, multipart, a unique Idempotency-Key each, a real token from the token
 *      endpoint with a private_key_jwt assertion), CONCURRENCY connections;
 * each on a fresh database, as messages per second, its ratio to the bare INSERT, and the server's peak resident
 * memory. Then the e-Box list of one OCMW holding 10 000 messages (GET /ocmw/{kbo}/ebox: first page, a filtered page,
 * a deep page): p50/p95/p99 over ROUNDS sequential requests, target p99 ≤ 100 ms.
 *
 * The server is a child process (this file with the argument `server`), so its memory is measured alone (/proc VmRSS
 * sampled every 100 ms): buildTestApp on PostgreSQL (a schema of its own, dropped after) or an in-memory PGlite —
 * with PGlite the database lives in the server process and its memory counts; with PostgreSQL the database's
 * processes are not counted. The client side (this process) makes the ZIP and the requests.
 *
 * Fixed clock and own data: the clock stands at NOW; the OCMWs are the first 565 of the registry (by KBO number) that
 * receive e-Box messages on that day; the PDFs are BASES statements drawn by pdfkit with a fixed seed, each message's
 * made unique by a comment naming it after the last %%EOF (then %%EOF again, as the content check wants).
 *
 *   tsx scripts/bench/ebox.ts
 *   BENCH_EBOX_DB=postgres|pglite|both (default postgres when reachable, else pglite)
 *   BENCH_EBOX_MESSAGES (default 6780)   BENCH_EBOX_PGLITE_MESSAGES (default min(1130, BENCH_EBOX_MESSAGES))
 *   BENCH_EBOX_LIST (messages of the listed OCMW, default 10000)   BENCH_EBOX_ROUNDS (default 200)
 *   BENCH_EBOX_CONCURRENCY (API connections, default 4)   BENCH_EBOX_SCENARIOS (default insert,zip,api,list)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestCsv, writeBulkZipFile } from '../../test/support/bulk-zip.ts';
import { type BenchMessage, type BenchRecipient, messagePlan, monthlyStatementPdf, pdfOf, subjectsOf } from './ebox-data.ts';
import { RssSampler, cpuMs, hwmMb, postgresCpu, postgresCpuDelta, rssMb } from './proc.ts';
import { percentile } from './timing.ts';

const NOW = '2026-11-23T10:00:00Z';
const OCMWS = 565;
const MESSAGES = Number(process.env.BENCH_EBOX_MESSAGES ?? OCMWS * 12);
const PGLITE_MESSAGES = Number(process.env.BENCH_EBOX_PGLITE_MESSAGES ?? Math.min(OCMWS * 2, MESSAGES));
const LIST_TOTAL = Number(process.env.BENCH_EBOX_LIST ?? 10_000);
const ROUNDS = Number(process.env.BENCH_EBOX_ROUNDS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_EBOX_CONCURRENCY ?? 4);
const SCENARIOS = (process.env.BENCH_EBOX_SCENARIOS ?? 'insert,zip,api,list').split(',');
const BASES = 50;
const TARGET_LIST_P99_MS = 100;
/** the API's own limit per client (API_RATE_LIMIT_PER_MINUTE), raised in the API scenario: see the summary */
const SENDER = 'NOVAPRIMA';

type Kind = 'postgres' | 'pglite';

interface Ready {
  type: 'ready';
  webPort: number;
  apiPort: number;
  recipients: BenchRecipient[];
  /** Nathalie Vermeulen (POD MI, EboxPublish): the bulk upload */
  podmiCookie: string;
  /** An Peeters (OCMW Demostad): the list */
  ocmwCookie: string;
  ocmwBase: string;
  token: string;
  apiRateLimit: number;
}

// ------------------------------------------------------------------------------------------------ server

async function server(kind: Kind, basesDir: string): Promise<void> {
  const { buildTestApp } = await import('../../test/support/app.ts');
  const { loginAs } = await import('../../test/support/http.ts');
  const { registerApiClient, clientCredentialsToken } = await import('../../test/support/api-client.ts');
  const { buildApp } = await import('../../src/app.ts');
  const { API_RATE_LIMIT_PER_MINUTE } = await import('../../src/api/api.scope.ts');
  const { benchRecipients, bareInsert, fillEbox } = await import('./ebox-data.ts');
  const { tinyPdf } = await import('../../test/support/ebox.ts');
  const { sql } = await import('kysely');

  const t = await buildTestApp({}, kind, { schemaPrefix: 'uv_bench_ebox', now: NOW });
  const now = t.clock.now();
  const recipients = await benchRecipients(t.db, OCMWS, NOW.slice(0, 10));
  // The API's limit per client (300 a minute) would make this a benchmark of the limit: an app on the same database
  // with the limit out of the way answers the API here.
  const api = await buildApp({ config: t.config, db: t.db, clock: t.clock }, { logger: false, api: { rateLimitPerMinute: 10_000_000 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  await api.listen({ port: 0, host: '127.0.0.1' });
  const portOf = (a: typeof api) => {
    const address = a.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  const cookie = (c: { cookies: Map<string, string> }) =>
    [...c.cookies]
      .filter(([k]) => !k.includes('\t'))
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
  const an = await loginAs(t.app, t.db, 'An Peeters');
  const client = await registerApiClient(t.db, now, { sender: SENDER });
  const token = await clientCredentialsToken(client, { base: `http://127.0.0.1:${portOf(api)}`, issuer: `${t.config.publicUrl}/api/v1`, now });
  const bases = Array.from({ length: BASES }, (_, i) => readFileSync(join(basesDir, `base-${i}.pdf`)));

  // The moment the bulk's validation ends: its batch appears (PUBLISHING), polled every 100 ms while asked.
  let watcher: NodeJS.Timeout | undefined;
  let validatedAt = 0;
  process.on('message', async (message: { type: string; count?: number; total?: number }) => {
    try {
      if (message.type === 'insert') {
        const plan = messagePlan(recipients, message.count ?? 0, BASES);
        const type = await t.db.selectFrom('ebox_message_types').select('validity_months').where('code', '=', 'MAANDSTAAT').executeTakeFirstOrThrow();
        const expiresAt = new Date(now);
        expiresAt.setUTCMonth(expiresAt.getUTCMonth() + type.validity_months);
        const started = performance.now();
        await bareInsert(t.db, plan, bases, { now, expiresAt, sender: SENDER });
        process.send?.({ type: 'inserted', ms: performance.now() - started });
      } else if (message.type === 'watch') {
        validatedAt = 0;
        watcher = setInterval(async () => {
          if (validatedAt) return;
          const batch = await t.db.selectFrom('ebox_batches').select('state').executeTakeFirst();
          if (batch && batch.state !== 'REFUSED') validatedAt = Date.now();
        }, 100);
        process.send?.({ type: 'watching' });
      } else if (message.type === 'count') {
        clearInterval(watcher);
        const n = await t.db
          .selectFrom('ebox_messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        const files = await t.db
          .selectFrom('ebox_files')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        const batch = await t.db.selectFrom('ebox_batches').select(['state', 'report']).executeTakeFirst();
        const errors = batch?.state === 'REFUSED' ? JSON.stringify(batch.report).slice(0, 600) : undefined;
        process.send?.({ type: 'counted', messages: Number(n.n), files: Number(files.n), validatedAt, batchState: batch?.state, errors });
      } else if (message.type === 'fill') {
        const reader = await t.db
          .selectFrom('persons')
          .select('id')
          .where('first_name', '=', 'An')
          .where('last_name', '=', 'Peeters')
          .executeTakeFirstOrThrow();
        const started = performance.now();
        const total = await fillEbox(t.db, recipients[0].id, message.total ?? LIST_TOTAL, { now, readerId: reader.id, file: await tinyPdf('Document') });
        // the statistics autovacuum keeps in a running database
        await sql`ANALYZE`.execute(t.db);
        process.send?.({ type: 'filled', total, ms: performance.now() - started });
      } else if (message.type === 'close') {
        await api.close();
        await t.close();
        process.exit(0);
      }
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  });
  process.send?.({
    type: 'ready',
    webPort: portOf(t.app),
    apiPort: portOf(api),
    recipients,
    podmiCookie: cookie(nathalie),
    ocmwCookie: cookie(an),
    ocmwBase: an.base,
    token,
    apiRateLimit: API_RATE_LIMIT_PER_MINUTE,
  } satisfies Ready);
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

interface Counted {
  messages: number;
  files: number;
  validatedAt: number;
  batchState?: string;
  errors?: string;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A server child on a fresh database, its RSS sampled while `work` runs; CPU of the server and of PostgreSQL. */
async function withServer<T>(kind: Kind, basesDir: string, work: (child: ChildProcess, ready: Ready) => Promise<T>) {
  const child = fork(fileURLToPath(import.meta.url), ['server', kind, basesDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await next<Ready>(child, 'ready');
  const pid = child.pid as number;
  try {
    const rssBeforeMb = rssMb(pid);
    const sampler = new RssSampler(pid, 100);
    const cpuBefore = cpuMs(pid);
    const pgBefore = kind === 'postgres' ? postgresCpu() : new Map<number, number>();
    sampler.start();
    const started = performance.now();
    const result = await work(child, ready);
    const ms = performance.now() - started;
    const rss = sampler.stop();
    const server = {
      ms,
      rssBeforeMb: round(rssBeforeMb),
      peakRssMb: round(rss.peakMb),
      hwmMb: round(hwmMb(pid)),
      serverCpuMs: Math.round(cpuMs(pid) - cpuBefore),
      postgresCpuMs: kind === 'postgres' ? Math.round(postgresCpuDelta(pgBefore, postgresCpu())) : undefined,
    };
    child.send({ type: 'count' });
    const counted = await next<Counted>(child, 'counted');
    return { ready, result, server, counted, child };
  } finally {
    child.send({ type: 'close' });
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** The ZIP of the run, written entry by entry (stored: PDFs do not compress). */
function writeZip(path: string, plan: BenchMessage[], bases: Buffer[]): number {
  const rows = plan.map((m) => {
    const s = subjectsOf(m.period);
    return [m.reference, m.recipient.kbo, 'MAANDSTAAT', 'RMI', m.period, s.nl, s.fr, '', m.fileName, ''];
  });
  writeBulkZipFile(
    path,
    (function* () {
      yield { name: 'manifest.csv', data: manifestCsv(rows) };
      for (const m of plan) yield { name: m.fileName, data: pdfOf(bases, m), store: true };
    })(),
  );
  return statSync(path).size;
}

/** The ZIP posted as a browser does (multipart, field `file`), streamed from disk; its upload time and the answer. */
function uploadZip(port: number, cookie: string, path: string): Promise<{ status: number; location: string; uploadedAt: number; answeredAt: number }> {
  const boundary = `----uvbench${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="maandstaten-2026.zip"\r\nContent-Type: application/zip\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(path).size + tail.length;
  return new Promise((resolve, reject) => {
    let uploadedAt = 0;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/backoffice/ebox/bulk',
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ''), uploadedAt, answeredAt: Date.now() }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const file = createReadStream(path);
    file.pipe(req, { end: false });
    file.on('error', reject);
    file.on('end', () => {
      req.end(tail, () => {
        uploadedAt = Date.now();
      });
    });
  });
}

/** The API calls, CONCURRENCY at a time: statuses and latencies. */
async function publishThroughApi(port: number, token: string, plan: BenchMessage[], bases: Buffer[]) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let firstError = '';
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < plan.length) {
        const m = plan[next++];
        const s = subjectsOf(m.period);
        const form = new FormData();
        form.append(
          'messageToPublish',
          JSON.stringify({
            recipient: { enterpriseNumber: m.recipient.kbo },
            messageTypeId: 'MAANDSTAAT',
            legislation: 'RMI',
            period: m.period,
            subject: { nl: s.nl, fr: s.fr },
            attachments: [{ httpPartName: 'main', fileName: m.fileName, isMainContent: true }],
          }),
        );
        form.append('main', new Blob([new Uint8Array(pdfOf(bases, m))], { type: 'application/pdf' }), m.fileName);
        const started = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/ebox/messages`, {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': `bench:${m.reference}` },
        });
        const body = await res.text();
        latencies.push(performance.now() - started);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status !== 201 && !firstError) firstError = `${res.status} ${body.slice(0, 300)}`;
      }
    }),
  );
  return { latencies, statuses: Object.fromEntries(statuses), firstError };
}

async function timedGets(port: number, cookie: string, path: string, rounds: number) {
  const get = async () => {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
    return { ms: performance.now() - started, body };
  };
  for (let i = 0; i < 20; i++) await get();
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < rounds; i++) {
    const r = await get();
    times.push(r.ms);
    body = r.body;
  }
  return {
    path,
    rounds,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    max: round(Math.max(...times)),
    bodyKb: round(body.length / 1024),
  };
}

interface PathResult {
  path: string;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  ratioToInsert?: number;
  server: Record<string, number | undefined>;
  detail?: Record<string, unknown>;
}

async function runKind(kind: Kind, count: number, basesDir: string, bases: Buffer[], lines: string[]) {
  const results: PathResult[] = [];
  let list: Record<string, unknown> | undefined;
  const avgPdf = bases.reduce((a, b) => a + b.length, 0) / bases.length;
  console.log(`\n[${kind}] ${count} messages, PDFs of ${round(avgPdf / 1024, 0)} kB on average`);

  if (SCENARIOS.includes('insert')) {
    const r = await withServer(kind, basesDir, async (child) => {
      child.send({ type: 'insert', count });
      return (await next<{ ms: number }>(child, 'inserted')).ms;
    });
    if (r.counted.messages !== count) throw new Error(`bare INSERT: ${r.counted.messages} messages, ${count} expected`);
    results.push({ path: 'bare INSERT', messages: count, seconds: r.result / 1000, messagesPerSecond: count / (r.result / 1000), server: r.server });
    console.log(`[${kind}] bare INSERT: ${round(count / (r.result / 1000))} msg/s`);
  }

  if (SCENARIOS.includes('zip')) {
    const dir = mkdtempSync(join(tmpdir(), 'uv-bench-ebox-zip-'));
    try {
      const zipPath = join(dir, 'maandstaten.zip');
      let plan: BenchMessage[] = [];
      let zipBytes = 0;
      const r = await withServer(kind, basesDir, async (child, ready) => {
        plan = messagePlan(ready.recipients, count, BASES);
        const zipStarted = performance.now();
        zipBytes = writeZip(zipPath, plan, bases);
        console.log(`[${kind}] ZIP of ${round(zipBytes / 1048576, 0)} MB written in ${round((performance.now() - zipStarted) / 1000)} s`);
        child.send({ type: 'watch' });
        await next(child, 'watching');
        const started = Date.now();
        const answer = await uploadZip(ready.webPort, ready.podmiCookie, zipPath);
        return { started, ...answer };
      });
      if (r.counted.messages !== count)
        throw new Error(`ZIP: HTTP ${r.result.status} → ${r.result.location}; ${r.counted.messages} messages, ${count} expected; ${r.counted.errors ?? ''}`);
      const seconds = (r.result.answeredAt - r.result.started) / 1000;
      const validated = r.counted.validatedAt ? (r.counted.validatedAt - r.result.started) / 1000 : undefined;
      results.push({
        path: 'ZIP upload (POST /backoffice/ebox/bulk)',
        messages: count,
        seconds,
        messagesPerSecond: count / seconds,
        server: r.server,
        detail: {
          zipMb: round(zipBytes / 1048576),
          uploadSeconds: round((r.result.uploadedAt - r.result.started) / 1000),
          uploadAndValidationSeconds: validated === undefined ? undefined : round(validated),
          publicationSeconds: validated === undefined ? undefined : round(seconds - validated),
          publicationMessagesPerSecond: validated === undefined ? undefined : round(count / (seconds - validated)),
          status: r.result.status,
        },
      });
      console.log(`[${kind}] ZIP upload: ${round(count / seconds)} msg/s (${JSON.stringify(results.at(-1)?.detail)})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (SCENARIOS.includes('api') || SCENARIOS.includes('list')) {
    let apiRateLimit = 0;
    const r = await withServer(kind, basesDir, async (child, ready) => {
      apiRateLimit = ready.apiRateLimit;
      let api: Awaited<ReturnType<typeof publishThroughApi>> | undefined;
      let apiMs = 0;
      let apiPeak = 0;
      let apiCpu: { serverCpuMs: number; postgresCpuMs: number | undefined } | undefined;
      if (SCENARIOS.includes('api')) {
        const plan = messagePlan(ready.recipients, count, BASES);
        const sampler = new RssSampler(child.pid as number, 100);
        const cpuBefore = cpuMs(child.pid as number);
        const pgBefore = kind === 'postgres' ? postgresCpu() : new Map<number, number>();
        sampler.start();
        const started = performance.now();
        api = await publishThroughApi(ready.apiPort, ready.token, plan, bases);
        apiMs = performance.now() - started;
        apiPeak = sampler.stop().peakMb;
        apiCpu = {
          serverCpuMs: Math.round(cpuMs(child.pid as number) - cpuBefore),
          postgresCpuMs: kind === 'postgres' ? Math.round(postgresCpuDelta(pgBefore, postgresCpu())) : undefined,
        };
      }
      let listResult: Record<string, unknown> | undefined;
      if (SCENARIOS.includes('list')) {
        child.send({ type: 'fill', total: LIST_TOTAL });
        const filled = await next<{ total: number; ms: number }>(child, 'filled');
        const base = ready.ocmwBase;
        const pages = [
          await timedGets(ready.webPort, ready.ocmwCookie, `${base}/ebox`, ROUNDS),
          await timedGets(ready.webPort, ready.ocmwCookie, `${base}/ebox?type=MAANDSTAAT&state=unread`, ROUNDS),
          await timedGets(ready.webPort, ready.ocmwCookie, `${base}/ebox?page=200`, ROUNDS),
          await timedGets(ready.webPort, ready.ocmwCookie, `${base}/ebox?q=maart`, ROUNDS),
        ];
        listResult = { messagesOfOcmw: filled.total, pages };
      }
      return { api, apiMs, apiPeak, apiCpu, listResult };
    });
    if (r.result.api) {
      const { api, apiMs } = r.result;
      const published = api.statuses[201] ?? 0;
      if (published !== count) throw new Error(`API: ${JSON.stringify(api.statuses)}; first error ${api.firstError}`);
      results.push({
        path: `API (POST /api/v1/ebox/messages, ${CONCURRENCY} connections)`,
        messages: count,
        seconds: apiMs / 1000,
        messagesPerSecond: count / (apiMs / 1000),
        server: { ...r.server, ...r.result.apiCpu, ms: apiMs, peakRssMb: round(r.result.apiPeak) },
        detail: {
          statuses: api.statuses,
          p50: round(percentile(api.latencies, 50)),
          p99: round(percentile(api.latencies, 99)),
          rateLimitPerClientPerMinute: apiRateLimit,
          minutesAtTheRateLimit: round(count / apiRateLimit),
        },
      });
      console.log(`[${kind}] API: ${round(count / (apiMs / 1000))} msg/s`);
    }
    list = r.result.listResult;
  }

  const insert = results.find((x) => x.path === 'bare INSERT');
  for (const x of results) if (insert) x.ratioToInsert = round(x.messagesPerSecond / insert.messagesPerSecond, 3);

  lines.push(`### ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory, in the server process)'} — ${count} messages`);
  lines.push('');
  lines.push('| path | messages/s | ratio to bare INSERT | time s | server peak RSS MB (before) | server CPU s | PostgreSQL CPU s |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const x of results)
    lines.push(
      `| ${x.path} | ${round(x.messagesPerSecond)} | ${x.ratioToInsert ?? '—'} | ${round(x.seconds)} | ${x.server.peakRssMb} (${x.server.rssBeforeMb}) | ${round((x.server.serverCpuMs ?? 0) / 1000)} | ${x.server.postgresCpuMs === undefined ? '—' : round(x.server.postgresCpuMs / 1000)} |`,
    );
  for (const x of results) if (x.detail) lines.push(`- ${x.path}: ${JSON.stringify(x.detail)}`);
  if (list) {
    lines.push('');
    lines.push(`e-Box list of OCMW Demostad holding ${list.messagesOfOcmw} messages (${ROUNDS} sequential requests each, over HTTP, logged in as An Peeters):`);
    lines.push('');
    lines.push('| request | p50 ms | p95 ms | p99 ms | max ms | page kB | p99 ≤ 100 ms |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const p of list.pages as Array<{ path: string; p50: number; p95: number; p99: number; max: number; bodyKb: number }>)
      lines.push(
        `| GET ${p.path.replace(/^\/ocmw\/\d+/, '/ocmw/{kbo}')} | ${p.p50} | ${p.p95} | ${p.p99} | ${p.max} | ${p.bodyKb} | ${p.p99 <= TARGET_LIST_P99_MS ? 'met' : 'NOT met'} |`,
      );
  }
  lines.push('');
  return { kind, messages: count, avgPdfKb: round(avgPdf / 1024), results, list };
}

async function main(): Promise<void> {
  const { postgresAvailable } = await import('../../test/support/app.ts');
  const wanted = process.env.BENCH_EBOX_DB;
  const kinds: Kind[] =
    wanted === 'both'
      ? ['postgres', 'pglite']
      : wanted === 'postgres' || wanted === 'pglite'
        ? [wanted]
        : [(await postgresAvailable()) ? 'postgres' : 'pglite'];
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGb: round(totalmem() / 1024 ** 3), node: process.version };
  const basesDir = mkdtempSync(join(tmpdir(), 'uv-bench-ebox-pdf-'));
  const lines: string[] = [];
  const runs = [];
  try {
    const started = performance.now();
    const bases: Buffer[] = [];
    for (let i = 0; i < BASES; i++) {
      bases.push(await monthlyStatementPdf(i));
      writeFileSync(join(basesDir, `base-${i}.pdf`), bases[i]);
    }
    console.log(`${BASES} base PDFs in ${round((performance.now() - started) / 1000)} s`);
    // the trick that makes each file distinct must keep it a PDF for the content check
    const { checkPdf } = await import('../../src/modules/ebox/files/pdf-check.ts');
    const check = await checkPdf(pdfOf(bases, { reference: 'check', base: 0 } as BenchMessage));
    if (!check.ok) throw new Error(`a unique PDF is refused: ${check.reason}`);

    lines.push(
      `e-Box bulk publication (issue 16), ${new Date().toISOString().slice(0, 10)}, clock ${NOW}; machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, node ${machine.node}, shared with other work (noisy). ${OCMWS} OCMWs × monthly statements, every PDF distinct (${BASES} pdfkit statements of 6 pages, made unique).`,
      '',
    );
    for (const kind of kinds) runs.push(await runKind(kind, kind === 'pglite' && kinds.length > 1 ? PGLITE_MESSAGES : MESSAGES, basesDir, bases, lines));
  } finally {
    rmSync(basesDir, { recursive: true, force: true });
  }
  const listMisses = runs.flatMap((r) =>
    ((r.list?.pages as Array<{ path: string; p99: number }> | undefined) ?? []).filter((p) => p.p99 > TARGET_LIST_P99_MS).map((p) => `${r.kind} ${p.path}`),
  );
  lines.push(
    `Target e-Box list p99 ≤ ${TARGET_LIST_P99_MS} ms: ${listMisses.length === 0 ? 'met' : `NOT met for ${listMisses.join(', ')}`}. Server RSS: the Node server process only (VmRSS sampled every 100 ms; with PGlite the database is inside it). The API scenario runs with the per-client rate limit raised; at the default limit one client needs the minutes given (minutesAtTheRateLimit).`,
  );
  const text = lines.join('\n');
  console.log(`\n${text}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/ebox.json',
    `${JSON.stringify({ date: new Date().toISOString(), clock: NOW, machine, ocmws: OCMWS, concurrency: CONCURRENCY, runs, listTargetMet: listMisses.length === 0 }, null, 2)}\n`,
  );
  writeFileSync('bench-results/ebox.md', `${text}\n`);
}

if (process.argv[2] === 'server') {
  server(process.argv[3] as Kind, process.argv[4]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
