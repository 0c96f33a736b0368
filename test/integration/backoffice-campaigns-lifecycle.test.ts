import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, covidCampaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';

const BASE = '/backoffice/campaigns';

/**
 * What a campaign's status does to the OCMWs, through the real HTTP routes: closing stops saving and signing,
 * a late submission lets one OCMW finish, a submission freezes the rules, a planned campaign is invisible
 * until it is opened, and next year's campaign is made without code.
 */
describe(`back office: campaign lifecycle seen by the OCMWs (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let covid: string;
  let demostad: string;
  let villedemo: string;
  let marc: Client;
  let an: Client;
  let jan: Client;
  let els: Client;
  let claire: Client;

  before(async () => {
    t = await buildTestApp();
    covid = await covidCampaignId(t.db);
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    [marc, an, jan, els, claire] = await Promise.all(
      ['Marc Lefèvre', 'An Peeters', 'Jan Janssens', 'Els Maes', 'Claire Martin'].map((n) => loginAs(t.app, t.db, n)),
    );
  });
  after(async () => t.close());

  /** Saves the Covid premium as the OCMW's medewerker: the redirect's flash code tells what happened. */
  async function save(client: Client, amount: string) {
    const edit = await client.get(`${client.base}/forms/${covid}/edit`);
    const v = edit.statusCode === 200 ? hiddenValue(edit.body, 'version') : '0';
    const res = await client.post(`${client.base}/forms/${covid}`, { version: v, 'f.justifiedTotal': amount, action: 'save' });
    return String(res.headers.location ?? res.statusCode);
  }

  /** The content hash the signer saw (taken before a campaign closes, when the signature block is shown). */
  async function seenHash(client: Client) {
    return hiddenValue((await client.get(`${client.base}/forms/${covid}/sign`)).body, 'contentHash');
  }

  async function sign(client: Client, hash?: string) {
    const contentHash = hash ?? (await seenHash(client));
    return String((await client.post(`${client.base}/forms/${covid}/sign`, { contentHash })).headers.location);
  }

  async function changeStatus(id: string, action: 'open' | 'close' | 'reopen') {
    const confirm = await marc.get(`${BASE}/${id}/status?action=${action}`);
    assert.equal(confirm.statusCode, 200);
    return marc.post(`${BASE}/${id}/status`, { action, version: hiddenValue(confirm.body, 'version') });
  }

  it('closes a campaign after a confirmation: saving and signing are refused through the OCMW routes', async () => {
    assert.match(await save(an, '100,00'), /m=saved/);
    const hash = await seenHash(jan);
    const confirm = await marc.get(`${BASE}/${covid}/status?action=close`);
    assert.match(confirm.body, /Wilt u deze campagne sluiten\?/);
    assert.equal(
      (await t.db.selectFrom('campaigns').select('status').where('id', '=', covid).executeTakeFirstOrThrow()).status,
      'OPEN',
      'nothing before the confirmation',
    );
    const res = await marc.post(`${BASE}/${covid}/status`, { action: 'close', version: hiddenValue(confirm.body, 'version') });
    assert.equal(res.headers.location, `${BASE}/${covid}?m=closed`);
    assert.equal(await save(an, '200,00'), `${an.base}/forms/${covid}?m=not_open`);
    assert.equal(await sign(jan, hash), `${jan.base}/forms/${covid}?m=not_open`);
    assert.equal((await an.get(`${an.base}/forms/${covid}/edit`)).headers.location, `${an.base}/forms/${covid}`);
    assert.equal((await t.db.selectFrom('signatures').selectAll().execute()).length, 0);
    // closing twice (a stale confirmation) changes nothing
    assert.equal(
      (await marc.post(`${BASE}/${covid}/status`, { action: 'close', version: hiddenValue(confirm.body, 'version') })).headers.location,
      `${BASE}/${covid}?m=conflict`,
    );
  });

  it('refuses a late submission without OCMW, with a past date or without reason, keeping the input', async () => {
    const res = await marc.post(`${BASE}/${covid}/late`, { organisationId: '', untilDate: '01/01/2020', reason: '   ' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Kies een OCMW uit de lijst/);
    assert.match(res.body, /Deze datum is al voorbij/);
    assert.match(res.body, /Vul de reden in/);
    assert.match(res.body, /value="01\/01\/2020"/);
    const long = await marc.post(`${BASE}/${covid}/late`, { organisationId: demostad, untilDate: '15/01/2027', reason: 'x'.repeat(2001) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Ten hoogste 2000 tekens/);
    assert.match(long.body, new RegExp(`<option value="${demostad}" selected`));
    assert.equal((await t.db.selectFrom('campaign_extensions').selectAll().where('campaign_id', '=', covid).execute()).length, 0);
  });

  it('finds an OCMW by name, KBO or NIS for the allowance', async () => {
    const kbo = (await t.db.selectFrom('organisations').select('kbo').where('id', '=', villedemo).executeTakeFirstOrThrow()).kbo;
    for (const q of ['villedemo', kbo]) {
      const page = await marc.get(`${BASE}/${covid}?q=${encodeURIComponent(q)}`);
      assert.match(page.body, new RegExp(`<option value="${villedemo}"`), q);
      assert.doesNotMatch(page.body, new RegExp(`<option value="${demostad}"`), q);
    }
  });

  it('lets Demostad save, sign and submit after a late allowance; Villedemo stays refused', async () => {
    const res = await marc.post(`${BASE}/${covid}/late`, { organisationId: demostad, untilDate: '15/01/2027', reason: 'Ziekte van de financieel directeur' });
    assert.equal(res.headers.location, `${BASE}/${covid}?m=late_allowed`);
    const logged = async () =>
      (await t.db.selectFrom('audit_events').select('id').where('organisation_id', '=', demostad).where('type', '=', 'LATE_SUBMISSION_ALLOWED').execute())
        .length;
    const once = await logged();
    const again = await marc.post(`${BASE}/${covid}/late`, { organisationId: demostad, untilDate: '15/01/2027', reason: 'Ziekte van de financieel directeur' });
    assert.equal(again.headers.location, `${BASE}/${covid}?m=late_allowed`, 'a double click');
    assert.equal(await logged(), once, 'logged once');
    const page = await marc.get(`${BASE}/${covid}`);
    assert.match(page.body, /Ziekte van de financieel directeur/);
    assert.match(page.body, /15\/01\/2027/);
    assert.match(await save(an, '250,00'), /m=saved/);
    assert.match(await sign(jan), /m=signed/);
    assert.match(await sign(els), /m=submitted/);
    const instance = await t.db
      .selectFrom('form_instances')
      .selectAll()
      .where('campaign_id', '=', covid)
      .where('organisation_id', '=', demostad)
      .executeTakeFirstOrThrow();
    assert.ok(instance.submitted_at);
    assert.equal(await save(claire, '10,00'), `${claire.base}/forms/${covid}?m=not_open`);
    const events = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organisation_id', '=', demostad)
      .where('type', '=', 'LATE_SUBMISSION_ALLOWED')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(events[0].payload.reason, 'Ziekte van de financieel directeur');
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
  });

  it('freezes the definition version and the parameters once a form was submitted, but not the dates', async () => {
    const edit = await marc.get(`${BASE}/${covid}/edit`);
    assert.match(edit.body, /al een formulier van deze campagne ingediend/);
    const form = {
      version: hiddenValue(edit.body, 'version'),
      opensDate: /name="opensDate" type="text" value="([^"]*)"/.exec(edit.body)?.[1] ?? '',
      opensTime: /name="opensTime" type="text" value="([^"]*)"/.exec(edit.body)?.[1] ?? '',
      closesDate: '30/06/2027',
      closesTime: '23:59',
      reminderDays: '7',
      definitionVersion: '1',
      'p.months': '3',
      'p.premiumCents': '25,00',
    };
    const refused = await marc.post(`${BASE}/${covid}`, { ...form, 'p.premiumCents': '30,00' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Kan niet meer gewijzigd worden: er is al een formulier van deze campagne ingediend/);
    assert.match(refused.body, /value="30,00"/);
    const params = (await t.db.selectFrom('campaigns').select('params').where('id', '=', covid).executeTakeFirstOrThrow()).params;
    assert.equal(params.premiumCents, 2500);
    const saved = await marc.post(`${BASE}/${covid}`, form);
    assert.equal(saved.headers.location, `${BASE}/${covid}?m=saved`);
  });

  it('withdraws an allowance, logged in the campaign history and in the OCMW audit chain', async () => {
    const res = await marc.post(`${BASE}/${covid}/late/${demostad}/withdraw`, {});
    assert.equal(res.headers.location, `${BASE}/${covid}?m=late_withdrawn`);
    assert.equal((await t.db.selectFrom('campaign_extensions').selectAll().where('campaign_id', '=', covid).execute()).length, 0);
    assert.equal((await marc.post(`${BASE}/${covid}/late/${demostad}/withdraw`, {})).headers.location, `${BASE}/${covid}?m=late_none`);
    const types = (await t.db.selectFrom('campaign_events').select('type').where('campaign_id', '=', covid).orderBy('id').execute()).map((e) => e.type);
    assert.deepEqual(types, ['STATUS_CHANGED', 'LATE_ALLOWED', 'CHANGED', 'LATE_WITHDRAWN']);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('type')
      .where('organisation_id', '=', demostad)
      .where('type', '=', 'LATE_SUBMISSION_WITHDRAWN')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
  });

  it('makes a 2027 campaign from the calendar and the last parameters, planned and invisible until opened', async () => {
    const choose = await marc.get(`${BASE}/new`);
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, /name="year" type="text" value="2027"/, 'the year after the latest report year');
    const exists = await marc.get(`${BASE}/new?year=2026&measure=GAS_ELEK`);
    assert.equal(exists.statusCode, 422);
    assert.match(exists.body, /Er bestaat al een campagne voor deze maatregel en dit verslagjaar/);
    const step = await marc.get(`${BASE}/new?year=2027&measure=GAS_ELEK`);
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /name="opensDate" type="text" value="12\/01\/2028"/);
    assert.match(step.body, /name="closesDate" type="text" value="29\/02\/2028"/, 'last working day of February 2028');
    assert.match(step.body, /name="p\.lumpSumPerFteCents" type="text" value="37184,00"/);
    const form: Record<string, string> = { year: '2027', measure: 'GAS_ELEK' };
    for (const m of step.body.matchAll(/<input id="[^"]*" name="([^"]+)" type="text" value="([^"]*)"/g)) form[m[1]] = m[2];
    for (const m of step.body.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
      form[m[1]] = m[2]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const bad = await marc.post(`${BASE}/new`, { ...form, definitionVersion: '1', reminderDays: 'veertien' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="veertien"/);
    const created = await marc.post(`${BASE}/new`, { ...form, definitionVersion: '1' });
    assert.equal(created.statusCode, 303);
    const id = /campaigns\/([0-9a-f-]{36})\?m=created/.exec(String(created.headers.location))?.[1] ?? '';
    const row = await t.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.report_year, row.measure, row.status, row.params.lumpSumPerFteCents], [2027, 'GAS_ELEK', 'PLANNED', 3718400]);
    const twice = await marc.post(`${BASE}/new`, { ...form, definitionVersion: '1' });
    assert.equal(twice.statusCode, 422);
    assert.match(twice.body, /Er bestaat al een campagne voor deze maatregel en dit verslagjaar/);

    // Planned: not on the homepage, no editing, no saving.
    const before = await an.get(`${an.base}?year=2027`);
    assert.doesNotMatch(before.body, /<option value="2027"/);
    assert.equal((await an.get(`${an.base}/forms/${id}/edit`)).headers.location, `${an.base}/forms/${id}`);
    assert.equal((await an.post(`${an.base}/forms/${id}`, { version: '0', action: 'save' })).headers.location, `${an.base}/forms/${id}?m=not_open`);

    const opened = await changeStatus(id, 'open');
    assert.equal(opened.headers.location, `${BASE}/${id}?m=opened`);
    const now = t.clock.now().toISOString();
    assert.equal(
      new Date((await t.db.selectFrom('campaigns').select('opens_at').where('id', '=', id).executeTakeFirstOrThrow()).opens_at).toISOString(),
      now,
      'opened now',
    );
    const home = await an.get(`${an.base}?year=2027`);
    assert.match(home.body, /<option value="2027" selected/);
    assert.match(home.body, new RegExp(`href="${an.base}/forms/${id}"`));
    assert.equal((await an.get(`${an.base}/forms/${id}/edit`)).statusCode, 200);
  });

  it('reopens a closed campaign for everyone', async () => {
    assert.equal((await changeStatus(covid, 'reopen')).headers.location, `${BASE}/${covid}?m=reopened`);
    assert.match(await save(claire, '10,00'), /m=saved/);
  });
});
