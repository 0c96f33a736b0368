import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, type DemostadTeam, demostadTeam, hiddenValue, loginAs, personId } from '../support/http.ts';

/**
 * A correction requested on a closed campaign keeps the form open until it is resubmitted, unless POD MI sets a
 * deadline for it with a late allowance: once that has passed the form can no longer be changed and it is
 * settled as not submitted — a correction never blocks the settlement for ever. An allowance that had already
 * run out when the correction was asked does not cut it short.
 */
describe(`the deadline of a correction (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let team: DemostadTeam;
  let nathalie: Client;
  let instanceId: string;
  const DAY = 86_400_000;

  const instance = () =>
    t.db
      .selectFrom('form_instances')
      .selectAll()
      .where('organisation_id', '=', team.demostad)
      .where('campaign_id', '=', team.campaign)
      .executeTakeFirstOrThrow();
  const allowance = async (until: Date) =>
    t.db
      .insertInto('campaign_extensions')
      .values({
        campaign_id: team.campaign,
        organisation_id: team.demostad,
        until,
        reason: 'Termijn voor de correctie',
        granted_by: await personId(t.db, 'Marc', 'Lefèvre'),
        granted_at: t.clock.now(),
      })
      .onConflict((oc) => oc.columns(['campaign_id', 'organisation_id']).doUpdateSet({ until }))
      .execute();

  before(async () => {
    t = await buildTestApp();
    team = await demostadTeam(t.app, t.db);
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
    instanceId = (await instance()).id;
    assert.ok((await instance()).submitted_at, 'submitted');
    // The OCMW had been allowed to submit late until yesterday; the campaign is closed.
    await allowance(new Date(t.clock.now().getTime() - DAY));
    await t.db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', team.campaign).execute();
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
  });
  after(async () => t.close());

  it('opens the form again for the OCMW, whatever the spent allowance', async () => {
    const page = await nathalie.get(`/backoffice/forms/${instanceId}`);
    const res = await nathalie.post(`/backoffice/forms/${instanceId}/correction`, {
      reason: 'Het aantal begunstigden klopt niet.',
      version: hiddenValue(page.body, 'version'),
    });
    assert.match(String(res.headers.location), /m=correction_requested/);
    assert.equal(
      (await t.db.selectFrom('campaign_extensions').select('until').where('campaign_id', '=', team.campaign).execute()).length,
      0,
      'the spent allowance is gone',
    );
    assert.equal((await team.an.get(`${team.an.base}/forms/${team.campaign}/edit`)).statusCode, 200, 'editable although the campaign is closed');
    const settlement = await nathalie.get(`/backoffice/settlements?campaignId=${team.campaign}`);
    assert.match(settlement.body, /formulier teruggestuurd voor correctie/, 'pending: the campaign waits for it');
  });

  it('closes it at the deadline POD MI sets, after which it is settled as not submitted', async () => {
    await allowance(new Date(t.clock.now().getTime() + 3 * DAY));
    assert.equal((await team.an.get(`${team.an.base}/forms/${team.campaign}/edit`)).statusCode, 200, 'editable until the deadline');
    t.clock.advance(4 * DAY);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(`${an.base}/forms/${team.campaign}/edit`)).headers.location, `${an.base}/forms/${team.campaign}`, 'no longer editable');
    const save = await an.post(`${an.base}/forms/${team.campaign}`, { version: String((await instance()).version), 'f.justifiedTotal': '25', action: 'save' });
    assert.equal(save.headers.location, `${team.an.base}/forms/${team.campaign}?m=not_open`);
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const settlement = await nathalie.get(`/backoffice/settlements?campaignId=${team.campaign}`);
    assert.doesNotMatch(settlement.body, /formulier teruggestuurd voor correctie/, 'no longer pending');
    const [, without] = settlement.body.split('id="settlement-without-caption"');
    assert.match(without ?? '', /OCMW Demostad/, 'settled as not submitted');
  });
});
