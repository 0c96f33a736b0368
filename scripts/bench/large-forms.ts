/**
 * Large forms (issue: every measure, Excel route): a PSA form of 500 activity rows — read-only page, the
 * part's edit page and saving the part; a 1 000-row workbook uploaded (parse + validation + save), the memory
 * growth while it is read, and the PDF of the 1 000-row form. Runs the app in this process (node --expose-gc, the
 * sources through tsx: it measures requests in-process, not a server's memory) on PostgreSQL when reachable (else
 * PGlite), with the demo data. Latencies: p50/p99 over sequential requests (one user), and the page also under 4
 * concurrent connections with autocannon.
 *
 * Fixed clock and own data (issue 11, item 12): the clock stands at NOW and the PSA campaign of 2026 is opened around
 * it here, whatever the demo calendar says; An Peeters works in OCMW Demostad's pages, /ocmw/{kbo}/… (ADR 0026), and
 * the workbook carries that OCMW's KBO number in its Info sheet.
 *
 *   BENCH_LARGE_DB=pglite|postgres   BENCH_LARGE_ROUNDS (default 40)
 */
import autocannon from 'autocannon';
import { translator } from '../../src/i18n/i18n.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { buildWorkbook, readWorkbook } from '../../src/modules/workbooks/index.ts';
import { buildTestApp, postgresAvailable } from '../../test/support/app.ts';
import { type Client, hiddenValue, loginAs } from '../../test/support/http.ts';
import { openCampaignsAt } from './campaigns.ts';
import { expectStatus, timed } from './timing.ts';

const ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS ?? 40);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The fixed clock of this benchmark (the tests' FakeClock default). */
const NOW = '2026-11-23T10:00:00Z';

function activity(i: number): Record<string, string> {
  return {
    category: 'holidayActivities',
    kind: i % 2 ? 'individual' : 'collective',
    description: `Activiteit ${i} — uitstap met een groep gebruikers`,
    'period.from': '01/03/2026',
    'period.to': '30/11/2026',
    usersReached: String(5 + (i % 20)),
    amount: `${100 + (i % 900)},${String(i % 100).padStart(2, '0')}`,
    mixedPublicShare: i % 5 === 0 ? '60' : '',
    partner: '',
    overheadAmount: '',
  };
}

/** Peak of heap + array buffers above the level before, sampled every millisecond while `work` runs. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; mib: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 1);
  try {
    const result = await work();
    peak = Math.max(peak, used());
    return { result, mib: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const kind = (process.env.BENCH_LARGE_DB as 'postgres' | 'pglite' | undefined) ?? ((await postgresAvailable()) ? 'postgres' : 'pglite');
  const t = await buildTestApp({}, kind, { schemaPrefix: 'uv_bench_large', now: NOW });
  const lines: string[] = [];
  try {
    const campaign = await t.db
      .selectFrom('campaigns')
      .select(['id', 'params'])
      .where('measure', '=', 'PSA')
      .where('report_year', '=', 2026)
      .executeTakeFirstOrThrow();
    await openCampaignsAt(t.db, [campaign.id], t.clock.now());
    const an: Client = await loginAs(t.app, t.db, 'An Peeters');
    const kbo = (await t.db.selectFrom('organisations').select('kbo').where('name_nl', '=', 'OCMW Demostad').executeTakeFirstOrThrow()).kbo;
    if (an.base !== `/ocmw/${kbo}`) throw new Error(`An Peeters landed on ${an.base || '(nothing)'}, expected /ocmw/${kbo}`);
    const url = `${an.base}/forms/${campaign.id}`;
    const rows500 = Array.from({ length: 500 }, (_, i) => activity(i));
    const partBody = (version: string, rows: Array<Record<string, string>>, salt: number) => ({
      version,
      part: 'partA',
      't.activitiesA.rows': String(rows.length),
      ...Object.fromEntries(
        rows.flatMap((row, i) =>
          Object.entries(i === 0 ? { ...row, usersReached: String(10 + (salt % 50)) } : row).map(([k, v]) => [`t.activitiesA.${i}.${k}`, v]),
        ),
      ),
      't.staffA.rows': '0',
      action: 'save',
    });
    const first = await an.post(url, partBody('0', rows500, 0));
    expectStatus(first, 303, 'first save');

    let version = hiddenValue((await an.get(`${url}/edit?part=partA`)).body, 'version');
    const save = await timed(ROUNDS, async (i) => {
      const res = await an.post(url, partBody(version, rows500, i + 1));
      expectStatus(res, 303, 'save');
      version = String(Number(version) + 1);
    });
    const view = await timed(ROUNDS, async () => expectStatus(await an.get(url), 200, 'view'));
    const edit = await timed(ROUNDS, async () => expectStatus(await an.get(`${url}/edit?part=partA`), 200, 'edit'));

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const cookie = [...an.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const loaded = await autocannon({ url: `http://127.0.0.1:${port}${url}`, connections: 4, duration: 6, headers: { cookie } });
    if (loaded.non2xx > 0 || loaded.errors > 0) throw new Error(`view under load: ${loaded.non2xx} non-2xx, ${loaded.errors} errors`);

    // The Excel route: 1 000 rows, switch mode, upload.
    const nl = translator('nl');
    const rows1000 = Array.from({ length: 1000 }, (_, i) => activity(i));
    const definition = getDefinition('PSA', 1);
    const params = campaign.params as Record<string, unknown>;
    const workbook = await buildWorkbook({
      definition,
      measure: 'PSA',
      reportYear: 2026,
      templateVersion: 1,
      params,
      lang: 'nl',
      t: nl,
      kbo,
      rows: { activitiesA: rows1000 },
    });
    const parse = await timed(5, async () => {
      const read = await readWorkbook(workbook, { definition, measure: 'PSA', reportYear: 2026, templateVersion: 1, kbo, params });
      if (!read.ok || read.tables.activitiesA.length !== 1000) throw new Error('workbook not read');
    });
    const memory = await peakGrowth(() => readWorkbook(workbook, { definition, measure: 'PSA', reportYear: 2026, templateVersion: 1, kbo, params }));
    const confirm = await an.get(`${url}/entry-mode`);
    expectStatus(await an.post(`${url}/entry-mode`, { version: hiddenValue(confirm.body, 'version'), mode: 'WORKBOOK' }), 303, 'switch');
    const upload = await timed(5, async () => {
      const current = hiddenValue((await an.get(url)).body, 'version');
      const res = await an.postFile(`${url}/workbook`, { version: current }, { name: 'psa.xlsx', type: XLSX, content: workbook });
      if (res.headers.location !== `${url}?m=workbook_uploaded`)
        throw new Error(`upload: HTTP ${res.statusCode} ${res.headers.location ?? res.body.slice(0, 300)}`);
    });
    const pdf = await timed(10, async () => {
      const res = await an.get(`${url}/pdf`);
      expectStatus(res, 200, 'pdf');
    });

    lines.push(
      `Large forms (${kind}, ${new Date().toISOString().slice(0, 10)}, clock ${NOW}, node ${process.version}; in-process (sources through tsx), sequential requests unless noted)`,
    );
    lines.push('| step | p50 ms | p99 ms | max ms | target |');
    lines.push('|---|---|---|---|---|');
    const row = (name: string, r: { p50: number; p99: number; max: number }, target: string) =>
      lines.push(`| ${name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${target} |`);
    row('PSA 500 rows: form page (read-only)', view, 'p99 ≤ 150 ms');
    row('PSA 500 rows: edit page of part A', edit, 'p99 ≤ 150 ms');
    row('PSA 500 rows: save part A', save, 'p99 ≤ 300 ms');
    lines.push(
      `| PSA 500 rows: form page, 4 connections (autocannon, ${loaded.requests.total} requests) | ${loaded.latency.p50} | ${loaded.latency.p99} | ${loaded.latency.max} | p99 ≤ 150 ms |`,
    );
    row('1 000-row workbook: read + check (no HTTP)', parse, '—');
    row('1 000-row workbook: upload (parse, validate, save)', upload, '≤ 1 000 ms');
    row('PDF of the 1 000-row form', pdf, '≤ 500 ms');
    lines.push(
      `Peak memory growth while reading the 1 000-row workbook (heap + buffers): ${memory.mib.toFixed(1)} MiB (target ≤ 64 MiB); process RSS now ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB.`,
    );
    console.log(lines.join('\n'));
  } finally {
    await t.close();
  }
}

await main();
