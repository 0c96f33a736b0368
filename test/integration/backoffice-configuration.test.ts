import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { makeKbo } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, loginAs, organisationId, personId } from '../support/http.ts';

const BASE = '/backoffice/configuration';
const DEMOSOFT = makeKbo('08980001');

/** The KBO numbers of the OCMWs a list page links to, in order. */
function listedKbos(html: string): string[] {
  return [...html.matchAll(/<a href="\/ocmw\/(\d{10})\/configuration">/g)].map((m) => m[1]);
}

/** The table row of one OCMW on a list page (its cells as text). */
function rowOf(html: string, kbo: string): string {
  const row = html.split('<tr>').find((r) => r.includes(`/ocmw/${kbo}/configuration`));
  assert.ok(row, `no row for ${kbo}`);
  return row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe(`POD MI reads every OCMW's configuration (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let nathalie: Client;
  let demostadKbo: string;
  let villedemoKbo: string;
  /** the new OCMWs of the 2025 scenario-1 mergers (new KBO, new NIS) */
  let newMergedKbos: string[];

  const kboOf = async (name: string) =>
    (
      await t.db
        .selectFrom('organisations')
        .select('kbo')
        .where('id', '=', await organisationId(t.db, name))
        .executeTakeFirstOrThrow()
    ).kbo;

  before(async () => {
    t = await buildTestApp();
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    demostadKbo = await kboOf('OCMW Demostad');
    villedemoKbo = await kboOf('OCMW Villedemo');
    const merged = await t.db
      .selectFrom('mergers as m')
      .innerJoin('organisations as o', 'o.id', 'm.merged_organisation_id')
      .select('o.kbo')
      .where('m.scenario', '=', 'S1_NEW_KBO_NEW_NIS')
      .execute();
    newMergedKbos = merged.map((m) => m.kbo).sort();
  });

  after(async () => {
    await t?.close();
  });

  it('lists every OCMW by pages of 50 with its screens saved, supplier, network provider and last save', async () => {
    const page1 = await nathalie.get(BASE);
    assert.equal(page1.statusCode, 200);
    assert.match(page1.body, /href="\/backoffice\/configuration" aria-current="page"/, 'the area in the back office navigation');
    assert.equal(listedKbos(page1.body).length, 50);
    const found = await nathalie.get(`${BASE}?q=demo`);
    assert.ok(listedKbos(found.body).includes(demostadKbo));
    assert.ok(listedKbos(found.body).includes(villedemoKbo));
    const demostad = rowOf(found.body, demostadKbo);
    assert.match(demostad, /4 van 4/);
    assert.match(demostad, /Demosoft nv/);
    assert.match(demostad, /Publilink/);
    assert.match(demostad, /\d{2}\/\d{2}\/\d{4}/, 'the last save');
    const villedemo = rowOf(found.body, villedemoKbo);
    assert.match(villedemo, /0 van 4/);
    // by KBO number too, and in the reader's language
    assert.deepEqual(listedKbos((await nathalie.get(`${BASE}?q=${demostadKbo}`)).body), [demostadKbo]);
  });

  it('filters by software supplier and keeps the filters in the pages and the export links', async () => {
    const demosoft = await nathalie.get(`${BASE}?supplier=${DEMOSOFT}`);
    assert.deepEqual(listedKbos(demosoft.body), [demostadKbo]);
    assert.match(demosoft.body, new RegExp(`<option value="${DEMOSOFT}" selected`));
    assert.match(demosoft.body, new RegExp(`href="/backoffice/configuration.csv\\?supplier=${DEMOSOFT}"`));
    assert.deepEqual(listedKbos((await nathalie.get(`${BASE}?supplier=PRIMAWEB`)).body), []);
    // an unknown supplier is no filter
    assert.equal(listedKbos((await nathalie.get(`${BASE}?supplier=0000000000`)).body).length, 50);
    const incomplete = await nathalie.get(`${BASE}?state=incomplete`);
    assert.ok(!listedKbos(incomplete.body).includes(demostadKbo));
    assert.match(incomplete.body, /href="\/backoffice\/configuration\?state=incomplete&amp;page=2"/);
    const page2 = await nathalie.get(`${BASE}?state=incomplete&page=2`);
    assert.equal(page2.statusCode, 200);
    assert.ok(!listedKbos(page2.body).includes(demostadKbo));
    assert.deepEqual(listedKbos((await nathalie.get(`${BASE}?state=complete`)).body), [demostadKbo]);
  });

  it('lists the new merged OCMWs (scenario 1) whose configuration is incomplete, never Demostad', async () => {
    assert.ok(newMergedKbos.length > 0, 'the 2025 mergers are loaded');
    const res = await nathalie.get(`${BASE}?state=incomplete&merged=1`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<input type="checkbox" id="c-merged" name="merged" value="1" checked/);
    const listed = listedKbos(res.body);
    assert.deepEqual([...listed].sort(), newMergedKbos);
    assert.ok(!listed.includes(demostadKbo));
    assert.match(res.body, /nieuw na fusie \(scenario 1\)/);
  });

  it("exports the filtered list as CSV and XLSX with every field's current value", async () => {
    const csv = await nathalie.get(`${BASE}.csv?q=demo`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="ocmw-configuration-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    const headers = lines[0].split(';');
    assert.deepEqual(headers.slice(0, 3), ['KBO-nummer', 'NIS-code', 'Naam']);
    const demostad = lines.find((l) => l.startsWith(demostadKbo));
    assert.ok(demostad, 'a line for Demostad');
    assert.match(demostad, /info@ocmw-demostad\.be/);
    assert.match(demostad, /Demosoft nv/);
    const cells = demostad.split(';');
    const pension = headers.indexOf('Type mutaties: Pensioen');
    assert.ok(pension > 0, 'a column per mutation type');
    assert.equal(cells[pension], 'Niet aangevinkt (niet ontvangen)');
    const villedemo = lines.find((l) => l.startsWith(villedemoKbo));
    assert.ok(villedemo);
    assert.equal(villedemo.split(';')[headers.indexOf('Contactgegevens: laatst bewaard')] ?? '', '');
    // the filter applies: a supplier's export holds its OCMWs only
    const demosoft = await nathalie.get(`${BASE}.csv?supplier=${DEMOSOFT}`);
    assert.equal(demosoft.body.split('\r\n').filter((l) => l !== '').length, 2, 'the header and Demostad');

    const xlsx = await nathalie.get(`${BASE}.xlsx?q=demostad`);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values: unknown[] = [];
    sheet.eachRow((row) => values.push(...(row.values as unknown[])));
    assert.ok(values.includes('info@ocmw-demostad.be'));
    assert.ok(values.includes(demostadKbo));
  });

  it('neutralises a formula typed by an OCMW in both exports', async () => {
    const villedemo = await organisationId(t.db, 'OCMW Villedemo');
    await t.db
      .insertInto('ocmw_config_versions')
      .values({
        organisation_id: villedemo,
        screen: 'PROVIDERS',
        version: 1,
        data: JSON.stringify({
          networkProvider: 'OTHER',
          networkProviderOther: 'Réseau local',
          softwareSupplier: 'OTHER',
          softwareSupplierOther: '=HYPERLINK("http://x")',
        }),
        saved_at: t.clock.now(),
        saved_by: await personId(t.db, 'An', 'Peeters'),
      })
      .execute();
    const list = await nathalie.get(`${BASE}?supplier=OTHER`);
    assert.deepEqual(listedKbos(list.body), [villedemoKbo]);
    assert.match(rowOf(list.body, villedemoKbo), /1 van 4/);
    const csv = await nathalie.get(`${BASE}.csv?supplier=OTHER`);
    assert.match(csv.body, /;"'=HYPERLINK\(""http:\/\/x""\)";/);
    const xlsx = await nathalie.get(`${BASE}.xlsx?supplier=OTHER`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook.worksheets[0].eachRow((row) => values.push(...(row.values as unknown[])));
    assert.ok(values.includes('\'=HYPERLINK("http://x")'));
    assert.ok(!values.some((v) => typeof v === 'object' && v !== null && 'formula' in v));
  });

  it('refuses OCMW staff (403) and sends anonymous visitors to the login', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    for (const url of [BASE, `${BASE}.csv`, `${BASE}.xlsx`]) {
      assert.equal((await an.get(url)).statusCode, 403, url);
      const anonymous = await t.app.inject({ method: 'GET', url });
      assert.equal(anonymous.statusCode, 303, url);
      assert.equal(anonymous.headers.location, '/login');
    }
  });
});
