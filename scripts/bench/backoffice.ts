/**
 * Back office at the scale of the country (issues 4 and 13): every OCMW of the registry offered report year 2024 —
 * the 580 OCMWs of the municipalities before the mergers of 1 January 2025 (MRG-3; not Herstappe) — × the measures
 * of that year, every form filled in, signed twice and submitted through the services.
 * Then, in this process (app.inject, no socket), sequential requests as one POD MI user:
 *   dashboard p99 ≤ 200 ms, OCMW list p99 ≤ 200 ms, full XLSX export of a measure ≤ 5 s,
 *   all settlement letters of a measure ≤ 60 s.
 * Also the resident memory after each step. Runs on PostgreSQL when reachable, else PGlite (in memory), in this
 * process (the sources through tsx: it measures requests in-process, not a server's memory).
 *
 * Fixed clock and own data (issue 11, item 12): the clock stands at NOW, the campaigns of the report year are opened
 * around it here if the official calendar does not already, and every figure is over the registry's OCMWs this script
 * fills in and submits (plus the three demo OCMWs of 2024, which have reference values; Demodorp's late-submission
 * allowance is withdrawn before the settlement). The back office's URLs carry no OCMW.
 *
 *   BENCH_BO_DB=pglite|postgres   BENCH_BO_ROUNDS (default 50)   BENCH_BO_OCMWS (default all)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { buildTestApp, postgresAvailable } from '../../test/support/app.ts';
import { loginAs } from '../../test/support/http.ts';
import { openCampaignsAt } from './campaigns.ts';
import { seedCountry } from './national-dataset.ts';
import { type Timing, expectStatus, timed } from './timing.ts';

const ROUNDS = Number(process.env.BENCH_BO_ROUNDS ?? 50);
const LIMIT = process.env.BENCH_BO_OCMWS ? Number(process.env.BENCH_BO_OCMWS) : undefined;
/** Report year 2024: every pre-merger OCMW files it (MRG-3). */
const YEAR = 2024;
/** Inside the 2024 campaigns (official calendar: open from January 2025, deadline end of February 2025). */
const NOW = '2025-02-20T10:00:00Z';

const rssMib = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function once<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

