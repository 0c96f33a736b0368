import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, campaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';

const REQUIRED = 'Dit veld is verplicht.';

/**
 * Issue 14 (forms an OCMW finishes without help). Item 1: "Rij toevoegen" adds a row without judging it; "Opslaan"
 * judges what was typed and leaves out the rows nothing was typed in, saying so; a row with anything typed is judged as
 * before. Item 5: no alarms on a blank form. Item 12: the forms in the circular's order.
 */
describe(`forms an OCMW finishes without help (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let an: Client;
  let psa: string;
  const editPage = () => `${an.base}/forms/${psa}/edit?part=partA`;

  /** Posts part A of the PSA form with these staff rows (cells by column) and this action. */
  async function postPartA(staff: Array<Record<string, string>>, action: string) {
    const page = await an.get(editPage());
    const body: Record<string, string> = {
      version: hiddenValue(page.body, 'version'),
      part: 'partA',
      't.activitiesA.rows': '0',
      't.staffA.rows': String(staff.length),
      action,
    };
    staff.forEach((row, i) => {
      for (const [k, v] of Object.entries(row)) body[`t.staffA.${i}.${k}`] = v;
    });
    return an.post(`${an.base}/forms/${psa}`, body);
  }

  async function storedStaffRows(): Promise<unknown[]> {
    const row = await t.db
      .selectFrom('form_instances')
      .select('input')
      .where('campaign_id', '=', psa)
      .where('organisation_id', '=', await organisationId(t.db, 'OCMW Demostad'))
      .executeTakeFirstOrThrow();
    const input = row.input as { tables?: Record<string, unknown[]> };
    return input.tables?.staffA ?? [];
  }

  before(async () => {
    t = await buildTestApp();
    an = await loginAs(t.app, t.db, 'An Peeters');
    psa = await campaignId(t.db, 'PSA', 2026);
  });
  after(async () => t.close());

  it('adds a row without a single error message: no "required", no error summary, the form not "with errors"', async () => {
    const added = await postPartA([], 'add:staffA');
    assert.equal(added.statusCode, 303);
    assert.match(String(added.headers.location), /#row-staffA-0$/);
    const page = await an.get(editPage());
    assert.match(page.body, /name="t\.staffA\.0\.lastName"/, 'the new row is there to fill in');
    assert.ok(!page.body.includes(REQUIRED), 'no "Dit veld is verplicht." for a row nobody typed in');
    assert.doesNotMatch(page.body, /class="error-summary"/, 'no error summary (the warnings of a blank form are item 5)');
    assert.equal((await storedStaffRows()).length, 1, 'the added row is kept while the person works');
    const home = await an.get(`${an.base}?year=2026`);
    assert.doesNotMatch(home.body, /met fouten/, 'the homepage does not call the form "with errors"');
  });

  it('leaves the untouched row out on "Opslaan" and says so', async () => {
    const saved = await postPartA([{ lastName: '', firstName: '   ', 'period.from': '', 'period.to': '' }], 'save');
    assert.equal(saved.statusCode, 303);
    assert.match(String(saved.headers.location), /m=saved_blank/);
    const page = await an.get(String(saved.headers.location));
    assert.match(page.body, /Lege rijen, waarin niets was ingevuld, zijn weggelaten\./);
    assert.deepEqual(await storedStaffRows(), [], 'no blank row stored');
  });

  it('judges a row in which anything was typed, next to its fields', async () => {
    const saved = await postPartA([{ lastName: 'Claes' }], 'save');
    assert.equal(saved.statusCode, 303);
    assert.match(String(saved.headers.location), /edit\?part=partA&m=saved_errors/);
    const page = await an.get(String(saved.headers.location));
    assert.ok(page.body.includes(REQUIRED), 'the missing fields of a started row are required');
    assert.equal((await storedStaffRows()).length, 1, 'what was typed is kept');
  });

  it('holds the warnings of a blank form until something is entered, and titles them plainly once submitted (item 5)', async () => {
    const gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    const blank = await an.get(`${an.base}/forms/${gas}/edit`);
    assert.doesNotMatch(blank.body, /houdt dit bedrag af/, 'no "withheld" alarm on an untouched form');
    await fillGasForm(an, gas, { bills: [['gas', '10', '8.000,00']] });
    const started = await an.get(`${an.base}/forms/${gas}`);
    assert.match(started.body, /Waarschuwingen \(ondertekenen blijft mogelijk\)/);
    assert.match(started.body, /houdt dit bedrag af van de toelage van volgend jaar/);
    assert.match(started.body, /Af te houden van de toelage van volgend jaar/, 'the settlement line uses the same words');
    await signTwice(gas, [await loginAs(t.app, t.db, 'Jan Janssens'), await loginAs(t.app, t.db, 'Els Maes')]);
    const submitted = await an.get(`${an.base}/forms/${gas}`);
    assert.match(submitted.body, /<h2 id="warning-summary-title" class="error-summary__title">Waarschuwingen<\/h2>/);
    assert.doesNotMatch(submitted.body, /ondertekenen blijft mogelijk/);
  });

  it("lists the year's forms in the circular's order: gas fund, art. 40, PSA, GPMI, GPMI TB (item 12)", async () => {
    const home = await an.get(`${an.base}?year=2026`);
    const titles = [
      'Gas- en elektriciteitsfonds',
      'Personeelskosten',
      'Participatie en sociale activering',
      'Geïndividualiseerd project',
      'tijdelijke bescherming',
    ];
    const positions = titles.map((title) => home.body.indexOf(title));
    assert.ok(
      positions.every((p) => p > 0),
      `every form is listed: ${positions}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      'in this order',
    );
  });

  it('shows POD MI data as people read them: Ja/Nee, and "niet apart toegekend" for a part without its own allocation (item 6)', async () => {
    const gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    // the gas form of 2026 was filled and submitted by the test of item 5
    const gasPage = (await an.get(`${an.base}/forms/${gas}`)).body;
    assert.match(gasPage, /<dt>Erkend voor schuldbemiddeling<\/dt><dd id="[^"]*">Ja<span class="tag">/);
    assert.doesNotMatch(gasPage, /1 = ja/);
    const psaPage = (await an.get(`${an.base}/forms/${psa}`)).body;
    assert.match(psaPage, /<dd id="[^"]*">Niet apart toegekend<span class="tag">/, 'part A has no allocation of its own in the demo');
  });
});
