import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { parseReferenceValue } from '../../src/modules/reference-data/reference-value.ts';
import { formatKbo, makeKbo } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, covidCampaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';
import { hostileReferenceWorkbook } from '../support/hostile-workbooks.ts';
import { relate, rezip } from '../support/xlsx-zip.ts';

const BASE = '/backoffice/reference-data';

/** A zip of stored (uncompressed) entries: enough to build workbooks with or without macros by hand. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of the validation report: [line, column, message]. */
function reportRows(html: string): Array<[string, string, string]> {
  const section = html.slice(html.indexOf('id="refdata-report"'), html.indexOf('id="refdata-preview"') > 0 ? html.indexOf('id="refdata-preview"') : undefined);
  return [...section.matchAll(/<tr><td class="num">([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [
    m[1],
    m[2],
    m[3].replace(/&#39;/g, "'"),
  ]);
}

describe(`POD MI loads reference values from a file (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let demostad: string;
  let villedemo: string;
  let demostadKbo: string;
  let villedemoKbo: string;
  let marc: Client;
  let an: Client;

  before(async () => {
    t = await buildTestApp();
    campaign = await covidCampaignId(t.db);
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    const kbo = async (id: string) => (await t.db.selectFrom('organisations').select('kbo').where('id', '=', id).executeTakeFirstOrThrow()).kbo;
    demostadKbo = await kbo(demostad);
    villedemoKbo = await kbo(villedemo);
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    an = await loginAs(t.app, t.db, 'An Peeters');
  });
  after(async () => t.close());

  /** Posts the upload form as a browser does: multipart, same origin, with the client's session cookie. */
  async function upload(client: Client, fileName: string | null, content: string | Buffer, campaignId = campaign) {
    const form = new FormData();
    form.append('campaignId', campaignId);
    if (fileName === null) form.append('file', new Blob([]), '');
    else form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), fileName);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return t.app.inject({ method: 'POST', url: BASE, payload: form, headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin', cookie } });
  }

  /** Uploads a file that can be read and returns the id of the staged import. */
  async function stage(fileName: string, content: string | Buffer): Promise<string> {
    t.clock.advance(61_000);
    const res = await upload(marc, fileName, content);
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    const match = new RegExp(`^${BASE}/([0-9a-f-]{36})$`).exec(String(res.headers.location));
    assert.ok(match, `redirect to the import: ${res.headers.location}`);
    return match[1];
  }

  async function refs(organisation: string) {
    const row = await t.db
      .selectFrom('reference_values')
      .select('data')
      .where('organisation_id', '=', organisation)
      .where('campaign_id', '=', campaign)
      .executeTakeFirst();
    return row?.data as Record<string, number> | undefined;
  }

  async function state(importId: string) {
    return (await t.db.selectFrom('reference_imports').select('state').where('id', '=', importId).executeTakeFirstOrThrow()).state;
  }

  async function loadEvents(organisation: string) {
    const rows = await t.db
      .selectFrom('audit_events')
      .select(['subject_id', 'payload'])
      .where('organisation_id', '=', organisation)
      .where('type', '=', 'REFERENCE_VALUES_LOADED')
      .execute();
    return rows;
  }

  it('loads a CSV (semicolons, BOM, any case): preview, report, commit; the OCMW sees the new advance', async () => {
    const csv = '\uFEFFNIS;Advance;EligiblePersons;report_year\r\n99001;1.234,56;;2022\r\n99002;2500.5;45;\r\n';
    const id = await stage('voorschotten 2022.csv', csv);
    const page = await marc.get(`${BASE}/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Geen problemen gevonden/);
    assert.match(page.body, /<th scope="row">OCMW Demostad<\/th><td>99001<\/td><td class="num">1\.234,56 €<\/td>/);
    assert.match(page.body, /<th scope="row">OCMW Villedemo<\/th><td>99002<\/td><td class="num">2\.500,50 €<\/td><td class="num">45<\/td>/);
    assert.match(page.body, /Alle regels \(2\)/);
    assert.match(page.body, new RegExp(`action="${BASE}/${id}/commit"`));
    assert.equal((await refs(demostad))?.advance, 0, 'nothing is loaded before the commit');
    // An fills in the form: € 3.000 justified, no advance yet, so € 3.000 to be paid.
    const edit = await an.get(`${an.base}/forms/${campaign}/edit`);
    const saved = await an.post(`${an.base}/forms/${campaign}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': '3000,00', action: 'save' });
    assert.equal(saved.statusCode, 303);
    const beforeCommit = (await an.get(`${an.base}/forms/${campaign}`)).body;
    assert.doesNotMatch(beforeCommit, /1\.234,56 €/);
    assert.match(beforeCommit, /3\.000,00 €/);

    const commit = await marc.post(`${BASE}/${id}/commit`, {});
    assert.equal(commit.headers.location, `${BASE}/${id}?m=committed`);
    const done = await marc.follow(commit);
    assert.match(done.body, /De referentiewaarden zijn geladen/);
    assert.match(done.body, /Bevestigd en geladen/);
    assert.doesNotMatch(done.body, /\/commit"/, 'no commit button any more');
    assert.deepEqual(await refs(demostad), { advance: 123456, eligiblePersons: 120 }, 'an empty cell keeps the present value');
    assert.deepEqual(await refs(villedemo), { advance: 250050, eligiblePersons: 45 });
    assert.equal(await state(id), 'COMMITTED');

    const form = await an.get(`${an.base}/forms/${campaign}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /1\.234,56 €/, 'the new advance');
    assert.match(form.body, /1\.765,44 €/, 'what POD MI still pays is computed with it');

    const events = await loadEvents(demostad);
    assert.equal(events.length, 1);
    assert.equal(events[0].subject_id, id);
    assert.deepEqual((events[0].payload as { values: unknown }).values, { advance: { old: 0, new: 123456 } });
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
    assert.equal((await verifyAuditChain(t.db, villedemo)).ok, true);

    const overview = await marc.get(BASE);
    assert.match(overview.body, /voorschotten 2022\.csv/);
    assert.match(overview.body, /Marc Lefèvre/);
    assert.match(overview.body, /2022 — Covid-19: Tijdelijke premie/);
  });

  it('loads a CSV separated by commas, with quoted amounts and KBO numbers with dots', async () => {
    const csv = `kbo,advance\n"${formatKbo(demostadKbo)}","1.000,00"\n${formatKbo(villedemoKbo)},1500\n`;
    const id = await stage('komma.csv', csv);
    assert.match((await marc.get(`${BASE}/${id}`)).body, /Geen problemen gevonden/);
    await marc.post(`${BASE}/${id}/commit`, {});
    assert.equal((await refs(demostad))?.advance, 100_000);
    assert.equal((await refs(villedemo))?.advance, 150_000);
  });

  it('loads an XLSX from its first visible sheet: numeric cells, a KBO that lost its leading zero', async () => {
    const bytes = await workbook((wb) => {
      const notes = wb.addWorksheet('Notes');
      notes.state = 'hidden';
      notes.addRow(['this sheet is hidden and must be ignored']);
      const sheet = wb.addWorksheet('Voorschotten');
      sheet.addRow(['KBO', 'advance', 'eligiblePersons']);
      sheet.addRow([Number(demostadKbo), 987.65, 130]);
      sheet.addRow([]);
      sheet.addRow([formatKbo(villedemoKbo).replace(/\./g, ' '), { formula: '1000+234.5', result: 1234.5 }, null]);
    });
    const id = await stage('voorschotten.xlsx', bytes);
    const page = await marc.get(`${BASE}/${id}`);
    assert.match(page.body, /Geen problemen gevonden/);
    assert.match(page.body, /987,65 €/);
    const commit = await marc.post(`${BASE}/${id}/commit`, {});
    assert.equal(commit.headers.location, `${BASE}/${id}?m=committed`);
    assert.deepEqual(await refs(demostad), { advance: 98765, eligiblePersons: 130 });
    assert.deepEqual(await refs(villedemo), { advance: 123450, eligiblePersons: 45 });
    assert.match((await an.get(`${an.base}/forms/${campaign}`)).body, /987,65 €/);
  });

  it('reports every problem with its line and column, and refuses to load such a file', async () => {
    const before = { demostad: await refs(demostad), villedemo: await refs(villedemo) };
    const csv = [
      'nis;kbo;advance;eligiblePersons;report_year;colour;ADVANCE',
      '99001;;-5,00;10;2022;;',
      '99001;;1,00;;;;',
      '12345;;1,00;;;;',
      ';;1,00;;;;',
      '99002;;abc;1,5;2021;;',
      ';0999.999.999;1,00;;;;',
      `99002;${demostadKbo};1,00;;;;`,
      '',
    ].join('\n');
    const id = await stage('fouten.csv', csv);
    const page = await marc.get(`${BASE}/${id}`);
    assert.deepEqual(reportRows(page.body), [
      ['1', 'colour', 'Onbekende kolom «colour». Mogelijke kolommen: nis, kbo, report_year, advance, eligiblePersons.'],
      ['1', 'ADVANCE', 'De kolom «ADVANCE» komt meer dan één keer voor.'],
      ['2', 'advance', '«-5,00» is negatief: alleen 0 of meer is toegelaten.'],
      ['3', 'nis', 'Dit OCMW staat al op regel 2.'],
      ['4', 'nis', 'Geen OCMW gevonden met «12345».'],
      ['5', 'nis', 'Geen NIS-code of KBO-nummer op deze regel.'],
      ['6', 'report_year', 'Verslagjaar «2021» hoort niet bij deze campagne (verslagjaar 2022).'],
      ['6', 'advance', '«abc» is geen geldig bedrag. Schrijf bijvoorbeeld 1234,56 of 1.234,56 (hoogstens 2 decimalen).'],
      ['6', 'eligiblePersons', '«1,5» is geen geheel getal.'],
      ['7', 'kbo', 'Geen OCMW gevonden met «0999.999.999».'],
      ['8', 'kbo', `De NIS-code en het KBO-nummer «${demostadKbo}» horen bij verschillende OCMW's.`],
    ]);
    assert.match(page.body, /het controleverslag meldt 11 problemen/);
    assert.doesNotMatch(page.body, /\/commit"/, 'no commit button');
    assert.match(page.body, new RegExp(`action="${BASE}/${id}/discard"`));
    const refused = await marc.post(`${BASE}/${id}/commit`, {});
    assert.equal(refused.headers.location, `${BASE}/${id}?m=has_problems`);
    assert.equal(await state(id), 'STAGED');
    assert.deepEqual({ demostad: await refs(demostad), villedemo: await refs(villedemo) }, before, 'nothing changed');
  });

  it('reports a missing identifier column, a file without value columns, an empty file', async () => {
    const noId = await stage('naam.csv', 'naam;advance\nOCMW Demostad;1,00\n');
    assert.deepEqual(reportRows((await marc.get(`${BASE}/${noId}`)).body), [
      ['1', 'naam', 'Onbekende kolom «naam». Mogelijke kolommen: nis, kbo, report_year, advance, eligiblePersons.'],
      ['1', '—', 'Er is geen kolom nis of kbo: één van beide is nodig om het OCMW te herkennen.'],
    ]);
    const noValues = await stage('nis.csv', 'nis\n99001\n');
    assert.deepEqual(reportRows((await marc.get(`${BASE}/${noValues}`)).body), [
      ['1', '—', 'Er is geen kolom met referentiewaarden. Mogelijke kolommen: nis, kbo, report_year, advance, eligiblePersons.'],
    ]);
    for (const [name, content] of [
      ['leeg.csv', ''],
      ['kop.csv', 'nis;advance\n\n;\n'],
    ] as const) {
      const id = await stage(name, content);
      assert.deepEqual(reportRows((await marc.get(`${BASE}/${id}`)).body), [
        ['—', '—', 'Het bestand bevat geen gegevens: er is geen kopregel met daaronder minstens één OCMW.'],
      ]);
      assert.equal((await marc.post(`${BASE}/${id}/commit`, {})).headers.location, `${BASE}/${id}?m=has_problems`);
    }
  });

  it('loads all or nothing: a failure at the end of the commit leaves every value and the import as they were', async () => {
    const before = { demostad: await refs(demostad), villedemo: await refs(villedemo) };
    const auditBefore = (await loadEvents(demostad)).length;
    const id = await stage('alles-of-niets.csv', 'nis;advance;eligiblePersons\n99001;11,11;11\n99002;22,22;22\n');
    // Sabotage the last step of the commit (marking the import): the values written before it must be rolled back.
    await sql`CREATE FUNCTION refdata_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END; $$`.execute(t.db);
    await sql`CREATE TRIGGER refdata_test_fail BEFORE UPDATE ON reference_imports FOR EACH ROW EXECUTE FUNCTION refdata_test_fail()`.execute(t.db);
    try {
      const failed = await marc.post(`${BASE}/${id}/commit`, {});
      assert.equal(failed.statusCode, 500);
    } finally {
      await sql`DROP TRIGGER refdata_test_fail ON reference_imports`.execute(t.db);
      await sql`DROP FUNCTION refdata_test_fail()`.execute(t.db);
    }
    assert.deepEqual({ demostad: await refs(demostad), villedemo: await refs(villedemo) }, before);
    assert.equal((await loadEvents(demostad)).length, auditBefore, 'no audit event either');
    assert.equal(await state(id), 'STAGED');
    // The same import can then be committed.
    assert.equal((await marc.post(`${BASE}/${id}/commit`, {})).headers.location, `${BASE}/${id}?m=committed`);
    assert.deepEqual(await refs(villedemo), { advance: 2222, eligiblePersons: 22 });
  });

  it('commits once when the button is clicked twice', async () => {
    const auditBefore = (await loadEvents(demostad)).length;
    const id = await stage('dubbel.csv', 'nis;advance\n99001;33,33\n');
    const results = await Promise.all([marc.post(`${BASE}/${id}/commit`, {}), marc.post(`${BASE}/${id}/commit`, {})]);
    assert.deepEqual(results.map((r) => r.headers.location).sort(), [`${BASE}/${id}?m=committed`, `${BASE}/${id}?m=not_staged`]);
    assert.equal((await loadEvents(demostad)).length, auditBefore + 1, 'one audit event');
    const again = await marc.post(`${BASE}/${id}/commit`, {});
    assert.equal(again.headers.location, `${BASE}/${id}?m=not_staged`);
    assert.match((await marc.follow(again)).body, /Dit bestand was al geladen of verworpen/);
    assert.equal((await refs(demostad))?.advance, 3333);
  });

  it('discards a staged import: nothing is loaded, it can no longer be committed', async () => {
    const before = await refs(demostad);
    const id = await stage('verwerpen.csv', 'nis;advance\n99001;44,44\n');
    const discard = await marc.post(`${BASE}/${id}/discard`, {});
    assert.equal(discard.headers.location, `${BASE}/${id}?m=discarded`);
    const page = await marc.follow(discard);
    assert.match(page.body, /Het bestand is verworpen/);
    assert.match(page.body, /Verworpen/);
    assert.equal(await state(id), 'DISCARDED');
    assert.equal((await marc.post(`${BASE}/${id}/commit`, {})).headers.location, `${BASE}/${id}?m=not_staged`);
    assert.equal((await marc.post(`${BASE}/${id}/discard`, {})).headers.location, `${BASE}/${id}?m=not_staged`);
    assert.deepEqual(await refs(demostad), before);
  });

  it('lists past imports newest first, with who, campaign, file, lines and state', async () => {
    const older = await stage('ouder.csv', 'nis;advance\n99001;1,00\n');
    const newer = await stage('nieuwer.csv', 'nis;advance\n99001;1,00\n99002;2,00\n');
    await marc.post(`${BASE}/${older}/discard`, {});
    const body = (await marc.get(BASE)).body;
    assert.ok(body.indexOf('nieuwer.csv') < body.indexOf('ouder.csv'), 'newest first');
    assert.match(body, new RegExp(`<a href="${BASE}/${newer}">nieuwer\\.csv</a></td><td class="num">2</td><td>Te bevestigen</td>`));
    assert.match(body, new RegExp(`<a href="${BASE}/${older}">ouder\\.csv</a></td><td class="num">1</td><td>Verworpen</td>`));
    assert.match(body, /<th scope="col">Opgeladen op<\/th>/);
    assert.match(body, /<caption class="visually-hidden">Eerdere bestanden<\/caption>/);
  });

  it('refuses macro-enabled workbooks, old Excel files, other binary files and non-UTF-8 text, next to the file field', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('reference_imports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
    const cases: Array<[string, Buffer | string, RegExp]> = [
      [
        'macro.xlsx',
        zip({ '[Content_Types].xml': contentTypes, 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'VBA' }),
        /Bestanden met macro(&#39;|')s \(zoals \.xlsm\) worden niet aanvaard/,
      ],
      ['voorschotten.xlsm', await workbook((wb) => wb.addWorksheet('A').addRow(['nis'])), /Bestanden met macro(&#39;|')s/],
      ['document.xlsx', zip({ '[Content_Types].xml': contentTypes, 'word/document.xml': '<document/>' }), /geen Excel-werkmap \(\.xlsx\) en geen CSV-bestand/],
      ['oud.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), /geen Excel-werkmap/],
      ['foto.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), /geen Excel-werkmap/],
      ['kapot.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('garbage garbage garbage')]), /De werkmap kan niet gelezen worden/],
      ['ansi.csv', Buffer.from('nis;advance\n99001;1,00 \xe9\n', 'latin1'), /niet in UTF-8 opgeslagen/],
      ['aanhalingstekens.csv', 'nis;advance\n99001;"1,00\n99002;2,00\n', /vanaf regel \d/],
    ];
    for (const [name, content, message] of cases) {
      const res = await upload(marc, name, content);
      assert.equal(res.statusCode, 422, name);
      assert.match(res.body, /class="error-summary"/, name);
      assert.match(res.body, /<a href="#refdata-file">Bestand: /, name);
      const fieldError = /<p id="refdata-file-error" class="field__error">([^<]*)<\/p>/.exec(res.body)?.[1] ?? '';
      assert.match(fieldError, message, name);
      assert.match(res.body, /aria-describedby="refdata-file-hint refdata-file-error"/, name);
      assert.match(res.body, new RegExp(`<option value="${campaign}" selected`), `${name}: the campaign stays chosen`);
    }
    assert.equal(await count(), before, 'nothing staged');
  });

  it('refuses hostile and oversized workbooks (issue 11, item 2) with a clear message: nothing staged, the campaign still chosen', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('reference_imports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const valid = await workbook((wb) =>
      wb.addWorksheet('Blad1').addRows([
        ['nis', 'advance'],
        ['99001', 1],
      ]),
    );
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const cases: Array<[string, Buffer, RegExp]> = [
      ['bom.xlsx', await hostileReferenceWorkbook('bomb'), /op een ongewone manier samengesteld/],
      ['tekst.xlsx', await hostileReferenceWorkbook('inline-text'), /Het eerste blad bevat veel meer cellen of tekst/],
      ['breed.xlsx', await hostileReferenceWorkbook('wide-rows'), /Het eerste blad bevat veel meer cellen of tekst/],
      ['regels.xlsx', await hostileReferenceWorkbook('many-lines'), /Het bestand telt meer dan 5000 regels/],
      [
        'koppeling.xlsx',
        await rezip(valid, (files) => relate(files, 'xl/_rels/workbook.xml.rels', `${R}/externalLink`, 'externalLinks/externalLink1.xml')),
        /koppelingen naar andere bestanden/,
      ],
      ['object.xlsx', await rezip(valid, (files) => files.set('xl/embeddings/oleObject1.bin', Buffer.from('ole'))), /ingesloten objecten/],
      ['knop.xlsx', await rezip(valid, (files) => files.set('xl/activeX/activeX1.xml', Buffer.from('<ocx/>'))), /besturingselementen/],
    ];
    for (const [name, content, message] of cases) {
      assert.ok(content.length < 10 * 1024 * 1024, `${name}: under the upload limit`);
      const res = await upload(marc, name, content);
      assert.equal(res.statusCode, 422, name);
      const fieldError = /<p id="refdata-file-error" class="field__error">([^<]*)<\/p>/.exec(res.body)?.[1] ?? '';
      assert.match(fieldError.replace(/&#39;/g, "'"), message, name);
      assert.match(res.body, new RegExp(`<option value="${campaign}" selected`), `${name}: the campaign stays chosen`);
    }
    assert.equal(await count(), before, 'nothing staged');
    // the same reader still stages a file of 1 500 lines whose 60 000 shared strings are read whole
    const id = await stage('veel-teksten.xlsx', await hostileReferenceWorkbook('shared-strings'));
    assert.match((await marc.get(`${BASE}/${id}`)).body, /Onbekende kolom/);
  });

  it('asks for a campaign and a file, and refuses files above 10 MB', async () => {
    const noFile = await upload(marc, null, '');
    assert.equal(noFile.statusCode, 422);
    assert.match(noFile.body, /id="refdata-file-error" class="field__error">Kies een bestand\./);
    const noCampaign = await upload(marc, 'a.csv', 'nis;advance\n99001;1\n', '');
    assert.match(noCampaign.body, /id="refdata-campaign-error" class="field__error">Kies een campagne\./);
    const unknownCampaign = await upload(marc, 'a.csv', 'nis;advance\n99001;1\n', randomUUID());
    assert.match(unknownCampaign.body, /id="refdata-campaign-error" class="field__error">Kies een campagne\./);
    const big = await upload(marc, 'groot.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    assert.equal(big.statusCode, 422);
    assert.match(big.body, /id="refdata-file-error" class="field__error">Het bestand is groter dan 10 MB\./);
  });

  it('checks access on every route: anonymous to the login, OCMW users and the dossierbeheerder 403, the beheerder allowed', async () => {
    const id = await stage('toegang.csv', 'nis;advance\n99001;5,00\n');
    const anonymous = new Client(t.app);
    const tom = await loginAs(t.app, t.db, 'Tom De Smet');
    // The dossierbeheerder follows up and settles; loading reference data is the beheerder's (issue 4).
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('reference_imports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const client of [anonymous, an, tom, nathalie]) {
      const expect = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string) => {
        if (client === anonymous) {
          assert.equal(res.statusCode, 303, what);
          assert.equal(res.headers.location, '/login', what);
        } else {
          assert.equal(res.statusCode, 403, what);
          assert.match(res.body, /Geen toegang/, what);
        }
      };
      expect(await client.get(BASE), 'overview');
      expect(await upload(client, 'x.csv', 'nis;advance\n99001;9,99\n'), 'upload');
      expect(await client.get(`${BASE}/${id}`), 'detail');
      expect(await client.post(`${BASE}/${id}/commit`, {}), 'commit');
      expect(await client.post(`${BASE}/${id}/discard`, {}), 'discard');
    }
    assert.equal(await count(), before, 'nothing staged by them');
    assert.equal(await state(id), 'STAGED', 'neither committed nor discarded by them');
    assert.equal((await marc.get(BASE)).statusCode, 200);
    assert.equal((await marc.get(`${BASE}/${id}`)).statusCode, 200);
    // POD MI staff who chose an OCMW to look at keep their back-office rights.
    const inOcmw = await loginAs(t.app, t.db, 'Marc Lefèvre', 'OCMW Demostad');
    assert.equal((await inOcmw.get(BASE)).statusCode, 200);
  });

  it('loads nothing into a settled campaign: refused at upload, and at commit if it was settled in between', async () => {
    const staged = await stage('voor-afrekening.csv', 'nis;advance\n99001;7,00\n');
    await t.db.updateTable('campaigns').set({ status: 'SETTLED' }).where('id', '=', campaign).execute();
    try {
      const res = await upload(marc, 'na-afrekening.csv', 'nis;advance\n99001;8,00\n');
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /Deze campagne is afgerekend/);
      const commit = await marc.post(`${BASE}/${staged}/commit`, {});
      assert.equal(commit.headers.location, `${BASE}/${staged}?m=settled`);
      assert.equal(await state(staged), 'STAGED', 'not committed');
    } finally {
      await t.db.updateTable('campaigns').set({ status: 'OPEN' }).where('id', '=', campaign).execute();
    }
  });

  it('answers 404 to a malformed or unknown import id', async () => {
    for (const url of [`${BASE}/not-a-uuid`, `${BASE}/${randomUUID()}`, `${BASE}/1%27%20OR%201=1`]) {
      const res = await marc.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Pagina niet gevonden/);
    }
    assert.equal((await marc.post(`${BASE}/not-a-uuid/commit`, {})).statusCode, 404);
    assert.equal((await marc.post(`${BASE}/${randomUUID()}/commit`, {})).statusCode, 404);
    assert.equal((await marc.post(`${BASE}/${randomUUID()}/discard`, {})).statusCode, 404);
  });

  it('previews the first 100 lines of a long file, with the count', async () => {
    await t.db
      .insertInto('organisations')
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          id: randomUUID(),
          nis: String(80_000 + i),
          kbo: makeKbo(`0300${String(i).padStart(4, '0')}`),
          name_nl: `OCMW Proef ${i}`,
          name_fr: `CPAS Essai ${i}`,
          name_de: `ÖSHZ Probe ${i}`,
          language: 'nl' as const,
        })),
      )
      .execute();
    const csv = ['nis;eligiblePersons', ...Array.from({ length: 120 }, (_, i) => `${80_000 + i};${i}`)].join('\n');
    // the demo OCMWs' reference values of this campaign (those of the demo OCMWs that file its year)
    const countLoaded = async () =>
      Number(
        (
          await t.db
            .selectFrom('reference_values')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaign_id', '=', campaign)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const demoValues = await countLoaded();
    const id = await stage('lang.csv', csv);
    const page = (await marc.get(`${BASE}/${id}`)).body;
    assert.match(page, /De eerste 100 van 120 regels/);
    assert.equal([...page.matchAll(/<th scope="row">OCMW Proef \d+<\/th>/g)].length, 100);
    assert.match(page, /van 120 OCMW&#39;s|van 120 OCMW's/);
    assert.equal((await marc.post(`${BASE}/${id}/commit`, {})).headers.location, `${BASE}/${id}?m=committed`);
    assert.equal(await countLoaded(), demoValues + 120, 'all 120 lines loaded, next to the demo OCMWs');
  });

  it('shows the screens in French and German', async () => {
    await marc.post('/language', { lang: 'fr', returnTo: BASE });
    const fr = await marc.get(BASE);
    assert.match(fr.body, /Charger les données de référence/);
    assert.match(fr.body, /<label for="refdata-file" class="field__label">Fichier<\/label>/);
    await marc.post('/language', { lang: 'de', returnTo: BASE });
    assert.match((await marc.get(BASE)).body, /Referenzdaten laden/);
    await marc.post('/language', { lang: 'nl', returnTo: BASE });
  });
});

describe('reference value notation', () => {
  const cases: Array<[Parameters<typeof parseReferenceValue>[0], string | number, number | string]> = [
    ['money', '1234,56', 123456],
    ['money', '1.234,56', 123456],
    ['money', '1234.56', 123456],
    ['money', '€ 1.234', 123400],
    ['money', 1234.56, 123456],
    ['money', 0.1 + 0.2, 30],
    ['money', '-1,00', 'negative'],
    ['money', -3, 'negative'],
    ['money', '12,345', 'malformed_money'],
    ['money', 0.001, 'malformed_money'],
    ['money', 'twaalf', 'malformed_money'],
    ['money', '1e20', 'malformed_money'],
    ['count', '1.234', 1234],
    ['count', ' 12 ', 12],
    ['count', 12, 12],
    ['count', 12.5, 'malformed_count'],
    ['count', '1,5', 'malformed_count'],
    ['count', '-1', 'negative'],
    ['fte', '2,5', 250],
    ['fte', '0.75', 75],
    ['fte', 1.25, 125],
    ['fte', '1,255', 'malformed_decimal'],
    ['percent', '12,5 %', 1250],
    ['percent', 33.33, 3333],
    ['percent', '100', 10000],
    ['percent', '100,01', 'above_100'],
    ['percent', '-5', 'negative'],
  ];
  for (const [type, cell, expected] of cases) {
    it(`${type} ${JSON.stringify(cell)} → ${expected}`, () => {
      const parsed = parseReferenceValue(type, cell);
      assert.deepEqual(parsed, typeof expected === 'number' ? { ok: true, value: expected } : { ok: false, problem: expected });
    });
  }
});
