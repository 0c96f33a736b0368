import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, type TestApp, buildTestApp } from '../support/app.ts';
import { offeredInReportYear } from '../../src/modules/organisations/registry.repository.ts';
import { campaignId, loginAs, organisationId } from '../support/http.ts';

/**
 * Issue 13, items 2 and 4 (portal.md §1.2, MRG-1, MRG-2, MRG-3, ORG-4): the registry at first start, and a disappearing
 * OCMW — the demo's Demodorp, merged into Demostad on 1 January 2025 (scenario 3) — seen by a person who works for
 * both: the choice at login, the banner, the report years each files, and the end of the transition.
 */
describe(`a disappearing OCMW during and after its transition (${TEST_DB})`, () => {
  let t: TestApp;
  let demodorp: string;
  let demodorpKbo: string;
  let demostadKbo: string;

  before(async () => {
    t = await buildTestApp();
    demodorp = await organisationId(t.db, 'OCMW Demodorp');
    const kboOf = async (name: string) => (await t.db.selectFrom('organisations').select('kbo').where('name_nl', '=', name).executeTakeFirstOrThrow()).kbo;
    demodorpKbo = await kboOf('OCMW Demodorp');
    demostadKbo = await kboOf('OCMW Demostad');
  });
  after(() => t.close());

  it('loads every OCMW of the country once: 585 from the shared data, Herstappe without an OCMW, the 14 mergers of 2025', async () => {
    const count = async (where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) => Number((await where(base()).executeTakeFirstOrThrow()).n);
    const base = () =>
      t.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('type', '=', 'OCMW')
        .where('kbo_fictitious', '=', true)
        .where('nis', 'not like', '99%');
    assert.equal(await count((q) => q), 585);
    assert.equal(await count((q) => q.where('has_ocmw', '=', false)), 1);
    assert.equal(await count((q) => q.where('valid_to', '=', '2024-12-31')), 20);
    const mergers = await t.db
      .selectFrom('mergers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(mergers.n), 15, 'the 14 of the country and the demo merger');
    const herstappe = await t.db.selectFrom('organisations').select(['kbo', 'name_fr']).where('nis', '=', '73028').executeTakeFirstOrThrow();
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    assert.equal((await marc.get(`/ocmw/${herstappe.kbo}`)).statusCode, 404, 'no OCMW in Herstappe');
    const antwerpen = await t.db.selectFrom('organisations').select(['kbo']).where('nis', '=', '11002').executeTakeFirstOrThrow();
    const read = await marc.get(`/ocmw/${antwerpen.kbo}`);
    assert.equal(read.statusCode, 200, 'POD MI reads any OCMW of the registry');
    assert.match(read.body, /OCMW Antwerpen/);
  });

  it('offers each partner of each of the 14 mergers of 2025 the right report years, in the database (MRG-3)', async () => {
    const offered = async (year: number) =>
      new Set((await t.db.selectFrom('organisations as o').select('o.id').where(offeredInReportYear(year, 'o')).execute()).map((r) => r.id));
    const [in2024, in2025] = [await offered(2024), await offered(2025)];
    const partners = await t.db
      .selectFrom('merger_partners as p')
      .innerJoin('mergers as m', 'm.id', 'p.merger_id')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['m.id as merger', 'm.scenario', 'm.merged_organisation_id', 'p.organisation_id', 'p.keeps_identity', 'o.nis'])
      .where('o.nis', 'not like', '99%')
      .execute();
    const mergers = new Set(partners.map((p) => p.merger));
    assert.equal(mergers.size, 14);
    for (const p of partners) {
      const label = `${p.scenario} partner ${p.nis}`;
      if (p.keeps_identity) {
        assert.ok(in2024.has(p.organisation_id) && in2025.has(p.organisation_id), `${label} keeps its KBO: files 2024 and 2025`);
        assert.equal(p.organisation_id, p.merged_organisation_id, `${label} is the merged OCMW`);
      } else {
        assert.ok(in2024.has(p.organisation_id), `${label} files 2024 for itself`);
        assert.ok(!in2025.has(p.organisation_id), `${label} gets no campaign of 2025`);
      }
    }
    for (const merged of new Set(partners.map((p) => p.merged_organisation_id))) {
      const scenario = partners.find((p) => p.merged_organisation_id === merged)?.scenario;
      assert.ok(in2025.has(merged), `${scenario} merged OCMW files 2025`);
      assert.equal(in2024.has(merged), scenario !== 'S1_NEW_KBO_NEW_NIS', `${scenario} merged OCMW files 2024 only when it kept a KBO`);
    }
    assert.equal(
      [...in2024].filter((id) => !partners.some((p) => p.organisation_id === id)).length + partners.filter((p) => in2024.has(p.organisation_id)).length,
      in2024.size,
    );
  });

  it('lets the person who works for both choose, and says which one is disappearing and into which OCMW it merged (MRG-1)', async () => {
    const wim = await loginAs(t.app, t.db, 'Wim Hermans');
    const page = await wim.get('/choose-ocmw');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /OCMW Demodorp[\s\S]*Verdwijnend OCMW[\s\S]*Opgegaan in OCMW Demostad/);
    const demostadButton = page.body.slice(page.body.indexOf('OCMW Demostad<'));
    assert.doesNotMatch(demostadButton.slice(0, 300), /Verdwijnend/, 'the merged OCMW is not marked');
  });

  it('shows the banner on the disappearing OCMW and offers it report year 2024 and before, never 2025 (MRG-2, MRG-3)', async () => {
    const wim = await loginAs(t.app, t.db, 'Wim Hermans', 'OCMW Demodorp');
    const home = await wim.get(`/ocmw/${demodorpKbo}`);
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Verdwijnend OCMW\.<\/strong> Dit OCMW is op 01\/01\/2025 opgegaan in OCMW Demostad/);
    assert.match(home.body, /Uniek Verslag van 2025 en later dient OCMW Demostad in/);
    assert.match(home.body, new RegExp(`href="/ocmw/${demostadKbo}"`));
    assert.doesNotMatch(home.body, /value="2025"|value="2026"/, 'no later report year to choose');
    assert.match(home.body, /Formulieren van verslagjaar 2024/, 'the year its late submission keeps open comes first');
    const gas2024 = await campaignId(t.db, 'GAS_ELEK', 2024);
    assert.equal((await wim.get(`/ocmw/${demodorpKbo}/forms/${gas2024}`)).statusCode, 200, 'its 2024 report opens');
    const gas2025 = await campaignId(t.db, 'GAS_ELEK', 2025);
    assert.equal((await wim.get(`/ocmw/${demodorpKbo}/forms/${gas2025}`)).statusCode, 404, 'a year after its last day does not exist for it');
    const atDemostad = await wim.get(`/ocmw/${demostadKbo}/forms/${gas2025}`);
    assert.equal(atDemostad.statusCode, 200, 'the merged OCMW files 2025');
    assert.doesNotMatch(atDemostad.body, /Verdwijnend OCMW/);
  });

  it("never shows a partner's forms to the merged OCMW's people who were not granted there", async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const gas2024 = await campaignId(t.db, 'GAS_ELEK', 2024);
    for (const path of [`/ocmw/${demodorpKbo}`, `/ocmw/${demodorpKbo}/forms/${gas2024}`, `/ocmw/${demodorpKbo}/ebox`, `/ocmw/${demodorpKbo}/documents`]) {
      const answer = await an.get(path);
      assert.equal(answer.statusCode, 403, path);
      assert.doesNotMatch(answer.body, /Demodorp/, `${path} names nothing of Demodorp`);
    }
  });

  it('after the end of the transition: no longer choosable, refused with a clear message; POD MI still reads it (ORG-3)', async () => {
    const merger = await t.db.selectFrom('organisations').select('merger_id').where('id', '=', demodorp).executeTakeFirstOrThrow();
    await t.db
      .updateTable('mergers')
      .set({ transition_ends_on: '2026-01-01' })
      .where('id', '=', merger.merger_id as string)
      .execute();
    try {
      const wim = await loginAs(t.app, t.db, 'Wim Hermans', 'OCMW Demostad');
      const chooser = await wim.get('/choose-ocmw');
      assert.doesNotMatch(chooser.body, /OCMW Demodorp/);
      const refused = await wim.get(`/ocmw/${demodorpKbo}`);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Dit OCMW is gefusioneerd/);
      const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
      const read = await marc.get(`/ocmw/${demodorpKbo}`);
      assert.equal(read.statusCode, 200);
      assert.match(read.body, /Gefusioneerd OCMW\./);
    } finally {
      await t.db
        .updateTable('mergers')
        .set({ transition_ends_on: null })
        .where('id', '=', merger.merger_id as string)
        .execute();
    }
  });
});
