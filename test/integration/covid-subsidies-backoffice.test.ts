import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, campaignId, loginAs, organisationId } from '../support/http.ts';
import { settlementLetter } from '../support/ebox.ts';
import { extract } from '../support/pdf-text.ts';

/**
 * The Covid-19 subsidy of report year 2021 in the back office like every other measure (issue 15): the demo data
 * holds Demostad's submitted form; Villedemo, with envelopes, submitted nothing. The dashboard counts it, the
 * verification page shows its figures, the export has its rows, and the settlement reclaims what was not justified —
 * by a letter announcing an invoice, never asking for a spontaneous repayment (forms.md §4.7).
 */
describe(`the Covid-19 subsidy 2021 in the back office (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let demostad: string;
  let villedemo: string;
  let nathalie: Client;

  before(async () => {
    t = await buildTestApp({ seedDemoReports: true });
    campaign = await campaignId(t.db, 'COVID_TOELAGE', 2021);
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
  });
  after(async () => t.close());

  it('counts the submitted form on the dashboard of 2021 and shows its figures to verify', async () => {
    const dashboard = await nathalie.get(`${nathalie.base}/backoffice?year=2021`);
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Toelage COVID-19/);
    const instance = await t.db
      .selectFrom('form_instances')
      .select('id')
      .where('campaign_id', '=', campaign)
      .where('organisation_id', '=', demostad)
      .executeTakeFirstOrThrow();
    const view = await nathalie.get(`${nathalie.base}/backoffice/forms/${instance.id}`);
    assert.equal(view.statusCode, 200);
    // social aid 40.000,00 of 45.000,00; personnel and operating 16.170,00 capped at 15.000,00
    for (const amount of ['40.000,00', '16.170,00', '15.000,00', '60.000,00', '55.000,00', '5.000,00'])
      assert.match(view.body, new RegExp(`${amount.replace('.', '\\.')}&nbsp;€|${amount.replace('.', '\\.')} €`), amount);
    assert.match(view.body, /C-2021\/0003/, 'the expenses with their file numbers');
  });

  it('exports the campaign with the measure', async () => {
    const csv = await nathalie.get(`${nathalie.base}/backoffice/exports/${campaign}.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /OCMW Demostad/);
    const xlsx = await nathalie.get(`${nathalie.base}/backoffice/exports/${campaign}.xlsx`);
    assert.equal(xlsx.statusCode, 200);
  });

  it('settles the closed campaign: the rest of each envelope reclaimed by an invoice to come', async () => {
    const preview = await nathalie.get(`${nathalie.base}/backoffice/settlements?campaignId=${campaign}`);
    assert.equal(preview.statusCode, 200);
    const { version } = await t.db.selectFrom('campaigns').select('version').where('id', '=', campaign).executeTakeFirstOrThrow();
    const res = await nathalie.post(`${nathalie.base}/backoffice/settlements/${campaign}/settle`, { version: String(version), confirm: 'yes' });
    assert.equal(res.headers.location, `/backoffice/settlements?campaignId=${campaign}&m=settled`);
    const rows = await t.db.selectFrom('settlements').selectAll().where('campaign_id', '=', campaign).execute();
    const of = (org: string) => rows.find((r) => r.organisation_id === org) ?? assert.fail('no settlement');
    // Demostad: paid 45.000,00 + 15.000,00, accepted 40.000,00 + 15.000,00: 5.000,00 reclaimed, nothing paid.
    const d = of(demostad);
    assert.deepEqual([d.accepted_cents, d.advances_cents, d.to_pay_cents, d.to_reclaim_cents].map(Number), [5_500_000, 6_000_000, 0, 500_000]);
    // Villedemo submitted nothing: everything it received is reclaimed.
    const v = of(villedemo);
    assert.equal(v.form_instance_id, null);
    assert.deepEqual([v.accepted_cents, v.to_reclaim_cents].map(Number), [0, 3_650_000]);

    const letter = async (org: string) => {
      const doc = await settlementLetter(t.db, of(org).document_id as string);
      assert.equal(doc.organisationId, org, "in the OCMW's own e-Box");
      assert.deepEqual([doc.messageType, doc.campaignId, doc.period], ['UV_AFREKENING', campaign, '2021']);
      return (await extract(doc.content)).text.replace(/\s+/g, ' ');
    };
    assert.match(await letter(demostad), /De POD MI vordert 5\.000,00 € terug\. U ontvangt hiervoor een factuur: betaal niets terug voor u die ontvangt/);
    assert.match(await letter(villedemo), /Vous recevrez une facture pour ce montant : ne remboursez rien avant de l'avoir reçue/);

    const reclaims = (await nathalie.get(`${nathalie.base}/backoffice/settlements/${campaign}/reclaims.csv`)).body.trim().split('\r\n');
    assert.equal(reclaims.length, 4, 'the header and three OCMWs to invoice (Demodorp, merged in 2025, received envelopes in 2021)');
    assert.ok(
      reclaims.some((l) => /OCMW Demostad;BE\d{14};GKCCBEBB;5000,00;/.test(l)),
      reclaims.join('\n'),
    );
  });
});
