import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { sha256Of } from '../../src/modules/ebox/files/file-store.ts';
import { expireEboxFiles } from '../../src/modules/ebox/retention.ts';
import { fileStoreOf } from '../../src/modules/ebox/store-of.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { publishTestMessage, tinyPdf } from '../support/ebox.ts';
import { type Client, loginAs, organisationId } from '../support/http.ts';

const DAY = 24 * 3_600_000;

/** A moment `months` months and `days` days before `now`. */
function before_(now: Date, months: number, days = 0): Date {
  const d = new Date(now.getTime() - days * DAY);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * Retention (EBX-6, portal.md §4.7): an expired message loses its files and stays as a tombstone with its read state,
 * audited; a file another, live message shares stays; a rerun does nothing and finishes what a crashed run left.
 */
describe(`e-Box retention (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let demostad: string;
  let bart: Client;
  let shared: Buffer;
  let own: Buffer;
  let expired: string;
  let live: string;

  const fileRow = (sha256: string) => t.db.selectFrom('ebox_files').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  const store = () => fileStoreOf(t.config);

  before(async () => {
    t = await buildTestApp();
    demostad = await organisationId(t.db, 'OCMW Demostad');
    bart = await loginAs(t.app, t.db, 'Bart Willems', 'OCMW Demostad');
    shared = await tinyPdf('Gedeelde bijlage');
    own = await tinyPdf('Eigen maandstaat');
  });
  after(async () => t.close());

  it('prepares a message past its validity (read), sharing a file with a live one', async () => {
    const now = t.clock.now();
    // MAANDSTAAT: 24 months; published 24 months and a day ago
    expired = await publishTestMessage(t, demostad, {
      subject: 'Maandstaat oktober 2024',
      period: '2024-10',
      at: before_(now, 24, 1),
      files: [
        { name: 'maandstaat-2024-10.pdf', bytes: own },
        { name: 'bijlage.pdf', bytes: shared },
      ],
    });
    live = await publishTestMessage(t, demostad, { subject: 'Maandstaat november 2026', files: [{ name: 'bijlage-nieuw.pdf', bytes: shared }] });
    assert.equal((await bart.get(`${bart.base}/ebox/${expired}`)).statusCode, 200);
  });

  it('deletes the files of the expired message, keeps its row, file names and read state, audited', async () => {
    const now = t.clock.now();
    assert.deepEqual(await expireEboxFiles(t.db, store(), now), { expired: 1, filesRemoved: 1, failedFiles: 0, more: false });

    const message = await t.db.selectFrom('ebox_messages').selectAll().where('id', '=', expired).executeTakeFirstOrThrow();
    assert.equal(new Date(message.files_deleted_at as Date).getTime(), now.getTime());
    assert.equal(message.subject_nl, 'Maandstaat oktober 2024');
    const attachments = await t.db.selectFrom('ebox_attachments').selectAll().where('message_id', '=', expired).orderBy('position').execute();
    assert.deepEqual(
      attachments.map((a) => [a.file_name, a.sha256]),
      [
        ['maandstaat-2024-10.pdf', null],
        ['bijlage.pdf', null],
      ],
    );
    assert.ok(await t.db.selectFrom('ebox_reads').select('message_id').where('message_id', '=', expired).executeTakeFirst(), 'read state kept');

    assert.equal(await fileRow(sha256Of(own)), undefined, 'its own file is gone');
    assert.ok(await fileRow(sha256Of(shared)), 'the file the live message shares stays');

    const events = await t.db
      .selectFrom('audit_events')
      .select(['payload', 'actor_person_id'])
      .where('organisation_id', '=', demostad)
      .where('type', '=', 'EBOX_FILES_EXPIRED')
      .where('subject_id', '=', expired)
      .execute();
    assert.equal(events.length, 1);
    const payload = (typeof events[0].payload === 'string' ? JSON.parse(events[0].payload) : events[0].payload) as {
      messageType: string;
      files: Array<{ name: string; sha256: string }>;
    };
    assert.equal(payload.messageType, 'MAANDSTAAT');
    assert.deepEqual(
      payload.files.map((f) => [f.name, f.sha256]),
      [
        ['maandstaat-2024-10.pdf', sha256Of(own)],
        ['bijlage.pdf', sha256Of(shared)],
      ],
    );
    assert.equal(events[0].actor_person_id, null);
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
  });

  it("the OCMW's message page says the files were deleted; the download answers 404; the live message's file still downloads", async () => {
    const page = await bart.get(`${bart.base}/ebox/${expired}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /de bestanden zijn verwijderd/);
    assert.equal((await bart.get(`${bart.base}/ebox/${expired}/files/1`)).statusCode, 404);
    assert.equal((await bart.get(`${bart.base}/ebox/${expired}/files/2`)).statusCode, 404);
    const download = await bart.get(`${bart.base}/ebox/${live}/files/1`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.rawPayload.length, shared.length);
  });

  it('a rerun does nothing', async () => {
    t.clock.advance(60_000);
    assert.deepEqual(await expireEboxFiles(t.db, store(), t.clock.now()), { expired: 0, filesRemoved: 0, failedFiles: 0, more: false });
  });

  it('a rerun finishes a run that stopped between its transaction and the store', async () => {
    const bytes = await tinyPdf('Half verwijderd');
    const id = await publishTestMessage(t, demostad, {
      subject: 'Half',
      period: '2024-09',
      at: before_(t.clock.now(), 25),
      files: [{ name: 'half.pdf', bytes }],
    });
    // what the transaction of a run did before the process stopped: the tombstone, not the removal from the store
    await t.db.updateTable('ebox_attachments').set({ sha256: null }).where('message_id', '=', id).execute();
    await t.db.updateTable('ebox_messages').set({ files_deleted_at: t.clock.now() }).where('id', '=', id).execute();
    assert.ok(await fileRow(sha256Of(bytes)));
    assert.deepEqual(await expireEboxFiles(t.db, store(), t.clock.now()), { expired: 0, filesRemoved: 1, failedFiles: 0, more: false });
    assert.equal(await fileRow(sha256Of(bytes)), undefined);
  });

  it('works in batches: a full batch says there is more', async () => {
    const now = t.clock.now();
    for (const n of [1, 2, 3])
      await publishTestMessage(t, demostad, {
        subject: `Oud ${n}`,
        period: `2023-0${n}`,
        at: before_(now, 30, n),
        files: [{ name: `oud-${n}.pdf`, bytes: await tinyPdf(`Oud ${n}`) }],
      });
    assert.deepEqual(await expireEboxFiles(t.db, store(), now, { batch: 2 }), { expired: 2, filesRemoved: 2, failedFiles: 0, more: true });
    assert.deepEqual(await expireEboxFiles(t.db, store(), now, { batch: 2 }), { expired: 1, filesRemoved: 1, failedFiles: 0, more: false });
    assert.deepEqual(await expireEboxFiles(t.db, store(), now, { batch: 2 }), { expired: 0, filesRemoved: 0, failedFiles: 0, more: false });
  });

  it('leaves a file staged for a preview (referred to by nothing yet, recent) alone', async () => {
    const bytes = await tinyPdf('Voorbeeld');
    await store().put(t.db, sha256Of(bytes), bytes, t.clock.now());
    assert.equal((await expireEboxFiles(t.db, store(), t.clock.now())).filesRemoved, 0);
    assert.ok(await fileRow(sha256Of(bytes)));
  });
});
