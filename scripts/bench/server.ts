/**
 * Benchmark server, run as a child process of scripts/bench.ts and scripts/bench/national.ts, so the load generator
 * and the server do not share a process (RSS and CPU are measured on this pid only). Which application it runs is
 * chosen by scripts/bench/launch.ts: the compiled build (this file transpiled, its src/ imports pointed at build/,
 * plain node) when build/main.js exists, else the sources through tsx. The app is built as test/support/app.ts
 * buildTestApp does (same config, a ManualClock, migrations, demo seed) but without importing the tests, so the
 * compiled run loads nothing but build/ and the harness. Nothing in src/ changes; the harness adds:
 *   a query-counting Kysely plugin on the db handed to the app
 *   GET /bench/ceiling  session lookup (the real sessions plugin) + one trivial query (select 1)
 *   GET /bench/stats    query counters, in-flight requests, process.memoryUsage()
 * Talks to the parent over IPC: sends {type:'ready', ...}, obeys 'close' (closes app + db, drops the schema).
 *
 * Second argument, JSON: {"now": ISO instant of the clock (required: every benchmark runs on a fixed clock),
 * "config": config overrides, "probe": {"measure", "reportYear", "saveOcmws"}, "national": {"reportYear", "limit"}}.
 * With "probe" (scripts/bench.ts) the campaign of that measure and year is opened around the clock and `saveOcmws`
 * extra OCMWs are created with a medewerker each (the parallel-save scenario); the ready message names them.
 * With "national" the server creates the OCMWs of the country (scripts/bench/national-dataset.ts createCountry:
 * persons and reference values, nothing filled in), opens the year's campaigns around the clock if the calendar does
 * not, sends them in the ready message, and answers GET /bench/national (what is submitted and signed for them).
 */
import { randomBytes } from 'node:crypto';
import {
  type KyselyPlugin,
  Kysely,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  sql,
} from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config/config.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import type { DB } from '../../src/db/types.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { prepareDatabase } from '../../src/seed/prepare.ts';
import { openCampaignsAt } from './campaigns.ts';
import { type CountryOcmw, STAFF_TABLE, createCountry } from './national-dataset.ts';
import type { QueryStats } from './stats.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const options = JSON.parse(process.argv[3] ?? '{}') as {
  now?: string;
  config?: Partial<Config>;
  probe?: { measure: string; reportYear: number; saveOcmws?: number };
  national?: { reportYear: number; limit?: number };
};
if (!options.now) throw new Error('bench server: the fixed clock ("now") is required');
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** the OCMWs of the national benchmark (their ids), filled in while the server runs */
let nationalOcmwIds: string[] = [];

async function adminQuery(statement: string): Promise<void> {
  const admin = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 }) }) });
  try {
    await sql.raw(statement).execute(admin);
  } finally {
    await admin.destroy();
  }
}

const stats: QueryStats = { count: 0, wallMs: 0, byKind: {}, wallMsByKind: {}, inFlight: 0, completed: 0 };

function describe(node: RootOperationNode): string {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: walking Kysely's operation tree loosely, for labels only
    const n = node as any;
    switch (n.kind) {
      case 'SelectQueryNode':
        return `select ${n.from?.froms?.[0]?.table?.identifier?.name ?? '?'}${n.joins?.length ? `+${n.joins.length}join` : ''}${n.forUpdate ? ' for update' : ''}`;
      case 'InsertQueryNode':
        return `insert ${n.into?.table?.identifier?.name ?? '?'}`;
      case 'UpdateQueryNode':
        return `update ${n.table?.table?.identifier?.name ?? '?'}`;
      case 'DeleteQueryNode':
        return `delete ${n.from?.froms?.[0]?.table?.identifier?.name ?? '?'}`;
      case 'RawNode':
        return 'raw sql';
      default:
        return String(n.kind);
    }
  } catch {
    return 'unknown';
  }
}

class CountingPlugin implements KyselyPlugin {
  private readonly started = new WeakMap<object, { t0: number; label: string }>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    stats.count++;
    const label = describe(args.node);
    stats.byKind[label] = (stats.byKind[label] ?? 0) + 1;
    this.started.set(args.queryId, { t0: performance.now(), label });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.started.get(args.queryId);
    if (started !== undefined) {
      const ms = performance.now() - started.t0;
      stats.wallMs += ms;
      stats.wallMsByKind[started.label] = (stats.wallMsByKind[started.label] ?? 0) + ms;
    }
    return args.result;
  }
}

