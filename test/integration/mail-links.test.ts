import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MailTransport } from '../../src/jobs/mail-transport.ts';
import { runOutboxOnce } from '../../src/jobs/outbox.worker.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, TEST_ORIGIN, demostadTeam, hiddenValue, loginAs } from '../support/http.ts';

const local: MailTransport = { kind: 'local', from: 'Uniek Verslag <no-reply@uniek-verslag.invalid>' };
const DAY = 24 * 3_600_000;

/**
 * Issue 14, item 14 (ADR 0043): with a public URL configured, every e-mail the application sends — ready to sign,
 * signature dropped, receipt, correction requested, reminder — carries the full address of the form's page on a line
 * of its own; the words "Meld u aan op het Uniek Verslag…" only when none is configured (the other mail tests).
 */
describe(`e-mails link to the form with a public URL (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof demostadTeam>>;
  let link: string;

  const sent = async () => {
    await runOutboxOnce({ db: t.db, transport: local, now: t.clock.now(), limit: 100 });
    return t.db.selectFrom('mail_messages').select(['to_address', 'subject', 'body']).orderBy('sent_at').execute();
  };

  async function save(amount: string) {
    const edit = await team.an.get(`${team.an.base}/forms/${team.campaign}/edit`);
    const res = await team.an.post(`${team.an.base}/forms/${team.campaign}`, {
      version: hiddenValue(edit.body, 'version'),
      'f.justifiedTotal': amount,
      action: 'save',
    });
    assert.equal(res.statusCode, 303);
  }
  async function sign(client: Client) {
    const view = await client.get(`${client.base}/forms/${team.campaign}/sign`);
    assert.equal((await client.post(`${client.base}/forms/${team.campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') })).statusCode, 303);
  }
  const linksTo = (body: string, url: string) => body.split('\n').includes(url);

  before(async () => {
    // the tests' own origin, given on purpose: configured (not production), so the e-mails link to it
    t = await buildTestApp({ publicUrl: TEST_ORIGIN });
    team = await demostadTeam(t.app, t.db);
    link = `${TEST_ORIGIN}${team.an.base}/forms/${team.campaign}`;
  });
  after(async () => t.close());

  it('links the ready-to-sign, signature-dropped and receipt e-mails to the form', async () => {
    await save('1.250,00');
    await sign(team.jan);
    await save('1.300,00');
    await sign(team.jan);
    await sign(team.els);
    const mails = await sent();
    const kinds = {
      ready: mails.filter((m) => /klaar om te ondertekenen/.test(m.subject)),
      dropped: mails.filter((m) => /is vervallen/.test(m.subject)),
      receipt: mails.filter((m) => /ontvangstbevestiging/.test(m.subject)),
    };
    for (const [kind, list] of Object.entries(kinds)) {
      assert.ok(list.length > 0, `a ${kind} e-mail`);
      for (const m of list) {
        assert.ok(linksTo(m.body, link), `${kind} to ${m.to_address} links to ${link}:\n${m.body}`);
        assert.doesNotMatch(m.body, /Meld u aan op het Uniek Verslag, kies/, kind);
        assert.doesNotMatch(m.body, /\.\.|\. \./, kind);
      }
    }
  });

  it('links the correction e-mail to the form', async () => {
    const instance = await t.db
      .selectFrom('form_instances')
      .select('id')
      .where('campaign_id', '=', team.campaign)
      .where('organisation_id', '=', team.demostad)
      .executeTakeFirstOrThrow();
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const page = await nathalie.get(`/backoffice/forms/${instance.id}`);
    const res = await nathalie.post(`/backoffice/forms/${instance.id}/correction`, {
      reason: 'De bedragen kloppen niet met de bijlage.',
      version: hiddenValue(page.body, 'version'),
    });
    assert.equal(res.statusCode, 303);
    const [mail] = (await sent()).filter((m) => /correctie gevraagd/.test(m.subject));
    assert.ok(mail, 'a correction e-mail');
    assert.ok(linksTo(mail.body, link), mail.body);
    // a reason that ends with a full stop is not followed by another one
    assert.match(mail.body, /\nDe bedragen kloppen niet met de bijlage\.\n\n/);
    assert.doesNotMatch(mail.body, /\.\.|\. \./);
  });

  it('links the reminders to the form, from the beheerder\'s "send now" too', async () => {
    const gas = await t.db
      .selectFrom('campaigns')
      .select(['id', 'closes_at'])
      .where('measure', '=', 'GAS_ELEK')
      .where('report_year', '=', 2026)
      .executeTakeFirstOrThrow();
    t.clock.advance(new Date(gas.closes_at).getTime() - 7 * DAY - t.clock.now().getTime());
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    const res = await marc.post('/backoffice/outbox/send-now', {});
    assert.match(String(res.headers.location), /queued=[1-9]/);
    const reminders = (await t.db.selectFrom('mail_messages').select(['to_address', 'subject', 'body']).execute()).filter((m) =>
      /^(Herinnering|Rappel)/.test(m.subject),
    );
    const toDemostad = reminders.find((m) => m.to_address === 'an.peeters@ocmw-demostad.be' && m.subject.includes('Gas- en elektriciteitsfonds'));
    assert.ok(toDemostad, 'a reminder about the gas form to Demostad');
    assert.ok(linksTo(toDemostad.body, `${TEST_ORIGIN}${team.an.base}/forms/${gas.id}`), toDemostad.body);
    const toVilledemo = reminders.find((m) => m.to_address === 'claire.martin@cpas-villedemo.be' && m.subject.includes('Fonds social gaz et électricité'));
    assert.ok(toVilledemo, 'a reminder in French to Villedemo');
    assert.match(toVilledemo.body, new RegExp(`\\n${TEST_ORIGIN}/ocmw/\\d{10}/forms/${gas.id}\\n`));
    assert.match(toVilledemo.body, /Ouvrez le formulaire par ce lien/);
  });
});
