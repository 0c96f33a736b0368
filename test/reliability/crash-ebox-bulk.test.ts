import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import type { Db } from '../../src/db/database.ts';
import { prepareDatabase } from '../../src/seed/prepare.ts';
import { postgresAvailable } from '../support/app.ts';
import { bulkZip, manifestCsv } from '../support/bulk-zip.ts';
import { CRASH_SERVER_ENV, type CrashTarget, loginOver, pgliteTarget, postgresTarget } from '../support/crash-client.ts';
import { tinyPdf } from '../support/ebox.ts';
import { checkConsistency } from './crash-invariants.ts';
import { ServerProcess } from './crash-server.ts';

/**
 * Issue 16 (reliability): a kill -9 during a bulk e-Box publication leaves every row either published once or not at
 * all, and uploading the same ZIP again publishes the rest exactly once.
 *
 * The real server (src/main.ts) runs as a child process, on PostgreSQL and on an embedded PGlite directory, with the
 * failure point `ebox:bulk-row-before-commit@k` armed: POD MI (Nathalie Vermeulen) uploads a ZIP of ROWS rows for the
 * three demo OCMWs over HTTP; the server publishes rows 1…k−1, writes row k (files, message, audit event) and freezes
 * before that row's transaction commits; the test kills it with SIGKILL. On the database it left: exactly the k−1 first
 * rows are published, each once, each with all its attachments and their bytes in `ebox_files`, each with its audit
 * event; every OCMW's audit chain verifies; the batch is left PUBLISHING. Then a server without failure points gets the
 * same ZIP again: k−1 rows "already published", the ROWS−(k−1) others published; in the end every row once, the
 * crashed batch still PUBLISHING and the new one DONE. Each k has a ZIP of its own (its own SHA-256, so its own keys).
 */

const ROWS = 8;
const KS = (process.env.CRASH_BULK_KS ?? '1,4,8').split(',').map(Number);
const FAILPOINT = 'ebox:bulk-row-before-commit';
const BASE = '/backoffice/ebox';
/** Demostad, Villedemo, Demodorp (disappearing, still receives) */
const KBOS = ['0212000131', '0212000230', '0212000329'];

interface Row {
  reference: string;
  kbo: string;
  files: number;
}

interface Upload {
  zip: Buffer;
  sha: string;
  rows: Row[];
}

/** A ZIP of ROWS rows, the three OCMWs in turn, every other row with an attachment beside its main file; `k` makes it unique. */
async function makeUpload(k: number): Promise<Upload> {
  const rows: Row[] = [];
  const manifest: string[][] = [];
  const entries: Array<{ name: string; data: Buffer }> = [];
  for (let i = 1; i <= ROWS; i++) {
    const reference = `k${k}-r${i}`;
    const kbo = KBOS[(i - 1) % KBOS.length];
    const blocked = i % 4 === 3;
    const main = `${reference}-main.pdf`;
    const attachment = i % 2 === 0 ? `${reference}-detail.pdf` : '';
    manifest.push([
      reference,
      kbo,
      blocked ? 'LIJST_GEBLOKKEERD' : 'MAANDSTAAT',
      blocked ? 'WET65' : 'RMI',
      '2026-11',
      `Maandstaat november (${reference})`,
      `État mensuel novembre (${reference})`,
      '',
      main,
      attachment,
    ]);
    entries.push({ name: main, data: await tinyPdf(`Maandstaat ${reference}`) });
    if (attachment) entries.push({ name: attachment, data: await tinyPdf(`Detail ${reference}`) });
    rows.push({ reference, kbo, files: attachment ? 2 : 1 });
  }
  const zip = bulkZip([{ name: 'manifest.csv', data: manifestCsv(manifest) }, ...entries]);
  return { zip, sha: createHash('sha256').update(zip).digest('hex'), rows };
}

interface BulkState {
  problems: string[];
  /** the published rows' references, in row order, and the batch each was published in */
  published: Array<{ reference: string; batchId: string | null }>;
  /** the batches of this ZIP, oldest first */
  batches: Array<{ id: string; state: string; rowCount: number; finished: boolean; report: unknown }>;
}

