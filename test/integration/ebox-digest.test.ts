import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MailTransport } from '../../src/jobs/mail-transport.ts';
import { runOutboxOnce } from '../../src/jobs/outbox.worker.ts';
import { composeDigest, queueEboxDigests } from '../../src/modules/ebox/digest.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { publishTestMessage } from '../support/ebox.ts';
import { loginAs, organisationId, personId } from '../support/http.ts';

const DAY = 24 * 3_600_000;
const local: MailTransport = { kind: 'local', from: 'Uniek Verslag <no-reply@uniek-verslag.invalid>' };
const noLinks = { publicUrl: undefined };

/**
 * The e-Box's nightly digest (EBX-5, portal.md §4.6): at 02:00 Brussels time each organisation with a notification
 * address gets one mail counting per type the new unread messages and the unread ones about to expire, in its language;
 * never twice the same night, none without an address, none with nothing to say, never a subject, content or sender.
 */
describe(`e-Box nightly digest (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let demostad: string;
  let villedemo: string;
  let demodorp: string;
  let hilde: string;
  const ids: Record<string, string> = {};

  const digestMails = (to: string) =>
    t.db
      .selectFrom('mail_messages')
      .innerJoin('outbox_jobs', 'outbox_jobs.id', 'mail_messages.job_id')
      .selectAll('mail_messages')
      .select('outbox_jobs.dedupe_key')
      .where('to_address', '=', to)
      .where('outbox_jobs.dedupe_key', 'like', 'ebox-digest:%')
      .orderBy('sent_at')
      .execute();

  /** Moves the fake clock to a moment given in UTC. */
  const moveTo = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());

  before(async () => {
    t = await buildTestApp();
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    demodorp = await organisationId(t.db, 'OCMW Demodorp');
    hilde = await personId(t.db, 'Hilde', 'Claes');
    // What the demo data published before is read: the digest speaks of this test's messages only.
    const earlier = await t.db.selectFrom('ebox_messages').select(['id', 'organisation_id']).execute();
    if (earlier.length > 0)
      await t.db
        .insertInto('ebox_reads')
        .values(earlier.map((m) => ({ message_id: m.id, organisation_id: m.organisation_id, first_read_at: t.clock.now(), first_read_by: hilde })))
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
    for (const [organisation_id, email] of [
      [demostad, 'e-box@ocmw-demostad.be'],
      [villedemo, 'e-box@cpas-villedemo.be'],
    ])
      await t.db.insertInto('ebox_notification_addresses').values({ organisation_id, email, changed_by: hilde, changed_at: t.clock.now() }).execute();
  });
  after(async () => t.close());

  it('publishes: new messages (one read), one expiring in 20 days, one expiring already read, one for an OCMW without address', async () => {
    const now = t.clock.now();
    ids.new1 = await publishTestMessage(t, demostad, { subject: 'Geheim onderwerp een', type: 'MAANDSTAAT' });
    ids.new2 = await publishTestMessage(t, demostad, { subject: 'Geheim onderwerp twee', type: 'MAANDSTAAT', period: '2026-10' });
    ids.read = await publishTestMessage(t, demostad, { subject: 'Geheim onderwerp drie', type: 'MAANDSTAAT', period: '2026-09' });
    ids.refused = await publishTestMessage(t, demostad, { subject: 'Geheim onderwerp vier', type: 'LIJST_GEWEIGERD' });
    // published 24 months minus 20 days ago (validity 24 months): expires in 20 days
    const old = new Date(now.getTime() + 20 * DAY);
    old.setUTCMonth(old.getUTCMonth() - 24);
    ids.expiring = await publishTestMessage(t, demostad, { subject: 'Geheim onderwerp oud', type: 'LIJST_AANVAARD', period: '2024-11', at: old });
    ids.expiringRead = await publishTestMessage(t, demostad, { subject: 'Geheim onderwerp oud gelezen', type: 'LIJST_AANVAARD', period: '2024-10', at: old });
    ids.fr = await publishTestMessage(t, villedemo, { subject: 'Sujet secret', type: 'INFO', legislation: 'GENERAL', period: null });
    ids.noAddress = await publishTestMessage(t, demodorp, { subject: 'Geheim Demodorp' });

    const bart = await loginAs(t.app, t.db, 'Bart Willems', 'OCMW Demostad');
    for (const id of [ids.read, ids.expiringRead]) assert.equal((await bart.get(`${bart.base}/ebox/${id}`)).statusCode, 200);
    const expiring = await t.db.selectFrom('ebox_messages').select('expires_at').where('id', '=', ids.expiring).executeTakeFirstOrThrow();
    assert.equal(Math.round((new Date(expiring.expires_at).getTime() - now.getTime()) / DAY), 20);
  });

  it('sends nothing before 02:00 Brussels time', async () => {
    moveTo('2026-11-24T00:59:00Z'); // 01:59 in Brussels (winter time)
    assert.deepEqual(await queueEboxDigests(t.db, t.clock.now(), noLinks), { digestDate: null, organisations: 0, queued: 0, failedOrganisations: 0 });
  });

  it('at 02:00 queues one mail per organisation with an address, with the counts per type in its language', async () => {
    moveTo('2026-11-24T01:00:00Z');
    assert.deepEqual(await queueEboxDigests(t.db, t.clock.now(), noLinks), {
      digestDate: '2026-11-24',
      organisations: 2,
      queued: 2,
      failedOrganisations: 0,
    });
    await runOutboxOnce({ db: t.db, transport: local, now: t.clock.now() });

    const [nl] = await digestMails('e-box@ocmw-demostad.be');
    assert.ok(nl, 'Demostad gets its digest');
    assert.equal(nl.subject, 'e-Box van OCMW Demostad: er wachten documenten op u');
    const [newPart, expiringPart] = nl.body.split('vervallen binnen 30 dagen');
    assert.match(newPart, /nieuwe documenten aan die nog niemand van uw organisatie opende:\n- Maandstaat: 2\n- Lijst van de geweigerde formulieren: 1\n/);
    assert.match(expiringPart, /\n- Lijst van aanvaarde en\/of gedeeltelijk aanvaarde formulieren: 1\n/);
    assert.doesNotMatch(nl.body, /Lijst van aanvaarde.*: 2/);
    // no public URL in the tests: the way in words, no link
    assert.match(nl.body, /Meld u aan op het portaal, kies zo nodig OCMW Demostad en open de e-Box/);
    assert.doesNotMatch(nl.body, /https?:/);

    const [fr] = await digestMails('e-box@cpas-villedemo.be');
    assert.equal(fr.subject, 'e-Box de CPAS de Villedemo : des documents vous attendent');
    assert.match(fr.body, /^Bonjour,/);
    assert.match(fr.body, /\n- Circulaire ou information : 1\n/);
    assert.doesNotMatch(fr.body, /vervallen|expirent/, 'nothing expiring at Villedemo');

    // never a subject, a content, a file name or a sender
    for (const mail of [nl, fr]) {
      const text = `${mail.subject}\n${mail.body}`;
      assert.doesNotMatch(text, /Geheim|secret|Sujet|NOVAPRIMA|\.pdf|2026-1[01]|2024-1[01]/i);
    }
    const none = await t.db.selectFrom('outbox_jobs').select('id').where('dedupe_key', '=', `ebox-digest:${demodorp}:2026-11-24`).execute();
    assert.equal(none.length, 0, 'no address, no mail');
  });

  it('marks the expiring message as announced, not the one already read', async () => {
    const rows = await t.db.selectFrom('ebox_messages').select(['id', 'expiry_notified_at']).where('id', 'in', [ids.expiring, ids.expiringRead]).execute();
    const at = new Map(rows.map((r) => [r.id, r.expiry_notified_at]));
    assert.ok(at.get(ids.expiring));
    assert.equal(at.get(ids.expiringRead), null);
  });

  it('sends nothing twice the same night', async () => {
    moveTo('2026-11-24T05:00:00Z');
    assert.deepEqual(await queueEboxDigests(t.db, t.clock.now(), noLinks), {
      digestDate: '2026-11-24',
      organisations: 0,
      queued: 0,
      failedOrganisations: 0,
    });
    await runOutboxOnce({ db: t.db, transport: local, now: t.clock.now() });
    assert.equal((await digestMails('e-box@ocmw-demostad.be')).length, 1);
    assert.equal((await digestMails('e-box@cpas-villedemo.be')).length, 1);
  });

  it('the next night: nothing when the new message was read and the expiry was announced already', async () => {
    // Villedemo gets a new message during the day and reads it; Demostad gets nothing new (its expiry was announced).
    moveTo('2026-11-24T10:00:00Z');
    const id = await publishTestMessage(t, villedemo, { subject: 'Sujet lu', type: 'INFO', legislation: 'GENERAL', period: null });
    await t.db.insertInto('ebox_reads').values({ message_id: id, organisation_id: villedemo, first_read_at: t.clock.now(), first_read_by: hilde }).execute();
    moveTo('2026-11-25T01:00:00Z');
    assert.deepEqual(await queueEboxDigests(t.db, t.clock.now(), noLinks), {
      digestDate: '2026-11-25',
      organisations: 2,
      queued: 0,
      failedOrganisations: 0,
    });
    const nights = await t.db.selectFrom('ebox_digests').select(['organisation_id', 'digest_date']).where('organisation_id', '=', demostad).execute();
    assert.deepEqual(nights.map((n) => n.digest_date).sort(), ['2026-11-24', '2026-11-25']);
  });

  it('counts from the previous digest: a message of the day after is announced the night after', async () => {
    moveTo('2026-11-25T09:00:00Z');
    await publishTestMessage(t, demostad, { subject: 'Geheim vijf', type: 'INFO', legislation: 'GENERAL', period: null });
    moveTo('2026-11-26T01:30:00Z');
    assert.equal((await queueEboxDigests(t.db, t.clock.now(), noLinks)).queued, 1);
    const job = await t.db.selectFrom('outbox_jobs').select('payload').where('dedupe_key', '=', `ebox-digest:${demostad}:2026-11-26`).executeTakeFirstOrThrow();
    const body = (typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload).body as string;
    assert.match(body, /opende:\n- Omzendbrief of informatie: 1\n\n/);
    assert.doesNotMatch(body, /Maandstaat|vervallen binnen/);
  });

  it('writes Dutch and French for a bilingual organisation, and links to the login when a public URL is configured', () => {
    const mail = composeDigest({
      languages: ['nl', 'fr'],
      organisation: { name_nl: 'OCMW Brussel', name_fr: 'CPAS de Bruxelles', name_de: 'ÖSHZ Brüssel', administration_language: 'nl+fr', language: 'fr' },
      newByType: [{ type: 'MAANDSTAAT', count: 3 }],
      expiringByType: [],
      publicUrl: 'https://uv.example.be',
    });
    assert.equal(mail.subject, 'e-Box van OCMW Brussel: er wachten documenten op u / e-Box de CPAS de Bruxelles : des documents vous attendent');
    assert.match(mail.body, /- Maandstaat: 3\n[\s\S]*- État mensuel : 3\n/);
    assert.match(mail.body, /\nhttps:\/\/uv\.example\.be\/login\n/);
  });
});
