import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sheetNames } from '../../src/modules/backoffice/exports/export-files.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, loginAs } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';

const HOSTILE = '=HYPERLINK("http://evil.example","klik")';

/** The "Ingediend op" value of the first OCMW line of the summary CSV. */
function summaryCsvSubmittedAt(res: { body: string }): string {
  const [head, line] = res.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  return line.split(';')[head.split(';').indexOf('Ingediend op')];
}

/** Exports of the submitted gas and electricity fund 2026 (forms.md §6.4): XLSX per table + summary, CSV per sheet. */
describe(`exports of submitted data (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let nathalie: Client;

  before(async () => {
    t = await buildTestApp();
    campaign = await campaignId(t.db, 'GAS_ELEK', 2026);
    const [an, jan, els, claire, sophie, pierre] = await Promise.all(
      ['An Peeters', 'Jan Janssens', 'Els Maes', 'Claire Martin', 'Sophie Lambert', 'Pierre Dupont'].map((name) => loginAs(t.app, t.db, name)),
    );
    await fillGasForm(an, campaign, {
      bills: [
        ['gas', '10', '8.000,00'],
        ['electricity', '4', '1.234,56'],
      ],
      other: [['guidance', HOSTILE, '500,00']],
    });
    await signTwice(campaign, [jan, els]);
    await fillGasForm(claire, campaign, { bills: [['both', '25', '25.000,00']] });
    await signTwice(campaign, [sophie, pierre]);
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
  });
  after(async () => t.close());

  it('guards the export routes', async () => {
    const anonymous = new Client(t.app);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    for (const path of ['/backoffice/exports', `/backoffice/exports/${campaign}.xlsx`, `/backoffice/exports/${campaign}.csv`]) {
      const res = await anonymous.get(path);
      assert.equal(res.statusCode, 303, path);
      assert.equal(res.headers.location, '/login');
      assert.equal((await an.get(path)).statusCode, 403, path);
    }
    for (const path of [`/backoffice/exports/${randomUUID()}.xlsx`, `/backoffice/exports/nope.csv`, `/backoffice/exports/${campaign}.csv?table=nope`]) {
      assert.equal((await nathalie.get(path)).statusCode, 404, path);
    }
  });

  it('offers a report year and a measure to choose (a GET form), and the files of the campaigns chosen', async () => {
    const all = await t.db.selectFrom('campaigns').select(['id', 'report_year', 'measure']).execute();
    assert.ok(all.length > 40, `${all.length} campaigns: the page would list them all`);
    const page = await nathalie.get('/backoffice/exports');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /aria-current="page"/);
    assert.match(page.body, /<form method="get" action="\/backoffice\/exports"/);
    assert.match(page.body, /<label for="e-year" class="field__label">Verslagjaar<\/label>/);
    assert.match(page.body, /<option value="2026" selected>2026<\/option>/, 'the latest year with submitted forms');
    assert.match(page.body, /Campagnes van verslagjaar 2026/);
    const rows = (body: string) => [...body.matchAll(/<tr data-measure="([A-Z_]+)">/g)].map((m) => m[1]);
    const of2026 = all.filter((c) => c.report_year === 2026);
    assert.deepEqual(rows(page.body).sort(), of2026.map((c) => c.measure).sort(), 'only the campaigns of 2026');
    assert.equal((page.body.match(/\.xlsx"/g) ?? []).length, of2026.length, 'one XLSX link per campaign of the year');
    const row = page.body.split('<tr').find((r) => r.includes(`/backoffice/exports/${campaign}.xlsx`)) ?? assert.fail('no row');
    assert.match(row, /<td class="num">2<\/td>/);
    assert.match(row, new RegExp(`/backoffice/exports/${campaign}\\.csv\\?table=otherMeasures`));

    const gas = await nathalie.get('/backoffice/exports?year=2026&measure=GAS_ELEK');
    assert.deepEqual(rows(gas.body), ['GAS_ELEK']);
    assert.match(gas.body, /<option value="GAS_ELEK" selected>/);
    const older = await nathalie.get('/backoffice/exports?year=2024');
    const of2024 = all.filter((c) => c.report_year === 2024);
    assert.deepEqual(rows(older.body).sort(), of2024.map((c) => c.measure).sort());
    assert.ok(
      of2024.every((c) => older.body.includes(`/backoffice/exports/${c.id}.xlsx`)),
      'the same download URLs',
    );
    // a measure the year has no campaign of: said so, the choice kept
    const year = Math.min(...all.map((c) => c.report_year));
    const absent = all.find((c) => !all.some((o) => o.report_year === year && o.measure === c.measure)) ?? assert.fail('every measure every year');
    const none = await nathalie.get(`/backoffice/exports?year=${year}&measure=${absent.measure}`);
    assert.equal(none.statusCode, 200);
    assert.deepEqual(rows(none.body), []);
    assert.match(none.body, /Er zijn geen campagnes voor deze keuze/);
    assert.match(none.body, new RegExp(`<option value="${year}" selected>`));
    // what is not a year or a measure is the default, never an error
    for (const query of ['year=abc&measure=%3Cscript%3E', 'year=1999', 'measure=nope', 'year=2026&year=2024']) {
      const res = await nathalie.get(`/backoffice/exports?${query}`);
      assert.equal(res.statusCode, 200, query);
      assert.doesNotMatch(res.body, /<script>/, query);
      assert.ok(rows(res.body).length > 0, query);
    }
  });

  it('exports XLSX: a summary line per OCMW and a sheet per table, no formula from user data', async () => {
    const res = await nathalie.get(`/backoffice/exports/${campaign}.xlsx`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="export-gas_elek-2026\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets.length, 5, 'summary + staff, unpaid bills, preventive, other measures');
    const summary = workbook.worksheets[0];
    assert.equal(summary.name, 'Overzicht');
    assert.equal(summary.rowCount, 3, 'header + one line per OCMW');
    const headers = (summary.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(headers.slice(0, 7), ['KBO-nummer', 'NIS-code', 'Naam OCMW', 'Status', 'Ingediend op', 'Voorzitter', 'Algemeen directeur']);
    const byName = new Map<string, ExcelJS.Row>();
    summary.eachRow((row, n) => {
      if (n > 1) byName.set(String(row.getCell(3).value), row);
    });
    const demostad = byName.get('OCMW Demostad') ?? assert.fail('no Demostad line');
    assert.equal(demostad.getCell(6).value, 'Jan Janssens');
    assert.equal(demostad.getCell(7).value, 'Els Maes');
    const justified = headers.findIndex((h) => /art\. 6/.test(String(h)) && /verantwoord/i.test(String(h))) + 1;
    assert.ok(justified > 0, 'an art. 6 justified column');
    assert.equal(demostad.getCell(justified).value, 9734.56, '8.000,00 + 1.234,56 + 500,00 in euros');
    const bills = workbook.worksheets.find((w) => w.rowCount === 4) ?? assert.fail('the unpaid bills sheet: 3 rows');
    assert.equal(bills.getRow(2).getCell(4).value, 1, 'row number after the KBO, NIS and name');
    const other = workbook.worksheets[4];
    let hostile = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${sheet.name}!${cell.address}`);
          if (String(cell.value).includes('HYPERLINK')) {
            hostile++;
            assert.equal(cell.value, `'${HOSTILE}`);
          }
        });
      });
    }
    assert.equal(hostile, 1);
    assert.equal(other.rowCount, 2);
  });

  it('writes XLSX for spreadsheets: date cells, a period as from/to, short unique sheet names, a frozen header with a filter', async () => {
    const res = await nathalie.get(`/backoffice/exports/${campaign}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    assert.ok(
      names.every((n) => n.length <= 31),
      names.join(' | '),
    );
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'unique names');
    assert.ok(names.includes('Uitgaven voor andere…'), `a long title shortened at a word: ${names.join(' | ')}`);
    for (const sheet of workbook.worksheets) {
      assert.equal(sheet.views[0]?.state, 'frozen', sheet.name);
      assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1, sheet.name);
      const columns = (sheet.getRow(1).values as unknown[]).length - 1;
      const last = sheet.getRow(1).getCell(columns).address.replace(/\d+$/, '');
      assert.deepEqual(sheet.autoFilter, `A1:${last}1`, `${sheet.name}: a filter on the whole header`);
    }
    // the submission time: a date cell with a date-time format, Belgian time
    const summary = workbook.worksheets[0];
    const submittedAt = summary.getRow(2).getCell(5);
    assert.equal(submittedAt.type, ExcelJS.ValueType.Date);
    assert.equal(submittedAt.numFmt, 'dd/mm/yyyy hh:mm');
    const forms = await t.db
      .selectFrom('form_instances')
      .select('submitted_at')
      .where('campaign_id', '=', campaign)
      .where('submitted_at', 'is not', null)
      .execute();
    const wall = (d: Date) => new Date(`${new Date(d).toLocaleString('sv-SE', { timeZone: 'Europe/Brussels' }).replace(' ', 'T')}Z`).getTime();
    assert.ok(
      forms.some((f) => f.submitted_at && wall(f.submitted_at) === (submittedAt.value as Date).getTime()),
      `${(submittedAt.value as Date).toISOString()}: the wall-clock time in Brussels`,
    );
    // the other measures' period: two date columns, from and to
    const other = workbook.worksheets.find((w) => w.name === 'Uitgaven voor andere…') ?? assert.fail('no other measures sheet');
    const headers = (other.getRow(1).values as unknown[]).slice(1).map(String);
    const from = headers.findIndex((h) => / — van$/.test(h)) + 1;
    const to = headers.findIndex((h) => / — tot$/.test(h)) + 1;
    assert.ok(from > 0 && to === from + 1, headers.join(' | '));
    for (const [column, day] of [
      [from, '2026-01-01'],
      [to, '2026-12-31'],
    ] as const) {
      const cell = other.getRow(2).getCell(column);
      assert.equal(cell.type, ExcelJS.ValueType.Date, headers[column - 1]);
      assert.equal(cell.numFmt, 'dd/mm/yyyy');
      assert.equal((cell.value as Date).toISOString(), `${day}T00:00:00.000Z`);
    }
    // and in CSV the same two columns, as Belgian dates
    const csv = await nathalie.get(`/backoffice/exports/${campaign}.csv?table=otherMeasures`);
    const [head, line] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(head.split(';')[from - 1], headers[from - 1]);
    assert.equal(line.split(';')[from - 1], '01/01/2026');
    assert.equal(line.split(';')[to - 1], '31/12/2026');
    assert.match(summaryCsvSubmittedAt(await nathalie.get(`/backoffice/exports/${campaign}.csv`)), /^\d{2}\/\d{2}\/2026 \d{2}:\d{2}$/);
  });

  it('names sheets within Excel rules whatever the titles', () => {
    const long = 'Personeel voor de begeleiding en activering';
    const names = sheetNames([long, long, 'Kosten: a/b [c]?*', "'Quoted'", '', 'overzicht', 'Overzicht', 'x'.repeat(40)]);
    assert.deepEqual(names, [
      'Personeel voor de begeleiding…',
      'Personeel voor de… (2)',
      'Kosten a b c',
      'Quoted',
      'Sheet 5',
      'overzicht',
      'Overzicht (2)',
      `${'x'.repeat(30)}…`,
    ]);
    assert.ok(names.every((n) => n.length <= 31));
  });

  it('exports the summary and one table as CSV, neutralised, in the user language', async () => {
    const summary = await nathalie.get(`/backoffice/exports/${campaign}.csv`);
    assert.equal(summary.statusCode, 200);
    assert.ok(summary.body.startsWith('\uFEFFKBO-nummer;NIS-code;Naam OCMW;Status;Ingediend op;Voorzitter;Algemeen directeur;'));
    assert.equal(summary.body.trim().split('\r\n').length, 3);
    assert.match(summary.body, /;9734,56;/);
    const other = await nathalie.get(`/backoffice/exports/${campaign}.csv?table=otherMeasures`);
    const lines = other.body.trim().split('\r\n');
    assert.equal(lines.length, 2);
    assert.ok(lines[1].includes(`"'=HYPERLINK(""http://evil.example"",""klik"")"`), lines[1]);
    assert.match(lines[1], /;500,00;/);

    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    await marc.post('/language', { lang: 'fr', returnTo: '/backoffice' });
    const french = await marc.get(`/backoffice/exports/${campaign}.csv`);
    assert.ok(french.body.startsWith('\uFEFFNuméro BCE;Code INS;Nom du CPAS;Statut;'));
    assert.match(french.body, /CPAS de Villedemo/);
  });
});
