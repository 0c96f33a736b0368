import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MailTransport } from '../../src/jobs/mail-transport.ts';
import { runOutboxOnce } from '../../src/jobs/outbox.worker.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, campaignId, hiddenValue, loginAs } from '../support/http.ts';
import { fillGasForm, sign, signTwice } from '../support/settlement-flow.ts';

const local: MailTransport = { kind: 'local', from: 'Uniek Verslag <no-reply@uniek-verslag.invalid>' };

/**
 * The acknowledgement of receipt: the submission (second signature) queues, in its own transaction, one e-mail to
 * the OCMW's contact person in the OCMW's language; a resubmission after a correction gets its own.
 */
describe(`acknowledgement of receipt of a submission (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let people: Record<string, Client>;

  const receipts = () =>
    t.db.selectFrom('outbox_jobs').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', 'receipt:%').orderBy('created_at').execute();
  const mailsTo = (to: string) =>
    t.db
      .selectFrom('mail_messages')
      .innerJoin('outbox_jobs', 'outbox_jobs.id', 'mail_messages.job_id')
      .select(['subject', 'body'])
      .where('to_address', '=', to)
      .where('outbox_jobs.dedupe_key', 'like', 'receipt:%')
      .execute();

  before(async () => {
    t = await buildTestApp();
    campaign = await campaignId(t.db, 'GAS_ELEK', 2026);
    const names = ['An Peeters', 'Jan Janssens', 'Els Maes', 'Claire Martin', 'Sophie Lambert', 'Pierre Dupont', 'Nathalie Vermeulen'];
    people = Object.fromEntries(await Promise.all(names.map(async (n) => [n.split(' ')[0], await loginAs(t.app, t.db, n)] as const)));
  });
  after(async () => t.close());

  it('queues nothing for the first signature, one e-mail in Dutch for the submission of Demostad', async () => {
    await fillGasForm(people.An, campaign, { bills: [['gas', '10', '8.000,00']] });
    await sign(people.Jan, campaign);
    assert.equal((await receipts()).length, 0, 'not submitted yet');
    await signTwice(campaign, [people.Els]);
    assert.equal((await receipts()).length, 1);
    await runOutboxOnce({ db: t.db, transport: local, now: t.clock.now() });
    const [mail, ...more] = await mailsTo('an.peeters@ocmw-demostad.be');
    assert.equal(more.length, 0);
    assert.equal(mail.subject, 'Uniek Verslag 2026: ontvangstbevestiging Gas- en elektriciteitsfonds');
    assert.match(mail.body, /heeft het formulier "Gas- en elektriciteitsfonds" van verslagjaar 2026 van OCMW Demostad ontvangen/);
    // no public URL in these tests: where to go, in words (the link itself: test/integration/mail-links.test.ts)
    assert.match(mail.body, /open op de startpagina het formulier "Gas- en elektriciteitsfonds" onder verslagjaar 2026\./);
    assert.doesNotMatch(mail.body, /\/ocmw\//);
  });

  it('writes to the contact person of a French-speaking OCMW in French', async () => {
    await fillGasForm(people.Claire, campaign, { bills: [['electricity', '25', '25.000,00']] });
    await signTwice(campaign, [people.Sophie, people.Pierre]);
    await runOutboxOnce({ db: t.db, transport: local, now: t.clock.now() });
    const [mail, ...more] = await mailsTo('claire.martin@cpas-villedemo.be');
    assert.equal(more.length, 0);
    assert.equal(mail.subject, 'Rapport unique 2026 : accusé de réception Fonds social gaz et électricité');
    assert.match(mail.body, /a reçu le formulaire « Fonds social gaz et électricité » de l'année du rapport 2026 \(CPAS de Villedemo\)\./);
  });

  it('sends a new receipt for a resubmission after a correction, and none for a signature posted again', async () => {
    const form = await t.db
      .selectFrom('form_instances')
      .select('id')
      .where('campaign_id', '=', campaign)
      .where('submitted_at', 'is not', null)
      .orderBy('submitted_at')
      .executeTakeFirstOrThrow();
    const page = await people.Nathalie.get(`/backoffice/forms/${form.id}`);
    const res = await people.Nathalie.post(`/backoffice/forms/${form.id}/correction`, {
      reason: 'De facturen ontbreken in de bijlagen.',
      version: hiddenValue(page.body, 'version'),
    });
    assert.equal(res.statusCode, 303);
    await signTwice(campaign, [people.Jan, people.Els]);
    const view = await people.Els.get(`${people.Els.base}/forms/${campaign}`);
    assert.doesNotMatch(view.body, /name="contentHash"/, 'nothing left to sign: a second post changes nothing');
    const keys = (await receipts()).map((r) => r.dedupe_key).filter((k) => k.startsWith(`receipt:${form.id}:`));
    assert.equal(keys.length, 2, 'one receipt per submission');
    assert.notEqual(keys[0], keys[1]);
    await runOutboxOnce({ db: t.db, transport: local, now: t.clock.now() });
    assert.equal((await mailsTo('an.peeters@ocmw-demostad.be')).length, 2);
  });
});