interface MessageRow {
  id: string;
  idempotency_key: string;
  sender_application: string;
  organisation_id: string;
  batch_id: string | null;
  kbo: string;
  attachments: number;
  events: number;
}

interface AttachmentRow {
  message_id: string;
  position: number;
  sha256: string | null;
  size_bytes: string | number;
  file_size: string | number | null;
  content: Uint8Array | null;
}

/** Reads what the server left of one upload and checks its rules; every broken rule is one line of `problems`. */
async function inspect(db: Db, upload: Upload): Promise<BulkState> {
  const state: BulkState = { problems: [], published: [], batches: [] };
  const prefix = `bulk:${upload.sha}:`;
  const messages = await sql<MessageRow>`
    SELECT m.id, m.idempotency_key, m.sender_application, m.organisation_id, m.batch_id, o.kbo,
      (SELECT count(*)::int FROM ebox_attachments x WHERE x.message_id = m.id) AS attachments,
      (SELECT count(*)::int FROM audit_events a WHERE a.type = 'EBOX_MESSAGE_PUBLISHED' AND a.subject_id = m.id) AS events
    FROM ebox_messages m JOIN organisations o ON o.id = m.organisation_id
    WHERE m.idempotency_key LIKE ${`${prefix}%`}`.execute(db);
  const byReference = new Map<string, MessageRow[]>();
  for (const m of messages.rows) {
    const reference = m.idempotency_key.slice(prefix.length);
    byReference.set(reference, [...(byReference.get(reference) ?? []), m]);
  }
  for (const [reference, found] of byReference) {
    const row = upload.rows.find((r) => r.reference === reference);
    if (!row) state.problems.push(`a message with key ${prefix}${reference}, a row the ZIP does not have`);
    if (found.length !== 1) state.problems.push(`row ${reference}: published ${found.length} times`);
    for (const m of found) {
      const where = `row ${reference} (message ${m.id})`;
      if (m.sender_application !== 'BACKOFFICE') state.problems.push(`${where}: sender ${m.sender_application}`);
      if (row && m.kbo !== row.kbo) state.problems.push(`${where}: published to ${m.kbo}, not ${row.kbo}`);
      if (row && m.attachments !== row.files) state.problems.push(`${where}: ${m.attachments} attachment(s), expected ${row.files}`);
      if (m.events !== 1) state.problems.push(`${where}: ${m.events} EBOX_MESSAGE_PUBLISHED event(s)`);
    }
  }
  for (const row of upload.rows) {
    const found = byReference.get(row.reference);
    if (found) state.published.push({ reference: row.reference, batchId: found[0].batch_id });
  }
  // every attachment of these messages has its bytes in ebox_files (database store), whole and of its SHA-256
  if (messages.rows.length > 0) {
    const attachments = await sql<AttachmentRow>`
      SELECT x.message_id, x.position, x.sha256, x.size_bytes, f.size_bytes AS file_size, f.content
      FROM ebox_attachments x LEFT JOIN ebox_files f ON f.sha256 = x.sha256
      WHERE x.message_id IN (${sql.join(messages.rows.map((m) => m.id))})`.execute(db);
    for (const a of attachments.rows) {
      const where = `message ${a.message_id}, file ${a.position}`;
      if (!a.sha256 || !a.content) {
        state.problems.push(`${where}: no bytes in ebox_files (${a.sha256 ?? 'no SHA-256'})`);
        continue;
      }
      const content = Buffer.from(a.content);
      const hashed = createHash('sha256').update(content).digest('hex') === a.sha256;
      const sized = content.length === Number(a.size_bytes) && content.length === Number(a.file_size);
      const whole = content.subarray(0, 5).toString('latin1') === '%PDF-';
      if (!hashed || !sized || !whole) state.problems.push(`${where}: ${content.length} bytes, not the file published`);
    }
  }
  // anywhere in the e-Box: no message without files, no file reference without its bytes
  const bare = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ebox_messages m WHERE NOT EXISTS (SELECT 1 FROM ebox_attachments x WHERE x.message_id = m.id)`.execute(db);
  if (bare.rows[0].n > 0) state.problems.push(`${bare.rows[0].n} e-Box message(s) without any file`);
  const dangling = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ebox_attachments x
    WHERE x.sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ebox_files f WHERE f.sha256 = x.sha256)`.execute(db);
  if (dangling.rows[0].n > 0) state.problems.push(`${dangling.rows[0].n} attachment(s) without their ebox_files row`);
  // the audit chain of each recipient OCMW (checkConsistency verifies every organisation's as well)
  for (const kbo of KBOS) {
    const organisation = await db.selectFrom('organisations').select('id').where('kbo', '=', kbo).executeTakeFirstOrThrow();
    const chain = await verifyAuditChain(db, organisation.id);
    if (!chain.ok) state.problems.push(`audit chain of ${kbo} broken at ${chain.problem?.seq} (${chain.problem?.reason})`);
  }
  const batches = await db
    .selectFrom('ebox_batches')
    .select(['id', 'state', 'row_count', 'finished_at', 'report'])
    .where('sha256', '=', upload.sha)
    .orderBy('uploaded_at')
    .execute();
  state.batches = batches.map((b) => ({ id: b.id, state: b.state, rowCount: b.row_count, finished: b.finished_at !== null, report: b.report }));
  return state;
}

