/**
 * Benchmark server, run as a child process of scripts/bench.ts (`node --import tsx scripts/bench/server.ts <kind>`),
 * so the load generator and the server do not share a process (RSS and CPU are measured on this pid only).
 *
 * Builds the app with test/support/app.ts buildTestApp (same config, FakeClock, migrations, demo seed) and its
 * hooks: a query-counting Kysely plugin and two bench-only routes added before ready() (nothing in src/ changes):
 *   GET /bench/ceiling  session lookup (the real sessions plugin) + one trivial query (select 1)
 *   GET /bench/stats    query counters collected by a Kysely plugin on the db handed to the app
 * Talks to the parent over IPC: sends {type:'ready', ...}, obeys 'close' (closes app + db, drops the schema).
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
import { buildTestApp } from '../../test/support/app.ts';
import type { QueryStats } from './stats.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';


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

const t = await buildTestApp({}, kind, {
  schemaPrefix: 'uv_bench',
  wrapDb: (db) => db.withPlugin(new CountingPlugin()),
  extend: (app, db) => {
    app.get('/bench/ceiling', async (request, reply) => {
      if (!request.actor) return reply.code(401).send({ ok: false });
      await sql`select 1`.execute(db);
      return { ok: true, person: request.actor.personId };
    });
    app.get('/bench/stats', async () => ({ ...stats, pid: process.pid, memory: process.memoryUsage() }));
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

process.send?.({ type: 'ready', kind, port, pid: process.pid, schema, personId: an.id, campaignId: campaign.id });
