import assert from 'node:assert/strict';
import { OCMW_DOMAIN, insertGrant } from '../../src/access/grants.repository.ts';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, covidCampaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';

describe(`sessions, access and transport (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;

  before(async () => {
    t = await buildTestApp();
    campaign = await covidCampaignId(t.db);
  });
  after(async () => t.close());

  it('sends anonymous visitors to the login page', async () => {
    const res = await new Client(t.app).get('/');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/login');
  });

  it('sets the security headers on HTML responses', async () => {
    const res = await new Client(t.app).get('/login');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['strict-transport-security']), /max-age=/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.doesNotMatch(res.body, /<script>/, 'no inline script');
  });

  it('issues a new __Host- session cookie at login (rotation) and ends it at logout', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const first = an.cookies.get('__Host-uv_session');
    assert.ok(first && first.length >= 43);
    // A second login through the provider in the same browser: a new id, the old one deleted.
    const again = await an.authenticateAtProvider(await an.post('/auth/login', {}), 'eid');
    assert.equal(again.statusCode, 303);
    const second = an.cookies.get('__Host-uv_session');
    assert.notEqual(second, first);
    const stale = new Client(t.app);
    stale.cookies.set('__Host-uv_session', first as string);
    assert.equal((await stale.get('/')).headers.location, '/login', 'the old session id no longer works');
    await an.post('/logout', {});
    const replay = new Client(t.app);
    replay.cookies.set('__Host-uv_session', second as string);
    assert.equal((await replay.get('/')).headers.location, '/login', 'logout ends the session server-side');
  });

  it('expires idle sessions', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(an.base)).statusCode, 200);
    t.clock.advance(31 * 60_000);
    assert.equal((await an.get(an.base)).headers.location, '/login');
  });

  it('refuses unsafe requests from another site and unexpected content types', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const cross = await an.post('/language', { lang: 'fr' }, { 'sec-fetch-site': 'cross-site' });
    assert.equal(cross.statusCode, 403);
    const origin = await an.post('/language', { lang: 'fr' }, { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' });
    assert.equal(origin.statusCode, 403);
    const json = await t.app.inject({ method: 'POST', url: '/language', payload: '{"lang":"fr"}', headers: { 'content-type': 'application/json' } });
    assert.equal(json.statusCode, 415);
    const plain = await t.app.inject({ method: 'POST', url: '/language', payload: 'lang=fr', headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.statusCode, 415);
  });

  it('lets a lezer read but not edit', async () => {
    const tom = await loginAs(t.app, t.db, 'Tom De Smet');
    const view = await tom.get(`${tom.base}/forms/${campaign}`);
    assert.equal(view.statusCode, 200);
    assert.doesNotMatch(view.body, /\/edit"/);
    const res = await tom.post(`${tom.base}/forms/${campaign}`, { version: '0', 'f.justifiedTotal': '25' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Geen toegang/);
    assert.equal((await tom.post(`${tom.base}/details`, { version: '1', iban: 'BE68539007547034' })).statusCode, 403);
  });

  it('keeps each OCMW to its own data: foreign ids answer like missing ones', async () => {
    const claire = await loginAs(t.app, t.db, 'Claire Martin');
    const demostad = await organisationId(t.db, 'OCMW Demostad');
    const choose = await claire.post('/choose-ocmw', { organisationId: demostad });
    assert.equal(choose.headers.location, '/choose-ocmw');
    const home = await claire.get(claire.base);
    assert.match(home.body, /CPAS de Villedemo/);
    assert.doesNotMatch(home.body, /Demostad/);
    const missing = await claire.get(`${claire.base}/forms/${randomUUID()}`);
    const malformed = await claire.get(`${claire.base}/forms/not-a-uuid`);
    assert.equal(missing.statusCode, 404);
    assert.equal(malformed.statusCode, 404);
  });

  it('lets a person working for two OCMWs choose and switch, and nobody else', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters');
    const choose = await luc.get('/choose-ocmw');
    assert.match(choose.body, /OCMW Demostad/);
    assert.match(choose.body, /CPAS de Villedemo|OCMW Villedemo/);
    assert.match(choose.body, /0212\.000\.\d{3}/, 'KBO number shown');
    await luc.post('/choose-ocmw', { organisationId: await organisationId(t.db, 'OCMW Demostad') });
    assert.match((await luc.get(luc.base)).body, /OCMW Demostad/);
    await luc.post('/choose-ocmw', { organisationId: await organisationId(t.db, 'OCMW Villedemo') });
    assert.match((await luc.get(luc.base)).body, /Villedemo/);
  });

  it('stores only the fields of the form: extra posted fields change nothing', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const edit = await an.get(`${an.base}/forms/${campaign}/edit`);
    await an.post(`${an.base}/forms/${campaign}`, {
      version: hiddenValue(edit.body, 'version'),
      'f.justifiedTotal': '100',
      'f.advance': '999999',
      'f.toPayByPodMi': '1',
      submitted_at: '2020-01-01',
      organisation_id: await organisationId(t.db, 'OCMW Villedemo'),
    });
    const row = await t.db.selectFrom('form_instances').selectAll().where('campaign_id', '=', campaign).executeTakeFirstOrThrow();
    assert.deepEqual(row.input, { fields: { justifiedTotal: '100' }, tables: {} });
    assert.equal(row.organisation_id, await organisationId(t.db, 'OCMW Demostad'));
    assert.equal(row.submitted_at, null);
  });

  it('shows the second of two simultaneous editors a conflict page with their own input', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const jan = await loginAs(t.app, t.db, 'Jan Janssens');
    const version = hiddenValue((await an.get(`${an.base}/forms/${campaign}/edit`)).body, 'version');
    assert.equal(hiddenValue((await jan.get(`${jan.base}/forms/${campaign}/edit`)).body, 'version'), version);
    assert.equal((await an.post(`${an.base}/forms/${campaign}`, { version, 'f.justifiedTotal': '500' })).statusCode, 303);
    const conflict = await jan.post(`${jan.base}/forms/${campaign}`, { version, 'f.justifiedTotal': '777,77' });
    assert.equal(conflict.statusCode, 409);
    assert.match(conflict.body, /value="777,77"/, 'their input is kept');
    assert.match(conflict.body, /500,00 €/, 'the current value is shown');
    const row = await t.db.selectFrom('form_instances').selectAll().where('campaign_id', '=', campaign).executeTakeFirstOrThrow();
    assert.deepEqual(row.input, { fields: { justifiedTotal: '500' }, tables: {} });
  });

  it('never lets one person give both signatures, even holding both roles', async () => {
    const demostad = await organisationId(t.db, 'OCMW Demostad');
    const jan = await t.db.selectFrom('persons').select('id').where('first_name', '=', 'Jan').executeTakeFirstOrThrow();
    const directorGrant = await insertGrant(t.db, {
      organisationId: demostad,
      personId: jan.id,
      domainCode: OCMW_DOMAIN,
      right: 'UV_DIRECTOR',
      grantedBy: null,
      at: t.clock.now(),
    });
    try {
      const client = await loginAs(t.app, t.db, 'Jan Janssens');
      const view = await client.get(`${client.base}/forms/${campaign}/sign`);
      const hash = hiddenValue(view.body, 'contentHash');
      assert.equal(
        (await client.post(`${client.base}/forms/${campaign}/sign`, { contentHash: hash, role: 'CHAIR' })).headers.location,
        `${client.base}/forms/${campaign}?m=signed`,
      );
      const after = await client.get(`${client.base}/forms/${campaign}`);
      assert.doesNotMatch(after.body, /\/sign[?"]/, 'no second sign button for the same person');
      const second = await client.post(`${client.base}/forms/${campaign}/sign`, { contentHash: hash, role: 'DIRECTOR' });
      assert.equal(second.headers.location, `${client.base}/forms/${campaign}?m=same_person`);
      const signatures = await t.db.selectFrom('signatures').selectAll().execute();
      assert.equal(signatures.length, 1);
    } finally {
      await t.db.updateTable('access_grants').set({ valid_to: t.clock.now() }).where('id', '=', directorGrant).execute();
    }
  });

  it('lets POD MI staff read any OCMW but not edit or sign', async () => {
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen', 'OCMW Villedemo');
    const view = await nathalie.get(`${nathalie.base}/forms/${campaign}`);
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /Villedemo/);
    assert.doesNotMatch(view.body, /\/edit"|\/sign[?"]/);
    assert.equal((await nathalie.post(`${nathalie.base}/forms/${campaign}`, { version: '0', 'f.justifiedTotal': '25' })).statusCode, 403);
    assert.equal((await nathalie.post(`${nathalie.base}/forms/${campaign}/sign`, { contentHash: 'x' })).statusCode, 403);
    assert.equal((await nathalie.post(`${nathalie.base}/details`, { version: '1' })).statusCode, 403);
  });

  it('has no demo login nor demo provider without the demo provider, and says so when the provider does not answer', async () => {
    const prod = await buildTestApp({ demoMode: false, demoIdentityProvider: false, oidcIssuer: 'https://idp.invalid/fas', oidcClientSecret: 'secret' });
    try {
      const res = await prod.app.inject({
        method: 'POST',
        url: '/auth/demo',
        payload: 'personId=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.statusCode, 404);
      assert.equal((await prod.app.inject({ method: 'GET', url: '/idp/.well-known/openid-configuration' })).statusCode, 404);
      const login = await prod.app.inject({ method: 'GET', url: '/login' });
      assert.doesNotMatch(login.body, /auth\/demo|demo-banner/);
      const start = await new Client(prod.app).post('/auth/login', {});
      assert.equal(start.statusCode, 503);
      assert.match(start.body, /niet bereikbaar/);
    } finally {
      await prod.close();
    }
  });
});