const figures: string[] = [];

function bulkCrashScenario(makeTarget: () => Promise<CrashTarget> | CrashTarget) {
  let target: CrashTarget;
  let server: ServerProcess | undefined;
  let nathalieId = '';
  let kills = 0;
  let starts = 0;
  let checks = 0;
  let t0 = 0;

  const start = async (failpoints: string) => {
    await server?.kill9(); // never two servers on one database (the previous one is dead or stopped by now)
    server = await ServerProcess.start({ ...target.env, ...CRASH_SERVER_ENV, EBOX_STORE: 'database', FAILPOINTS: failpoints });
    starts++;
    return server;
  };

  /** Opens the database the server left (PGlite: its recovery), checks the general invariants and this upload's. */
  const check = async (label: string, upload: Upload): Promise<BulkState> => {
    const database = await target.open();
    try {
      const general = await checkConsistency(database.db);
      const state = await inspect(database.db, upload);
      checks++;
      const problems = [...general.problems, ...state.problems];
      assert.deepEqual(problems, [], `after ${label}:\n${problems.join('\n')}`);
      return state;
    } finally {
      await database.close();
    }
  };

  const upload = (s: ServerProcess, u: Upload) =>
    loginOver(s, nathalieId).then((nathalie) => ({
      nathalie,
      res: nathalie.postFile(`${BASE}/bulk`, {}, { name: 'november.zip', type: 'application/zip', content: u.zip }),
    }));

  after(async () => {
    await server?.kill9();
    await target?.dispose();
    figures.push(
      `crash consistency of a bulk e-Box publication (${target?.kind}): ${kills} kill -9 (${FAILPOINT} at rows ${KS.join(', ')} of ${ROWS}), ${starts} starts, ${checks} checks in ${Math.round((performance.now() - t0) / 1000)} s; violations 0`,
    );
  });

  it('prepares the demo database', async () => {
    t0 = performance.now();
    target = await makeTarget();
    const database = await target.open();
    try {
      await prepareDatabase(database.db, { seedDemoData: true, seedDemoReports: false, now: new Date() });
      nathalieId = (
        await database.db.selectFrom('persons').select('id').where('first_name', '=', 'Nathalie').where('last_name', '=', 'Vermeulen').executeTakeFirstOrThrow()
      ).id;
    } finally {
      await database.close();
    }
  });

  for (const k of KS) {
    it(`kill -9 before row ${k} of ${ROWS} commits: ${k === 1 ? 'no row is' : `rows 1–${k - 1} are`} published (each once); the same ZIP again publishes the other ${ROWS - k + 1} once`, async () => {
      assert.ok(k >= 1 && k <= ROWS, `k = ${k} within 1…${ROWS}`);
      const u = await makeUpload(k);
      const expected = u.rows.slice(0, k - 1).map((r) => r.reference);

      // 1. the upload, killed with row k written and not committed; its request never gets an answer
      const armed = await start(`${FAILPOINT}@${k}`);
      const { res } = await upload(armed, u);
      const outcome = res.then(
        () => 'answered',
        () => 'died',
      );
      assert.equal(await armed.killAtFailpoint(), FAILPOINT);
      assert.equal(await outcome, 'died', 'the upload died with the server');
      kills++;
      const crashed = await check(`the kill at row ${k}`, u);
      assert.deepEqual(
        crashed.published.map((p) => p.reference),
        expected,
        `exactly the ${k - 1} row(s) before row ${k} are published`,
      );
      assert.equal(crashed.batches.length, 1, 'one batch');
      const [first] = crashed.batches;
      assert.deepEqual({ state: first.state, rowCount: first.rowCount, finished: first.finished }, { state: 'PUBLISHING', rowCount: ROWS, finished: false });
      assert.ok(
        crashed.published.every((p) => p.batchId === first.id),
        'the rows published belong to the crashed batch',
      );

      // 2. the same ZIP again, on a server without failure points: the rest published once, the others reported
      const s = await start('');
      const again = await upload(s, u);
      const res2 = await again.res;
      assert.equal(res2.statusCode, 303, `the upload answers 303 (${res2.statusCode}):\n${s.tail()}`);
      const location = String(res2.headers.location);
      assert.match(location, /^\/backoffice\/ebox\/bulk\/[0-9a-f-]{36}$/);
      const page = await again.nathalie.get(location);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`${ROWS - (k - 1)} berichten gepubliceerd, ${k - 1} waren al eerder gepubliceerd`));
      assert.equal(await s.stop(), 0, 'graceful stop');

      const end = await check(`the second upload (k = ${k})`, u);
      assert.deepEqual(
        end.published.map((p) => p.reference),
        u.rows.map((r) => r.reference),
        `all ${ROWS} rows published, each once`,
      );
      assert.deepEqual(
        end.batches.map((b) => b.state),
        ['PUBLISHING', 'DONE'],
        'the crashed batch stays PUBLISHING, the second is DONE',
      );
      const [crashedBatch, second] = end.batches;
      assert.equal(crashedBatch.id, first.id);
      assert.equal(location, `${BASE}/bulk/${second.id}`, 'the answer names the second batch');
      assert.ok(second.finished, 'the second batch finished');
      const outcomes = second.report as Array<{ reference: string; result: string }>;
      assert.deepEqual(
        outcomes.map((o) => [o.reference, o.result]),
        u.rows.map((r, i) => [r.reference, i < k - 1 ? 'already_published' : 'published']),
        'the report of the second batch, row by row',
      );
      for (const [i, p] of end.published.entries()) {
        assert.equal(p.batchId, i < k - 1 ? first.id : second.id, `row ${p.reference} published in ${i < k - 1 ? 'the crashed' : 'the second'} batch`);
      }
    });
  }
}

/** CRASH_DB=postgres or pglite runs one of the two (default both). */
const only = process.env.CRASH_DB;
describe(
  'crash consistency of a bulk e-Box publication on PostgreSQL',
  { skip: (only === 'pglite' && 'CRASH_DB=pglite') || (!(await postgresAvailable()) && 'PostgreSQL not reachable') },
  () => bulkCrashScenario(postgresTarget),
);
describe('crash consistency of a bulk e-Box publication on an embedded PGlite directory', { skip: only === 'postgres' && 'CRASH_DB=postgres' }, () =>
  bulkCrashScenario(pgliteTarget),
);

process.once('exit', () => {
  for (const figure of figures) console.log(figure);
});
