import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PODMI_ORGANISATION_ID, grantRights } from '../../src/access/grants.repository.ts';
import { TEST_DB, type TestApp, buildTestApp } from '../support/app.ts';
import { loginAs, organisationId, personId } from '../support/http.ts';

/** Issue 12, item 3: after login, no access → whom to ask; one OCMW → straight in; several → the chooser. */
describe(`the organisation chooser (${TEST_DB})`, () => {
  let t: TestApp;
  let demostad: string;
  let villedemo: string;

  before(async () => {
    t = await buildTestApp();
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
  });
  after(() => t.close());

  it('tells a person without access whom to ask, and names no OCMW', async () => {
    const kim = await loginAs(t.app, t.db, 'Kim Vos');
    const page = await kim.get('/choose-ocmw');
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /toegangsbeheerder/i);
    assert.doesNotMatch(page.body, /Demostad|Villedemo|\d{4}\.\d{3}\.\d{3}/);
    assert.equal(kim.base, '');
  });

  it('takes a person of one OCMW straight in', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.match(an.base, /^\/ocmw\/\d{10}$/);
    assert.equal((await an.get(an.base)).statusCode, 200);
  });

  it('offers a person of two OCMWs both, by name and KBO number, filterable by either without accents', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters');
    const page = await luc.get('/choose-ocmw');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /OCMW Demostad/);
    assert.match(page.body, /CPAS de Villedemo/);
    assert.match(page.body, /KBO-nummer 0\d{3}\.\d{3}\.\d{3}/);
    const filtered = await luc.get('/choose-ocmw?q=VILLEDÉMO');
    assert.match(filtered.body, /CPAS de Villedemo/);
    assert.doesNotMatch(filtered.body, /OCMW Demostad/);
    const kbo = (await t.db.selectFrom('organisations').select('kbo').where('id', '=', demostad).executeTakeFirstOrThrow()).kbo;
    const byKbo = await luc.get(`/choose-ocmw?q=${encodeURIComponent(`${kbo.slice(0, 4)}.${kbo.slice(4, 7)}.${kbo.slice(7)}`)}`);
    assert.match(byKbo.body, /OCMW Demostad/);
    assert.doesNotMatch(byKbo.body, /CPAS de Villedemo/);
    const none = await luc.get('/choose-ocmw?q=Namen');
    assert.match(none.body, /Geen OCMW gevonden/);
  });

  it('changes OCMW without a new login, with a new session id', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    const before = new Map(luc.cookies);
    const chosen = await luc.post('/choose-ocmw', { organisationId: villedemo });
    assert.equal(chosen.statusCode, 303);
    assert.match(String(chosen.headers.location), /^\/ocmw\/\d{10}$/);
    const changed = [...luc.cookies].filter(([name, value]) => before.get(name) !== undefined && before.get(name) !== value);
    assert.ok(changed.length >= 1, 'the session cookie has a new value');
    assert.equal((await luc.get(String(chosen.headers.location))).statusCode, 200);
  });

  it('refuses to enter an OCMW the person may not choose (posted id of another OCMW), and shows the chooser again', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const res = await an.post('/choose-ocmw', { organisationId: villedemo });
    assert.equal(res.headers.location, '/choose-ocmw');
  });

  it('lists an OCMW once a grant there starts, and forgets it when the person is blocked there', async () => {
    const tom = await personId(t.db, 'Tom', 'De Smet');
    await grantRights(t.db, villedemo, tom, ['UV_READER'], t.clock.now());
    const client = await loginAs(t.app, t.db, 'Tom De Smet');
    const page = await client.get('/choose-ocmw');
    assert.match(page.body, /CPAS de Villedemo/);
    await t.db.updateTable('access_members').set({ blocked_at: t.clock.now() }).where('person_id', '=', tom).where('organisation_id', '=', villedemo).execute();
    const after = await client.get('/choose-ocmw');
    assert.doesNotMatch(after.body, /CPAS de Villedemo/);
  });

  it('writes a logout in the trail of each OCMW of the person, and in POD MI’s own for POD MI staff', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    const lucId = await personId(t.db, 'Luc', 'Wouters');
    assert.equal((await luc.post('/logout', {})).statusCode, 303);
    const events = await t.db
      .selectFrom('audit_events')
      .select('organisation_id')
      .where('type', '=', 'LOGGED_OUT')
      .where('actor_person_id', '=', lucId)
      .execute();
    assert.deepEqual(events.map((e) => e.organisation_id).sort(), [demostad, villedemo].sort());
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    const marcId = await personId(t.db, 'Marc', 'Lefèvre');
    await marc.post('/logout', {});
    const podmi = await t.db
      .selectFrom('audit_events')
      .select('organisation_id')
      .where('type', 'in', ['LOGGED_IN', 'LOGGED_OUT'])
      .where('actor_person_id', '=', marcId)
      .execute();
    assert.deepEqual(
      podmi.map((e) => e.organisation_id),
      [PODMI_ORGANISATION_ID, PODMI_ORGANISATION_ID],
    );
    // the history names it in words
    const hilde = await loginAs(t.app, t.db, 'Hilde Claes');
    const audit = await hilde.get(`${hilde.base}/access/audit`);
    assert.match(audit.body, /Afgemeld/);
  });
});
