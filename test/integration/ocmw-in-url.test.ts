import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, covidCampaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';

const OCMW = { bic: 'GKCCBEBB', contactLastName: 'Peeters', contactFirstName: 'An', contactEmail: 'an@ocmw.be', contactPhone: '050 12 34 56' };

/** Issue 11, hole 1 and 6: the OCMW of every page is in its URL; POD MI's reads and every login are audited. */
describe(`the OCMW in every URL (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let covid: string;
  let demostad: string;
  let villedemo: string;
  let demostadKbo: string;
  let villedemoKbo: string;

  before(async () => {
    t = await buildTestApp();
    covid = await covidCampaignId(t.db);
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    const kbo = async (id: string) => (await t.db.selectFrom('organisations').select('kbo').where('id', '=', id).executeTakeFirstOrThrow()).kbo;
    demostadKbo = await kbo(demostad);
    villedemoKbo = await kbo(villedemo);
  });
  after(async () => t.close());

  const justified = async (organisation: string) => {
    const row = await t.db
      .selectFrom('form_instances')
      .select('input')
      .where('organisation_id', '=', organisation)
      .where('campaign_id', '=', covid)
      .executeTakeFirst();
    return row ? JSON.stringify(row.input) : null;
  };

  it('keeps two tabs on two OCMWs apart: a form saved in the first tab lands in its own OCMW after switching in the second', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    const tabA = `/ocmw/${demostadKbo}/forms/${covid}`;
    const tabB = `/ocmw/${villedemoKbo}/forms/${covid}`;
    const editA = await luc.get(`${tabA}/edit`);
    assert.equal(editA.statusCode, 200);
    assert.match(editA.body, /OCMW Demostad/);
    const editB = await luc.get(`${tabB}/edit`);
    assert.equal(editB.statusCode, 200);
    assert.match(editB.body, /Villedemo/);
    // Both forms at the same version: the version check alone could not tell them apart.
    assert.equal(hiddenValue(editA.body, 'version'), hiddenValue(editB.body, 'version'));
    // The second tab switches the session to Villedemo; the first tab then saves Demostad's figures.
    await luc.post('/choose-ocmw', { organisationId: villedemo });
    const saved = await luc.post(tabA, { version: hiddenValue(editA.body, 'version'), 'f.justifiedTotal': '4.321,00', action: 'save' });
    assert.equal(saved.statusCode, 303);
    assert.ok(String(saved.headers.location).startsWith(tabA), 'back to the Demostad form');
    assert.match(String(await justified(demostad)), /4\.321,00/, 'written into Demostad’s form');
    assert.doesNotMatch(String(await justified(villedemo)), /4\.321,00/, 'never into Villedemo’s');
    // "/" leads to the OCMW last opened (the first tab's, which saved last).
    assert.equal((await luc.get('/')).headers.location, `/ocmw/${demostadKbo}`);
  });

  it('refuses a workbook downloaded for one OCMW in the form of another, with a clear message', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    const psa = await campaignId(t.db, 'PSA', 2026);
    const template = await luc.get(`/ocmw/${demostadKbo}/forms/${psa}/workbook`);
    assert.equal(template.statusCode, 200);
    const villedemoForm = `/ocmw/${villedemoKbo}/forms/${psa}`;
    assert.equal((await luc.post(`${villedemoForm}/entry-mode`, { version: '0', mode: 'WORKBOOK', confirm: 'yes' })).statusCode, 303);
    const version = hiddenValue((await luc.get(villedemoForm)).body, 'version');
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const refused = await luc.postFile(`${villedemoForm}/workbook`, { version }, { name: 'psa-demostad.xlsx', type: XLSX, content: template.rawPayload });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /autre CPAS \(numéro BCE 0212\.000\.\d{3}\)|ander OCMW \(KBO-nummer 0212\.000\.\d{3}\)/);
    const kept = await t.db.selectFrom('form_attachments').select('id').where('organisation_id', '=', villedemo).execute();
    assert.equal(kept.length, 0, 'nothing kept for Villedemo');
  });

  it('refuses the pages of an OCMW the person does not work for, reading and writing, and writes nothing', async () => {
    const claire = await loginAs(t.app, t.db, 'Claire Martin');
    assert.equal(claire.base, `/ocmw/${villedemoKbo}`);
    const before = await justified(demostad);
    for (const path of ['', `/forms/${covid}`, `/forms/${covid}/edit`, `/forms/${covid}/history`, '/details', '/details/history', '/ebox', '/documents']) {
      assert.equal((await claire.get(`/ocmw/${demostadKbo}${path}`)).statusCode, 403, `GET ${path}`);
    }
    assert.equal((await claire.post(`/ocmw/${demostadKbo}/forms/${covid}`, { version: '1', 'f.justifiedTotal': '1,00', action: 'save' })).statusCode, 403);
    assert.equal((await claire.post(`/ocmw/${demostadKbo}/details`, { version: '1', iban: 'BE68539007547034', ...OCMW })).statusCode, 403);
    assert.equal(await justified(demostad), before);
  });

  it('answers 404 for an OCMW that does not exist or a malformed number, and a post without OCMW in its URL', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get('/ocmw/0999999999')).statusCode, 404);
    assert.equal((await an.get('/ocmw/12ab')).statusCode, 404);
    assert.equal((await an.post(`/forms/${covid}`, { version: '0', action: 'save' })).statusCode, 404, 'the old address takes no post');
    // The old addresses (bookmarks, e-mails already sent) lead to the same page of the OCMW last opened.
    assert.equal((await an.get(`/forms/${covid}/edit?part=x`)).headers.location, `/ocmw/${demostadKbo}/forms/${covid}/edit?part=x`);
    assert.equal((await an.get('/ocmw/edit')).headers.location, `/ocmw/${demostadKbo}/details`);
    assert.equal((await new Client(t.app).get(`/ocmw/${demostadKbo}`)).headers.location, '/login');
  });

  it('writes every read of POD MI in the OCMW’s own audit trail, visible to the OCMW, with a read-only notice', async () => {
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const readsBefore = await t.db.selectFrom('audit_events').select('id').where('organisation_id', '=', demostad).where('type', '=', 'PODMI_READ').execute();
    const page = await nathalie.get(`/ocmw/${demostadKbo}/forms/${covid}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /POD MI — alleen lezen/);
    const data = await nathalie.get(`/ocmw/${demostadKbo}/details`);
    assert.match(data.body, /POD MI — alleen lezen: de gegevens van het OCMW/);
    assert.doesNotMatch(data.body, /verslagjaar is afgesloten/);
    const reads = await t.db
      .selectFrom('audit_events')
      .select(['payload', 'actor_person_id'])
      .where('organisation_id', '=', demostad)
      .where('type', '=', 'PODMI_READ')
      .execute();
    assert.equal(reads.length - readsBefore.length, 2);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const history = await an.get(`${an.base}/details/history`);
    assert.match(history.body, /Gelezen door de POD MI/);
    assert.match(history.body, /het formulier Covid-19: Tijdelijke premie 2022/);
    assert.match(history.body, /de gegevens van het OCMW/);
    assert.match(history.body, /Nathalie Vermeulen/);
    // An OCMW's own staff reading its pages leave no such trace.
    const anReads = await t.db.selectFrom('audit_events').select('id').where('organisation_id', '=', demostad).where('type', '=', 'PODMI_READ').execute();
    await an.get(`${an.base}/forms/${covid}`);
    assert.equal(
      (await t.db.selectFrom('audit_events').select('id').where('organisation_id', '=', demostad).where('type', '=', 'PODMI_READ').execute()).length,
      anReads.length,
    );
  });

  it('audits every login in the trail of each OCMW of the person', async () => {
    const count = async (organisation: string) =>
      (await t.db.selectFrom('audit_events').select('id').where('organisation_id', '=', organisation).where('type', '=', 'LOGGED_IN').execute()).length;
    const [d, v] = [await count(demostad), await count(villedemo)];
    await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    assert.deepEqual([await count(demostad), await count(villedemo)], [d + 1, v + 1]);
    await loginAs(t.app, t.db, 'Els Maes');
    assert.deepEqual([await count(demostad), await count(villedemo)], [d + 2, v + 1]);
  });

  it('shows history entries in words, never as codes', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const jan = await loginAs(t.app, t.db, 'Jan Janssens');
    const edit = await an.get(`${an.base}/forms/${covid}/edit`);
    await an.post(`${an.base}/forms/${covid}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': '1.000,00', action: 'save' });
    const hash = hiddenValue((await jan.get(`${jan.base}/forms/${covid}/sign`)).body, 'contentHash');
    assert.equal((await jan.post(`${jan.base}/forms/${covid}/sign`, { contentHash: hash })).headers.location, `${jan.base}/forms/${covid}?m=signed`);
    const version = hiddenValue((await an.get(`${an.base}/details`)).body, 'version');
    const confirmed = { version, iban: 'BE68 5390 0754 7034', ...OCMW, confirmBankChange: 'yes' };
    assert.equal((await an.post(`${an.base}/details`, confirmed)).headers.location, `${an.base}?m=ocmw_saved_dropped`);
    const history = await an.get(`${an.base}/forms/${covid}/history`);
    assert.match(history.body, /het rekeningnummer van het OCMW is gewijzigd/);
    assert.doesNotMatch(history.body, /OCMW_BANK_ACCOUNT_CHANGED|[A-Z]{4,}_[A-Z]{4,}/);
  });
});
