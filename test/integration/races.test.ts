import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, hiddenValue, loginAs, demostadTeam } from '../support/http.ts';

/**
 * Signing and saving are compare-and-set in one transaction. PGlite has one connection, so real
 * concurrency is only exercised on PostgreSQL; on PGlite the same test checks the serial behaviour.
 */
describe(`races on signatures and saves (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let demostad: string;
  let an: Client;
  let jan: Client;
  let els: Client;
  const rounds = process.env.TEST_DB === 'postgres' ? 25 : 5;

  before(async () => {
    t = await buildTestApp();
    ({ campaign, demostad, an, jan, els } = await demostadTeam(t.app, t.db));
  });
  after(async () => t.close());

  async function reset(amount: string) {
    await t.db.deleteFrom('signatures').execute();
    await t.db.updateTable('form_instances').set({ submitted_at: null }).execute();
    const edit = await an.get(`${an.base}/forms/${campaign}/edit`);
    const res = await an.post(`${an.base}/forms/${campaign}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': amount });
    assert.equal(res.statusCode, 303);
    return hiddenValue((await jan.get(`${jan.base}/forms/${campaign}/sign`)).body, 'contentHash');
  }

  it('both signers and double clicks at the same moment give exactly one submission', async () => {
    for (let round = 0; round < rounds; round++) {
      const hash = await reset(`${100 + round},00`);
      const before = await t.db.selectFrom('audit_events').select('id').where('type', '=', 'FORM_SUBMITTED').execute();
      const results = await Promise.all([
        jan.post(`${jan.base}/forms/${campaign}/sign`, { contentHash: hash }),
        els.post(`${els.base}/forms/${campaign}/sign`, { contentHash: hash }),
        jan.post(`${jan.base}/forms/${campaign}/sign`, { contentHash: hash }),
        els.post(`${els.base}/forms/${campaign}/sign`, { contentHash: hash }),
      ]);
      for (const r of results) assert.equal(r.statusCode, 303);
      const signatures = await t.db.selectFrom('signatures').select(['role', 'person_id']).execute();
      assert.equal(signatures.length, 2, `round ${round}: two signatures`);
      assert.notEqual(signatures[0].person_id, signatures[1].person_id);
      const instance = await t.db.selectFrom('form_instances').selectAll().where('organisation_id', '=', demostad).executeTakeFirstOrThrow();
      assert.ok(instance.submitted_at, `round ${round}: submitted`);
      const submitted = await t.db.selectFrom('audit_events').select('id').where('type', '=', 'FORM_SUBMITTED').execute();
      assert.equal(submitted.length - before.length, 1, `round ${round}: exactly one submission`);
    }
  });

  it('concurrent editors on one version: exactly one wins, the others get the conflict page', async () => {
    await reset('1,00');
    const editors = await Promise.all(['An Peeters', 'Jan Janssens', 'Els Maes', 'Luc Wouters'].map((n) => loginAs(t.app, t.db, n, 'OCMW Demostad')));
    for (let round = 0; round < rounds; round++) {
      const version = hiddenValue((await an.get(`${an.base}/forms/${campaign}/edit`)).body, 'version');
      const results = await Promise.all(editors.map((e, i) => e.post(`${e.base}/forms/${campaign}`, { version, 'f.justifiedTotal': `${round * 10 + i},00` })));
      const winners = results.filter((r) => r.statusCode === 303);
      const conflicts = results.filter((r) => r.statusCode === 409);
      assert.equal(winners.length, 1, `round ${round}: one winner`);
      assert.equal(conflicts.length, editors.length - 1);
      const instance = await t.db.selectFrom('form_instances').selectAll().where('organisation_id', '=', demostad).executeTakeFirstOrThrow();
      assert.equal(instance.version, Number(version) + 1);
      const winner = results.indexOf(winners[0]);
      assert.deepEqual(instance.input, { fields: { justifiedTotal: `${round * 10 + winner},00` }, tables: {} });
    }
  });

  it('saves OCMW data and forms of the same OCMW at the same moment without deadlock or false audit alarm', async () => {
    const ocmw = { bic: 'GKCCBEBB', contactLastName: 'Peeters', contactFirstName: 'An', contactEmail: 'an@ocmw.be', contactPhone: '050 12 34 56' };
    await t.db.deleteFrom('signatures').execute();
    await t.db.updateTable('form_instances').set({ submitted_at: null, submitted_snapshot: null }).execute();
    for (let round = 0; round < rounds; round++) {
      const [ocmwPage, formPage] = await Promise.all([jan.get(`${jan.base}/details`), an.get(`${an.base}/forms/${campaign}/edit`)]);
      const results = await Promise.all([
        jan.post(`${jan.base}/details`, {
          version: hiddenValue(ocmwPage.body, 'version'),
          iban: 'BE68 5390 0754 7034',
          ...ocmw,
          contactPhone: `050 00 00 ${10 + round}`,
        }),
        an.post(`${an.base}/forms/${campaign}`, { version: hiddenValue(formPage.body, 'version'), 'f.justifiedTotal': `${round + 1},00` }),
        els.get(`${els.base}/details/history`),
      ]);
      for (const r of results) assert.ok(r.statusCode < 500, `round ${round}: ${r.statusCode}`);
      assert.doesNotMatch(results[2].body, /niet intact/, `round ${round}: no false alarm`);
    }
  });
});