// The moment of the benchmark; it does not move (no session is touched, nothing expires).
const clock = new ManualClock(Date.parse(options.now));
let schema: string | undefined;
if (kind === 'postgres') {
  schema = `${options.national ? 'uv_bench_nat' : 'uv_bench'}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
}
const config = loadConfig(
  {},
  {
    databaseUrl: kind === 'postgres' ? TEST_DATABASE_URL : undefined,
    databaseSchema: schema,
    dataDir: 'memory://',
    demoMode: true,
    // The embedded demo provider (the benchmarks log in through it); its public URL is fixed, the back channel is in process.
    demoIdentityProvider: true,
    publicUrl: 'http://localhost:3000',
    oidcIssuer: 'http://localhost:3000/idp',
    seedDemoData: true,
    logLevel: 'silent',
    loginRateLimitPerMinute: 1000,
    ...options.config,
  },
);
const database = await openDatabase(config);
await prepareDatabase(database.db, { seedDemoData: true, seedDemoReports: false, now: clock.now() });
const db: Db = database.db.withPlugin(new CountingPlugin());
const app = await buildApp(
  { config, db, clock },
  {
    logger: false,
    extendWeb: (web) => {
      web.get('/bench/ceiling', async (request, reply) => {
        if (!request.actor) return reply.code(401).send({ ok: false });
        await sql`select 1`.execute(db);
        return { ok: true, person: request.actor.personId };
      });
      web.get('/bench/stats', async () => ({ ...stats, pid: process.pid, memory: process.memoryUsage() }));
      // The end state of the national benchmark, read straight from the database.
      web.get('/bench/national', async () => {
        if (nationalOcmwIds.length === 0) return { ocmws: 0, formInstances: 0, submitted: 0, signatures: 0 };
        const year = options.national?.reportYear ?? 0;
        const forms = await db
          .selectFrom('form_instances')
          .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('submitted_at').as('submitted')])
          .where('organisation_id', 'in', nationalOcmwIds)
          .where('report_year', '=', year)
          .executeTakeFirstOrThrow();
        const signatures = await db
          .selectFrom('signatures')
          .innerJoin('form_instances', 'form_instances.id', 'signatures.form_instance_id')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('form_instances.organisation_id', 'in', nationalOcmwIds)
          .where('form_instances.report_year', '=', year)
          .executeTakeFirstOrThrow();
        return { ocmws: nationalOcmwIds.length, formInstances: Number(forms.n), submitted: Number(forms.submitted), signatures: Number(signatures.n) };
      });
    },
  },
);
await app.ready();
if (!app.hasRoute({ method: 'GET', url: '/bench/stats' })) {
  // buildApp ignored extendWeb: an application older than the hook (e.g. a build/ made before it), not worth measuring.
  throw new Error("the application does not register the bench routes (buildApp's extendWeb): a build/ older than the hook? run npm run build");
}
// Counted on the raw Node server (a second 'request' listener), so requests the load generator abandoned when it
// stopped are still seen finishing, and the parent can wait for the server to be idle between measurements.
app.server.on('request', (req, res) => {
  if (req.url === '/bench/stats') return;
  stats.inFlight++;
  res.once('close', () => {
    stats.inFlight--;
    stats.completed++;
  });
});

const now = clock.now();
let national: unknown;
if (options.national) {
  const country = await createCountry(database.db, options.national);
  nationalOcmwIds = country.ocmws.map((o) => o.id);
  const nathalie = await database.db
    .selectFrom('persons')
    .select('id')
    .where('first_name', '=', 'Nathalie')
    .where('last_name', '=', 'Vermeulen')
    .executeTakeFirstOrThrow();
  const rows = await database.db
    .selectFrom('campaigns')
    .select(['id', 'measure', 'definition_version'])
    .where('report_year', '=', options.national.reportYear)
    .orderBy('measure')
    .execute();
  // Open at the fixed clock whatever the calendar says (a campaign the calendar already opens keeps its dates).
  await openCampaignsAt(
    database.db,
    rows.map((c) => c.id),
    now,
    8,
  );
  // The staff table each form gets a row in, and (long forms) the part of the form that holds it.
  const campaigns = rows.map((c) => {
    const definition = getDefinition(c.measure, c.definition_version);
    const table = STAFF_TABLE[c.measure];
    const part = definition.paged ? definition.sections.find((s) => s.items.some((i) => i.kind === 'table' && i.key === table))?.key : undefined;
    return { id: c.id, measure: c.measure, table, part };
  });
  national = { ocmws: country.ocmws, campaigns, podmiPersonId: nathalie.id };
}

/** scripts/bench.ts: An Peeters of OCMW Demostad, the campaign it probes (opened here), and the OCMWs of the parallel saves. */
let probe: { personId: string; kbo: string; campaignId: string; savers: CountryOcmw[] } | undefined;
if (options.probe) {
  const { measure, reportYear, saveOcmws = 0 } = options.probe;
  const an = await database.db.selectFrom('persons').select('id').where('first_name', '=', 'An').where('last_name', '=', 'Peeters').executeTakeFirstOrThrow();
  const demostad = await database.db.selectFrom('organisations').select('kbo').where('name_nl', '=', 'OCMW Demostad').executeTakeFirstOrThrow();
  const campaign = await database.db
    .selectFrom('campaigns')
    .select('id')
    .where('measure', '=', measure)
    .where('report_year', '=', reportYear)
    .executeTakeFirstOrThrow();
  await openCampaignsAt(database.db, [campaign.id], now);
  // One medewerker per extra OCMW (reference values for the year's campaigns, nothing filled in).
  const savers = saveOcmws > 0 ? (await createCountry(database.db, { reportYear, limit: saveOcmws })).ocmws : [];
  probe = { personId: an.id, kbo: demostad.kbo, campaignId: campaign.id, savers };
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let closing: Promise<void> | undefined;
function close(): Promise<void> {
  closing ??= (async () => {
    await app.close();
    await database.close();
    if (schema) await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
  })();
  return closing;
}

process.on('message', (message) => {
  if (message === 'close') {
    void close()
      .then(() => process.send?.({ type: 'closed', schema }))
      .catch((error) => process.send?.({ type: 'closed', schema, error: String(error) }))
      .finally(() => process.disconnect?.());
  }
});
// The parent went away without asking: still drop the schema.
process.on('disconnect', () => {
  void close().finally(() => process.exit(0));
});

process.send?.({ type: 'ready', kind, port, pid: process.pid, schema, now: now.toISOString(), probe, national });
