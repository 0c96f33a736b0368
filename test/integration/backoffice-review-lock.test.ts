import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { TEST_DATABASE_URL, type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, type DemostadTeam, demostadTeam, hiddenValue, loginAs } from '../support/http.ts';

/**
 * A review waits for a settlement running on the same campaign (PostgreSQL: two connections). Without the lock
 * a form could be sent back for correction while its campaign was being settled from the old submission,
 * leaving it unsubmitted in a settled campaign, which the OCMW can never resubmit (review of issue 4).
 */
describe('a correction waits for a running settlement (postgres)', { skip: process.env.TEST_DB !== 'postgres' && 'PostgreSQL only' }, () => {
  let t: TestApp;
  let team: DemostadTeam;
  let nathalie: Client;

  before(async () => {
    t = await buildTestApp({}, 'postgres');
    team = await demostadTeam(t.app, t.db);
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
  });
  after(async () => t.close());

  it('sees the campaign settled and changes nothing', async () => {
    const edit = await team.an.get(`${team.an.base}/forms/${team.campaign}/edit`);
    await team.an.post(`${team.an.base}/forms/${team.campaign}`, {
      version: hiddenValue(edit.body, 'version'),
      'f.justifiedTotal': '1.234,50',
      action: 'save',
    });
    for (const signer of [team.jan, team.els]) {
      const view = await signer.get(`${signer.base}/forms/${team.campaign}/sign`);
      await signer.post(`${signer.base}/forms/${team.campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
    }
    const instance = await t.db
      .selectFrom('form_instances')
      .selectAll()
      .where('organisation_id', '=', team.demostad)
      .where('campaign_id', '=', team.campaign)
      .executeTakeFirstOrThrow();
    assert.ok(instance.submitted_at, 'submitted');
    await t.db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', team.campaign).execute();
    const page = await nathalie.get(`/backoffice/forms/${instance.id}`);

    // A settlement in progress on another connection holds the campaign row.
    const settlement = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await settlement.connect();
    try {
      await settlement.query(`SET search_path TO ${t.schema}`);
      await settlement.query('BEGIN');
      await settlement.query('SELECT id FROM campaigns WHERE id = $1 FOR UPDATE', [team.campaign]);
      let finished = false;
      const review = nathalie
        .post(`/backoffice/forms/${instance.id}/correction`, { reason: 'Het bedrag klopt niet met de betalingen.', version: hiddenValue(page.body, 'version') })
        .finally(() => {
          finished = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(finished, false, 'the review waits for the settlement');
      await settlement.query(`UPDATE campaigns SET status = 'SETTLED' WHERE id = $1`, [team.campaign]);
      await settlement.query('COMMIT');
      const res = await review;
      assert.match(String(res.headers.location), /m=settled/);
    } finally {
      await settlement.end();
    }
    const form = await t.db.selectFrom('form_instances').select(['review_state', 'submitted_at']).where('id', '=', instance.id).executeTakeFirstOrThrow();
    assert.equal(form.review_state, null);
    assert.ok(form.submitted_at, 'still submitted, as settled');
    const signatures = await t.db.selectFrom('signatures').select('id').where('form_instance_id', '=', instance.id).execute();
    assert.equal(signatures.length, 2);
  });
});
