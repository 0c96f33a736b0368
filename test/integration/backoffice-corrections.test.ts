import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, type DemostadTeam, demostadTeam, hiddenValue, loginAs } from '../support/http.ts';

/**
 * POD MI sends a submitted form back for correction (with a reason) or accepts it: the OCMW sees the reason on the
 * homepage and the form, its contact person gets an e-mail, both sign again; everything audited, one effect per
 * decision however often it is posted.
 */
describe(`back-office corrections (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let team: DemostadTeam;
  let nathalie: Client;
  let marc: Client;
  let instanceId: string;
  const REASON = 'Het bedrag van de premies klopt niet met de betalingen van het eerste kwartaal.';

  async function instance() {
    return t.db
      .selectFrom('form_instances')
      .selectAll()
      .where('organisation_id', '=', team.demostad)
      .where('campaign_id', '=', team.campaign)
      .executeTakeFirstOrThrow();
  }

  async function save(amount: string) {
    const edit = await team.an.get(`${team.an.base}/forms/${team.campaign}/edit`);
    assert.equal(edit.statusCode, 200, 'editable');
    const res = await team.an.post(`${team.an.base}/forms/${team.campaign}`, {
      version: hiddenValue(edit.body, 'version'),
      'f.justifiedTotal': amount,
      action: 'save',
    });
    assert.equal(res.statusCode, 303);
  }

  async function signBoth() {
    for (const signer of [team.jan, team.els]) {
      const view = await signer.get(`${signer.base}/forms/${team.campaign}/sign`);
      const res = await signer.post(`${signer.base}/forms/${team.campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
      assert.match(String(res.headers.location), /m=(signed|submitted)$/);
    }
    assert.ok((await instance()).submitted_at, 'submitted');
  }

  const page = (client: Client) => client.get(`/backoffice/forms/${instanceId}`);
  const versionOn = async (client: Client) => hiddenValue((await page(client)).body, 'version');
  const correct = (client: Client, reason: string, version: string) => client.post(`/backoffice/forms/${instanceId}/correction`, { reason, version });
  const events = async (type: string) =>
    (await t.db.selectFrom('audit_events').selectAll().where('subject_id', '=', instanceId).where('type', '=', type).execute()).length;

  before(async () => {
    t = await buildTestApp();
    team = await demostadTeam(t.app, t.db);
    await save('1.234,50');
    await signBoth();
    instanceId = (await instance()).id;
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
  });
  after(async () => t.close());

  it('refuses the review to anonymous visitors, OCMW users and ids that do not exist', async () => {
    const version = String((await instance()).version);
    const anonymous = new Client(t.app);
    for (const action of ['correction', 'accept']) {
      const res = await anonymous.post(`/backoffice/forms/${instanceId}/${action}`, { reason: REASON, version });
      assert.equal(res.headers.location, '/login');
      for (const client of [team.an, team.jan, team.els, await loginAs(t.app, t.db, 'Tom De Smet')]) {
        assert.equal((await client.post(`/backoffice/forms/${instanceId}/${action}`, { reason: REASON, version })).statusCode, 403);
      }
      for (const id of [randomUUID(), 'abc']) {
        assert.equal((await nathalie.post(`/backoffice/forms/${id}/${action}`, { reason: REASON, version })).statusCode, 404, `${action} ${id}`);
      }
    }
    const row = await instance();
    assert.equal(row.review_state, null);
    assert.ok(row.submitted_at);
  });

  it('requires a reason of 10 to 2000 characters, next to the field and in the summary, keeping the text (NL and FR)', async () => {
    const version = await versionOn(nathalie);
    const empty = await correct(nathalie, '   ', version);
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /class="error-summary"/);
    assert.equal((empty.body.match(/Geef de reden van de correctie op\./g) ?? []).length, 2, 'summary and field');
    assert.match(empty.body, /aria-invalid="true"/);
    const short = await correct(nathalie, 'te <kort>', version);
    assert.match(short.body, /minstens 10 tekens/);
    assert.match(short.body, /te &lt;kort(>|&gt;)<\/textarea>/, 'the text as typed, escaped');
    const long = await correct(nathalie, 'x'.repeat(2001), version);
    assert.match(long.body, /ten hoogste 2000 tekens/);
    await marc.post('/language', { lang: 'fr', returnTo: '/' });
    const french = await correct(marc, '', version);
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /Indiquez le motif de la correction\./);
    assert.equal((await instance()).review_state, null, 'nothing changed');
    assert.equal(await events('CORRECTION_REQUESTED'), 0);
  });

  it('asks to confirm each decision, saying what it does, and changes nothing before (issue 14, item 13)', async () => {
    const before = await instance();
    const version = await versionOn(nathalie);
    const formPage = (await page(nathalie)).body;
    assert.ok(formPage.indexOf('id="review-title"') > formPage.indexOf('Ondertekend door'), 'the decision comes after the content checked');
    const ask = await nathalie.post(`/backoffice/forms/${instanceId}/correction`, { reason: REASON, version, step: 'ask' });
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Terugsturen voor correctie bevestigen/);
    assert.match(ask.body, /Beide handtekeningen vervallen/);
    assert.match(ask.body, new RegExp(`<input type="hidden" name="reason" value="${REASON}"/>`));
    assert.doesNotMatch(ask.body, /name="step"/, 'the confirmation carries out the decision');
    const empty = await nathalie.post(`/backoffice/forms/${instanceId}/correction`, { reason: '', version, step: 'ask' });
    assert.equal(empty.statusCode, 422, 'a reason is checked before the confirmation');
    const accept = await nathalie.post(`/backoffice/forms/${instanceId}/accept`, { version, step: 'ask' });
    assert.equal(accept.statusCode, 200);
    assert.match(accept.body, /Aanvaarden bevestigen/);
    assert.match(accept.body, /Dat is definitief/);
    const after = await instance();
    assert.deepEqual([after.version, after.review_state, after.submitted_at], [before.version, before.review_state, before.submitted_at]);
    assert.equal(await events('CORRECTION_REQUESTED'), 0);
    assert.equal((await team.an.post(`/backoffice/forms/${instanceId}/accept`, { version, step: 'ask' })).statusCode, 403, 'OCMW staff never');
  });

  it('sends the form back once: signatures cleared, audited, e-mail queued to the contact person', async () => {
    const before = await instance();
    const version = await versionOn(nathalie);
    const res = await correct(nathalie, `  ${REASON}  `, version);
    assert.equal(res.headers.location, `/backoffice/forms/${instanceId}?m=correction_requested`);
    const again = await correct(nathalie, REASON, version);
    assert.equal(again.headers.location, `/backoffice/forms/${instanceId}?m=changed`, 'a double click has no second effect');
    const row = await instance();
    assert.equal(row.review_state, 'CORRECTION_REQUESTED');
    assert.equal(row.correction_reason, REASON);
    assert.equal(row.submitted_at, null);
    assert.equal(row.submitted_snapshot, null);
    assert.equal(row.version, before.version + 1);
    assert.ok(row.correction_requested_by);
    assert.equal((await t.db.selectFrom('signatures').selectAll().where('form_instance_id', '=', instanceId).execute()).length, 0);
    assert.equal(await events('CORRECTION_REQUESTED'), 1);
    assert.equal(await events('SIGNATURE_DROPPED'), 2);
    const jobs = await t.db.selectFrom('outbox_jobs').selectAll().where('dedupe_key', 'like', 'correction:%').execute();
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0].dedupe_key, `correction:${instanceId}:${row.version}`);
    const mail = (typeof jobs[0].payload === 'string' ? JSON.parse(jobs[0].payload) : jobs[0].payload) as { to: string; subject: string; body: string };
    assert.equal(mail.to, 'an.peeters@ocmw-demostad.be');
    assert.match(mail.subject, /Covid-19: Tijdelijke premie/);
    assert.match(mail.subject, /2022/);
    assert.ok(mail.body.includes(REASON));
    assert.match(mail.body, /open op de startpagina het formulier "Covid-19: Tijdelijke premie" onder verslagjaar 2022\./, 'no public URL: in words');
    const shown = await nathalie.follow(res);
    assert.match(shown.body, /teruggestuurd voor correctie; de contactpersoon/);
    assert.match(shown.body, /Dit formulier is niet verzonden/);
    assert.doesNotMatch(shown.body, /\/correction"/, 'nothing to review now');
  });

  it('shows the reason to the OCMW on the homepage and the form, which goes through both signatures again', async () => {
    const home = await team.an.get(`${team.an.base}?year=2022`);
    assert.ok(home.body.includes(`Correctie gevraagd door de POD MI: ${REASON}`));
    const form = await team.an.get(`${team.an.base}/forms/${team.campaign}`);
    assert.ok(form.body.includes('De POD MI vraagt een correctie van dit formulier'));
    assert.match(form.body, /\/edit"/);
    await save('1.200,00');
    await signBoth();
    const row = await instance();
    assert.equal(row.review_state, null);
    assert.equal(row.correction_reason, null);
    assert.doesNotMatch((await team.an.get(`${team.an.base}?year=2022`)).body, /Correctie gevraagd/);
    assert.doesNotMatch((await team.an.get(`${team.an.base}/forms/${team.campaign}`)).body, /vraagt een correctie/);
    const ocmwHistory = await team.an.get(`${team.an.base}/forms/${team.campaign}/history`);
    assert.ok(ocmwHistory.body.includes(REASON), 'the OCMW reads the reason in its history');
    assert.match(ocmwHistory.body, /Teruggestuurd voor correctie/);
    const history = await nathalie.get(`/backoffice/forms/${instanceId}`);
    assert.ok(history.body.includes(REASON), 'the reason stays in the history');
    assert.match(history.body, /Teruggestuurd voor correctie/);
    assert.match(history.body, /Gecontroleerd: de opgeslagen inhoud/);
  });

  it('gives exactly one effect to two reviewers acting at once', async () => {
    const version = await versionOn(nathalie);
    const results = await Promise.all([correct(nathalie, REASON, version), marc.post(`/backoffice/forms/${instanceId}/accept`, { version })]);
    const outcomes = results.map((r) => String(r.headers.location).split('m=')[1]).sort();
    assert.equal(outcomes.filter((o) => o === 'changed').length, 1, outcomes.join());
    const row = await instance();
    assert.equal(row.version, Number(version) + 1);
    if (row.review_state === 'CORRECTION_REQUESTED') {
      assert.equal((await t.db.selectFrom('outbox_jobs').selectAll().where('dedupe_key', 'like', 'correction:%').execute()).length, 2);
      await save('1.210,00');
      await signBoth();
    }
  });

  it('accepts a submitted form, which can then no longer be sent back', async () => {
    if ((await instance()).review_state !== 'ACCEPTED') {
      const res = await nathalie.post(`/backoffice/forms/${instanceId}/accept`, { version: await versionOn(nathalie) });
      assert.equal(res.headers.location, `/backoffice/forms/${instanceId}?m=accepted`);
    }
    const row = await instance();
    assert.equal(row.review_state, 'ACCEPTED');
    assert.ok(row.accepted_at);
    assert.ok(row.submitted_at);
    assert.equal(await events('FORM_ACCEPTED'), 1);
    const view = await page(nathalie);
    assert.match(view.body, /Aanvaard door de POD MI op/);
    assert.doesNotMatch(view.body, /\/correction"/);
    const refused = await correct(nathalie, REASON, String(row.version));
    assert.equal(refused.headers.location, `/backoffice/forms/${instanceId}?m=already_accepted`);
    assert.match((await nathalie.follow(refused)).body, /al aanvaard en kan niet meer teruggestuurd/);
    assert.equal((await instance()).review_state, 'ACCEPTED');
  });

  it('refuses a review once the campaign is settled', async () => {
    await t.db.updateTable('form_instances').set({ review_state: null, accepted_at: null, accepted_by: null }).where('id', '=', instanceId).execute();
    await t.db.updateTable('campaigns').set({ status: 'SETTLED' }).where('id', '=', team.campaign).execute();
    const version = String((await instance()).version);
    assert.doesNotMatch((await page(nathalie)).body, /\/correction"/);
    assert.equal((await correct(nathalie, REASON, version)).headers.location, `/backoffice/forms/${instanceId}?m=settled`);
    assert.equal((await nathalie.post(`/backoffice/forms/${instanceId}/accept`, { version })).headers.location, `/backoffice/forms/${instanceId}?m=settled`);
    assert.equal((await instance()).review_state, null);
  });
});
