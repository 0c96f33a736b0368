import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { extract } from '../support/pdf-text.ts';
import { type Client, hiddenValue, organisationId, demostadTeam } from '../support/http.ts';

/** The manual's path, screen by screen: fill in, sign by chair and director (any order), submitted, read-only. */
describe(`Covid-19 premium from entry to submission (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let an: Client;
  let jan: Client;
  let els: Client;

  before(async () => {
    t = await buildTestApp();
    ({ campaign, an, jan, els } = await demostadTeam(t.app, t.db));
  });
  after(async () => t.close());

  async function instance() {
    const org = await organisationId(t.db, 'OCMW Demostad');
    return t.db.selectFrom('form_instances').selectAll().where('organisation_id', '=', org).where('campaign_id', '=', campaign).executeTakeFirst();
  }

  async function save(client: Client, amount: string) {
    const edit = await client.get(`${client.base}/forms/${campaign}/edit`);
    assert.equal(edit.statusCode, 200);
    return client.post(`${client.base}/forms/${campaign}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': amount, action: 'save' });
  }

  async function sign(client: Client) {
    const view = await client.get(`${client.base}/forms/${campaign}/sign`);
    return client.post(`${client.base}/forms/${campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
  }

  it('shows the homepage with the OCMW data and the form, nothing checked yet', async () => {
    const home = await an.get(`${an.base}?year=2022`);
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /OCMW Demostad/);
    assert.match(home.body, /BE\d\d \d{4} \d{4} \d{4}/, 'IBAN in groups of four');
    assert.match(home.body, /Covid-19: Tijdelijke premie/);
    assert.doesNotMatch(home.body, /step--done/);
  });

  it('keeps invalid input as typed and shows the message next to the field and in the summary', async () => {
    const res = await save(an, '12,345');
    assert.equal(res.statusCode, 303);
    const page = await an.follow(res);
    assert.match(page.body, /value="12,345"/);
    assert.match(page.body, /class="error-summary"/);
    assert.match(page.body, /Gebruik ten hoogste 2 cijfers na de komma/);
    assert.equal((await instance())?.has_errors, true);
  });

  it('computes the amount to be paid by POD MI from Belgian input', async () => {
    const res = await save(an, '1.234,50');
    const page = await an.follow(res);
    assert.match(page.body, /1\.234,50 €/);
    assert.match(page.body, /Bedrag te betalen door de POD MI/);
    const home = await an.get(`${an.base}?year=2022`);
    assert.equal((home.body.match(/step--done/g) ?? []).length, 1, 'only "ingevoerd" is checked');
  });

  it('offers no signature to a medewerker and refuses one posted anyway', async () => {
    const view = await an.get(`${an.base}/forms/${campaign}`);
    assert.doesNotMatch(view.body, /\/sign[?"]/);
    const res = await an.post(`${an.base}/forms/${campaign}/sign`, {
      contentHash: hiddenValue((await jan.get(`${jan.base}/forms/${campaign}/sign`)).body, 'contentHash'),
    });
    assert.equal(res.statusCode, 403);
    assert.equal((await t.db.selectFrom('signatures').selectAll().execute()).length, 0);
  });

  it('drops the chair signature when the content changes, and says so', async () => {
    assert.equal((await sign(jan)).headers.location, `${jan.base}/forms/${campaign}?m=signed`);
    const res = await save(an, '1.250,00');
    assert.equal(res.headers.location, `${an.base}/forms/${campaign}?m=dropped`);
    const page = await an.follow(res);
    assert.match(page.body, /handtekening vervallen/);
    assert.equal((await t.db.selectFrom('signatures').selectAll().execute()).length, 0);
    const events = await t.db.selectFrom('audit_events').select('type').orderBy('id').execute();
    assert.ok(events.some((e) => e.type === 'SIGNATURE_DROPPED'));
  });

  it('keeps signatures on a re-save without change', async () => {
    await sign(jan);
    await save(an, '1250');
    assert.equal((await t.db.selectFrom('signatures').selectAll().execute()).length, 1);
  });

  it('submits on the second signature and is read-only from then on', async () => {
    const res = await sign(els);
    assert.equal(res.headers.location, `${an.base}/forms/${campaign}?m=submitted`);
    const row = await instance();
    assert.ok(row?.submitted_at);
    const view = await an.get(`${an.base}/forms/${campaign}`);
    assert.doesNotMatch(view.body, /\/edit"/);
    assert.doesNotMatch(view.body, /\/sign[?"]/);
    assert.match(view.body, /verzonden naar de POD MI/);
    const home = await an.get(`${an.base}?year=2022`);
    assert.equal((home.body.match(/step--done/g) ?? []).length, 4);
    const version = row?.version ?? 0;
    const edit = await an.post(`${an.base}/forms/${campaign}`, { version: String(version), 'f.justifiedTotal': '1,00' });
    assert.equal(edit.headers.location, `${an.base}/forms/${campaign}?m=already_submitted`);
    assert.equal((await instance())?.version, version);
    const again = await jan.post(`${jan.base}/forms/${campaign}/sign`, { contentHash: row?.content_hash ?? '' });
    assert.equal(again.headers.location, `${an.base}/forms/${campaign}?m=already_submitted`);
  });

  it('prints a PDF and shows a history from an intact audit chain', async () => {
    const pdf = await an.get(`${an.base}/forms/${campaign}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = (await extract(pdf.rawPayload)).text;
    assert.match(text, /1\.250,00 €/);
    assert.match(text, /Jan Janssens/);
    assert.match(text, /Els Maes/);
    assert.match(text, /Verzonden naar de POD MI/);
    assert.doesNotMatch(text, /ONTWERP/, 'no draft mark once submitted');
    const history = await an.get(`${an.base}/forms/${campaign}/history`);
    assert.match(history.body, /Verzonden naar de POD MI/);
    assert.match(history.body, /Handtekening vervallen/);
    assert.match(history.body, /Jan Janssens/);
    const org = await organisationId(t.db, 'OCMW Demostad');
    assert.deepEqual((await verifyAuditChain(t.db, org)).ok, true);
  });
});
