import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
});
