/**
 * Benchmark server, run as a child process of scripts/bench.ts (`node --import tsx scripts/bench/server.ts <kind>`),
 * so the load generator and the server do not share a process (RSS and CPU are measured on this pid only).
 *
 * Builds the app with test/support/app.ts buildTestApp (same config, FakeClock, migrations, demo seed) and its
 * hooks: a query-counting Kysely plugin and two bench-only routes added before ready() (nothing in src/ changes):
 *   GET /bench/ceiling  session lookup (the real sessions plugin) + one trivial query (select 1)
 *   GET /bench/stats    query counters collected by a Kysely plugin on the db handed to the app
 * Talks to the parent over IPC: sends {type:'ready', ...}, obeys 'close' (closes app + db, drops the schema).
 *
 * Optional second argument, JSON (scripts/bench/national.ts): {"now": ISO instant for the FakeClock, "config": config
 * overrides, "national": {"reportYear": 2026, "limit": n}}. With "national" the server also creates the OCMWs of the
 * country (scripts/bench/national-dataset.ts createCountry: persons and reference values, nothing filled in), sends
 * them in the ready message, and answers GET /bench/national (what is submitted and signed for those OCMWs).
 */
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  sql,
} from 'kysely';
import type { Config } from '../../src/config/config.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { buildTestApp } from '../../test/support/app.ts';
import { STAFF_TABLE, createCountry } from './national-dataset.ts';
import type { QueryStats } from './stats.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const options = JSON.parse(process.argv[3] ?? '{}') as { now?: string; config?: Partial<Config>; national?: { reportYear: number; limit?: number } };
/** the OCMWs of the national benchmark (their ids), filled in while the server runs */
let nationalOcmwIds: string[] = [];


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

const t = await buildTestApp(options.config ?? {}, kind, {
  schemaPrefix: options.national ? 'uv_bench_nat' : 'uv_bench',
  now: options.now,
  wrapDb: (db) => db.withPlugin(new CountingPlugin()),
  extend: (app, db) => {
    app.get('/bench/ceiling', async (request, reply) => {
      if (!request.actor) return reply.code(401).send({ ok: false });
      await sql`select 1`.execute(db);
      return { ok: true, person: request.actor.personId };
    });
    app.get('/bench/stats', async () => ({ ...stats, pid: process.pid, memory: process.memoryUsage() }));
    // The end state of the national benchmark, read straight from the database.
    app.get('/bench/national', async () => {
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
});
const { app, schema } = t;
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

let national: unknown;
if (options.national) {
  const country = await createCountry(t.db, options.national);
  nationalOcmwIds = country.ocmws.map((o) => o.id);
  const nathalie = await t.db.selectFrom('persons').select('id').where('first_name', '=', 'Nathalie').where('last_name', '=', 'Vermeulen').executeTakeFirstOrThrow();
  const rows = await t.db.selectFrom('campaigns').select(['id', 'measure', 'definition_version']).where('report_year', '=', options.national.reportYear).orderBy('measure').execute();
  // The staff table each form gets a row in, and (long forms) the part of the form that holds it.
  const campaigns = rows.map((c) => {
    const definition = getDefinition(c.measure, c.definition_version);
    const table = STAFF_TABLE[c.measure];
    const part = definition.paged ? definition.sections.find((s) => s.items.some((i) => i.kind === 'table' && i.key === table))?.key : undefined;
    return { id: c.id, measure: c.measure, table, part };
  });
  national = { ocmws: country.ocmws, campaigns, podmiPersonId: nathalie.id };
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const an = await t.db.selectFrom('persons').select('id').where('first_name', '=', 'An').where('last_name', '=', 'Peeters').executeTakeFirstOrThrow();
const campaign = await t.db.selectFrom('campaigns').select('id').where('measure', '=', 'COVID_PREMIE').executeTakeFirstOrThrow();

let closing: Promise<void> | undefined;
function close(): Promise<void> {
  closing ??= (async () => {
    await t.close();
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

process.send?.({ type: 'ready', kind, port, pid: process.pid, schema, personId: an.id, campaignId: campaign.id, national });
