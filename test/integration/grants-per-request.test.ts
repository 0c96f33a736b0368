import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { grantRights, insertPerson } from '../../src/access/grants.repository.ts';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import { TEST_DB, type TestApp, buildTestApp } from '../support/app.ts';
import { loginAs, organisationId, personId } from '../support/http.ts';

/** Counts the statements the application sends, and those that read grants (a Kysely plugin on the app's database). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  grantReads = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.count++;
    if (JSON.stringify(args.node).includes('access_grants')) this.grantReads++;
    return args.node;
  };
  transformResult: KyselyPlugin['transformResult'] = async (args) => args.result;
}

describe(`grants read per request (${TEST_DB})`, () => {
  let t: TestApp;
  const counter = new QueryCounter();
  let demostad: string;
  let villedemo: string;

  before(async () => {
    t = await buildTestApp({}, TEST_DB, { wrapDb: (db) => db.withPlugin(counter) });
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
  });
  after(() => t.close());

  it('decides access to an OCMW page with one query beside the session', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    // A page of the person's own OCMW: one statement reads the grants (the OCMW, the membership and the rights together).
    counter.count = 0;
    counter.grantReads = 0;
    assert.equal((await an.get(`${an.base}/details`)).statusCode, 200);
    assert.equal(counter.grantReads, 1);
    // Another OCMW: the check, and the person's POD MI roles (none): refused with nothing else read.
    const villedemoKbo = (await t.db.selectFrom('organisations').select('kbo').where('id', '=', villedemo).executeTakeFirstOrThrow()).kbo;
    counter.count = 0;
    const refused = await an.get(`/ocmw/${villedemoKbo}/details`);
    assert.equal(refused.statusCode, 403);
    assert.equal(counter.count, 3, 'the session, the OCMW with the rights there, the POD MI roles');
  });

  it('takes a block, a withdrawn grant and a grant not yet valid into account at the next request', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const home = an.base;
    assert.equal((await an.get(home)).statusCode, 200);
    const anId = await personId(t.db, 'An', 'Peeters');

    await t.db
      .updateTable('access_members')
      .set({ blocked_at: t.clock.now(), blocked_until: null })
      .where('person_id', '=', anId)
      .where('organisation_id', '=', demostad)
      .execute();
    const blocked = await an.get(home);
    assert.equal(blocked.statusCode, 403);
    assert.match(blocked.body, /Toegang geblokkeerd/);

    // a block that ended lets the person in again, with the rights unchanged
    await t.db.updateTable('access_members').set({ blocked_until: t.clock.now() }).where('person_id', '=', anId).execute();
    t.clock.advance(1000);
    assert.equal((await an.get(`${home}/details`)).statusCode, 200);

    await t.db.updateTable('access_grants').set({ valid_to: t.clock.now() }).where('person_id', '=', anId).where('organisation_id', '=', demostad).execute();
    t.clock.advance(1000);
    const withdrawn = await an.get(home);
    assert.equal(withdrawn.statusCode, 403);
    assert.match(withdrawn.body, /Toegang ingetrokken/);
  });

  it('holds a grant only from its start', async () => {
    const id = await insertPerson(t.db, { insz: makeInsz('600101123'), firstName: 'Later', lastName: 'Begin', language: 'nl', demo: true });
    await grantRights(t.db, demostad, id, ['UV_READER'], new Date(t.clock.now().getTime() + 86_400_000));
    const later = await loginAs(t.app, t.db, 'Later Begin');
    const kbo = (await t.db.selectFrom('organisations').select('kbo').where('id', '=', demostad).executeTakeFirstOrThrow()).kbo;
    assert.equal((await later.get(`/ocmw/${kbo}`)).statusCode, 403);
    t.clock.advance(86_400_000 + 1000);
    // a day later the session has expired: a new login, and the grant holds
    const again = await loginAs(t.app, t.db, 'Later Begin');
    assert.equal((await again.get(`/ocmw/${kbo}`)).statusCode, 200);
  });

  it('shows an access manager without Uniek Verslag grants the services, not the forms', async () => {
    const hilde = await loginAs(t.app, t.db, 'Hilde Claes');
    const home = await hilde.get(hilde.base);
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /href="\/ocmw\/\d{10}\/access"/);
    assert.doesNotMatch(home.body, /id="forms-title"/);
    assert.equal((await hilde.get(`${hilde.base}/details/history`)).statusCode, 403);
  });

  it('tells the HTB on the homepage when the domain has no TB any more', async () => {
    const hilde = await loginAs(t.app, t.db, 'Hilde Claes');
    assert.doesNotMatch((await hilde.get(hilde.base)).body, /geen toegangsbeheerder meer/);
    const bart = await personId(t.db, 'Bart', 'Willems');
    await t.db.updateTable('access_grants').set({ valid_to: t.clock.now() }).where('person_id', '=', bart).where('right_code', '=', 'TB').execute();
    t.clock.advance(1000);
    assert.match((await hilde.get(hilde.base)).body, /geen toegangsbeheerder meer/);
    const an = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    assert.doesNotMatch((await an.get(an.base)).body, /geen toegangsbeheerder meer/, 'only those who appoint the TB are told');
  });
});
