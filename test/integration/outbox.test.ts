import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { type Db, openDatabase, withTransaction } from '../../src/db/database.ts';
import type { MailTransport } from '../../src/jobs/mail-transport.ts';
import { enqueueEmail } from '../../src/jobs/outbox.ts';
import { MAX_ATTEMPTS, runOutboxOnce, retryDelayMs } from '../../src/jobs/outbox.worker.ts';
import { startOutboxWorker } from '../../src/worker.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, loginAs } from '../support/http.ts';

const BASE = '/backoffice/outbox';
const local: MailTransport = { kind: 'local', from: 'Uniek Verslag <no-reply@uniek-verslag.invalid>' };
const silent = { info() {}, error() {} };

describe(`outbox: durable e-mail and the beheerder's outbox (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let marc: Client;

  before(async () => {
    t = await buildTestApp();
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
  });
  after(async () => t.close());

  function enqueue(key: string, over: { to?: string; subject?: string; body?: string } = {}, db: Db = t.db) {
    return withTransaction(db, (tx) =>
      enqueueEmail(tx, { dedupeKey: key, email: { to: 'contact@ocmw.example', subject: `Subject ${key}`, body: `Body ${key}`, ...over }, now: t.clock.now() }),
    );
  }
  const jobs = (prefix: string) => t.db.selectFrom('outbox_jobs').selectAll().where('dedupe_key', 'like', `${prefix}%`).orderBy('dedupe_key').execute();
  const messages = (prefix: string) =>
    t.db
      .selectFrom('mail_messages')
      .innerJoin('outbox_jobs', 'outbox_jobs.id', 'mail_messages.job_id')
      .select(['mail_messages.job_id', 'mail_messages.subject', 'mail_messages.to_address'])
      .where('outbox_jobs.dedupe_key', 'like', `${prefix}%`)
      .execute();
  const work = (db: Db = t.db) => runOutboxOnce({ db, transport: local, now: t.clock.now() });

  it('lets only the beheerder in: anonymous to the login, OCMW users and the dossierbeheerder refused', async () => {
    const id = randomUUID();
    const probes = async (client: Client) => [
      await client.get(BASE),
      await client.get(`${BASE}/${id}`),
      await client.post(`${BASE}/send-now`, {}),
      await client.post(`${BASE}/jobs/${id}/retry`, {}),
    ];
    for (const res of await probes(new Client(t.app))) {
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/login');
    }
    for (const [name, ocmw] of [['An Peeters'], ['Jan Janssens'], ['Claire Martin'], ['Luc Wouters', 'OCMW Villedemo'], ['Nathalie Vermeulen']]) {
      const client = await loginAs(t.app, t.db, name, ocmw);
      for (const res of await probes(client)) assert.equal(res.statusCode, 403, name);
    }
    assert.equal((await marc.get(BASE)).statusCode, 200);
  });

  it('answers 404 for missing and malformed ids', async () => {
    assert.equal((await marc.get(`${BASE}/${randomUUID()}`)).statusCode, 404);
    assert.equal((await marc.get(`${BASE}/not-a-uuid`)).statusCode, 404);
    assert.equal((await marc.post(`${BASE}/jobs/${randomUUID()}/retry`, {})).statusCode, 404);
    assert.equal((await marc.post(`${BASE}/jobs/x'1/retry`, {})).statusCode, 404);
  });

  it('queues nothing when the causing transaction rolls back, and a dedupe key once', async () => {
    await assert.rejects(
      withTransaction(t.db, async (tx) => {
        await enqueueEmail(tx, { dedupeKey: 'rollback:1', email: { to: 'a@b.example', subject: 's', body: 'b' }, now: t.clock.now() });
        throw new Error('the cause failed');
      }),
    );
    assert.equal((await jobs('rollback:')).length, 0);
    assert.equal(await enqueue('dedupe:1'), true);
    assert.equal(await enqueue('dedupe:1', { subject: 'another' }), false);
    assert.equal((await jobs('dedupe:')).length, 1);
  });

  it('delivers each job once into the local outbox, however often the worker runs', async () => {
    for (const key of ['once:1', 'once:2', 'once:3']) await enqueue(key);
    const first = await work();
    assert.ok(first.delivered >= 3);
    assert.deepEqual(await work(), { delivered: 0, retried: 0, failed: 0 });
    const sent = await messages('once:');
    assert.equal(sent.length, 3);
    for (const job of await jobs('once:')) {
      assert.equal(job.state, 'DONE');
      assert.equal(job.attempts, 1);
      assert.ok(job.done_at);
    }
  });

  it('delivers each job once with several workers at the same time (more jobs than a batch)', async () => {
    for (let i = 0; i < 120; i++) await enqueue(`concurrent:${String(i).padStart(3, '0')}`);
    // On PostgreSQL a second pool on the same schema: another process's worker, racing for the same rows.
    const other = t.kind === 'postgres' ? await openDatabase(t.config) : undefined;
    try {
      const runs = await Promise.all([work(), work(other?.db ?? t.db), work(), work(other?.db ?? t.db)]);
      assert.equal(
        runs.reduce((n, r) => n + r.delivered, 0),
        120,
      );
    } finally {
      await other?.close();
    }
    const sent = await messages('concurrent:');
    assert.equal(sent.length, 120);
    assert.equal(new Set(sent.map((m) => m.job_id)).size, 120);
  });

  it('after a restart, a new worker delivers the jobs left pending', async () => {
    for (const key of ['restart:1', 'restart:2']) await enqueue(key);
    // The process that queued them died before its worker ran; a new one starts on the same database.
    const database = t.kind === 'postgres' ? await openDatabase(t.config) : undefined;
    const worker = startOutboxWorker({ db: database?.db ?? t.db, config: { ...t.config, outboxPollMs: 5 }, clock: t.clock, log: silent });
    try {
      for (let i = 0; i < 400 && (await messages('restart:')).length < 2; i++) await sleep(10);
    } finally {
      await worker.stop();
      await database?.close();
    }
    assert.equal((await messages('restart:')).length, 2);
    assert.ok((await jobs('restart:')).every((j) => j.state === 'DONE'));
  });

  it('shows the queue and the sent messages newest first; a body is shown escaped', async () => {
    t.clock.advance(60_000);
    await enqueue('show:1', { subject: 'Oudere herinnering' });
    await work();
    t.clock.advance(60_000);
    await enqueue('show:2', { subject: 'Nieuwste herinnering', body: 'Regel 1\n<script>alert(1)</script>\nRegel 3' });
    await work();
    const page = await marc.get(BASE);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /aria-current="page">Uitgaande e-mail</);
    assert.match(page.body, /geen mailserver \(SMTP\)/);
    assert.ok(page.body.includes('Oudere herinnering'));
    assert.ok(page.body.indexOf('Nieuwste herinnering') < page.body.indexOf('Oudere herinnering'), 'newest first');
    const id = /href="\/backoffice\/outbox\/([0-9a-f-]{36})">Nieuwste herinnering</.exec(page.body)?.[1];
    assert.ok(id);
    const detail = await marc.get(`${BASE}/${id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /<pre class="mail-body">Regel 1\n&lt;script>alert\(1\)&lt;\/script>\nRegel 3<\/pre>/);
    assert.doesNotMatch(detail.body, /<script>alert/);
    assert.match(detail.body, /contact@ocmw\.example/);
  });

  it('pages through many messages', async () => {
    await withTransaction(t.db, async (tx) => {
      for (let i = 0; i < 60; i++) {
        await enqueueEmail(tx, { dedupeKey: `many:${i}`, email: { to: 'x@y.example', subject: `Veel ${i}`, body: 'b' }, now: t.clock.now() });
      }
    });
    await work();
    const total = Number(
      (
        await t.db
          .selectFrom('mail_messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const pages = Math.ceil(total / 50);
    const first = await marc.get(BASE);
    assert.match(first.body, new RegExp(`Pagina 1 van ${pages}`));
    assert.match(first.body, /href="\/backoffice\/outbox\?page=2" rel="next"/);
    assert.equal((first.body.match(/<tr>\s*<td>[^<]*<\/td>\s*<td>[^<]*<\/td>\s*<td>\s*<a href="\/backoffice\/outbox\//g) ?? []).length, 50);
    const last = await marc.get(`${BASE}?page=999`);
    assert.match(last.body, new RegExp(`Pagina ${pages} van ${pages}`));
    assert.match((await marc.get(`${BASE}?page=abc`)).body, /Pagina 1 van/);
  });

  it('"send due reminders now" runs the scheduler and the worker, and says what it did', async () => {
    await enqueue('now:1');
    const res = await marc.post(`${BASE}/send-now`, {});
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/backoffice\/outbox\?m=sent&queued=0&delivered=1&failed=0$/);
    const page = await marc.follow(res);
    assert.match(page.body, /Herinneringen klaargezet: 0\. Berichten verstuurd: 1\./);
    assert.equal((await messages('now:')).length, 1);
    assert.match((await marc.post(`${BASE}/send-now`, {})).headers.location as string, /delivered=0/);
  });

  it('retries a failing delivery with backoff, gives up after the last attempt, and lets the beheerder requeue it', async () => {
    await enqueue('broken:1', { to: 'not an address' });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const run = await work();
      assert.deepEqual(run, attempt < MAX_ATTEMPTS ? { delivered: 0, retried: 1, failed: 0 } : { delivered: 0, retried: 0, failed: 1 }, `attempt ${attempt}`);
      const [job] = await jobs('broken:');
      assert.equal(job.attempts, attempt);
      assert.equal(job.last_error, 'invalid e-mail payload');
      if (attempt < MAX_ATTEMPTS) {
        assert.equal(job.state, 'PENDING');
        assert.equal(new Date(job.run_after).getTime(), t.clock.now().getTime() + retryDelayMs(attempt));
        assert.deepEqual(await work(), { delivered: 0, retried: 0, failed: 0 }, 'not before its time');
        if (attempt === 1) {
          const waiting = await (await loginAs(t.app, t.db, 'Marc Lefèvre')).get(BASE);
          assert.match(waiting.body, /Problemen bij het versturen/);
          assert.match(waiting.body, /Nieuwe poging vanaf \d\d\/\d\d\/\d{4}/);
        }
        t.clock.advance(retryDelayMs(attempt));
      } else {
        assert.equal(job.state, 'FAILED');
      }
    }
    assert.equal((await messages('broken:')).length, 0);
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre'); // hours went by: a new session
    const page = await marc.get(BASE);
    assert.match(page.body, /Problemen bij het versturen/);
    assert.match(page.body, /Mislukt <button/);
    assert.match(page.body, /not an address/);
    assert.match(page.body, /invalid e-mail payload/);
    const [job] = await jobs('broken:');
    const retry = await marc.post(`${BASE}/jobs/${job.id}/retry`, {});
    assert.equal(retry.headers.location, `${BASE}?m=requeued`);
    const [requeued] = await jobs('broken:');
    assert.equal(requeued.state, 'PENDING');
    assert.equal(requeued.attempts, 0);
    assert.equal((await marc.post(`${BASE}/jobs/${job.id}/retry`, {})).headers.location, `${BASE}?m=not_failed`);
  });
});