async function main() {
  const kind = (process.env.BENCH_BO_DB as 'postgres' | 'pglite' | undefined) ?? ((await postgresAvailable()) ? 'postgres' : 'pglite');
  const t = await buildTestApp({}, kind, { schemaPrefix: 'uv_bench_bo', now: NOW });
  const lines: string[] = [];
  const row = (name: string, r: Timing, target: string) =>
    lines.push(`| ${name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${target} |`);
  try {
    const yearCampaigns = await t.db.selectFrom('campaigns').select('id').where('report_year', '=', YEAR).execute();
    await openCampaignsAt(
      t.db,
      yearCampaigns.map((c) => c.id),
      t.clock.now(),
      8,
    );
    const seeded = await once(() => seedCountry(t.db, t.clock.now(), { reportYear: YEAR, limit: LIMIT, concurrency: kind === 'postgres' ? 4 : 1 }));
    const ocmws = seeded.result.organisationIds.length;
    console.log(`seeded ${ocmws} OCMWs, ${seeded.result.forms} submitted forms in ${(seeded.ms / 1000).toFixed(1)} s`);
    // the statistics autovacuum keeps in a running database (it would analyse the 2 900 new forms within a minute)
    await sql`ANALYZE`.execute(t.db);
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const campaigns = await t.db.selectFrom('campaigns').select(['id', 'measure']).where('report_year', '=', YEAR).orderBy('measure').execute();

    const dashboard = await timed(ROUNDS, async () => expectStatus(await nathalie.get(`/backoffice?year=${YEAR}`), 200, 'dashboard'));
    const filtered = await timed(ROUNDS, async () =>
      expectStatus(await nathalie.get(`/backoffice?year=${YEAR}&region=WAL&language=fr`), 200, 'dashboard filtered'),
    );
    const list = await timed(ROUNDS, async (i) => expectStatus(await nathalie.get(`/backoffice/ocmws?year=${YEAR}&page=${(i % 5) + 1}`), 200, 'OCMW list'));
    const search = await timed(ROUNDS, async () =>
      expectStatus(await nathalie.get(`/backoffice/ocmws?year=${YEAR}&q=sint&sort=name&dir=desc`), 200, 'OCMW search'),
    );
    const rssAfterPages = rssMib();
    const dashboardOcmws = /(\d+) OCMW/.exec((await nathalie.get(`/backoffice?year=${YEAR}`)).body.replace(/&#39;/g, "'"))?.[1] ?? '?';

    const exports: Array<{ measure: string; ms: number; bytes: number }> = [];
    for (const c of campaigns) {
      const { ms, result } = await once(() => nathalie.get(`/backoffice/exports/${c.id}.xlsx`));
      expectStatus(result, 200, `export ${c.measure}`);
      exports.push({ measure: c.measure, ms, bytes: result.rawPayload.length });
    }
    const rssAfterExports = rssMib();

    // Settlement letters: the campaign is closed first (the settlement needs a closed campaign).
    const settled: Array<{ measure: string; ms: number; letters: number }> = [];
    for (const c of campaigns) {
      await t.db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', c.id).execute();
      // the demo's late submission of Demodorp would hold the settlement back (pending)
      await t.db.deleteFrom('campaign_extensions').where('campaign_id', '=', c.id).execute();
      const { ms, result } = await once(() => nathalie.post(`/backoffice/settlements/${c.id}/settle`, { confirm: 'yes' }));
      if (result.statusCode >= 400 || !/m=settled/.test(String(result.headers.location)))
        throw new Error(`settle ${c.measure}: HTTP ${result.statusCode} ${String(result.headers.location)}`);
      // each letter is a message of type UV_AFREKENING in the OCMW's e-Box (issue 16), its PDF attachment 1
      const letters = await t.db
        .selectFrom('ebox_messages as m')
        .innerJoin('ebox_attachments as a', (join) => join.onRef('a.message_id', '=', 'm.id').on('a.position', '=', 1))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('m.campaign_id', '=', c.id)
        .where('m.message_type', '=', 'UV_AFREKENING')
        .executeTakeFirstOrThrow();
      settled.push({ measure: c.measure, ms, letters: Number(letters.n) });
    }
    const rssEnd = rssMib();

    lines.push(
      `Back office (${kind}, ${new Date().toISOString().slice(0, 10)}, clock ${NOW}, node ${process.version}; ${ocmws} OCMWs × ${campaigns.length} measures = ${seeded.result.forms} submitted forms; in-process, sequential)`,
    );
    lines.push('| step | p50 ms | p99 ms | max ms | target |');
    lines.push('|---|---|---|---|---|');
    row(`dashboard, all ${dashboardOcmws} OCMWs offered ${YEAR}`, dashboard, 'p99 ≤ 200 ms');
    row('dashboard (Wallonia, French)', filtered, 'p99 ≤ 200 ms');
    row('OCMW list, page 1–5', list, 'p99 ≤ 200 ms');
    row('OCMW list, search + sort', search, 'p99 ≤ 200 ms');
    lines.push('');
    lines.push('| measure | XLSX export s | size kB | settlement (letters) s | letters |');
    lines.push('|---|---|---|---|---|');
    for (const e of exports) {
      const s = settled.find((x) => x.measure === e.measure);
      lines.push(
        `| ${e.measure} | ${(e.ms / 1000).toFixed(2)} | ${Math.round(e.bytes / 1024)} | ${s ? (s.ms / 1000).toFixed(1) : '—'} | ${s?.letters ?? '—'} |`,
      );
    }
    lines.push('');
    lines.push(
      `Targets: export ≤ 5 s, settlement letters ≤ 60 s per measure. Seeding: ${(seeded.ms / 1000).toFixed(0)} s. RSS: after pages ${rssAfterPages} MiB, after exports ${rssAfterExports} MiB, after settlements ${rssEnd} MiB.`,
    );
    const text = lines.join('\n');
    console.log(`\n${text}`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(`bench-results/backoffice-${kind}.md`, `${text}\n`);
  } finally {
    await t.close();
  }
}

await main();
