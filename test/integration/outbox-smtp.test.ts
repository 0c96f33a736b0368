import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { withTransaction } from '../../src/db/database.ts';
import { type MailTransport, createMailTransport } from '../../src/jobs/mail-transport.ts';
import { enqueueEmail } from '../../src/jobs/outbox.ts';
import { LEASE_MS, runOutboxOnce } from '../../src/jobs/outbox.worker.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';

const FROM = 'Uniek Verslag <no-reply@uniek-verslag.invalid>';

/** A mail server in the test process: accepts everything from user "uv" with password "s3cret-pw", keeps what it got. */
function startSmtpServer() {
  const received: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'uv' && auth.password === 's3cret-pw') callback(null, { user: 'uv' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  return new Promise<{ server: SMTPServer; port: number; received: string[] }>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.server.address() as AddressInfo).port, received }));
  });
}

describe(`outbox over SMTP (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: MailTransport;

  before(async () => {
    t = await buildTestApp();
    smtp = await startSmtpServer();
    transport = createMailTransport({ smtpUrl: `smtp://uv:s3cret-pw@127.0.0.1:${smtp.port}`, mailFrom: FROM });
  });
  after(async () => {
    if (transport.kind === 'smtp') transport.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await t.close();
  });

  async function enqueue(key: string, subject: string) {
    await withTransaction(t.db, (tx) =>
      enqueueEmail(tx, { dedupeKey: key, email: { to: 'contact@ocmw.example', subject, body: 'Beste,\n\nTekst.' }, now: t.clock.now() }),
    );
    return t.db.selectFrom('outbox_jobs').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();
  }
  const withSubject = (subject: string) => smtp.received.filter((m) => m.includes(`Subject: ${subject}`));

  it('sends the e-mail to the SMTP server with a Message-ID derived from the job, and records it once', async () => {
    const job = await enqueue('smtp:1', 'Herinnering een');
    assert.deepEqual(await runOutboxOnce({ db: t.db, transport, now: t.clock.now() }), { delivered: 1, retried: 0, failed: 0 });
    const [message] = withSubject('Herinnering een');
    assert.ok(message, 'received');
    assert.match(message, new RegExp(`Message-ID: <${job.id}@uniek-verslag\\.invalid>`, 'i'));
    assert.match(message, /To: contact@ocmw\.example/);
    assert.match(message, /From: Uniek Verslag <no-reply@uniek-verslag\.invalid>/);
    const done = await t.db.selectFrom('outbox_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    assert.equal(done.state, 'DONE');
    assert.equal(done.attempts, 1);
    assert.equal((await t.db.selectFrom('mail_messages').select('id').where('job_id', '=', job.id).execute()).length, 1);
    assert.deepEqual(await runOutboxOnce({ db: t.db, transport, now: t.clock.now() }), { delivered: 0, retried: 0, failed: 0 });
    assert.equal(withSubject('Herinnering een').length, 1);
  });

  it('after a crash between sending and recording, sends again after the lease with the same Message-ID', async () => {
    const job = await enqueue('smtp:crash', 'Herinnering crash');
    if (transport.kind !== 'smtp') throw new Error('SMTP transport expected');
    const real = transport;
    // This worker's process "dies" right after the server accepted the message: its pass never ends.
    const dying: MailTransport = {
      ...real,
      async send(mail) {
        await real.send(mail);
        await new Promise<void>(() => {});
      },
    };
    void runOutboxOnce({ db: t.db, transport: dying, now: t.clock.now() });
    for (let i = 0; i < 500 && withSubject('Herinnering crash').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(withSubject('Herinnering crash').length, 1);
    // Leased: nobody sends it again while the lease runs.
    assert.deepEqual(await runOutboxOnce({ db: t.db, transport, now: t.clock.now() }), { delivered: 0, retried: 0, failed: 0 });
    t.clock.advance(LEASE_MS + 1000);
    assert.deepEqual(await runOutboxOnce({ db: t.db, transport, now: t.clock.now() }), { delivered: 1, retried: 0, failed: 0 });
    const copies = withSubject('Herinnering crash');
    assert.equal(copies.length, 2, 'at least once: sent again');
    const ids = copies.map((m) => /Message-ID: (<[^>]+>)/i.exec(m)?.[1]);
    assert.equal(ids[0], `<${job.id}@uniek-verslag.invalid>`);
    assert.equal(ids[1], ids[0], 'the same Message-ID: the receiver can recognise the duplicate');
    const done = await t.db.selectFrom('outbox_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    assert.equal(done.state, 'DONE');
    assert.equal(done.attempts, 2);
  });

  it('retries when the server refuses, with a short error that keeps the password out', async () => {
    const refused = createMailTransport({ smtpUrl: `smtp://uv:wrong-pw-123@127.0.0.1:${smtp.port}`, mailFrom: FROM });
    try {
      const job = await enqueue('smtp:refused', 'Herinnering geweigerd');
      assert.deepEqual(await runOutboxOnce({ db: t.db, transport: refused, now: t.clock.now() }), { delivered: 0, retried: 1, failed: 0 });
      const row = await t.db.selectFrom('outbox_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
      assert.equal(row.state, 'PENDING');
      assert.equal(row.attempts, 1);
      assert.ok(row.last_error && row.last_error.length <= 300);
      assert.doesNotMatch(row.last_error ?? '', /wrong-pw-123/);
      assert.ok(new Date(row.run_after).getTime() > t.clock.now().getTime());
      assert.equal(withSubject('Herinnering geweigerd').length, 0);
    } finally {
      if (refused.kind === 'smtp') refused.close();
    }
  });
});
