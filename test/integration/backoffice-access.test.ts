import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, loginAs } from '../support/http.ts';

/**
 * Every back-office route, found by Fastify's onRoute (a new route is probed without touching this file):
 * anonymous visitors are sent to the login and no OCMW user — of any role, with an OCMW chosen — gets in,
 * whatever the method and ids. Reading is for both POD MI roles; what only the beheerder may do is refused to
 * the dossierbeheerder (the routes of those areas, by path).
 */
/**
 * Routes only the beheerder may open: the outbox, reference data, access management (issue 12: HTBs, POD MI staff),
 * and the registry's edits and imports and the recording of a merger (issue 13: RegistryEdit).
 */
const BEHEERDER_ONLY = [
  /^\/backoffice\/outbox/,
  /^\/backoffice\/reference-data/,
  /^\/backoffice\/access/,
  /^\/backoffice\/registry\/:organisationId\/(edit|confirm)$/,
  /^\/backoffice\/registry\/imports/,
  /^\/backoffice\/mergers\/new/,
  // API clients (issue 16): registering and revoking
  /^\/backoffice\/api-clients\/(new|revoke)/,
];
/** POSTs the dossierbeheerder may not make (configuration, a merger's transition and copy); GETs there stay readable. */
const BEHEERDER_ONLY_POST = [/^\/backoffice\/campaigns/, /^\/backoffice\/mergers/, /^\/backoffice\/ebox\/types$/];

describe(`back-office access, every route (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  const routes: Array<{ method: string; url: string }> = [];

  before(async () => {
    t = await buildTestApp({}, undefined, {
      onRoute: (route) => {
        if (!route.url.startsWith('/backoffice')) return;
        for (const method of [route.method].flat()) if (method === 'GET' || method === 'POST') routes.push({ method, url: route.url });
      },
    });
  });
  after(async () => t.close());

  /** A concrete path: every parameter filled with a random id (unknown to the database). */
  const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, () => randomUUID());

  async function probe(client: Client, route: { method: string; url: string }) {
    const path = concrete(route.url);
    return route.method === 'GET' ? client.get(path) : client.post(path, { reason: 'x', version: '1' });
  }

  it('finds the back-office routes', () => {
    assert.ok(routes.length >= 10, `only ${routes.length} back-office routes`);
    assert.ok(
      routes.some((r) => r.url === '/backoffice' && r.method === 'GET'),
      'the dashboard',
    );
  });

  it('sends anonymous visitors to the login on every route', async () => {
    const anonymous = new Client(t.app);
    for (const route of routes) {
      const res = await probe(anonymous, route);
      assert.equal(res.statusCode, 303, `${route.method} ${route.url}`);
      assert.equal(res.headers.location, '/login', `${route.method} ${route.url}`);
    }
  });

  it('refuses every OCMW role on every route', async () => {
    const people: Array<[string, string]> = [
      ['An Peeters', 'OCMW Demostad'],
      ['Jan Janssens', 'OCMW Demostad'],
      ['Els Maes', 'OCMW Demostad'],
      ['Tom De Smet', 'OCMW Demostad'],
      ['Luc Wouters', 'OCMW Villedemo'],
      ['Pierre Dupont', 'OCMW Villedemo'],
    ];
    let probes = 0;
    for (const [name, ocmw] of people) {
      const client = await loginAs(t.app, t.db, name, ocmw);
      for (const route of routes) {
        const res = await probe(client, route);
        assert.equal(res.statusCode, 403, `${name}: ${route.method} ${route.url}`);
        probes++;
      }
    }
    assert.equal(probes, people.length * routes.length);
  });

  it('refuses the dossierbeheerder what only the beheerder may do, and lets both read the follow-up', async () => {
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    for (const route of routes) {
      const beheerderOnly = BEHEERDER_ONLY.some((p) => p.test(route.url)) || (route.method === 'POST' && BEHEERDER_ONLY_POST.some((p) => p.test(route.url)));
      const res = await probe(nathalie, route);
      if (beheerderOnly) assert.equal(res.statusCode, 403, `dossierbeheerder: ${route.method} ${route.url}`);
      else assert.notEqual(res.statusCode, 403, `dossierbeheerder: ${route.method} ${route.url}`);
      const admin = await probe(marc, route);
      assert.notEqual(admin.statusCode, 403, `beheerder: ${route.method} ${route.url}`);
      assert.ok(admin.statusCode < 500, `beheerder: ${route.method} ${route.url} → ${admin.statusCode}`);
      assert.ok(res.statusCode < 500, `dossierbeheerder: ${route.method} ${route.url} → ${res.statusCode}`);
    }
    for (const path of ['/backoffice', '/backoffice/ocmws', '/backoffice/campaigns', '/backoffice/exports']) {
      assert.equal((await nathalie.get(path)).statusCode, 200, path);
      assert.equal((await marc.get(path)).statusCode, 200, path);
    }
  });
});
