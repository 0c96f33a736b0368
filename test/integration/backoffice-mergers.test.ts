import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { grantRights, insertPerson } from '../../src/access/grants.repository.ts';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { activeInReportYear } from '../../src/modules/organisations/registry-rules.ts';
import { makeInsz, makeKbo } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, loginAs, organisationId } from '../support/http.ts';

const BASE = '/backoffice/mergers';

/** The hidden fields of an overview's form, posted again by "Bevestigen". */
function overviewFields(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('/confirm"'));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&#39;/g, "'");
  return fields;
}

async function count(t: TestApp, table: string): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db);
  return Number(rows[0].n);
}

/** Every table a merger or a copy writes, counted: "nothing half-written" compares two of these. */
async function state(t: TestApp): Promise<string> {
  const tables = [
    'organisations',
    'organisation_identifiers',
    'mergers',
    'merger_partners',
    'registry_events',
    'access_members',
    'access_grants',
    'audit_events',
  ];
  const counts = await Promise.all(tables.map((table) => count(t, table)));
  const validity = await sql<{
    v: string;
  }>`SELECT string_agg(coalesce(valid_to::text, '-') || coalesce(merger_id::text, '-'), ',' ORDER BY id) AS v FROM organisations`.execute(t.db);
  return JSON.stringify([counts, validity.rows[0].v]);
}

async function orgByNis(t: TestApp, nis: string) {
  return t.db.selectFrom('organisations').selectAll().where('nis', '=', nis).executeTakeFirstOrThrow();
}

async function rightsOf(t: TestApp, organisation: string, person: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('access_grants')
    .select('right_code')
    .where('organisation_id', '=', organisation)
    .where('person_id', '=', person)
    .where('valid_to', 'is', null)
    .orderBy('right_code')
    .execute();
  return rows.map((r) => r.right_code);
}

async function demoMergerId(t: TestApp, demostad: string): Promise<string> {
  return (await t.db.selectFrom('mergers').select('id').where('merged_organisation_id', '=', demostad).executeTakeFirstOrThrow()).id;
}

