import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Actor } from '../../src/access/access.ts';
import { PODMI_ORGANISATION_ID } from '../../src/access/grants.repository.ts';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { confirmStaffChange } from '../../src/modules/backoffice/access-admin/podmi-staff.service.ts';
import { formatInsz, makeInsz } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, loginAs, organisationId, personId } from '../support/http.ts';
import { hostileReferenceWorkbook } from '../support/hostile-workbooks.ts';

const BASE = '/backoffice/access';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The hidden fields of the overview's form, posted again by "Bevestigen". */
function overviewFields(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('/confirm"'));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&#39;/g, "'");
  return fields;
}

/** The active grants of a person in an organisation, by right. */
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

async function htbOf(t: TestApp, organisation: string): Promise<string | undefined> {
  const row = await t.db
    .selectFrom('access_grants as g')
    .innerJoin('persons as p', 'p.id', 'g.person_id')
    .select(['p.first_name', 'p.last_name'])
    .where('g.organisation_id', '=', organisation)
    .where('g.right_code', '=', 'HTB')
    .where('g.valid_to', 'is', null)
    .executeTakeFirst();
  return row ? `${row.first_name} ${row.last_name}` : undefined;
}

async function auditTypes(t: TestApp, organisation: string): Promise<string[]> {
  const rows = await t.db.selectFrom('audit_events').select('type').where('organisation_id', '=', organisation).orderBy('seq').execute();
  return rows.map((r) => r.type);
}

async function countRows(t: TestApp, table: 'access_grants' | 'persons' | 'access_members' | 'audit_events'): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db);
  return Number(rows[0].n);
}

async function state(t: TestApp): Promise<string> {
  return JSON.stringify([await countRows(t, 'access_grants'), await countRows(t, 'persons'), await countRows(t, 'access_members')]);
}

