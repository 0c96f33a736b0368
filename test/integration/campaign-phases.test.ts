import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, covidCampaignId, hiddenValue, loginAs } from '../support/http.ts';

describe(`campaign phases (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let an: Client;

  before(async () => {
    t = await buildTestApp();
    campaign = await covidCampaignId(t.db);
    an = await loginAs(t.app, t.db, 'An Peeters');
  });
  after(async () => t.close());

  const setCampaign = (values: { opens_at?: Date; status?: 'OPEN' | 'CLOSED' }) =>
    t.db.updateTable('campaigns').set(values).where('id', '=', campaign).execute();

  it('shows when a form not yet open opens, and refuses edits until then', async () => {
    const opensAt = new Date(t.clock.now().getTime() + 7 * 86_400_000);
    await setCampaign({ opens_at: opensAt });
    try {
      const home = await an.get(`${an.base}?year=2022`);
      assert.match(home.body, /Nog niet open — open vanaf 30\/11\/2026/);
      const view = await an.get(`${an.base}/forms/${campaign}`);
      assert.match(view.body, /nog niet geopend/);
      assert.doesNotMatch(view.body, /\/edit"/);
      assert.equal((await an.get(`${an.base}/forms/${campaign}/edit`)).headers.location, `${an.base}/forms/${campaign}`);
      const save = await an.post(`${an.base}/forms/${campaign}`, { version: '0', 'f.justifiedTotal': '25' });
      assert.equal(save.headers.location, `${an.base}/forms/${campaign}?m=not_open`);
      assert.equal((await t.db.selectFrom('form_instances').selectAll().execute()).length, 0);
      t.clock.advance(8 * 86_400_000);
      an = await loginAs(t.app, t.db, 'An Peeters'); // the old session expired in those 8 days
      assert.equal((await an.get(`${an.base}/forms/${campaign}/edit`)).statusCode, 200, 'open once the date has come');
    } finally {
      await setCampaign({ opens_at: new Date('2022-04-01T00:00:00Z') });
    }
  });

  const setLatestYear = (status: 'OPEN' | 'CLOSED') =>
    t.db.updateTable('campaigns').set({ status }).where('report_year', '=', t.clock.now().getUTCFullYear()).execute();

  it('keeps the OCMW data editable until the report year is closed', async () => {
    const version = hiddenValue((await an.get(`${an.base}/details`)).body, 'version');
    await setCampaign({ status: 'CLOSED' });
    assert.match((await an.get(`${an.base}/details`)).body, /name="iban"/, 'an older year closing does not lock the data');
    await setLatestYear('CLOSED');
    try {
      const page = await an.get(`${an.base}/details`);
      assert.match(page.body, /verslagjaar is afgesloten/);
      assert.doesNotMatch(page.body, /name="iban"/);
      const before = await t.db
        .selectFrom('organisations')
        .select(['contact_phone', 'version'])
        .where('name_nl', '=', 'OCMW Demostad')
        .executeTakeFirstOrThrow();
      const res = await an.post(`${an.base}/details`, {
        version,
        iban: 'BE68 5390 0754 7034',
        bic: 'GKCCBEBB',
        contactLastName: 'Peeters',
        contactFirstName: 'An',
        contactEmail: 'an@ocmw.be',
        contactPhone: '050 99 99 99',
      });
      assert.match(res.body, /verslagjaar is afgesloten/);
      const after = await t.db
        .selectFrom('organisations')
        .select(['contact_phone', 'version'])
        .where('name_nl', '=', 'OCMW Demostad')
        .executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
      const form = await an.get(`${an.base}/forms/${campaign}`);
      assert.doesNotMatch(form.body, /\/edit"/, 'forms of a closed campaign are read-only');
    } finally {
      await setCampaign({ status: 'OPEN' });
      await setLatestYear('OPEN');
    }
  });

  it('keeps the OCMW data editable after the year closed while the OCMW may still submit (late allowance)', async () => {
    await setLatestYear('CLOSED');
    const latest = await t.db.selectFrom('campaigns').select('id').where('report_year', '=', t.clock.now().getUTCFullYear()).executeTakeFirstOrThrow();
    const [demostad, marc] = await Promise.all([
      t.db.selectFrom('organisations').select('id').where('name_nl', '=', 'OCMW Demostad').executeTakeFirstOrThrow(),
      t.db.selectFrom('persons').select('id').where('last_name', '=', 'Lefèvre').executeTakeFirstOrThrow(),
    ]);
    try {
      assert.doesNotMatch((await an.get(`${an.base}/details`)).body, /name="iban"/, 'locked without an allowance');
      const until = new Date(t.clock.now().getTime() + 7 * 86_400_000);
      await t.db
        .insertInto('campaign_extensions')
        .values({
          campaign_id: latest.id,
          organisation_id: demostad.id,
          until,
          reason: 'Ziekte van de financieel directeur',
          granted_by: marc.id,
          granted_at: t.clock.now(),
        })
        .execute();
      assert.match((await an.get(`${an.base}/details`)).body, /name="iban"/, 'editable while a late submission is allowed');
      t.clock.advance(8 * 86_400_000);
      an = await loginAs(t.app, t.db, 'An Peeters');
      assert.doesNotMatch((await an.get(`${an.base}/details`)).body, /name="iban"/, 'locked again once the allowance has run out');
    } finally {
      await t.db.deleteFrom('campaign_extensions').execute();
      await setLatestYear('OPEN');
    }
  });
});
