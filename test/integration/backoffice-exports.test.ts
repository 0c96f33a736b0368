import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, loginAs } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';

const HOSTILE = '=HYPERLINK("http://evil.example","klik")';

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

  it('lists the campaigns with their number of submitted forms and links', async () => {
    const page = await nathalie.get('/backoffice/exports');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /aria-current="page"/);
    const row = page.body.split('<tr>').find((r) => r.includes(`/backoffice/exports/${campaign}.xlsx`)) ?? assert.fail('no row');
    assert.match(row, /<td class="num">2<\/td>/);
    assert.match(row, new RegExp(`/backoffice/exports/${campaign}\\.csv\\?table=otherMeasures`));
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