describe(`POD MI appoints HTBs and manages its own staff (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let marc: Client;
  let demostad: string;
  let villedemo: string;
  let demostadKbo: string;
  let villedemoKbo: string;

  before(async () => {
    t = await buildTestApp();
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    const kboOf = async (id: string) => (await t.db.selectFrom('organisations').select('kbo').where('id', '=', id).executeTakeFirstOrThrow()).kbo;
    demostadKbo = await kboOf(demostad);
    villedemoKbo = await kboOf(villedemo);
  });

  after(async () => {
    await t?.close();
  });

  it('lists POD MI first and the OCMWs with their HTB, INSZ masked; search ignores accents and finds KBO numbers', async () => {
    // every OCMW of the registry (585 but Herstappe, which has none, ORG-4) and the three demo OCMWs, 50 a page
    const everyone = await marc.get(BASE);
    assert.equal(everyone.statusCode, 200);
    assert.match(everyone.body, /587 OCMW\(/);
    assert.equal((await marc.get(`${BASE}?q=herstappe`)).body.match(/0 OCMW\(/)?.length, 1, 'Herstappe has no OCMW');
    const list = await marc.get(`${BASE}?q=demo`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /3 OCMW\(/);
    assert.ok(list.body.indexOf('POD Maatschappelijke Integratie') < list.body.indexOf('OCMW Demostad'), 'POD MI first');
    assert.ok(list.body.indexOf('OCMW Demostad') > 0);
    assert.match(list.body, /Hilde Claes/);
    assert.match(list.body, /Michel Renard/);
    // the application's one INSZ mask (the birth date part), as the OCMW's own Toegangsbeheer shows it
    assert.match(list.body, /70\.08\.15-\*\*\*\.\*\*/);
    assert.doesNotMatch(list.body, /-201\.\d\d/, 'never the sequence and check digits');
    const accents = await marc.get(`${BASE}?q=${encodeURIComponent('DÉMOSTAD')}`);
    assert.match(accents.body, /OCMW Demostad/);
    assert.doesNotMatch(accents.body, /Villedemo/);
    const byKbo = await marc.get(`${BASE}?q=${villedemoKbo.slice(0, 4)}.${villedemoKbo.slice(4, 7)}.${villedemoKbo.slice(7)}`);
    assert.match(byKbo.body, /CPAS de Villedemo/);
    assert.doesNotMatch(byKbo.body, /OCMW Demostad/);
    const none = await marc.get(`${BASE}?q=nowhere`);
    assert.match(none.body, /0 OCMW/);
  });

  it('replaces an HTB in two steps: nothing before Bevestigen; the previous HTB kept as co-HTB; audited in both chains', async () => {
    const before = await state(t);
    const insz = makeInsz('800101123');
    const form = {
      insz: formatInsz(insz),
      firstName: 'Ingrid',
      lastName: 'Nieuwe',
      email: 'ingrid@ocmw-demostad.be',
      language: 'nl',
      keepPrevious: 'on',
    };
    const overview = await marc.post(`${BASE}/ocmw/${demostad}`, form);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Hilde Claes/);
    assert.match(overview.body, /Ingrid Nieuwe/);
    assert.match(overview.body, /Bevestigen/);
    assert.equal(await state(t), before, 'Opslaan changes nothing');
    assert.equal(await htbOf(t, demostad), 'Hilde Claes');

    const podmiEvents = (await auditTypes(t, PODMI_ORGANISATION_ID)).length;
    const confirm = await marc.post(`${BASE}/ocmw/${demostad}/confirm`, overviewFields(overview.body));
    assert.equal(confirm.statusCode, 303);
    assert.equal(confirm.headers.location, `${BASE}/ocmw/${demostad}?m=appointed`);
    assert.equal(await htbOf(t, demostad), 'Ingrid Nieuwe');
    const hilde = await personId(t.db, 'Hilde', 'Claes');
    assert.deepEqual(await rightsOf(t, demostad, hilde), ['CO_HTB']);
    const ingrid = await personId(t.db, 'Ingrid', 'Nieuwe');
    assert.deepEqual(await rightsOf(t, demostad, ingrid), ['HTB']);
    const page = await marc.follow(confirm);
    assert.match(page.body, /aangesteld/);
    assert.deepEqual((await auditTypes(t, demostad)).slice(-3), ['HTB_APPOINTED', 'ROLE_REVOKED', 'ROLE_GRANTED']);
    assert.deepEqual((await auditTypes(t, PODMI_ORGANISATION_ID)).slice(podmiEvents), ['HTB_APPOINTED']);
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
    assert.equal((await verifyAuditChain(t.db, PODMI_ORGANISATION_ID)).ok, true);
    // The OCMW's access trail (its co-HTB reads it) says who appointed whom.
    const trail = await (await loginAs(t.app, t.db, 'Hilde Claes')).get(`/ocmw/${demostadKbo}/access/audit`);
    assert.equal(trail.statusCode, 200);
    assert.match(trail.body, /Hilde Claes \(70\.08\.15-\*\*\*\.\*\*\) → Ingrid Nieuwe/);

    // The same overview confirmed again: stale (the HTB changed), nothing changes, it says so.
    const again = await marc.post(`${BASE}/ocmw/${demostad}/confirm`, overviewFields(overview.body));
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Iemand anders heeft dit intussen gewijzigd/);
    assert.equal(await htbOf(t, demostad), 'Ingrid Nieuwe');
    assert.equal((await auditTypes(t, PODMI_ORGANISATION_ID)).at(-1), 'ACCESS_CHANGE_REFUSED');
  });

  it('a stale overview (someone else appointed meanwhile) changes nothing', async () => {
    const first = await marc.post(`${BASE}/ocmw/${villedemo}`, {
      insz: makeInsz('810202234'),
      firstName: 'Aline',
      lastName: 'Premier',
      email: 'aline@cpas-villedemo.be',
      language: 'fr',
    });
    const second = await marc.post(`${BASE}/ocmw/${villedemo}`, {
      insz: makeInsz('820303345'),
      firstName: 'Bruno',
      lastName: 'Second',
      email: 'bruno@cpas-villedemo.be',
      language: 'fr',
    });
    assert.equal((await marc.post(`${BASE}/ocmw/${villedemo}/confirm`, overviewFields(first.body))).statusCode, 303);
    const before = await state(t);
    const stale = await marc.post(`${BASE}/ocmw/${villedemo}/confirm`, overviewFields(second.body));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /value="Bruno"/, 'what was typed is kept');
    assert.equal(await state(t), before);
    assert.equal(await htbOf(t, villedemo), 'Aline Premier');
    // Without "keep": Michel Renard lost HTB and holds nothing else.
    assert.deepEqual(await rightsOf(t, villedemo, await personId(t.db, 'Michel', 'Renard')), []);
  });

  it('refuses bad input next to the field, keeps what was typed, changes nothing (NL and FR)', async () => {
    const before = await state(t);
    const bad = await marc.post(`${BASE}/ocmw/${demostad}`, {
      insz: '85.07.30-033.29',
      firstName: 'Éric',
      lastName: '',
      email: 'not-an-email',
      language: 'xx',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /controlecijfers kloppen niet/);
    assert.match(bad.body, /geen geldig e-mailadres/);
    assert.match(bad.body, /Kies Nederlands, Frans of Duits/);
    assert.match(bad.body, /value="85.07.30-033.29"/);
    assert.match(bad.body, /value="Éric"/);
    const format = await marc.post(`${BASE}/ocmw/${demostad}`, { insz: '1234', firstName: 'A', lastName: 'B', email: 'a@b.be', language: 'nl' });
    assert.match(format.body, /11 cijfers/);
    const unknownName = await marc.post(`${BASE}/ocmw/${demostad}`, {
      insz: makeInsz('830404456'),
      firstName: '',
      lastName: '',
      email: 'a@b.be',
      language: 'nl',
    });
    assert.match(unknownName.body, /Vul de voornaam in/);
    const already = await marc.post(`${BASE}/ocmw/${demostad}`, { insz: makeInsz('800101123'), firstName: '', lastName: '', email: 'a@b.be', language: 'nl' });
    assert.match(already.body, /al hoofdtoegangsbeheerder van dit OCMW/);
    // A hand-made confirm with wrong data: refused the same way.
    const expected = await t.db
      .selectFrom('access_grants')
      .select('id')
      .where('organisation_id', '=', demostad)
      .where('right_code', '=', 'HTB')
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    const forged = await marc.post(`${BASE}/ocmw/${demostad}/confirm`, {
      insz: '12345678901',
      firstName: 'X',
      lastName: 'Y',
      email: 'x@y.be',
      language: 'nl',
      expected: expected.id,
    });
    assert.equal(forged.statusCode, 422);
    assert.equal(await state(t), before);
    // Unknown OCMW, POD MI itself and a malformed id: not found.
    assert.equal((await marc.get(`${BASE}/ocmw/${PODMI_ORGANISATION_ID}`)).statusCode, 404);
    assert.equal((await marc.get(`${BASE}/ocmw/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
    assert.equal((await marc.get(`${BASE}/ocmw/not-a-uuid`)).statusCode, 404);
    // In French.
    await marc.post('/language', { lang: 'fr', returnTo: '/' });
    const fr = await marc.post(`${BASE}/ocmw/${demostad}`, { insz: '85.07.30-033.29', firstName: '', lastName: '', email: 'x', language: 'nl' });
    assert.match(fr.body, /chiffres de contrôle ne correspondent pas/);
    assert.match(fr.body, /adresse e-mail valide/);
    await marc.post('/language', { lang: 'nl', returnTo: '/' });
  });

  async function upload(name: string, type: string, content: Buffer, keepPrevious = false) {
    return marc.postFile(`${BASE}/imports`, keepPrevious ? { keepPrevious: 'on' } : {}, { name, type, content });
  }

  it('stages a list with errors, reports them per line, and commits nothing', async () => {
    const before = await state(t);
    const csv = [
      'kbo;insz;first_name;last_name;email;language',
      `${demostadKbo};${makeInsz('840505567')};Nina;Fout;nina@ocmw.be;nl`,
      `${demostadKbo};${makeInsz('840505678')};Olaf;Dubbel;olaf@ocmw.be;nl`,
      `0212000100;${makeInsz('840505789')};Piet;Mod;piet@ocmw.be;nl`,
      `0321000120;${makeInsz('840505890')};Quinten;Podmi;quinten@ocmw.be;nl`,
      `${villedemoKbo};85.07.30-033.29;Rita;Insz;rita@cpas.be;fr`,
      `${villedemoKbo.slice(0, 9)}9;${makeInsz('840506001')};Sam;Onbekend;geen-mail;xx`,
    ].join('\n');
    const res = await upload('htb.csv', CSV, Buffer.from(csv));
    assert.equal(res.statusCode, 303);
    const page = await marc.follow(res);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /staat al op lijn 2/);
    assert.match(page.body, /controlecijfers \(modulo 97\)/);
    assert.match(page.body, /is geen OCMW/);
    assert.match(page.body, /Dit rijksregisternummer bestaat niet/);
    assert.match(page.body, /geen geldig e-mailadres/);
    assert.doesNotMatch(page.body, /action="[^"]*\/commit"/, 'a list with problems cannot be committed');
    const id = (res.headers.location as string).split('/').pop() as string;
    const commit = await marc.post(`${BASE}/imports/${id}/commit`, {});
    assert.equal(commit.headers.location, `${BASE}/imports/${id}?m=has_problems`);
    assert.equal(await state(t), before);
    const discard = await marc.post(`${BASE}/imports/${id}/discard`, {});
    assert.equal(discard.headers.location, `${BASE}/imports/${id}?m=discarded`);
  });

  it('refuses empty, unreadable and hostile files without staging them', async () => {
    const empty = await upload('htb.csv', CSV, Buffer.alloc(0));
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Het bestand is leeg/);
    const none = await marc.postFile(`${BASE}/imports`, {}, null);
    assert.equal(none.statusCode, 422);
    const binary = await upload('htb.csv', CSV, Buffer.from([0, 1, 2, 3, 4, 5]));
    assert.equal(binary.statusCode, 422);
    const hostile = await upload('htb.xlsx', XLSX, await hostileReferenceWorkbook('bomb', 2 * 1024 * 1024));
    assert.equal(hostile.statusCode, 422);
    const header = await upload('htb.csv', CSV, Buffer.from('kbo;insz;first_name;last_name;email\n'));
    assert.equal(header.statusCode, 303);
    assert.match((await marc.follow(header)).body, /enkel een kopregel/);
    const missing = await upload('htb.csv', CSV, Buffer.from('kbo;naam;colour\n0212000154;x;y\n'));
    assert.match((await marc.follow(missing)).body, /Onbekende kolom/);
  });

  it('commits a good XLSX list all at once, audits every appointment in both chains; a double commit commits once', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('HTB');
    sheet.addRow(['KBO-nummer', 'Rijksregisternummer', 'Voornaam', 'Achternaam', 'E-mail', 'Taal']);
    sheet.addRow([Number(demostadKbo), makeInsz('750606112'), 'Tine', 'Lijst', 'tine@ocmw-demostad.be', 'Nederlands']);
    sheet.addRow([
      `${villedemoKbo.slice(0, 4)}.${villedemoKbo.slice(4, 7)}.${villedemoKbo.slice(7)}`,
      makeInsz('760707223'),
      'Ursule',
      'Liste',
      'ursule@cpas.be',
      '',
    ]);
    const res = await upload('htb.xlsx', XLSX, Buffer.from(await wb.xlsx.writeBuffer()), true);
    assert.equal(res.statusCode, 303);
    const page = await marc.follow(res);
    assert.match(page.body, /Geen problemen gevonden/);
    assert.match(page.body, /Tine Lijst/);
    assert.match(page.body, /Ingrid Nieuwe/, 'the preview shows who is HTB now');
    assert.equal(await htbOf(t, demostad), 'Ingrid Nieuwe', 'nothing before Bevestigen');
    const id = (res.headers.location as string).split('/').pop() as string;
    const demostadEvents = (await auditTypes(t, demostad)).length;
    const podmiEvents = (await auditTypes(t, PODMI_ORGANISATION_ID)).length;
    const [a, b] = await Promise.all([marc.post(`${BASE}/imports/${id}/commit`, {}), marc.post(`${BASE}/imports/${id}/commit`, {})]);
    assert.deepEqual([a.headers.location, b.headers.location].sort(), [`${BASE}/imports/${id}?m=committed`, `${BASE}/imports/${id}?m=not_staged`]);
    assert.equal(await htbOf(t, demostad), 'Tine Lijst');
    assert.equal(await htbOf(t, villedemo), 'Ursule Liste');
    assert.deepEqual(await rightsOf(t, demostad, await personId(t.db, 'Ingrid', 'Nieuwe')), ['CO_HTB']);
    const villedemoLang = await t.db
      .selectFrom('access_members')
      .select('language')
      .where('organisation_id', '=', villedemo)
      .where('person_id', '=', await personId(t.db, 'Ursule', 'Liste'))
      .executeTakeFirstOrThrow();
    assert.equal(villedemoLang.language, 'fr', 'an empty language is the OCMW’s');
    assert.deepEqual((await auditTypes(t, demostad)).slice(demostadEvents), ['HTB_APPOINTED', 'ROLE_REVOKED', 'ROLE_GRANTED']);
    assert.deepEqual((await auditTypes(t, PODMI_ORGANISATION_ID)).slice(podmiEvents), ['HTB_APPOINTED', 'HTB_APPOINTED']);
    for (const org of [demostad, villedemo, PODMI_ORGANISATION_ID]) assert.equal((await verifyAuditChain(t.db, org)).ok, true);
  });

  it('a list whose OCMW changed HTB since the upload is stale: nothing of it changes', async () => {
    const csv = `kbo;insz;first_name;last_name;email\n${demostadKbo};${makeInsz('770808334')};Vera;Later;vera@ocmw.be\n${villedemoKbo};${makeInsz('770808445')};Wim;Later;wim@cpas.be\n`;
    const res = await upload('later.csv', CSV, Buffer.from(csv));
    const id = (res.headers.location as string).split('/').pop() as string;
    const overview = await marc.post(`${BASE}/ocmw/${villedemo}`, {
      insz: makeInsz('780909556'),
      firstName: 'Xavier',
      lastName: 'Tussen',
      email: 'x@cpas.be',
      language: 'fr',
    });
    assert.equal((await marc.post(`${BASE}/ocmw/${villedemo}/confirm`, overviewFields(overview.body))).statusCode, 303);
    const before = await state(t);
    const commit = await marc.post(`${BASE}/imports/${id}/commit`, {});
    assert.equal(commit.headers.location, `${BASE}/imports/${id}?m=stale`);
    assert.equal(await state(t), before);
    assert.equal(await htbOf(t, demostad), 'Tine Lijst');
  });

  it('offers the templates', async () => {
    const csv = await marc.get(`${BASE}/imports/template.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /kbo;insz;first_name;last_name;email;language/);
    const xlsx = await marc.get(`${BASE}/imports/template.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual((wb.worksheets[0].getRow(1).values as unknown[]).slice(1), ['kbo', 'insz', 'first_name', 'last_name', 'email', 'language']);
  });

  it('manages POD MI staff in two steps: add, change role, block, unblock, remove; audited in POD MI’s chain', async () => {
    const insz = makeInsz('900101667');
    const add = await marc.post(`${BASE}/podmi`, {
      insz,
      firstName: 'Yasmine',
      lastName: 'Staf',
      email: 'yasmine@mi-is.be',
      language: 'fr',
      role: 'PODMI_AGENT',
    });
    assert.equal(add.statusCode, 200);
    assert.match(add.body, /Yasmine Staf/);
    const added = await marc.post(`${BASE}/podmi/confirm`, overviewFields(add.body));
    assert.equal(added.statusCode, 303);
    const yasmine = await personId(t.db, 'Yasmine', 'Staf');
    assert.deepEqual(await rightsOf(t, PODMI_ORGANISATION_ID, yasmine), ['PODMI_AGENT']);
    const again = await marc.post(`${BASE}/podmi`, { insz, firstName: '', lastName: '', email: 'y@mi-is.be', language: 'fr', role: 'PODMI_ADMIN' });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /werkt al voor de POD MI/);

    const url = `${BASE}/podmi/${yasmine}`;
    const review = await marc.post(url, { action: 'change', role: 'PODMI_ADMIN', email: 'yasmine@mi-is.be', language: 'fr' });
    assert.equal(review.statusCode, 200);
    assert.deepEqual(await rightsOf(t, PODMI_ORGANISATION_ID, yasmine), ['PODMI_AGENT'], 'nothing before Bevestigen');
    const changed = await marc.post(`${url}/confirm`, overviewFields(review.body));
    assert.equal(changed.headers.location, `${url}?m=change`);
    assert.deepEqual(await rightsOf(t, PODMI_ORGANISATION_ID, yasmine), ['PODMI_ADMIN']);
    // The same overview again: the member's version moved on: stale.
    const stale = await marc.post(`${url}/confirm`, overviewFields(review.body));
    assert.equal(stale.statusCode, 409);

    // The embedded identity provider offers demo persons only.
    await t.db.updateTable('persons').set({ demo: true }).where('id', '=', yasmine).execute();
    const yas = await loginAs(t.app, t.db, 'Yasmine Staf');
    assert.equal((await yas.get(BASE)).statusCode, 200);
    const blockReview = await marc.post(url, { action: 'block', blockedUntil: '' });
    assert.equal((await marc.post(`${url}/confirm`, overviewFields(blockReview.body))).headers.location, `${url}?m=block`);
    assert.equal((await yas.get(BASE)).statusCode, 403, 'blocked: refused at the next request');
    const past = await marc.post(url, { action: 'unblock' });
    assert.equal((await marc.post(`${url}/confirm`, overviewFields(past.body))).headers.location, `${url}?m=unblock`);
    assert.equal((await yas.get(BASE)).statusCode, 200);
    const badDate = await marc.post(url, { action: 'block', blockedUntil: '2020-01-01' });
    assert.equal(badDate.statusCode, 422);
    assert.match(badDate.body, /na vandaag/);
    assert.match(badDate.body, /value="2020-01-01"/);

    const removeReview = await marc.post(url, { action: 'remove' });
    assert.equal((await marc.post(`${url}/confirm`, overviewFields(removeReview.body))).headers.location, `${BASE}/podmi?m=remove`);
    assert.deepEqual(await rightsOf(t, PODMI_ORGANISATION_ID, yasmine), []);
    assert.equal((await yas.get('/backoffice')).statusCode, 403, 'removed: refused at the next request');

    const types = await auditTypes(t, PODMI_ORGANISATION_ID);
    for (const type of ['USER_ADDED', 'ROLE_GRANTED', 'ROLE_REVOKED', 'USER_BLOCKED', 'USER_UNBLOCKED', 'USER_REMOVED', 'ACCESS_CHANGE_REFUSED'])
      assert.ok(types.includes(type), type);
    assert.equal((await verifyAuditChain(t.db, PODMI_ORGANISATION_ID)).ok, true);
  });

  it('nobody changes their own access; the last beheerder stays', async () => {
    const marcId = await personId(t.db, 'Marc', 'Lefèvre');
    const own = await marc.post(`${BASE}/podmi/${marcId}`, { action: 'remove' });
    assert.equal(own.statusCode, 409);
    assert.match(own.body, /eigen toegang/);
    const ownConfirm = await marc.post(`${BASE}/podmi/${marcId}/confirm`, {
      action: 'change',
      role: 'PODMI_AGENT',
      email: 'm@mi-is.be',
      language: 'nl',
      version: '1',
    });
    assert.equal(ownConfirm.statusCode, 409);
    assert.deepEqual(await rightsOf(t, PODMI_ORGANISATION_ID, marcId), ['PODMI_ADMIN']);
    // Another beheerder (an actor made for the service: the only other beheerder left would be Marc himself).
    const nathalie = await personId(t.db, 'Nathalie', 'Vermeulen');
    const actor: Actor = {
      principalKind: 'PERSON',
      personId: nathalie,
      name: 'Nathalie Vermeulen',
      organisationId: null,
      rights: [],
      podmiRights: ['PODMI_ADMIN'],
      authMethod: 'test',
      authenticatedAt: new Date(),
    };
    const version = (
      await t.db
        .selectFrom('access_members')
        .select('version')
        .where('organisation_id', '=', PODMI_ORGANISATION_ID)
        .where('person_id', '=', marcId)
        .executeTakeFirstOrThrow()
    ).version;
    const last = await confirmStaffChange(
      { actor, db: t.db, now: t.clock.now() },
      marcId,
      { action: 'remove', role: '', email: '', language: '', blockedUntil: '' },
      version,
    );
    assert.deepEqual(last, { kind: 'refused', reason: 'last_admin' });
    assert.deepEqual(await rightsOf(t, PODMI_ORGANISATION_ID, marcId), ['PODMI_ADMIN']);
  });

  it('refuses every new page to the dossierbeheerder and to OCMW staff (403), and sends visitors to the login', async () => {
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const hilde = await loginAs(t.app, t.db, 'Hilde Claes');
    const routes: Array<[string, string]> = [
      ['GET', BASE],
      ['GET', `${BASE}/ocmw/${demostad}`],
      ['POST', `${BASE}/ocmw/${demostad}`],
      ['POST', `${BASE}/ocmw/${demostad}/confirm`],
      ['GET', `${BASE}/imports`],
      ['POST', `${BASE}/imports`],
      ['GET', `${BASE}/imports/template.csv`],
      ['GET', `${BASE}/imports/template.xlsx`],
      ['GET', `${BASE}/imports/00000000-0000-4000-8000-000000000000`],
      ['POST', `${BASE}/imports/00000000-0000-4000-8000-000000000000/commit`],
      ['POST', `${BASE}/imports/00000000-0000-4000-8000-000000000000/discard`],
      ['GET', `${BASE}/podmi`],
      ['POST', `${BASE}/podmi`],
      ['POST', `${BASE}/podmi/confirm`],
      ['GET', `${BASE}/podmi/not-a-uuid`],
      ['POST', `${BASE}/podmi/${demostad}`],
      ['POST', `${BASE}/podmi/${demostad}/confirm`],
    ];
    for (const [method, url] of routes) {
      for (const client of [nathalie, hilde]) {
        const res = method === 'GET' ? await client.get(url) : await client.post(url, {});
        assert.equal(res.statusCode, 403, `${method} ${url}`);
      }
    }
    const anonymous = await t.app.inject({ method: 'GET', url: BASE });
    assert.equal(anonymous.headers.location, '/login');
    assert.doesNotMatch((await nathalie.get('/backoffice')).body, /href="\/backoffice\/access"/);
    assert.match((await marc.get('/backoffice')).body, /href="\/backoffice\/access"/);
  });
});
