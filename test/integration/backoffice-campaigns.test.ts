import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, hiddenValue, loginAs } from '../support/http.ts';

const BASE = '/backoffice/campaigns';

/** The routes of the campaigns area with concrete ids; `:id` is replaced by a campaign's id. */
const ROUTES: Array<{ method: 'GET' | 'POST'; path: string }> = [
  { method: 'GET', path: BASE },
  { method: 'GET', path: `${BASE}/new` },
  { method: 'POST', path: `${BASE}/new` },
  { method: 'GET', path: `${BASE}/:id` },
  { method: 'GET', path: `${BASE}/:id/edit` },
  { method: 'POST', path: `${BASE}/:id` },
  { method: 'GET', path: `${BASE}/:id/status?action=close` },
  { method: 'POST', path: `${BASE}/:id/status` },
  { method: 'POST', path: `${BASE}/:id/late` },
  { method: 'POST', path: `${BASE}/:id/late/:org/withdraw` },
];

describe(`back office: campaigns, access and editing (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let gas: string;
  let demostad: string;
  let marc: Client;
  let nathalie: Client;

  before(async () => {
    t = await buildTestApp();
    gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    demostad = (await t.db.selectFrom('organisations').select('id').where('name_nl', '=', 'OCMW Demostad').executeTakeFirstOrThrow()).id;
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
  });
  after(async () => t.close());

  const path = (p: string, id = gas) => p.replace(':id', id).replace(':org', demostad);
  const send = (client: Client, route: { method: string; path: string }, id?: string) =>
    route.method === 'GET'
      ? client.get(path(route.path, id))
      : client.post(path(route.path, id), { action: 'close', version: '1', reason: 'x', untilDate: '01/01/2030' });

  async function campaign(id = gas) {
    return t.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('sends anonymous visitors to the login and refuses OCMW users on every route', async () => {
    const anonymous = new Client(t.app);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    for (const route of ROUTES) {
      const res = await send(anonymous, route);
      assert.equal(res.statusCode, 303, `${route.method} ${route.path}`);
      assert.equal(res.headers.location, '/login');
      assert.equal((await send(an, route)).statusCode, 403, `An: ${route.method} ${route.path}`);
    }
  });

  it('lets the dossierbeheerder read but refuses every change, and leaves the campaign untouched', async () => {
    const before = await campaign();
    for (const route of ROUTES) {
      const res = await send(nathalie, route);
      if (route.method === 'POST') assert.equal(res.statusCode, 403, `${route.method} ${route.path}`);
      else assert.ok(res.statusCode === 200 || res.statusCode === 303, `${route.method} ${route.path}: ${res.statusCode}`);
    }
    assert.deepEqual(await campaign(), before);
    const list = await nathalie.get(`${BASE}?year=2026`);
    assert.match(list.body, /Sociale fondsen gas en elektriciteit|gas/i);
    assert.doesNotMatch(list.body, /Nieuwe campagne/);
    const page = await nathalie.get(`${BASE}/${gas}`);
    assert.doesNotMatch(page.body, /\/edit"/);
    assert.doesNotMatch(page.body, /name="reason"/);
    assert.equal((await nathalie.get(`${BASE}/${gas}/edit`)).headers.location, `${BASE}/${gas}`);
  });

  it('answers 404 to malformed and unknown campaign ids, and to a malformed OCMW id', async () => {
    for (const id of ['not-a-uuid', '1', randomUUID()]) {
      for (const route of ROUTES.filter((r) => r.path.includes(':id'))) {
        assert.equal((await send(marc, route, id)).statusCode, 404, `${route.method} ${route.path} ${id}`);
      }
      assert.equal((await nathalie.get(`${BASE}/${id}`)).statusCode, 404);
    }
    assert.equal((await marc.post(`${BASE}/${gas}/late/42/withdraw`, {})).statusCode, 404);
    assert.equal((await marc.post(`${BASE}/${gas}/status`, { action: 'settle', version: '1' })).statusCode, 404);
    assert.equal((await marc.get(`${BASE}/${gas}/status?action=settle`)).statusCode, 404);
  });

  it('lists the campaigns of a report year with their data, and shows a campaign with its parameters', async () => {
    const list = await marc.get(`${BASE}?year=2026`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /aria-current="page"[^>]*>Campagnes|href="\/backoffice\/campaigns" aria-current="page"/);
    assert.match(list.body, new RegExp(`href="${BASE}/${gas}"`));
    assert.match(list.body, /Nieuwe campagne/);
    const page = await marc.get(`${BASE}/${gas}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /lumpSumPerFteCents/);
    assert.match(page.body, /Forfait per VTE/, "the parameter named in the user's language");
    assert.match(page.body, /37\.184,00 €/);
    assert.match(page.body, /classTable/);
  });

  async function editForm(id = gas) {
    const edit = await marc.get(`${BASE}/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    const form: Record<string, string> = {};
    for (const m of edit.body.matchAll(/<input id="[^"]*" name="([^"]+)" type="text" value="([^"]*)"/g)) form[m[1]] = m[2].replace(/&amp;/g, '&');
    for (const m of edit.body.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)<\/select>/gs))
      form[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? '';
    // JSON parameters (the assumptions' list) are text areas
    for (const m of edit.body.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
      form[m[1]] = m[2]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    form.version = hiddenValue(edit.body, 'version');
    return form;
  }

  it('refuses bad input with messages next to the fields and in the summary, keeping what was typed (NL)', async () => {
    const form = await editForm();
    const res = await marc.post(`${BASE}/${gas}`, {
      ...form,
      opensDate: '31/02/2027',
      closesTime: '25:00',
      reminderDays: '14, 0, 100',
      'p.lumpSumPerFteCents': '12,345',
      'p.classTable.v.0': 'veel',
      'p.classTable.v.1': '12,5',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /value="31\/02\/2027"/);
    assert.match(res.body, /value="14, 0, 100"/);
    assert.match(res.body, /value="12,345"/);
    assert.match(res.body, /value="veel"/);
    assert.match(res.body, /Vul een bestaande datum in als dd\/mm\/jjjj/);
    assert.match(res.body, /Vul een uur in als uu:mm/);
    assert.match(res.body, /hele getallen van 1 tot 90/);
    assert.match(res.body, /ten hoogste 2 cijfers na de komma/);
    assert.match(res.body, /value="12,5"/);
    assert.match(res.body, /Vul een getal in/);
    assert.match(res.body, /Vul een geheel getal in/);
    assert.deepEqual((await campaign()).version, Number(form.version));
  });

  it('refuses a deadline before the opening, in French for a French-speaking beheerder', async () => {
    const fr = await loginAs(t.app, t.db, 'Marc Lefèvre');
    await fr.post('/language', { lang: 'fr', returnTo: BASE });
    const form = await editForm();
    const res = await fr.post(`${BASE}/${gas}`, { ...form, closesDate: '01/01/2027', opensDate: '02/01/2027' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /La date limite doit être postérieure à l&#39;ouverture|La date limite doit être postérieure à l'ouverture/);
    assert.match(res.body, /value="01\/01\/2027"/);
    await fr.post('/language', { lang: 'nl', returnTo: BASE });
  });

  it('saves an edit, logs one event per change with old and new value, and refuses a stale version', async () => {
    const form = await editForm();
    const res = await marc.post(`${BASE}/${gas}`, {
      ...form,
      closesDate: '31/03/2027',
      reminderDays: '3, 14',
      'p.lumpSumPerFteCents': '37.500,00',
      'p.classTable.k.6': '7',
      'p.classTable.v.6': '2000',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${BASE}/${gas}?m=saved`);
    const after = await campaign();
    assert.equal(after.version, Number(form.version) + 1);
    assert.deepEqual(after.reminder_days, [14, 3]);
    assert.equal(after.params.lumpSumPerFteCents, 3750000);
    assert.deepEqual(after.params.classTable, { '1': 50, '2': 100, '3': 200, '4': 300, '5': 500, '6': 1000, '7': 2000 });
    assert.equal(new Date(after.closes_at).toISOString(), '2027-03-31T21:59:59.000Z', 'end of the day, Brussels summer time');
    const events = await t.db.selectFrom('campaign_events').selectAll().where('campaign_id', '=', gas).where('type', '=', 'CHANGED').execute();
    const fields = events.map((e) => e.payload.field).sort();
    assert.deepEqual(fields, ['closes_at', 'params.classTable', 'params.lumpSumPerFteCents', 'reminder_days']);
    const money = events.find((e) => e.payload.field === 'params.lumpSumPerFteCents');
    assert.deepEqual([money?.payload.old, money?.payload.new], [3718400, 3750000]);
    const page = await marc.get(`${BASE}/${gas}?m=saved`);
    assert.match(page.body, /37\.184,00 € → 37\.500,00 €/);
    assert.match(page.body, /Marc Lefèvre/);

    // Someone else's edit of the old version: refused, input kept, nothing changed.
    const stale = await marc.post(`${BASE}/${gas}`, { ...form, reminderDays: '21' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Iemand anders heeft deze campagne intussen gewijzigd/);
    assert.match(stale.body, /value="21"/);
    assert.deepEqual((await campaign()).reminder_days, [14, 3]);
    assert.equal(hiddenValue(stale.body, 'version'), String(after.version));
  });

  it('lets exactly one of two simultaneous edits of the same version win', async () => {
    const form = await editForm();
    const results = await Promise.all(['21', '28'].map((days) => marc.post(`${BASE}/${gas}`, { ...form, reminderDays: days })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
    const winner = results.find((r) => r.statusCode === 303) === results[0] ? [21] : [28];
    const after = await campaign();
    assert.deepEqual(after.reminder_days, winner);
    assert.equal(after.version, Number(form.version) + 1);
  });

  it('refuses a definition version the measure does not have', async () => {
    const form = await editForm();
    const res = await marc.post(`${BASE}/${gas}`, { ...form, definitionVersion: '99' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Kies een formulierversie die voor deze maatregel bestaat/);
    assert.equal((await campaign()).definition_version, 1);
  });

  it('never changes a settled campaign', async () => {
    const huur = await campaignId(t.db, 'HUURWAARBORGEN', 2016);
    await t.db.updateTable('campaigns').set({ status: 'SETTLED' }).where('id', '=', huur).execute();
    const before = await campaign(huur);
    assert.equal((await marc.get(`${BASE}/${huur}/edit`)).headers.location, `${BASE}/${huur}?m=settled`);
    assert.equal(
      (
        await marc.post(`${BASE}/${huur}`, {
          version: String(before.version),
          opensDate: '01/01/2017',
          opensTime: '00:00',
          closesDate: '01/03/2017',
          closesTime: '00:00',
          reminderDays: '7',
          definitionVersion: '1',
        })
      ).headers.location,
      `${BASE}/${huur}?m=settled`,
    );
    assert.equal(
      (await marc.post(`${BASE}/${huur}/status`, { action: 'reopen', version: String(before.version) })).headers.location,
      `${BASE}/${huur}?m=not_allowed`,
    );
    assert.equal(
      (await marc.post(`${BASE}/${huur}/late`, { organisationId: demostad, untilDate: '01/01/2030', reason: 'x' })).headers.location,
      `${BASE}/${huur}?m=settled`,
    );
    assert.deepEqual(await campaign(huur), before);
    assert.equal((await t.db.selectFrom('campaign_extensions').selectAll().where('campaign_id', '=', huur).execute()).length, 0);
    const page = await marc.get(`${BASE}/${huur}`);
    assert.match(page.body, /afgerekend en kan niet meer gewijzigd worden/);
    assert.doesNotMatch(page.body, /name="reason"/);
  });
});
