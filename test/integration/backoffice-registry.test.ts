import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { confirmEdit } from '../../src/modules/backoffice/registry/registry-edit.service.ts';
import { formatKbo, makeKbo } from '../../src/modules/shared/identifiers.ts';
import type { Actor } from '../../src/access/access.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, loginAs, organisationId, personId } from '../support/http.ts';

const BASE = '/backoffice/registry';
const CSV = 'text/csv';

/** The hidden fields of the review's form, posted again by "Bevestigen". */
function reviewFields(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('/confirm"'));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&#39;/g, "'");
  return fields;
}

/** The organisation's link ids of a list page, in order. */
function listedIds(html: string): string[] {
  return [...html.matchAll(/<a href="\/backoffice\/registry\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
}

function csv(lines: string[]): { name: string; type: string; content: Buffer } {
  return { name: 'kbo.csv', type: CSV, content: Buffer.from(`${lines.join('\r\n')}\r\n`) };
}

describe(`The organisation registry in the back office (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let marc: Client;
  let nathalie: Client;
  let demostad: string;
  let villedemo: string;
  let hasselt: string;
  let kortessem: string;

  const org = (id: string) => t.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const identifiers = (id: string, scheme: 'KBO' | 'NIS') =>
    t.db
      .selectFrom('organisation_identifiers')
      .select(['value', 'valid_from', 'valid_to'])
      .where('organisation_id', '=', id)
      .where('scheme', '=', scheme)
      .orderBy('valid_from')
      .execute();
  const events = (id: string) => t.db.selectFrom('registry_events').selectAll().where('organisation_id', '=', id).orderBy('id').execute();
  /** The edit form of an organisation as stored, as a browser posts it. */
  const storedForm = async (id: string): Promise<Record<string, string>> => {
    const o = await org(id);
    return {
      nameNl: o.name_nl,
      nameFr: o.name_fr,
      nameDe: o.name_de,
      administrationLanguage: o.administration_language ?? '',
      region: o.region ?? '',
      province: o.province ?? '',
      ...(o.has_ocmw ? { hasOcmw: 'on' } : {}),
      kbo: o.kbo,
      nis: '',
      nisFrom: '',
    };
  };

  before(async () => {
    t = await buildTestApp();
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    hasselt = await organisationId(t.db, 'OCMW Hasselt');
    kortessem = await organisationId(t.db, 'OCMW Kortessem');
  });

  after(async () => {
    await t?.close();
  });

  it('lists the registry by pages of 50, with the fictitious KBO and "geen OCMW" marks', async () => {
    const page1 = await marc.get(BASE);
    assert.equal(page1.statusCode, 200);
    assert.equal(listedIds(page1.body).length, 50);
    assert.match(page1.body, /organisatie\(s\) gevonden/);
    assert.match(page1.body, /fictief/);
    const total = Number(/(\d+) organisatie\(s\) gevonden/.exec(page1.body)?.[1]);
    assert.ok(total > 580, `the whole registry (${total})`);
    const page2 = await marc.get(`${BASE}?page=2`);
    assert.equal(listedIds(page2.body).length, 50);
    assert.equal(
      listedIds(page2.body).some((id) => listedIds(page1.body).includes(id)),
      false,
      'page 2 shows other organisations',
    );
    const last = await marc.get(`${BASE}?page=999`);
    assert.equal(last.statusCode, 200, 'a page beyond the end is the last one');
    const herstappe = await marc.get(`${BASE}?q=herstappe`);
    assert.equal(listedIds(herstappe.body).length, 1);
    assert.match(herstappe.body, /geen OCMW/);
    assert.doesNotMatch((await marc.get(`${BASE}?q=hasselt`)).body, /geen OCMW/);
  });

  it('searches names in any language without accents, KBO numbers with or without dots, current and former NIS codes', async () => {
    const liege = await marc.get(`${BASE}?q=${encodeURIComponent('LIEGE')}`);
    // the official name (ADR 0043): Liège's French one on the Dutch page too
    assert.match(liege.body, /CPAS de Liège/, 'the French name with its accent found in the Dutch page');
    const oshz = await marc.get(`${BASE}?q=${encodeURIComponent('oshz eupen')}`);
    assert.match(oshz.body, /ÖSHZ Eupen/);
    const kbo = (await org(villedemo)).kbo;
    for (const typed of [kbo, formatKbo(kbo), `BE ${formatKbo(kbo)}`]) {
      const found = await marc.get(`${BASE}?q=${encodeURIComponent(typed)}`);
      assert.deepEqual(listedIds(found.body), [villedemo], typed);
    }
    const current = await marc.get(`${BASE}?q=71072`);
    assert.deepEqual(listedIds(current.body), [hasselt]);
    const former = await marc.get(`${BASE}?q=71022`);
    assert.deepEqual(listedIds(former.body), [hasselt], 'Hasselt by its NIS code of before the merger');
    assert.match(former.body, /Gevonden op een vroeger nummer: 71022/);
    const none = await marc.get(`${BASE}?q=nergensdorp`);
    assert.match(none.body, /0 organisatie\(s\) gevonden/);
  });

  it('filters on type, region, province, language and status (derived from the day), in the query string', async () => {
    const brussels = await marc.get(`${BASE}?region=BRU`);
    assert.match(brussels.body, /19 organisatie\(s\) gevonden/);
    const german = await marc.get(`${BASE}?language=de`);
    assert.match(german.body, /9 organisatie\(s\) gevonden/);
    assert.match(german.body, /ÖSHZ Eupen/, 'the official (German) name on the Dutch page');
    const bilingual = await marc.get(`${BASE}?language=${encodeURIComponent('nl+fr')}&q=elsene`);
    assert.match(bilingual.body, /OCMW Elsene/);
    const podmi = await marc.get(`${BASE}?type=PODMI`);
    assert.match(podmi.body, /1 organisatie\(s\) gevonden/);
    const suppliers = await marc.get(`${BASE}?type=SUPPLIER`);
    assert.match(suppliers.body, /2 organisatie\(s\) gevonden/);
    assert.match(suppliers.body, /Demosoft nv/);
    assert.match(suppliers.body, /LogiCPAS Démo nv/);
    const [supplier] = listedIds(suppliers.body);
    const supplierPage = await marc.get(`${BASE}/${supplier}`);
    assert.equal(supplierPage.statusCode, 200, 'a supplier has its organisation page');
    const limburg = await marc.get(`${BASE}?province=Limburg&q=hasselt`);
    assert.deepEqual(listedIds(limburg.body), [hasselt]);
    assert.deepEqual(listedIds((await marc.get(`${BASE}?province=Luik&q=hasselt`)).body), []);
    const disappearing = await marc.get(`${BASE}?status=DISAPPEARING`);
    assert.ok(listedIds(disappearing.body).includes(kortessem));
    assert.ok(listedIds(disappearing.body).includes(await organisationId(t.db, 'OCMW Demodorp')));
    assert.ok(!listedIds(disappearing.body).includes(demostad));
    assert.match(disappearing.body, /Verdwijnend/);
    // an unknown filter value is no filter, never an error
    const odd = await marc.get(`${BASE}?status=GONE&type=x&page=abc`);
    assert.equal(odd.statusCode, 200);
    assert.equal(listedIds(odd.body).length, 50);
    // the status moves with the day: once the transition ends, Kortessem is merged
    const merger = await t.db.selectFrom('organisations').select('merger_id').where('id', '=', kortessem).executeTakeFirstOrThrow();
    await t.db
      .updateTable('mergers')
      .set({ transition_ends_on: '2026-06-30' })
      .where('id', '=', merger.merger_id as string)
      .execute();
    try {
      assert.ok(listedIds((await marc.get(`${BASE}?status=MERGED`)).body).includes(kortessem));
    } finally {
      await t.db
        .updateTable('mergers')
        .set({ transition_ends_on: null })
        .where('id', '=', merger.merger_id as string)
        .execute();
    }
  });

  it("shows an organisation: names, identifiers over time, status on today, the successor and scenario, a merged OCMW's partners", async () => {
    const page = await marc.get(`${BASE}/${kortessem}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /CPAS de Kortessem/);
    assert.match(page.body, /Verdwijnend/);
    assert.match(page.body, new RegExp(`<a href="/backoffice/registry/${hasselt}">OCMW Hasselt</a>`));
    assert.match(page.body, /KBO-nummer behouden, nieuwe NIS-code/);
    assert.match(page.body, /Voorlopig/);
    assert.match(page.body, /31\/12\/2024/);
    const merged = await marc.get(`${BASE}/${hasselt}`);
    assert.match(merged.body, /Fusiepartners/);
    assert.match(merged.body, new RegExp(`<a href="/backoffice/registry/${kortessem}">OCMW Kortessem</a>`));
    assert.match(merged.body, /71022/);
    assert.match(merged.body, /71072/);
    assert.match(merged.body, /Actief/);
    const fr = await marc.get(`${BASE}/${kortessem}`);
    assert.match(fr.body, /Limburg/);
    assert.equal((await marc.get(`${BASE}/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
    assert.equal((await marc.get(`${BASE}/not-an-id`)).statusCode, 404);
  });

  it('lets the dossierbeheerder read but not edit; OCMW users get 403', async () => {
    assert.equal((await nathalie.get(BASE)).statusCode, 200);
    const page = await nathalie.get(`${BASE}/${demostad}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /\/edit"/, 'no edit button');
    assert.doesNotMatch(page.body, /KBO\/NIS-lijsten/, 'no lists in the navigation');
    const before = await org(demostad);
    const form = { ...(await storedForm(demostad)), nameNl: 'OCMW Gekaapt' };
    assert.equal((await nathalie.get(`${BASE}/${demostad}/edit`)).statusCode, 403);
    assert.equal((await nathalie.post(`${BASE}/${demostad}/edit`, form)).statusCode, 403);
    assert.equal((await nathalie.post(`${BASE}/${demostad}/confirm`, { ...form, version: String(before.version) })).statusCode, 403);
    assert.equal((await nathalie.get(`${BASE}/imports`)).statusCode, 403);
    assert.equal((await nathalie.get(`${BASE}/imports/template.csv`)).statusCode, 403);
    assert.equal((await nathalie.postFile(`${BASE}/imports`, {}, csv(['nis;kbo']))).statusCode, 403);
    assert.equal((await org(demostad)).name_nl, before.name_nl);
    const nathalieActor = { personId: await personId(t.db, 'Nathalie', 'Vermeulen'), podmiRights: ['PODMI_AGENT'], rights: [] } as unknown as Actor;
    await assert.rejects(confirmEdit({ actor: nathalieActor, db: t.db, now: t.clock.now() }, demostad, { ...form, hasOcmw: true } as never, before.version));
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(BASE)).statusCode, 403);
    assert.equal((await an.get(`${BASE}/${demostad}`)).statusCode, 403);
    assert.equal((await an.post(`${BASE}/${demostad}/confirm`, form)).statusCode, 403);
  });

  it('edits in two steps: the review shows old and new values, nothing changes before Bevestigen, the change is logged', async () => {
    const before = await org(villedemo);
    const form = { ...(await storedForm(villedemo)), nameNl: 'OCMW Villedemo-Nieuw', nameDe: 'ÖSHZ Villedemo-Neu', province: 'Luxemburg' };
    const review = await marc.post(`${BASE}/${villedemo}/edit`, form);
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /Bevestigen/);
    assert.match(review.body, /OCMW Villedemo<\/td>/);
    assert.match(review.body, /OCMW Villedemo-Nieuw/);
    assert.match(review.body, /Namen<\/td>/);
    assert.equal((await org(villedemo)).name_nl, before.name_nl, 'Opslaan changes nothing');
    const back = await marc.post(`${BASE}/${villedemo}/edit?step=edit`, reviewFields(review.body));
    assert.match(back.body, /value="OCMW Villedemo-Nieuw"/, 'Wijzigen: the form as typed');
    const confirm = await marc.post(`${BASE}/${villedemo}/confirm`, reviewFields(review.body));
    assert.equal(confirm.statusCode, 303);
    assert.equal(confirm.headers.location, `${BASE}/${villedemo}?m=saved`);
    const after = await org(villedemo);
    assert.equal(after.name_nl, 'OCMW Villedemo-Nieuw');
    assert.equal(after.name_de, 'ÖSHZ Villedemo-Neu');
    assert.equal(after.name_fr, before.name_fr);
    assert.equal(after.province, 'Luxemburg');
    assert.equal(after.version, before.version + 1);
    const [event] = (await events(villedemo)).slice(-1);
    assert.equal(event.type, 'ORGANISATION_CHANGED');
    assert.equal(event.actor_person_id, await personId(t.db, 'Marc', 'Lefèvre'));
    assert.deepEqual((event.payload as { changes: unknown }).changes, [
      { field: 'name_nl', before: 'OCMW Villedemo', after: 'OCMW Villedemo-Nieuw' },
      { field: 'name_de', before: 'ÖSHZ Villedemo', after: 'ÖSHZ Villedemo-Neu' },
      { field: 'province', before: 'Namen', after: 'Luxemburg' },
    ]);
    const page = await marc.follow(confirm);
    assert.match(page.body, /De wijziging is opgeslagen/);
    assert.match(page.body, /Marc Lefèvre/);
    assert.match(page.body, /Naam \(Nederlands\): OCMW Villedemo → OCMW Villedemo-Nieuw/);
    // the log in French for a French reader
    await marc.post('/language', { lang: 'fr', returnTo: '/' });
    try {
      const fr = await marc.get(`${BASE}/${villedemo}`);
      assert.match(fr.body, /Province : Namur → Luxembourg/);
    } finally {
      await marc.post('/language', { lang: 'nl', returnTo: '/' });
    }
  });

  it('refuses bad input next to the field, keeping what was typed; nothing is written', async () => {
    const before = await org(demostad);
    const eventCount = (await events(demostad)).length;
    const bad = await marc.post(`${BASE}/${demostad}/edit`, {
      ...(await storedForm(demostad)),
      nameFr: '   ',
      region: 'BRU',
      kbo: '0212.000.155',
      nis: '123',
      nisFrom: '31/02/2026',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Vul de naam in/);
    assert.match(bad.body, /geen provincie/);
    assert.match(bad.body, /het controlegetal klopt niet/);
    assert.match(bad.body, /value="0212.000.155"/);
    assert.match(bad.body, /Een NIS-code heeft 5 cijfers/);
    assert.match(bad.body, /Geen geldige datum/);
    assert.match(bad.body, /value="31\/02\/2026"/);
    const nothing = await marc.post(`${BASE}/${demostad}/edit`, await storedForm(demostad));
    assert.equal(nothing.statusCode, 422);
    assert.match(nothing.body, /U hebt niets gewijzigd/);
    const future = await marc.post(`${BASE}/${demostad}/edit`, { ...(await storedForm(demostad)), nis: '99111', nisFrom: '01/01/2027' });
    assert.match(future.body, /niet na vandaag/);
    assert.deepEqual(await org(demostad), before);
    assert.equal((await events(demostad)).length, eventCount);
  });

  it('refuses a KBO number another organisation holds or held (also one that has ended), and a NIS code another holds in an overlapping period', async () => {
    const villedemoKbo = (await org(villedemo)).kbo;
    const taken = await marc.post(`${BASE}/${demostad}/edit`, { ...(await storedForm(demostad)), kbo: formatKbo(villedemoKbo) });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /is of was van een andere organisatie/);
    const ended = await marc.post(`${BASE}/${demostad}/edit`, { ...(await storedForm(demostad)), kbo: (await org(kortessem)).kbo });
    assert.equal(ended.statusCode, 422, 'Kortessem ended on 31/12/2024, its KBO number stays its own');
    const nisNow = await marc.post(`${BASE}/${demostad}/edit`, { ...(await storedForm(demostad)), nis: '71072', nisFrom: '01/01/2026' });
    assert.match(nisNow.body, /Een andere organisatie heeft deze NIS-code in die periode/);
    const overlap = await marc.post(`${BASE}/${demostad}/edit`, { ...(await storedForm(demostad)), nis: '73040', nisFrom: '01/06/2024' });
    assert.match(overlap.body, /Een andere organisatie heeft deze NIS-code in die periode/, "Kortessem's NIS until 31/12/2024");
    // a confirm posted without a review (or forged) is checked again
    const forged = await marc.post(`${BASE}/${demostad}/confirm`, {
      ...(await storedForm(demostad)),
      kbo: villedemoKbo,
      version: String((await org(demostad)).version),
    });
    assert.equal(forged.statusCode, 422);
    assert.notEqual((await org(demostad)).kbo, villedemoKbo);
  });

  it('gives a real KBO number in place (no new period) and a new NIS code from a day (the old one closed the day before)', async () => {
    const before = await org(demostad);
    assert.equal(before.kbo_fictitious, true);
    const real = makeKbo('02071111');
    const review = await marc.post(`${BASE}/${demostad}/edit`, { ...(await storedForm(demostad)), kbo: formatKbo(real), nis: '99111', nisFrom: '01/01/2026' });
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /Het fictieve KBO-nummer wordt vervangen door het echte/);
    assert.match(review.body, /nieuw adres/);
    assert.match(review.body, /tot de dag vóór 01\/01\/2026/);
    const confirm = await marc.post(`${BASE}/${demostad}/confirm`, reviewFields(review.body));
    assert.equal(confirm.statusCode, 303);
    const after = await org(demostad);
    assert.equal(after.kbo, real);
    assert.equal(after.kbo_fictitious, false);
    assert.equal(after.nis, '99111');
    assert.deepEqual(
      (await identifiers(demostad, 'KBO')).map((i) => [i.value, i.valid_to]),
      [[real, null]],
    );
    assert.deepEqual(
      (await identifiers(demostad, 'NIS')).map((i) => [i.value, i.valid_from, i.valid_to]),
      [
        ['99001', '1977-01-01', '2025-12-31'],
        ['99111', '2026-01-01', null],
      ],
    );
    const [event] = (await events(demostad)).slice(-1);
    assert.deepEqual((event.payload as { changes: unknown }).changes, [
      { field: 'kbo', before: before.kbo, after: real },
      { field: 'nis', before: '99001', after: '99111' },
    ]);
    // found by its former NIS code; its pages under the new KBO number
    assert.deepEqual(listedIds((await marc.get(`${BASE}?q=99001`)).body), [demostad]);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(`/ocmw/${real}`)).statusCode, 200);
    const page = await marc.get(`${BASE}/${demostad}`);
    assert.ok(page.body.includes(formatKbo(real)));
    assert.match(page.body, /NIS-code: 99001 → 99111 \(vanaf 01\/01\/2026\)/);
  });

  it('refuses a stale review: someone else changed the organisation first; nothing typed is lost', async () => {
    const form = { ...(await storedForm(villedemo)), nameFr: 'CPAS de Villedemo-Sur-Meuse' };
    const review = await marc.post(`${BASE}/${villedemo}/edit`, form);
    assert.equal(review.statusCode, 200);
    // meanwhile another beheerder changes the same organisation
    const other = await marc.post(`${BASE}/${villedemo}/edit`, { ...(await storedForm(villedemo)), nameDe: 'ÖSHZ Villedemo-an-der-Maas' });
    assert.equal((await marc.post(`${BASE}/${villedemo}/confirm`, reviewFields(other.body))).statusCode, 303);
    const stale = await marc.post(`${BASE}/${villedemo}/confirm`, reviewFields(review.body));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Iemand anders heeft deze organisatie intussen gewijzigd/);
    assert.match(stale.body, /value="CPAS de Villedemo-Sur-Meuse"/);
    const now = await org(villedemo);
    assert.notEqual(now.name_fr, 'CPAS de Villedemo-Sur-Meuse');
    assert.equal(now.name_de, 'ÖSHZ Villedemo-an-der-Maas');
  });

  it('gives a contested NIS code to one of two organisations confirming at once (the other gets the field message)', async () => {
    const a = await organisationId(t.db, 'OCMW Aalst');
    const b = await organisationId(t.db, 'OCMW Aalter');
    const ctx = {
      actor: { personId: await personId(t.db, 'Marc', 'Lefèvre'), podmiRights: ['PODMI_ADMIN'], rights: [] } as unknown as Actor,
      db: t.db,
      now: t.clock.now(),
    };
    const values = async (id: string) => {
      const f = await storedForm(id);
      return { ...(f as unknown as Record<string, string>), hasOcmw: true, nis: '99222', nisFrom: '01/02/2026' } as never;
    };
    const [va, vb] = [await values(a), await values(b)];
    const results = await Promise.all([confirmEdit(ctx, a, va, (await org(a)).version), confirmEdit(ctx, b, vb, (await org(b)).version)]);
    const kinds = results.map((r) => r.kind).sort();
    assert.deepEqual(kinds, ['invalid', 'saved']);
    const refused = results.find((r) => r.kind === 'invalid');
    assert.deepEqual(refused && 'errors' in refused ? refused.errors : null, { nis: 'nis_taken' });
    const holders = await t.db
      .selectFrom('organisation_identifiers')
      .select('organisation_id')
      .where('scheme', '=', 'NIS')
      .where('value', '=', '99222')
      .execute();
    assert.equal(holders.length, 1);
  });

  it('imports a KBO/NIS list: template, preview with a report per line, a faulty list can only be discarded', async () => {
    const template = await marc.get(`${BASE}/imports/template.csv`);
    assert.equal(template.statusCode, 200);
    assert.equal(template.body, '\uFEFFnis;kbo\r\n');
    const aartselaar = await organisationId(t.db, 'OCMW Aartselaar');
    const before = await org(aartselaar);
    const faulty = await marc.postFile(
      `${BASE}/imports`,
      {},
      csv([
        'NIS-code;KBO-nummer;Naam',
        `11001;${formatKbo(makeKbo('02072001'))};Aartselaar`,
        '11002;0207.200.299;Antwerpen',
        `99999;${makeKbo('02072003')};Nergens`,
        `11001;${makeKbo('02072004')};Aartselaar again`,
        `11004;${(await org(villedemo)).kbo};Boechout`,
        `11005;${makeKbo('02072001')};Boom`,
        `1100;${makeKbo('02072006')};Short`,
      ]),
    );
    assert.equal(faulty.statusCode, 303);
    const page = await marc.follow(faulty);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Controleverslag/);
    assert.match(page.body, /het controlegetal klopt niet/);
    assert.match(page.body, /Geen enkele organisatie heeft of had de NIS-code 99999/);
    assert.match(page.body, /De NIS-code 11001 staat ook op lijn 2/);
    assert.match(page.body, /is of was van een andere organisatie/);
    assert.match(page.body, /staat ook op lijn 2/);
    assert.match(page.body, /is geen NIS-code/);
    assert.doesNotMatch(page.body, /\/commit"/, 'no Bevestigen for a faulty list');
    const importId = /\/backoffice\/registry\/imports\/([0-9a-f-]{36})/.exec(String(faulty.headers.location))?.[1] as string;
    const commit = await marc.post(`${BASE}/imports/${importId}/commit`, {});
    assert.equal(commit.headers.location, `${BASE}/imports/${importId}?m=has_problems`);
    assert.deepEqual(await org(aartselaar), before, 'all or nothing: the valid line changed nothing');
    const discard = await marc.post(`${BASE}/imports/${importId}/discard`, {});
    assert.equal(discard.headers.location, `${BASE}/imports/${importId}?m=discarded`);
    const discarded = await marc.follow(discard);
    assert.match(discarded.body, /Verworpen/);
    assert.match(discarded.body, /Marc Lefèvre/);
    const list = await marc.get(`${BASE}/imports`);
    assert.match(list.body, /kbo\.csv/);
    // a file that is no list at all is refused and not staged
    const empty = await marc.postFile(`${BASE}/imports`, {}, { name: 'leeg.csv', type: CSV, content: Buffer.alloc(0) });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Het bestand is leeg/);
    const headerless = await marc.postFile(`${BASE}/imports`, {}, csv(['gemeente;nummer', 'x;y']));
    assert.match((await marc.follow(headerless)).body, /Onbekende kolom/);
  });

  it('commits a valid list all together: real KBO numbers in place, a disappearing OCMW by its former NIS code, one log entry per line', async () => {
    const aartselaar = await organisationId(t.db, 'OCMW Aartselaar');
    const kboA = makeKbo('02073001');
    const kboK = makeKbo('02073002');
    const kortessemBefore = await org(kortessem);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Lijst');
    sheet.addRow(['NIS', 'Numéro BCE']);
    sheet.addRow([11001, formatKbo(kboA)]);
    sheet.addRow(['73040', kboK]);
    const upload = await marc.postFile(
      `${BASE}/imports`,
      {},
      {
        name: 'kbo.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: Buffer.from(await workbook.xlsx.writeBuffer()),
      },
    );
    assert.equal(upload.statusCode, 303);
    const preview = await marc.follow(upload);
    assert.match(preview.body, /Geen problemen gevonden/);
    assert.match(preview.body, /OCMW Aartselaar/);
    assert.match(preview.body, /OCMW Kortessem/);
    assert.match(preview.body, /vroegere NIS-code/);
    assert.match(preview.body, /Bevestigen vult 2 KBO-nummer\(s\) in/);
    assert.equal((await org(aartselaar)).kbo_fictitious, true, 'nothing before Bevestigen');
    const importId = /imports\/([0-9a-f-]{36})/.exec(String(upload.headers.location))?.[1] as string;
    const commit = await marc.post(`${BASE}/imports/${importId}/commit`, {});
    assert.equal(commit.headers.location, `${BASE}/imports/${importId}?m=committed`);
    for (const [id, kbo] of [
      [aartselaar, kboA],
      [kortessem, kboK],
    ]) {
      const o = await org(id);
      assert.equal(o.kbo, kbo);
      assert.equal(o.kbo_fictitious, false);
      const kbos = await identifiers(id, 'KBO');
      assert.equal(kbos.length, 1, 'replaced in place');
      assert.equal(kbos[0].value, kbo);
    }
    assert.equal((await identifiers(kortessem, 'KBO'))[0].valid_to, kortessemBefore.valid_to, 'its period unchanged');
    const [event] = (await events(kortessem)).slice(-1);
    assert.equal(event.type, 'ORGANISATION_CHANGED');
    assert.deepEqual((event.payload as { changes: unknown; via: unknown }).changes, [{ field: 'kbo', before: kortessemBefore.kbo, after: kboK }]);
    assert.deepEqual((event.payload as { via: unknown }).via, { kind: 'IMPORT', importId, line: 3 });
    const page = await marc.get(`${BASE}/${kortessem}`);
    assert.match(page.body, /Uit een KBO\/NIS-lijst, lijn 3/);
    // a second commit (double click) changes nothing
    const again = await marc.post(`${BASE}/imports/${importId}/commit`, {});
    assert.equal(again.headers.location, `${BASE}/imports/${importId}?m=not_staged`);
  });

  it('refuses a whole list made stale by a change since its upload', async () => {
    const boechout = await organisationId(t.db, 'OCMW Boechout');
    const upload = await marc.postFile(`${BASE}/imports`, {}, csv(['nis,kbo', `11004,${makeKbo('02074001')}`]));
    const importId = /imports\/([0-9a-f-]{36})/.exec(String(upload.headers.location))?.[1] as string;
    // meanwhile the beheerder types Boechout's real number by hand
    const hand = makeKbo('02074002');
    const review = await marc.post(`${BASE}/${boechout}/edit`, { ...(await storedForm(boechout)), kbo: hand });
    assert.equal((await marc.post(`${BASE}/${boechout}/confirm`, reviewFields(review.body))).statusCode, 303);
    const commit = await marc.post(`${BASE}/imports/${importId}/commit`, {});
    assert.equal(commit.headers.location, `${BASE}/imports/${importId}?m=stale`);
    assert.equal((await org(boechout)).kbo, hand);
    const page = await marc.follow(commit);
    assert.match(page.body, /Het register is sinds het opladen gewijzigd/);
  });
});
