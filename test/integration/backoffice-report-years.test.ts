import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../src/db/database.ts';
import { unsafeCountOrganisations, unsafeListOcmwPage } from '../../src/modules/backoffice/follow-up/follow-up.repository.ts';
import { planSettlement } from '../../src/modules/backoffice/settlement/settlement-compute.ts';
import { unsafeListReminderTargets } from '../../src/modules/reminders/reminders.repository.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, campaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';

/**
 * The back office counts the organisations offered each report year (issue 13 item 5; MRG-3, ORG-4) on the registry
 * loaded at first start: report year 2024 the OCMWs of the 581 municipalities before the mergers of 1 January 2025
 * (580 with an OCMW: Herstappe has none) and the three demo OCMWs; 2025 and later the 565 municipalities of 2025
 * (564) and the two demo OCMWs that still exist (Demodorp disappeared into Demostad on 1 January 2025).
 */
describe(`back office per report year on the registry (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let nathalie: Client;
  let marc: Client;
  const ids: Record<string, string> = {};
  const ALL = { region: null, province: null, language: null };

  const byNis = async (db: Db, nis: string) => (await db.selectFrom('organisations').select('id').where('nis', '=', nis).executeTakeFirstOrThrow()).id;
  const byName = async (db: Db, nameNl: string) =>
    (await db.selectFrom('organisations').select('id').where('name_nl', '=', nameNl).executeTakeFirstOrThrow()).id;

  before(async () => {
    t = await buildTestApp();
    ids.demostad = await organisationId(t.db, 'OCMW Demostad');
    ids.villedemo = await organisationId(t.db, 'OCMW Villedemo');
    ids.demodorp = await organisationId(t.db, 'OCMW Demodorp');
    ids.herstappe = await byNis(t.db, '73028');
    ids.borsbeek = await byName(t.db, 'OCMW Borsbeek'); // disappeared into Antwerpen (scenario 3)
    ids.antwerpen = await byNis(t.db, '11002'); // keeps its KBO and NIS: every year
    ids.pajottegem = await byNis(t.db, '23106'); // new KBO and NIS (scenario 1): from 2025
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
  });
  after(async () => t.close());

  it('counts 580 registry OCMWs and the three demo OCMWs for 2024, 564 and two for 2025 and 2026', async () => {
    assert.equal(await unsafeCountOrganisations(t.db, 2024, ALL), 583);
    assert.equal(await unsafeCountOrganisations(t.db, 2023, ALL), 583);
    assert.equal(await unsafeCountOrganisations(t.db, 2025, ALL), 566);
    assert.equal(await unsafeCountOrganisations(t.db, 2026, ALL), 566);
    for (const [year, count] of [
      [2024, 583],
      [2025, 566],
    ] as const) {
      const page = await nathalie.get(`/backoffice?year=${year}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`${count} OCMW's voldoen aan de filter`), String(year));
      // every measure's row counts exactly the OCMWs offered the year
      for (const row of page.body.matchAll(/<tr data-measure="[A-Z_]+">([\s\S]*?)<\/tr>/g)) {
        const states = [...row[1].matchAll(/data-state="(not_started|in_progress|ready|chair_missing|director_missing|submitted)">(?:<a [^>]*>)?(\d+)</g)];
        assert.equal(
          states.reduce((n, m) => n + Number(m[2]), 0),
          count,
          `${year}: ${row[0].slice(0, 60)}`,
        );
      }
    }
  });

  it('lists who files which year: Herstappe never, a disappearing partner until 2024, a new merged OCMW from 2025', async () => {
    const listed = async (year: number) => {
      const page = await unsafeListOcmwPage(t.db, {
        reportYear: year,
        now: t.clock.now(),
        filter: ALL,
        form: null,
        search: '',
        sort: 'name',
        descending: false,
        lang: 'nl',
        limit: 1000,
        offset: 0,
      });
      return new Set(page.rows.map((r) => r.id));
    };
    const y2024 = await listed(2024);
    const y2025 = await listed(2025);
    assert.equal(y2024.size, 583);
    assert.equal(y2025.size, 566);
    for (const year of [y2024, y2025]) assert.ok(!year.has(ids.herstappe), 'Herstappe has no OCMW (ORG-4)');
    for (const key of ['demodorp', 'borsbeek']) {
      assert.ok(y2024.has(ids[key]), `${key} files 2024`);
      assert.ok(!y2025.has(ids[key]), `${key} files nothing after 2024`);
    }
    for (const key of ['demostad', 'villedemo', 'antwerpen']) assert.ok(y2024.has(ids[key]) && y2025.has(ids[key]), `${key} every year`);
    assert.ok(!y2024.has(ids.pajottegem) && y2025.has(ids.pajottegem), 'Pajottegem from 2025');
    // through the page: the demo OCMWs of each year
    const demo2024 = await nathalie.get('/backoffice/ocmws?year=2024&q=demo');
    assert.match(demo2024.body, /3 OCMW's gevonden/);
    assert.match(demo2024.body, /OCMW Demodorp/);
    const demo2025 = await nathalie.get('/backoffice/ocmws?year=2025&q=demo');
    assert.match(demo2025.body, /2 OCMW's gevonden/);
    assert.doesNotMatch(demo2025.body, /OCMW Demodorp/);
    assert.match((await nathalie.get('/backoffice/ocmws?year=2024&q=73028')).body, /0 OCMW's gevonden/, 'not by its NIS either');
  });

  it("reminds only the OCMWs offered the campaign's report year (and only those with a contact e-mail)", async () => {
    // registry OCMWs have no contact e-mail (and no persons): give two of them one, to see the rule, not the data
    await t.db.updateTable('organisations').set({ contact_email: 'ocmw@example.be' }).where('id', 'in', [ids.herstappe, ids.borsbeek]).execute();
    const [c2024, c2026] = await Promise.all([campaignId(t.db, 'GAS_ELEK', 2024), campaignId(t.db, 'GAS_ELEK', 2026)]);
    const targets = await unsafeListReminderTargets(t.db, [
      { campaignId: c2024, days: 7, reportYear: 2024 },
      { campaignId: c2026, days: 7, reportYear: 2026 },
    ]);
    const of = (campaign: string) => new Set(targets.filter((x) => x.campaign_id === campaign).map((x) => x.organisation_id));
    assert.deepEqual(of(c2024), new Set([ids.demostad, ids.villedemo, ids.demodorp, ids.borsbeek]));
    assert.deepEqual(of(c2026), new Set([ids.demostad, ids.villedemo]), 'no reminder for a year a partner did not exist; never Herstappe');
  });

  it('offers a late submission only to the OCMWs of the campaign year', async () => {
    const c2026 = await campaignId(t.db, 'GAS_ELEK', 2026);
    const page = await marc.get(`/backoffice/campaigns/${c2026}?q=demo`);
    assert.match(page.body, new RegExp(`<option value="${ids.demostad}"`));
    assert.doesNotMatch(page.body, new RegExp(`<option value="${ids.demodorp}"`), 'Demodorp did not exist in 2026');
    const refused = await marc.post(`/backoffice/campaigns/${c2026}/late`, { organisationId: ids.demodorp, untilDate: '15/12/2027', reason: 'Fusie', q: '' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /bestond toen niet/);
    const none = await t.db.selectFrom('campaign_extensions').select('until').where('campaign_id', '=', c2026).execute();
    assert.equal(none.length, 0);
    const herstappe = await marc.post(`/backoffice/campaigns/${c2026}/late`, { organisationId: ids.herstappe, untilDate: '15/12/2027', reason: 'x', q: '' });
    assert.equal(herstappe.statusCode, 422);
    const c2024 = await campaignId(t.db, 'PSA', 2024);
    const picker = await marc.get(`/backoffice/campaigns/${c2024}?q=demodorp`);
    assert.match(picker.body, new RegExp(`<option value="${ids.demodorp}"`), 'Demodorp files 2024');
  });

  it('settles a year with the OCMWs offered it: Demodorp for 2024 under its own id and bank account, not for 2026', async () => {
    const c2026 = await t.db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', await campaignId(t.db, 'GAS_ELEK', 2026))
      .executeTakeFirstOrThrow();
    const refs = await t.db.selectFrom('reference_values').select(['organisation_id', 'data']).where('campaign_id', '=', c2026.id).execute();
    assert.ok(!refs.some((r) => r.organisation_id === ids.demodorp), 'the demo gives Demodorp no envelope for a year it did not exist');
    // an envelope there anyway (loaded before the merger was recorded): still no settlement for that year
    const demostadRef = refs.find((r) => r.organisation_id === ids.demostad) ?? assert.fail('Demostad has an envelope for 2026');
    await t.db
      .insertInto('reference_values')
      .values({ organisation_id: ids.demodorp, campaign_id: c2026.id, data: JSON.stringify(demostadRef.data) })
      .execute();
    const plan2026 = await planSettlement(t.db, c2026, t.clock.now());
    const parties2026 = [...plan2026.lines, ...plan2026.pending].map((l) => l.party.organisation_id);
    assert.ok(!parties2026.includes(ids.demodorp), 'not settled for a year it did not exist');
    assert.ok(parties2026.includes(ids.demostad));

    // report year 2024: Demodorp's allowance withdrawn, the campaign closed and settled
    const c2024 = await campaignId(t.db, 'GAS_ELEK', 2024);
    await t.db.deleteFrom('campaign_extensions').where('campaign_id', '=', c2024).execute();
    await t.db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', c2024).execute();
    const preview = await nathalie.get(`/backoffice/settlements?campaignId=${c2024}`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /OCMW Demodorp/);
    const settled = await nathalie.post(`/backoffice/settlements/${c2024}/settle`, { version: hiddenValue(preview.body, 'version'), confirm: 'yes' });
    assert.match(String(settled.headers.location), /m=settled/);
    const demodorp = await t.db
      .selectFrom('settlements as s')
      .innerJoin('ebox_messages as m', 'm.id', 's.document_id')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(['s.iban', 'o.iban as own_iban', 'm.organisation_id as addressed_to', 'm.message_type', 'm.campaign_id'])
      .where('s.campaign_id', '=', c2024)
      .where('s.organisation_id', '=', ids.demodorp)
      .executeTakeFirstOrThrow();
    assert.equal(demodorp.addressed_to, ids.demodorp, "the letter is in the disappearing OCMW's own e-Box");
    assert.deepEqual([demodorp.message_type, demodorp.campaign_id], ['UV_AFREKENING', c2024], 'as the settlement letter of 2024');
    assert.ok(demodorp.own_iban);
    assert.equal(demodorp.iban, demodorp.own_iban, 'its own bank account');
    // the payment files name the settlement's own bank account
    const amounts = await t.db
      .selectFrom('settlements')
      .select(['to_pay_cents', 'to_reclaim_cents'])
      .where('campaign_id', '=', c2024)
      .where('organisation_id', '=', ids.demodorp)
      .executeTakeFirstOrThrow();
    const files = (await Promise.all(['payments', 'reclaims', 'compensations'].map((k) => nathalie.get(`/backoffice/settlements/${c2024}/${k}.csv`)))).map(
      (r) => r.body,
    );
    const digits = (demodorp.iban ?? '').replace(/\s/g, '');
    const inFiles = files.some((f) => f.replace(/\s/g, '').includes(digits) && f.includes('Demodorp'));
    assert.equal(inFiles, Number(amounts.to_pay_cents) + Number(amounts.to_reclaim_cents) > 0, 'in a payment file when it has an amount');
  });
});