describe(`POD MI records mergers and copies access (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let marc: Client;
  let nathalie: Client;
  let demostad: string;
  let demodorp: string;
  let demodorpKbo: string;
  let demostadKbo: string;

  before(async () => {
    t = await buildTestApp();
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    demostad = await organisationId(t.db, 'OCMW Demostad');
    demodorp = await organisationId(t.db, 'OCMW Demodorp');
    const kbo = async (id: string) => (await t.db.selectFrom('organisations').select('kbo').where('id', '=', id).executeTakeFirstOrThrow()).kbo;
    demodorpKbo = await kbo(demodorp);
    demostadKbo = await kbo(demostad);
  });

  after(async () => {
    await t?.close();
  });

  it('lists the mergers per scenario with each partner’s state; the dossierbeheerder reads but may not change', async () => {
    const list = await marc.get(BASE);
    assert.equal(list.statusCode, 200);
    for (const text of [
      'Scenario 1: nieuw KBO-nummer',
      'Scenario 2',
      'Scenario 3',
      'Beveren-Kruibeke-Zwijndrecht',
      'OCMW Borsbeek',
      'OCMW Demodorp',
      'verdwijnend',
      'voorlopig',
    ]) {
      assert.ok(list.body.includes(text), text);
    }
    assert.match(list.body, /2024: 0 van \d+ ingediend/);
    assert.match(list.body, /nog niet gekopieerd/);
    assert.match(list.body, /Fusie registreren/);
    const read = await nathalie.get(BASE);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /Fusie registreren/);
    const id = await demoMergerId(t, demostad);
    const page = await nathalie.get(`${BASE}/${id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Gebruikers kopiëren<\/button>/);
    // Every change is refused to the dossierbeheerder before anything else, whatever the URL.
    const before = await state(t);
    for (const [url, form] of [
      [`${BASE}/new`, { partners: '11001\n11004' }],
      [`${BASE}/new/confirm`, {}],
      [`${BASE}/${id}/copy`, {}],
      [`${BASE}/${id}/copy/confirm`, {}],
      [`${BASE}/${id}/transition`, { transitionEndsOn: '01/01/2027' }],
      [`${BASE}/${id}/transition/confirm`, { transitionEndsOn: '01/01/2027', version: '1' }],
      [`${BASE}/not-a-uuid/copy/confirm`, {}],
    ] as const) {
      assert.equal((await nathalie.post(url, form)).statusCode, 403, url);
    }
    assert.equal((await nathalie.get(`${BASE}/new`)).statusCode, 403);
    assert.equal(await state(t), before);
    // OCMW staff: 403; a malformed or unknown id: 404.
    const hilde = await loginAs(t.app, t.db, 'Hilde Claes');
    assert.equal((await hilde.get(BASE)).statusCode, 403);
    assert.equal((await marc.get(`${BASE}/not-a-uuid`)).statusCode, 404);
    assert.equal((await marc.get(`${BASE}/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
    assert.equal((await marc.post(`${BASE}/00000000-0000-4000-8000-000000000000/copy/confirm`, {})).statusCode, 404);
  });

  it('copies the users of Demodorp to Demostad once: union, TB → co-TB, blocked stays blocked, signing roles not copied', async () => {
    // Demodorp's users besides the demo's (Wim: encoder in both, Rita: chair, Koen: director).
    const at = new Date('2020-01-01T00:00:00Z');
    const tina = await insertPerson(t.db, { insz: makeInsz('760101110'), firstName: 'Tina', lastName: 'Toegang', language: 'nl' });
    await grantRights(t.db, demodorp, tina, ['TB', 'UV_READER'], at);
    const bert = await insertPerson(t.db, { insz: makeInsz('770202220'), firstName: 'Bert', lastName: 'Geblokkeerd', language: 'nl' });
    await grantRights(t.db, demodorp, bert, ['UV_ENCODER'], at);
    const blockedUntil = new Date('2027-03-01T23:00:00Z');
    await t.db.updateTable('access_members').set({ blocked_at: at, blocked_until: blockedUntil }).where('person_id', '=', bert).execute();
    const dirk = await insertPerson(t.db, { insz: makeInsz('780303330'), firstName: 'Dirk', lastName: 'Hoofd', language: 'nl' });
    await grantRights(t.db, demodorp, dirk, ['HTB', 'EBOX'], at);
    const tom = (await t.db.selectFrom('persons').select('id').where('first_name', '=', 'Tom').executeTakeFirstOrThrow()).id;
    await grantRights(t.db, demodorp, tom, ['UV_ENCODER', 'UV_READER'], at);
    const person = async (first: string) => (await t.db.selectFrom('persons').select('id').where('first_name', '=', first).executeTakeFirstOrThrow()).id;
    const [wim, rita, koen] = [await person('Wim'), await person('Rita'), await person('Koen')];
    const id = await demoMergerId(t, demostad);

    // "Gebruikers kopiëren" shows the plan; nothing is written.
    const before = await state(t);
    const preview = await marc.post(`${BASE}/${id}/copy`, {});
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Er is nog niets gekopieerd/);
    assert.match(preview.body, /ondertekeningsrecht, wordt niet gekopieerd/);
    assert.equal(await state(t), before);

    // Two clicks at once: one copy.
    const [a, b] = await Promise.all([marc.post(`${BASE}/${id}/copy/confirm`, {}), marc.post(`${BASE}/${id}/copy/confirm`, {})]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 409]);
    assert.deepEqual(await rightsOf(t, demostad, tina), ['CO_TB', 'UV_READER'], 'TB becomes co-TB');
    assert.deepEqual(await rightsOf(t, demostad, tom), ['UV_ENCODER', 'UV_READER'], 'union: the encoder right added, the reader right once');
    assert.deepEqual(await rightsOf(t, demostad, wim), ['UV_ENCODER'], 'already present: nothing twice');
    assert.deepEqual(await rightsOf(t, demostad, bert), ['UV_ENCODER']);
    const bertMember = await t.db
      .selectFrom('access_members')
      .selectAll()
      .where('organisation_id', '=', demostad)
      .where('person_id', '=', bert)
      .executeTakeFirstOrThrow();
    assert.equal(new Date(bertMember.blocked_at as Date).toISOString(), at.toISOString(), 'blocked stays blocked');
    assert.equal(new Date(bertMember.blocked_until as Date).toISOString(), blockedUntil.toISOString());
    for (const signer of [rita, koen]) {
      assert.deepEqual(await rightsOf(t, demostad, signer), [], 'signing roles are never copied');
      assert.equal(
        await t.db.selectFrom('access_members').select('person_id').where('organisation_id', '=', demostad).where('person_id', '=', signer).executeTakeFirst(),
        undefined,
      );
    }
    assert.deepEqual(await rightsOf(t, demostad, dirk), ['EBOX'], "a partner's HTB gets no role in the merged OCMW");
    const hildeRights = await rightsOf(t, demostad, await person('Hilde'));
    assert.deepEqual(hildeRights, ['HTB'], 'the merged OCMW keeps its HTB');
    // Audited in Demostad's chain, and in the registry's log; the report stored.
    const events = await t.db.selectFrom('audit_events').select(['type', 'payload']).where('organisation_id', '=', demostad).orderBy('seq').execute();
    const copyEvents = events.filter((e) => (e.payload as { via?: string }).via === 'MERGER_COPY').map((e) => e.type);
    assert.ok(
      copyEvents.includes('USER_ADDED') && copyEvents.includes('ROLE_GRANTED') && copyEvents.includes('USER_BLOCKED') && copyEvents.includes('APP_GRANTED'),
      copyEvents.join(),
    );
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
    const merger = await t.db.selectFrom('mergers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(merger.access_copied_at);
    const page = await marc.get(`${BASE}/${id}?m=copied`);
    assert.match(page.body, /De gebruikers zijn gekopieerd/);
    assert.match(page.body, /Tina Toegang/);
    assert.match(page.body, /toegangsbeheerder → co-toegangsbeheerder/);
    assert.match(page.body, /al aanwezig in het fusie-OCMW/);
    assert.match(page.body, /geblokkeerd \(zoals in het verdwijnende OCMW\)/);
    assert.match(page.body, /hoofdtoegangsbeheerder van het fusie-OCMW wordt apart aangesteld/);
    assert.match(page.body, /Gebruikers gekopieerd/, 'in the log');
    assert.match(page.body, new RegExp(`/backoffice/access/ocmw/${demostad}`), 'links to the HTB appointment');

    // Twice: nothing changes, the page says when it was copied.
    const after = await state(t);
    const again = await marc.post(`${BASE}/${id}/copy/confirm`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /al gekopieerd op/);
    assert.equal((await marc.post(`${BASE}/${id}/copy`, {})).statusCode, 409);
    assert.equal(await state(t), after);
    const list = await marc.get(BASE);
    assert.match(list.body, /gekopieerd op/);
  });

  it('records a scenario 1 merger in two steps; the partners disappear the day before, nothing before Bevestigen', async () => {
    const newKbo = makeKbo('08888801');
    const form = {
      partners: `${makeKbo('09911001')}\n11004`,
      scenario: 'S1_NEW_KBO_NEW_NIS',
      effectiveOn: '01/01/2027',
      transitionEndsOn: '',
      newKbo,
      newNis: '11099',
      nameNl: 'OCMW Rupelgem',
      nameFr: 'CPAS de Rupelgem',
      nameDe: 'ÖSHZ Rupelgem',
      language: 'nl',
      region: 'VLG',
      province: 'Antwerpen',
    };
    const before = await state(t);
    const overview = await marc.post(`${BASE}/new`, form);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /OCMW Rupelgem — nieuw OCMW/);
    assert.match(overview.body, /verdwijnt: bestaat wettelijk tot 31\/12\/2026, dient nog verslagjaar 2026 in/);
    assert.equal(await state(t), before, 'Opslaan writes nothing');
    // "Wijzigen" shows the form as typed.
    const edit = await marc.post(`${BASE}/new?step=edit`, overviewFields(overview.body));
    assert.match(edit.body, /value="OCMW Rupelgem"/);

    const confirm = await marc.post(`${BASE}/new/confirm`, overviewFields(overview.body));
    assert.equal(confirm.statusCode, 303, confirm.body.slice(0, 500));
    const merged = await t.db.selectFrom('organisations').selectAll().where('kbo', '=', newKbo).executeTakeFirstOrThrow();
    assert.equal(merged.valid_from, '2027-01-01');
    assert.equal(merged.nis, '11099');
    const aartselaar = await orgByNis(t, '11001');
    const boechout = await orgByNis(t, '11004');
    const merger = await t.db.selectFrom('mergers').selectAll().where('merged_organisation_id', '=', merged.id).executeTakeFirstOrThrow();
    assert.equal(confirm.headers.location, `${BASE}/${merger.id}?m=recorded`);
    assert.equal(merger.transition_ends_on, null);
    for (const p of [aartselaar, boechout]) {
      assert.equal(p.valid_to, '2026-12-31');
      assert.equal(p.merger_id, merger.id);
      const open = await t.db.selectFrom('organisation_identifiers').select('id').where('organisation_id', '=', p.id).where('valid_to', 'is', null).execute();
      assert.equal(open.length, 0, "the partner's identifiers end on its last legal day");
      // MRG-3 on the stored rows: report year 2026 still offered, 2027 no more; the merged OCMW from 2027.
      assert.equal(activeInReportYear({ validFrom: p.valid_from, validTo: p.valid_to }, 2026), true);
      assert.equal(activeInReportYear({ validFrom: p.valid_from, validTo: p.valid_to }, 2027), false);
    }
    assert.equal(activeInReportYear({ validFrom: merged.valid_from, validTo: merged.valid_to }, 2026), false);
    assert.equal(activeInReportYear({ validFrom: merged.valid_from, validTo: merged.valid_to }, 2027), true);
    const identifiers = await t.db
      .selectFrom('organisation_identifiers')
      .select(['scheme', 'value', 'valid_from', 'valid_to'])
      .where('organisation_id', '=', merged.id)
      .orderBy('scheme')
      .execute();
    assert.deepEqual(identifiers, [
      { scheme: 'KBO', value: newKbo, valid_from: '2027-01-01', valid_to: null },
      { scheme: 'NIS', value: '11099', valid_from: '2027-01-01', valid_to: null },
    ]);
    const partners = await t.db.selectFrom('merger_partners').selectAll().where('merger_id', '=', merger.id).execute();
    assert.equal(partners.length, 2);
    assert.ok(partners.every((p) => !p.keeps_identity));
    const log = await t.db.selectFrom('registry_events').select('type').where('merger_id', '=', merger.id).orderBy('id').execute();
    assert.deepEqual(
      log.map((e) => e.type),
      ['MERGER_RECORDED', 'ORGANISATION_CREATED', 'ORGANISATION_DISAPPEARS', 'ORGANISATION_DISAPPEARS'],
    );
    const page = await marc.follow(confirm);
    assert.match(page.body, /De fusie is geregistreerd/);
    assert.match(page.body, /OCMW Aartselaar/);
    // Confirmed twice (a double click): refused, nothing written.
    const after = await state(t);
    const again = await marc.post(`${BASE}/new/confirm`, overviewFields(overview.body));
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /neemt al deel aan een andere fusie/);
    assert.equal(await state(t), after);
  });

  it('records scenarios 2 and 3: the keeper gets its new NIS from the merger date, the old one closes the day before', async () => {
    const boom = await orgByNis(t, '11005');
    const s2 = await marc.post(`${BASE}/new`, {
      partners: '11005\n11008',
      scenario: 'S2_KEEP_KBO_NEW_NIS',
      effectiveOn: '2027-01-01',
      transitionEndsOn: '31/12/2027',
      keeper: boom.kbo,
      newNis: '11097',
      nameNl: 'OCMW Boom-Brasschaat',
    });
    assert.equal(s2.statusCode, 200, s2.body.slice(0, 2000));
    assert.equal((await marc.post(`${BASE}/new/confirm`, overviewFields(s2.body))).statusCode, 303);
    const kept = await t.db.selectFrom('organisations').selectAll().where('id', '=', boom.id).executeTakeFirstOrThrow();
    assert.equal(kept.kbo, boom.kbo);
    assert.equal(kept.nis, '11097');
    assert.equal(kept.valid_to, null);
    assert.equal(kept.name_nl, 'OCMW Boom-Brasschaat');
    assert.equal(kept.name_fr, boom.name_fr, 'a name left empty is kept');
    const nis = await t.db
      .selectFrom('organisation_identifiers')
      .select(['value', 'valid_from', 'valid_to'])
      .where('organisation_id', '=', boom.id)
      .where('scheme', '=', 'NIS')
      .orderBy('valid_from')
      .execute();
    assert.deepEqual(nis.at(-2), { value: '11005', valid_from: '1977-01-01', valid_to: '2026-12-31' });
    assert.deepEqual(nis.at(-1), { value: '11097', valid_from: '2027-01-01', valid_to: null });
    assert.equal((await orgByNis(t, '11008')).valid_to, '2026-12-31');

    const s3 = await marc.post(`${BASE}/new`, { partners: '11009\n11013', scenario: 'S3_KEEP_KBO_KEEP_NIS', effectiveOn: '2027-01-01', keeper: '11009' });
    assert.equal(s3.statusCode, 200, s3.body.slice(0, 2000));
    assert.equal((await marc.post(`${BASE}/new/confirm`, overviewFields(s3.body))).statusCode, 303);
    const brecht = await orgByNis(t, '11009');
    assert.equal(brecht.valid_to, null);
    const merger = await t.db.selectFrom('mergers').selectAll().where('merged_organisation_id', '=', brecht.id).executeTakeFirstOrThrow();
    assert.equal(merger.scenario, 'S3_KEEP_KBO_KEEP_NIS');
  });

  it('refuses bad input next to the field in NL and FR, and writes nothing', async () => {
    const valid = {
      partners: '11016\n11018',
      scenario: 'S1_NEW_KBO_NEW_NIS',
      effectiveOn: '01/01/2028',
      newKbo: makeKbo('08888802'),
      newNis: '11096',
      nameNl: 'OCMW X',
      nameFr: 'CPAS X',
      nameDe: 'ÖSHZ X',
      language: 'nl',
      region: 'VLG',
      province: 'Antwerpen',
    };
    const before = await state(t);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ partners: '11016\n0123456789' }, /KBO-nummer 0123456789: de controlecijfers kloppen niet/],
      [{ partners: '11016\n99999' }, /Geen OCMW gevonden met 99999/],
      [{ partners: '11016' }, /minstens twee partners/],
      [{ partners: `11016\n${demodorpKbo}` }, /neemt al deel aan een andere fusie/],
      [{ partners: '11016\n11001' }, /neemt al deel aan een andere fusie/],
      [{ transitionEndsOn: '31/12/2027' }, /moet na de datum van de fusie liggen/],
      [{ newKbo: demostadKbo }, /hoort al bij een andere organisatie/],
      [{ newKbo: '0123456789' }, /controlecijfers van dit KBO-nummer kloppen niet/],
      [{ newNis: '11002' }, /NIS-code hoort op de datum van de fusie bij een andere organisatie/],
      [{ scenario: '' }, /Kies een scenario/],
      [{ scenario: 'S2_KEEP_KBO_NEW_NIS', keeper: '11021' }, /staat niet bij de fusiepartners/],
      [{ scenario: 'S3_KEEP_KBO_KEEP_NIS', partners: `11016\n${demodorpKbo}`, keeper: demodorpKbo }, /verdwijnt zelf/],
      [{ effectiveOn: '30/02/2028' }, /Geen geldige datum/],
    ];
    for (const [change, message] of cases) {
      for (const url of [`${BASE}/new`, `${BASE}/new/confirm`]) {
        const res = await marc.post(url, { ...valid, ...change });
        assert.equal(res.statusCode, 422, `${JSON.stringify(change)} ${url}`);
        assert.match(res.body, message, JSON.stringify(change));
        assert.match(res.body, /field__error/);
      }
    }
    assert.equal(await state(t), before, 'nothing half-written');
    await marc.post('/language', { lang: 'fr', returnTo: '/' });
    const fr = await marc.post(`${BASE}/new`, { ...valid, transitionEndsOn: '31/12/2027', partners: '11016\n99999' });
    assert.match(fr.body, /La fin de la période transitoire doit suivre la date de la fusion/);
    assert.match(fr.body, /Aucun CPAS trouvé avec 99999/);
    await marc.post('/language', { lang: 'de', returnTo: '/' });
    const de = await marc.post(`${BASE}/new`, { ...valid, scenario: '' });
    assert.match(de.body, /Wählen Sie ein Szenario/);
    await marc.post('/language', { lang: 'nl', returnTo: '/' });
    // Nonsense posted: no 500.
    const junk = await marc.post(`${BASE}/new`, { partners: '\u0000'.repeat(3), scenario: 'x'.repeat(5000), effectiveOn: '<script>' });
    assert.equal(junk.statusCode, 422);
    assert.doesNotMatch(junk.body, /<script>/);
  });

  it('changes the end of the transition in two steps, compare-and-set on the version', async () => {
    const id = await demoMergerId(t, demostad);
    const bad = await marc.post(`${BASE}/${id}/transition`, { transitionEndsOn: '01/01/2025' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /moet na de datum van de fusie liggen/);
    const overview = await marc.post(`${BASE}/${id}/transition`, { transitionEndsOn: '01/01/2026' });
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /voorlopig/);
    assert.match(overview.body, /01\/01\/2026/);
    const fields = overviewFields(overview.body);
    const confirm = await marc.post(`${BASE}/${id}/transition/confirm`, fields);
    assert.equal(confirm.statusCode, 303);
    const merger = await t.db.selectFrom('mergers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(merger.transition_ends_on, '2026-01-01');
    // Today (23/11/2026) is after the end: Demodorp is merged.
    const list = await marc.get(BASE);
    assert.match(list.body, /gefusioneerd/);
    // The same overview again: stale, nothing changes.
    const stale = await marc.post(`${BASE}/${id}/transition/confirm`, { ...fields, transitionEndsOn: '' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Iemand anders heeft deze fusie intussen gewijzigd/);
    assert.equal(
      (await t.db.selectFrom('mergers').select('transition_ends_on').where('id', '=', id).executeTakeFirstOrThrow()).transition_ends_on,
      '2026-01-01',
    );
    // Back to "voorlopig".
    const back = await marc.post(`${BASE}/${id}/transition`, { transitionEndsOn: '' });
    assert.equal((await marc.post(`${BASE}/${id}/transition/confirm`, overviewFields(back.body))).statusCode, 303);
    assert.equal((await t.db.selectFrom('mergers').select('transition_ends_on').where('id', '=', id).executeTakeFirstOrThrow()).transition_ends_on, null);
    const page = await marc.get(`${BASE}/${id}`);
    assert.match(page.body, /Einde van de overgangsperiode gewijzigd/);
  });
});
