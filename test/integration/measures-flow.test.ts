import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { extract } from '../support/pdf-text.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { type Client, campaignId, hiddenValue, loginAs } from '../support/http.ts';

/**
 * A historical measure is filled, signed, submitted and printed in its own campaign: report year 2016, on
 * 10 February 2017 (the 2017 circular: deadline 28 February 2017).
 */
describe(`Rental guarantees of report year 2016, in February 2017 (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let an: Client;
  let jan: Client;
  let els: Client;

  before(async () => {
    t = await buildTestApp({}, undefined, { now: '2017-02-10T09:00:00Z' });
    campaign = await campaignId(t.db, 'HUURWAARBORGEN', 2016);
    [an, jan, els] = await Promise.all(['An Peeters', 'Jan Janssens', 'Els Maes'].map((name) => loginAs(t.app, t.db, name)));
  });
  after(async () => t.close());

  it('lists the measures of 2016 on the homepage with the deadline of the circular', async () => {
    const home = await an.get(`${an.base}?year=2016`);
    assert.equal(home.statusCode, 200);
    for (const title of ['Huurwaarborgen', 'Toelage sociale activering grote steden', 'Toelage sociale activering clusters'])
      assert.ok(home.body.includes(title), title);
    assert.match(home.body, /28\/02\/2017/);
  });

  it('is filled in by hand, signed by both and submitted, then printed', async () => {
    const edit = await an.get(`${an.base}/forms/${campaign}/edit`);
    assert.equal(edit.statusCode, 200);
    const row = (i: number, ref: string, type: string) => ({
      [`t.guarantees.${i}.decisionDate`]: '15/03/2016',
      [`t.guarantees.${i}.beneficiaryRef`]: ref,
      [`t.guarantees.${i}.guaranteeType`]: type,
      [`t.guarantees.${i}.guaranteeAmount`]: '1.200,00',
      [`t.guarantees.${i}.monthlyRent`]: '600',
      [`t.guarantees.${i}.repaymentPlan`]: 'yes',
    });
    const table = edit.body.match(/name="t\.([A-Za-z]+)\.rows"/)?.[1];
    assert.equal(table, 'guarantees', 'the guarantee table');
    const saved = await an.post(`${an.base}/forms/${campaign}`, {
      version: hiddenValue(edit.body, 'version'),
      't.guarantees.rows': '2',
      ...row(0, 'D-2016-001', 'blockedAccount'),
      ...row(1, 'D-2016-002', 'bankGuarantee'),
      action: 'save',
    });
    assert.equal(saved.statusCode, 303);
    const page = await an.follow(saved);
    assert.doesNotMatch(page.body, /field__error/, 'no errors');
    assert.match(page.body, /50,00 €/, '2 × €25');
    for (const signer of [jan, els]) {
      const view = await signer.get(`${signer.base}/forms/${campaign}/sign`);
      const res = await signer.post(`${signer.base}/forms/${campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
      assert.equal(res.statusCode, 303);
    }
    const done = await an.get(`${an.base}/forms/${campaign}`);
    assert.match(done.body, /verzonden|Verzonden/);
    const pdf = await an.get(`${an.base}/forms/${campaign}/pdf`);
    assert.equal(pdf.statusCode, 200);
    const text = (await extract(pdf.rawPayload)).pages.join('\n');
    assert.match(text, /D-2016-001/);
    assert.match(text, /50,00/);
  });
});

/** Every current measure can be saved and printed, in Dutch and in French. */
describe(`every measure of the current report year prints (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;

  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  for (const [person, lang] of [
    ['An Peeters', 'nl'],
    ['Claire Martin', 'fr'],
  ] as const) {
    it(`saves and prints each form (${lang})`, async () => {
      const client = await loginAs(t.app, t.db, person);
      const campaigns = await t.db.selectFrom('campaigns').select(['id', 'measure']).where('report_year', '=', 2026).execute();
      assert.equal(campaigns.length, 5);
      for (const campaign of campaigns) {
        const edit = await client.get(`${client.base}/forms/${campaign.id}/edit`);
        assert.equal(edit.statusCode, 200, campaign.measure);
        const saved = await client.post(`${client.base}/forms/${campaign.id}`, {
          version: hiddenValue(edit.body, 'version'),
          part: /name="part" value="([^"]*)"/.exec(edit.body)?.[1] ?? '',
          action: 'save',
        });
        assert.equal(saved.statusCode, 303, campaign.measure);
        const pdf = await client.get(`${client.base}/forms/${campaign.id}/pdf`);
        assert.equal(pdf.statusCode, 200, campaign.measure);
        const text = (await extract(pdf.rawPayload)).pages.join('\n');
        assert.ok(text.includes(translator(lang)(`measure.${campaign.measure}`).slice(0, 20)), `${campaign.measure} title in the PDF`);
      }
    });
  }
});
