import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, hiddenValue, loginAs, organisationId, demostadTeam } from '../support/http.ts';
import { extract } from '../support/pdf-text.ts';

const OCMW = { bic: 'GKCCBEBB', contactLastName: 'Peeters', contactFirstName: 'An', contactEmail: 'an@ocmw.be', contactPhone: '050 12 34 56' };

describe(`what is signed stays signed (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let demostad: string;
  let an: Client;
  let jan: Client;
  let els: Client;

  before(async () => {
    t = await buildTestApp();
    ({ campaign, demostad, an, jan, els } = await demostadTeam(t.app, t.db));
  });
  after(async () => t.close());

  const sign = async (c: Client) =>
    c.post(`${c.base}/forms/${campaign}/sign`, { contentHash: hiddenValue((await c.get(`${c.base}/forms/${campaign}/sign`)).body, 'contentHash') });
  const setIban = async (iban: string) =>
    an.post(`${an.base}/details`, { version: hiddenValue((await an.get(`${an.base}/details`)).body, 'version'), iban, ...OCMW });

  it('drops a signature when the bank account changes before submission, and says so', async () => {
    const edit = await an.get(`${an.base}/forms/${campaign}/edit`);
    await an.post(`${an.base}/forms/${campaign}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': '1.000,00' });
    assert.equal((await sign(jan)).headers.location, `${jan.base}/forms/${campaign}?m=signed`);
    // asked first (issue 14, item 7): nothing changes until the person confirms
    const asked = await setIban('BE68 5390 0754 7034');
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Daardoor vervalt 1 handtekening op een formulier dat nog niet verzonden is/);
    assert.match(asked.body, /name="confirmBankChange" value="yes"/);
    assert.match(asked.body, /value="BE68 5390 0754 7034"/, 'what was typed stays');
    assert.equal((await t.db.selectFrom('signatures').selectAll().execute()).length, 1, 'not dropped before the confirmation');
    const res = await an.post(`${an.base}/details`, {
      version: hiddenValue(asked.body, 'version'),
      iban: 'BE68 5390 0754 7034',
      ...OCMW,
      confirmBankChange: 'yes',
    });
    assert.equal(res.headers.location, `${an.base}?m=ocmw_saved_dropped`);
    assert.equal((await t.db.selectFrom('signatures').selectAll().execute()).length, 0);
    const events = await t.db.selectFrom('audit_events').select('type').where('organisation_id', '=', demostad).execute();
    assert.ok(events.some((e) => e.type === 'SIGNATURE_DROPPED'));
  });

  it('shows and prints a submitted form as signed, whatever changes afterwards', async () => {
    await sign(jan);
    assert.equal((await sign(els)).headers.location, `${els.base}/forms/${campaign}?m=submitted`);
    const signedHash = (await t.db.selectFrom('signatures').select('content_hash').execute())[0].content_hash;
    // POD MI changes the advance and the OCMW its bank account after submission.
    await t.db
      .updateTable('reference_values')
      .set({ data: JSON.stringify({ advance: 50_000, eligiblePersons: 120 }) })
      .where('organisation_id', '=', demostad)
      .execute();
    await setIban('BE71 0961 2345 6769');
    const view = await an.get(`${an.base}/forms/${campaign}`);
    assert.match(view.body, /1\.000,00 €/);
    assert.doesNotMatch(view.body, /500,00 €/, 'the advance at submission (0) still applies');
    assert.match(view.body, /Ondertekend door Jan Janssens/);
    assert.match(view.body, /Ondertekend door Els Maes/);
    const text = (await extract((await an.get(`${an.base}/forms/${campaign}/pdf`)).rawPayload)).text.replace(/\s+/g, '');
    assert.match(text, /BE685390075470/, 'the bank account at submission');
    assert.ok(text.includes(signedHash), 'the printed content hash is the signed one');
  });

  it('refuses control characters and repeated fields without a server error', async () => {
    const client = await loginAs(t.app, t.db, 'Claire Martin');
    const edit = await client.get(`${client.base}/forms/${campaign}/edit`);
    const res = await t.app.inject({
      method: 'POST',
      url: `${client.base}/forms/${campaign}`,
      payload: `version=${hiddenValue(edit.body, 'version')}&f.justifiedTotal=200%2C00&f.justifiedTotal=300%2C00`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-uv_session=${client.cookies.get('__Host-uv_session')}` },
    });
    assert.equal(res.statusCode, 303);
    const villedemo = await organisationId(t.db, 'OCMW Villedemo');
    const row = await t.db.selectFrom('form_instances').select('input').where('organisation_id', '=', villedemo).executeTakeFirstOrThrow();
    assert.deepEqual(row.input, { fields: { justifiedTotal: '200,00' }, tables: {} });
    const nul = await client.post(`${client.base}/details`, { version: '1', iban: 'BE68 5390 0754 7034', ...OCMW, contactLastName: 'X\u0000Y' });
    assert.ok(nul.statusCode < 500);
    const invisible = await client.post(`${client.base}/details`, { version: '1', iban: 'BE68 5390 0754 7034', ...OCMW, contactLastName: '\u200B' });
    assert.equal(invisible.statusCode, 422);
    const tab = await client.post('/language', { lang: 'fr', returnTo: '/\t/evil.example' });
    assert.equal(tab.headers.location, '/');
  });
});
