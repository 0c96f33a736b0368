import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { organisationName, organisationNameSql } from '../../src/modules/shared/organisation-name.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { loginAs } from '../support/http.ts';

/**
 * Issue 14, item 12 (ADR 0043): an OCMW's pages name it by its own official name in every language — a German page of
 * the French-speaking Villedemo says "CPAS de Villedemo", a French page of Demostad "OCMW Demostad".
 */
describe(`official names of OCMWs (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  it('keeps "CPAS de Villedemo" on German pages and "OCMW Demostad" on French ones', async () => {
    const claire = await loginAs(t.app, t.db, 'Claire Martin');
    await claire.post('/language', { lang: 'de', returnTo: '/' });
    const home = await claire.get(claire.base);
    assert.match(home.body, /<html lang="de"/);
    assert.match(home.body, /<h1>[^<]*CPAS de Villedemo<\/h1>/);
    assert.doesNotMatch(home.body, /ÖSHZ Villedemo/);
    const details = await claire.get(`${claire.base}/details`);
    assert.match(details.body, /CPAS de Villedemo/);
    assert.doesNotMatch(details.body, /ÖSHZ Villedemo/);

    const an = await loginAs(t.app, t.db, 'An Peeters');
    await an.post('/language', { lang: 'fr', returnTo: '/' });
    const page = await an.get(an.base);
    assert.match(page.body, /<h1>[^<]*OCMW Demostad<\/h1>/);
    assert.doesNotMatch(page.body, /CPAS de Demostad/);
  });

  it('offers "CPAS de Villedemo" in the Dutch login chooser of a person of two OCMWs, sorted by that name', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters');
    const page = await luc.get('/choose-ocmw');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="nl"/);
    assert.match(page.body, /CPAS de Villedemo/);
    assert.doesNotMatch(page.body, /OCMW Villedemo/);
    assert.ok(page.body.indexOf('CPAS de Villedemo') < page.body.indexOf('OCMW Demostad'), 'sorted by the name shown');
    await luc.post('/language', { lang: 'fr', returnTo: '/choose-ocmw' });
    const french = await luc.get('/choose-ocmw');
    assert.match(french.body, /OCMW Demostad/);
    assert.doesNotMatch(french.body, /CPAS de Demostad/);
  });

  it('lists "CPAS de Villedemo" in POD MI\'s Dutch follow-up list of OCMWs, searched and sorted by that name', async () => {
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const list = await nathalie.get('/backoffice/ocmws?q=demo');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<html lang="nl"/);
    assert.match(list.body, /CPAS de Villedemo/);
    assert.doesNotMatch(list.body, /OCMW Villedemo|ÖSHZ Villedemo/);
    assert.ok(list.body.indexOf('CPAS de Villedemo') < list.body.indexOf('OCMW Demostad'), 'by the name shown, ascending');
    await nathalie.post('/language', { lang: 'de', returnTo: '/' });
    const german = await nathalie.get('/backoffice/ocmws?q=demo');
    assert.match(german.body, /CPAS de Villedemo/);
    assert.match(german.body, /OCMW Demostad/);
    assert.doesNotMatch(german.body, /ÖSHZ (Villedemo|Demostad)/);
  });

  it('sorts in SQL by the very name organisationName shows', async () => {
    const rows = [
      { name_nl: 'OCMW A', name_fr: 'CPAS A', name_de: 'ÖSHZ A', language: 'fr', administration_language: null },
      { name_nl: 'OCMW B', name_fr: 'CPAS B', name_de: 'ÖSHZ B', language: 'nl', administration_language: 'nl+fr' },
      { name_nl: 'OCMW C', name_fr: 'OCMW C', name_de: 'ÖSHZ C', language: 'fr', administration_language: 'nl+fr' },
      { name_nl: '', name_fr: 'CPAS D', name_de: 'ÖSHZ D', language: 'nl', administration_language: 'nl' },
      { name_nl: 'OCMW E', name_fr: '', name_de: '', language: 'de', administration_language: 'de' },
      { name_nl: 'POD F', name_fr: 'SPP F', name_de: 'ÖPD F', language: 'nl', administration_language: null },
      { name_nl: 'X G', name_fr: 'Y G', name_de: 'Z G', language: null, administration_language: null },
    ];
    const values = sql.join(rows.map((r) => sql`(${r.name_nl}, ${r.name_fr}, ${r.name_de}, ${r.language}::text, ${r.administration_language}::text)`));
    for (const lang of ['nl', 'fr', 'de']) {
      const result = await sql<{ name: string }>`
        SELECT ${organisationNameSql('o', lang)} AS name
        FROM (VALUES ${values}) AS o(name_nl, name_fr, name_de, language, administration_language)`.execute(t.db);
      assert.deepEqual(
        result.rows.map((r) => r.name),
        rows.map((r) => organisationName(r, lang)),
        lang,
      );
    }
  });
});
