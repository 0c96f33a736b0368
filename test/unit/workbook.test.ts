import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { rezip, unzip, zip } from '../support/xlsx-zip.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { expenseTable } from '../../src/modules/forms/blocks/expenses.ts';
import { staffTable } from '../../src/modules/forms/blocks/staff-costs.ts';
import type { FormDefinition, TableField } from '../../src/modules/forms/definition.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import { buildWorkbook, describeLocation, locateIssue, readWorkbook } from '../../src/modules/workbooks/index.ts';
import type { WorkbookReadResult } from '../../src/modules/workbooks/types.ts';

// ---------------------------------------------------------------- a measure justified by workbook

function activities(maxRows: number): TableField {
  return expenseTable({
    key: 'activities',
    labelKey: 'expense.description',
    categories: { name: 'wbTestCategory', values: ['leisure', 'school', 'other'] },
    when: 'date',
    extraColumns: [
      { kind: 'input', key: 'usersReached', type: 'count', labelKey: 'common.ocmw', required: true, min: 1 },
      { kind: 'input', key: 'collective', type: 'yesno', labelKey: 'common.state' },
    ],
    mixedPublicShare: true,
    subcontracting: true,
    maxRows,
    workbookSheet: 'A_Participatie',
  });
}

function definitionWith(maxRows: number): FormDefinition {
  const staff = staffTable({
    key: 'staff',
    labelKey: 'staff.function',
    functions: { name: 'wbTestFunction', values: ['worker', 'coach'] },
    maxRows,
    workbookSheet: 'P_Personeel',
  });
  const inApp = staffTable({ key: 'staffInApp', labelKey: 'staff.fte', functions: { name: 'wbTestFunction', values: ['worker', 'coach'] } });
  return {
    measure: 'WBTEST',
    version: 1,
    titleKey: 'measure.COVID_PREMIE',
    workbook: { templateVersion: 3 },
    sections: [{ key: 'parts', titleKey: 'form.total', items: [activities(maxRows), staff, inApp] }],
  };
}

const definition = definitionWith(50);
/** the campaign drops "other" from the list of categories this year */
const params = { enums: { wbTestCategory: ['leisure', 'school'] } };
const KBO_A = '0212000131';
const KBO_B = '0212000230';
const expected = { definition, measure: 'WBTEST', reportYear: 2025, templateVersion: 3, kbo: KBO_A, params };
const template = (overrides: Partial<Parameters<typeof buildWorkbook>[0]> = {}) =>
  buildWorkbook({ definition, measure: 'WBTEST', reportYear: 2025, templateVersion: 3, params, lang: 'nl', t: translator('nl'), ...overrides });

// Columns of A_Participatie: A category, B description, C date, D users, E collective, F amount, G share, H partner, I overhead.
// Columns of P_Personeel: A last name, B first name, C staff id, D function, E status, F–G period, H fte, I rate, J gross, K other.

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

async function save(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Opens the template, lets `edit` act as the user in Excel, saves. */
async function filled(edit: (workbook: ExcelJS.Workbook) => void, base?: Buffer): Promise<Buffer> {
  const workbook = await load(base ?? (await template()));
  edit(workbook);
  return save(workbook);
}

const sheet = (workbook: ExcelJS.Workbook, name: string) => workbook.getWorksheet(name) as ExcelJS.Worksheet;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

function codes(result: WorkbookReadResult): string[] {
  return result.ok ? [] : result.errors.map((e) => e.code);
}

// ---------------------------------------------------------------- zips built by hand

// zip, unzip and rezip: test/support/xlsx-zip.ts (shared with the hostile-file tests).

/** exceljs writes the sheets in order: instructions, A_Participatie, P_Personeel, Lists, Info. */
const ACTIVITIES_XML = 'xl/worksheets/sheet2.xml';

/** Appends raw rows to the activities sheet's XML (fast, and for files exceljs cannot write). */
function appendRows(files: Map<string, Buffer>, rowsXml: string): void {
  const xml = (files.get(ACTIVITIES_XML) as Buffer).toString('utf8');
  files.set(ACTIVITIES_XML, Buffer.from(xml.replace('</sheetData>', `${rowsXml}</sheetData>`)));
}

function textRows(from: number, count: number): string {
  let xml = '';
  for (let r = from; r < from + count; r++)
    xml += `<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>Activiteit ${r}</t></is></c><c r="F${r}"><v>10</v></c></row>`;
  return xml;
}

// ---------------------------------------------------------------- tests

describe('workbook template (forms.md §2.7, §4.3.7)', () => {
  it('has instructions first, one sheet per workbook table, and hidden lists and Info', async () => {
    const workbook = await load(await template({ lang: 'fr', t: translator('fr') }));
    assert.deepEqual(
      workbook.worksheets.map((ws) => [ws.name, ws.state]),
      [
        ["Mode d'emploi", 'visible'],
        ['A_Participatie', 'visible'],
        ['P_Personeel', 'visible'],
        ['Lists', 'veryHidden'],
        ['Info', 'veryHidden'],
      ],
    );
    const instructions = sheet(workbook, "Mode d'emploi").getColumn(1).values.join('\n');
    assert.match(instructions, /formule/);
    assert.match(instructions, /effacées/);
    assert.match(instructions, /A_Participatie/);
    assert.match(instructions, /dans l'application elle-même : Régime de travail/);
    const info = sheet(workbook, 'Info')
      .getSheetValues()
      .map((row) => (row as ExcelJS.CellValue[] | undefined)?.slice(1, 3));
    assert.deepEqual(info.slice(1, 6), [
      ['format', 'uniek-verslag-workbook'],
      ['measure', 'WBTEST'],
      ['reportYear', 2025],
      ['templateVersion', 3],
      ['language', 'fr'],
    ]);
  });

  it('writes translated headers, a frozen header row, formats and choice lists', async () => {
    const workbook = await load(await template());
    const staff = sheet(workbook, 'P_Personeel');
    assert.deepEqual((staff.getRow(1).values as ExcelJS.CellValue[]).slice(1, 8), [
      'Naam',
      'Voornaam',
      'Personeelsnummer of INSZ',
      'Functie',
      'Statuut',
      'Periode — van',
      'Periode — tot en met',
    ]);
    assert.equal(staff.views[0].state, 'frozen');
    assert.equal(staff.getColumn('J').numFmt, '#,##0.00');
    assert.equal(staff.getColumn('F').numFmt, 'dd/mm/yyyy');
    const status = staff.getCell('E2').dataValidation;
    assert.equal(status.type, 'list');
    const [listSheet, range] = String(status.formulae?.[0]).split('!');
    const labels = sheet(workbook, listSheet).getColumn(range.split('$')[1]).values.slice(1);
    assert.deepEqual(labels, ['Statutair', 'Contractueel', 'Art. 60 §7']);
    const collective = sheet(workbook, 'A_Participatie').getCell('E51').dataValidation;
    assert.equal(collective.type, 'list');
    assert.equal(sheet(workbook, 'A_Participatie').getCell('E52').dataValidation, undefined);
  });
});

describe('reading a filled workbook', () => {
  it('gives exactly the raw rows manual entry gives, and the same computed values', async () => {
    const buffer = await filled((workbook) => {
      const a = sheet(workbook, 'A_Participatie');
      a.getRow(2).values = ['leisure', 'Zomerkamp', utc(2025, 7, 14), 12, 'Oui', 1234.56, 50, 'Jeugdhuis', 100];
      a.getRow(5).values = [
        'SCHOOL',
        '  Schoolreis  ',
        '03/09/2025',
        30,
        'nee',
        '250',
        null,
        { richText: [{ text: 'VZW ' }, { text: 'Kompas', font: { bold: true } }] },
      ];
      a.getCell('G5').value = 0.25;
      a.getCell('G5').numFmt = '0%';
      a.getRow(7).values = ['other', 'Uitstap', '31/02/2025', 5, true, 80, null, utc(2025, 8, 1)];
      a.getCell('H7').numFmt = 'd/m/yyyy'; // a date pasted into a text column keeps its date format
      const p = sheet(workbook, 'P_Personeel');
      p.getRow(2).values = ['Peeters', 'An', 12345, 'worker', 'Contractuel', utc(2025, 1, 1), '30/06/2025', 0.5, 50, 40000, 0];
      p.getRow(3).values = [
        'Janssens',
        'Tom',
        { text: 'T-01', hyperlink: 'https://example.org' },
        'coach',
        'STATUTAIRE',
        utc(2025, 7, 1),
        utc(2025, 12, 31),
        1,
        100,
        30000.5,
        5000,
      ];
      p.getCell('B3').value = 'Tóm';
    });
    const result = await readWorkbook(buffer, expected);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.tables.activities, [
      {
        category: 'leisure',
        description: 'Zomerkamp',
        date: '14/07/2025',
        usersReached: '12',
        collective: 'yes',
        amount: '1234,56',
        mixedPublicShare: '50',
        partner: 'Jeugdhuis',
        overheadAmount: '100,00',
      },
      {
        category: 'school',
        description: 'Schoolreis',
        date: '03/09/2025',
        usersReached: '30',
        collective: 'no',
        amount: '250',
        mixedPublicShare: '25',
        partner: 'VZW Kompas',
        overheadAmount: '',
      },
      {
        category: 'other',
        description: 'Uitstap',
        date: '31/02/2025',
        usersReached: '5',
        collective: 'yes',
        amount: '80,00',
        mixedPublicShare: '',
        partner: '01/08/2025',
        overheadAmount: '',
      },
    ]);
    assert.deepEqual(result.tables.staff, [
      {
        lastName: 'Peeters',
        firstName: 'An',
        staffId: '12345',
        function: 'worker',
        status: 'contractual',
        'period.from': '01/01/2025',
        'period.to': '30/06/2025',
        fte: '0,5',
        allocationRate: '50',
        grossCost: '40000,00',
        otherFunding: '0,00',
      },
      {
        lastName: 'Janssens',
        firstName: 'Tóm',
        staffId: 'T-01',
        function: 'coach',
        status: 'statutory',
        'period.from': '01/07/2025',
        'period.to': '31/12/2025',
        fte: '1',
        allocationRate: '100',
        grossCost: '30000,50',
        otherFunding: '5000,00',
      },
    ]);
    assert.deepEqual(result.rowNumbers, { activities: [2, 5, 7], staff: [2, 3] });

    const evaluation = evaluate({ definition, raw: { fields: {}, tables: result.tables }, refs: {}, params, reportYear: 2025 });
    assert.deepEqual(
      evaluation.rowComputed.activities.map((row) => row.eligibleAmount),
      [61_728, 6_250, 8_000],
    );
    assert.deepEqual(
      evaluation.rowComputed.staff.map((row) => row.chargedAmount),
      [2_000_000, 2_500_050],
    );
    // "other" is not offered this year, 31/02 does not exist: the evaluator says so, the workbook says where
    const located = evaluation.issues.map((issue) => [
      issue.code,
      describeLocation(locateIssue(definition, result.rowNumbers, issue.path) ?? { sheet: '?', row: null, column: null, header: null }, translator('nl')),
    ]);
    assert.deepEqual(located.sort(), [
      ['issue.date_format', 'Blad A_Participatie, rij 7, kolom C (Datum)'],
      ['issue.enum_invalid', 'Blad A_Participatie, rij 7, kolom A (Categorie)'],
    ]);
  });

  it('reads back the rows it was prefilled with', async () => {
    const rows = {
      activities: [
        {
          category: 'school',
          description: 'Huiswerkklas',
          date: '15/03/2025',
          usersReached: '8',
          collective: 'no',
          amount: '99,95',
          mixedPublicShare: '12,5',
          partner: 'Partner, met komma',
          overheadAmount: '0,00',
        },
        {
          category: 'leisure',
          description: 'Typfout bewaard',
          date: '32/13/2025',
          usersReached: 'twaalf',
          collective: '',
          amount: '12,345',
          mixedPublicShare: '',
          partner: '',
          overheadAmount: '',
        },
      ],
      staff: [
        {
          lastName: 'Peeters',
          firstName: 'An',
          staffId: '00123',
          function: 'worker',
          status: 'art60',
          'period.from': '01/01/2025',
          'period.to': '31/12/2025',
          fte: '0,75',
          allocationRate: '33,33',
          grossCost: '41234,56',
          otherFunding: '1000,00',
        },
      ],
    };
    const buffer = await template({ rows, lang: 'de', t: translator('de') });
    const result = await readWorkbook(buffer, expected);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.tables, rows);
    assert.deepEqual(result.rowNumbers, { activities: [2, 3], staff: [2] });
  });

  it('reads 1 000 rows with their Excel row numbers', async () => {
    const big = definitionWith(1000);
    const buffer = await filled(
      (workbook) => {
        const a = sheet(workbook, 'A_Participatie');
        for (let r = 2; r <= 1001; r++) a.getRow(r).values = ['leisure', `Activiteit ${r}`, utc(2025, 5, 1), 3, 'ja', 10.5, 100, 'Partner', 1];
      },
      await template({ definition: big }),
    );
    const started = performance.now();
    const result = await readWorkbook(buffer, { ...expected, definition: big });
    const elapsed = performance.now() - started;
    assert.ok(result.ok);
    assert.equal(result.tables.activities.length, 1000);
    assert.equal(result.rowNumbers.activities[999], 1001);
    // Speed is measured by `npm run bench:large`, not asserted here (shared machines are noisy).
    console.log(`1 000 rows read in ${elapsed.toFixed(0)} ms`);
  });
});

describe('refusing wrong and hostile files, without throwing', () => {
  const refusal = async (buffer: Buffer) => codes(await readWorkbook(buffer, expected));

  it('refuses what is not an xlsx', async () => {
    assert.deepEqual(await refusal(Buffer.alloc(0)), ['workbook.error.empty']);
    assert.deepEqual(await refusal(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n')), ['workbook.error.not_xlsx']);
    assert.deepEqual(await refusal(Buffer.from('Categorie;Omschrijving;Bedrag\nleisure;Kamp;12,50\n')), ['workbook.error.not_xlsx']);
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
    assert.deepEqual(await refusal(random), ['workbook.error.not_xlsx']);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), random]);
    assert.deepEqual(await refusal(xls), ['workbook.error.old_xls']);
    assert.deepEqual(await refusal(Buffer.concat([Buffer.from('PK\x03\x04'), random])), ['workbook.error.not_xlsx']);
    assert.deepEqual(
      await refusal(
        zip([
          { name: 'word/document.xml', data: Buffer.from('<w/>') },
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        ]),
      ),
      ['workbook.error.not_xlsx'],
    );
  });

  it('refuses macro-enabled workbooks', async () => {
    const base = await template();
    const withVba = await rezip(base, (files) => files.set('xl/vbaProject.bin', Buffer.from('macro')));
    assert.deepEqual(await refusal(withVba), ['workbook.error.macro']);
    const xlsm = await rezip(base, (files) => {
      const types = (files.get('[Content_Types].xml') as Buffer).toString().replace('spreadsheetml.sheet.main+xml', 'ms-excel.sheet.macroEnabled.main+xml');
      files.set('[Content_Types].xml', Buffer.from(types));
    });
    assert.deepEqual(await refusal(xlsm), ['workbook.error.macro']);
  });

  it('refuses zip bombs from the central directory, before inflating', async () => {
    const base = await unzip(await template());
    const entries = [...base].map(([name, data]) => ({ name, data }));
    const bomb = zip([...entries, { name: 'xl/media/zeros.bin', data: Buffer.alloc(30 * 1024 * 1024) }]);
    assert.ok(bomb.length < 100_000);
    assert.deepEqual(await refusal(bomb), ['workbook.error.too_compressed']);
    const huge = zip([...entries, { name: 'xl/media/big.bin', data: Buffer.alloc(41 * 1024 * 1024), store: true }]);
    assert.deepEqual(await refusal(huge), ['workbook.error.too_large']);
    const many = zip([...entries, ...Array.from({ length: 200 }, (_, i) => ({ name: `xl/media/${i}.txt`, data: Buffer.from('x') }))]);
    assert.deepEqual(await refusal(many), ['workbook.error.too_many_entries']);
    // sizes that lie: the entry inflates beyond what the central directory announced
    const lying = zip(entries.map((e) => (e.name === 'xl/sharedStrings.xml' ? { ...e, declaredSize: 10 } : e)));
    assert.deepEqual(await refusal(lying), ['workbook.error.unreadable']);
  });

  it('refuses a workbook that is not this template', async () => {
    const noInfo = await filled((workbook) => workbook.removeWorksheet(sheet(workbook, 'Info').id));
    assert.deepEqual(await refusal(noInfo), ['workbook.error.info_missing']);
    const altered = await filled((workbook) => {
      sheet(workbook, 'Info').getCell('B3').value = 2026;
    });
    assert.deepEqual(await refusal(altered), ['workbook.error.info_invalid']);
    const other = await readWorkbook(await template({ measure: 'GPMI' }), expected);
    assert.deepEqual(other.ok ? [] : other.errors, [{ code: 'workbook.error.wrong_measure', params: { expected: 'WBTEST', found: 'GPMI' } }]);
    assert.deepEqual(await refusal(await template({ reportYear: 2024 })), ['workbook.error.wrong_year']);
    assert.deepEqual(await refusal(await template({ templateVersion: 2 })), ['workbook.error.wrong_version']);
  });

  it('writes the OCMW’s KBO number in the Info sheet and refuses the workbook for another OCMW (issue 11, hole 1)', async () => {
    const forA = await template({ kbo: KBO_A });
    const info = sheet(await load(forA), 'Info')
      .getSheetValues()
      .map((row) => (row as ExcelJS.CellValue[] | undefined)?.slice(1, 3));
    assert.ok(
      info.some((row) => row?.[0] === 'kbo' && row[1] === KBO_A),
      'the KBO number is in the Info sheet',
    );
    assert.equal((await readWorkbook(forA, expected)).ok, true, 'accepted for its own OCMW');
    const other = await readWorkbook(forA, { ...expected, kbo: KBO_B });
    assert.deepEqual(other.ok ? [] : other.errors, [{ code: 'workbook.error.wrong_ocmw', params: { expected: '0212.000.230', found: '0212.000.131' } }]);
    // The KBO is under the checksum: changed by hand, the Info sheet is no longer the template.
    const edited = await load(forA);
    const kboRow = sheet(edited, 'Info')
      .getSheetValues()
      .findIndex((row) => (row as ExcelJS.CellValue[] | undefined)?.[1] === 'kbo');
    sheet(edited, 'Info').getCell(`B${kboRow}`).value = KBO_B;
    assert.deepEqual(await refusal(Buffer.from(await edited.xlsx.writeBuffer())), ['workbook.error.info_invalid']);
    // A workbook downloaded before the KBO was written (no kbo row) is still accepted: nobody loses a filled file.
    assert.equal((await readWorkbook(await template(), { ...expected, kbo: KBO_B })).ok, true);
  });

  it('refuses renamed sheets and changed headers', async () => {
    const renamed = await readWorkbook(
      await filled((workbook) => {
        sheet(workbook, 'A_Participatie').name = 'Activiteiten';
      }),
      expected,
    );
    assert.deepEqual(renamed.ok ? [] : renamed.errors, [{ code: 'workbook.error.sheet_missing', params: { sheet: 'A_Participatie' } }]);
    const header = await readWorkbook(
      await filled((workbook) => {
        sheet(workbook, 'A_Participatie').getCell('C1').value = 'Wanneer';
      }),
      expected,
    );
    assert.deepEqual(header.ok ? [] : header.errors, [
      { code: 'workbook.error.header_changed', params: { sheet: 'A_Participatie', column: 'C', header: 'Datum' } },
    ]);
    const inserted = await filled((workbook) => sheet(workbook, 'P_Personeel').spliceColumns(2, 0, ['Extra']));
    assert.deepEqual(await refusal(inserted), ['workbook.error.header_changed']);
    // the header in another language, or in other case, is still the template's header
    const translated = await filled((workbook) => {
      sheet(workbook, 'A_Participatie').getCell('B1').value = 'DESCRIPTION';
    });
    assert.ok((await readWorkbook(translated, expected)).ok);
    const extra = await filled((workbook) => {
      sheet(workbook, 'A_Participatie').getCell('J4').value = 'opmerking';
    });
    const outside = await readWorkbook(extra, expected);
    assert.deepEqual(outside.ok ? [] : outside.errors, [{ code: 'workbook.error.outside_columns', params: { sheet: 'A_Participatie', row: 4, column: 'J' } }]);
  });

  it('refuses formulas and error values, naming the cell', async () => {
    const buffer = await filled((workbook) => {
      const a = sheet(workbook, 'A_Participatie');
      a.getRow(3).values = ['leisure', 'Kamp', utc(2025, 7, 1), 4, 'ja', 10];
      a.getCell('F4').value = { formula: 'F3*2', result: 20 } as ExcelJS.CellFormulaValue;
      a.getCell('D6').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    });
    const result = await readWorkbook(buffer, expected);
    assert.deepEqual(result.ok ? [] : result.errors, [
      { code: 'workbook.error.formula', params: { sheet: 'A_Participatie', row: 4, column: 'F', header: 'Bedrag', cell: 'F4' } },
      { code: 'workbook.error.cell_error', params: { sheet: 'A_Participatie', row: 6, column: 'D', header: 'OCMW', cell: 'D6', value: '#DIV/0!' } },
    ]);
    const shared = await rezip(await template(), (files) =>
      appendRows(
        files,
        '<row r="2"><c r="F2"><f t="shared" ref="F2:F3" si="0">1+1</f><v>2</v></c></row><row r="3"><c r="F3"><f t="shared" si="0"/><v>2</v></c></row>',
      ),
    );
    assert.deepEqual(await refusal(shared), ['workbook.error.formula', 'workbook.error.formula']);
    const many = await rezip(await template(), (files) => appendRows(files, textRows(2, 40).replaceAll('<v>10</v>', '<f>1</f><v>1</v>')));
    const manyCodes = await refusal(many);
    assert.equal(manyCodes.length, 21);
    assert.equal(manyCodes.at(-1), 'workbook.error.more_errors');
  });

  it('refuses more rows than the table allows, empty rows not counted', async () => {
    const fifty = await rezip(await template(), (files) => appendRows(files, textRows(2, 25) + textRows(40, 25)));
    const ok = await readWorkbook(fifty, expected);
    assert.ok(ok.ok);
    assert.equal(ok.rowNumbers.activities.length, 50);
    assert.equal(ok.rowNumbers.activities[25], 40);
    const fiftyOne = await rezip(await template(), (files) => appendRows(files, textRows(2, 51)));
    const result = await readWorkbook(fiftyOne, expected);
    assert.deepEqual(result.ok ? [] : result.errors, [{ code: 'workbook.error.too_many_rows', params: { sheet: 'A_Participatie', max: 50 } }]);
  });

  it('stops reading a 100 000-row sheet early, in bounded memory', async () => {
    const huge = await rezip(await template(), (files) => appendRows(files, textRows(2, 100_000)));
    // collect the garbage of building the file first, so that growth is what reading allocates
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await readWorkbook(huge, expected);
    const elapsed = performance.now() - started;
    const growth = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    console.log(`100 000-row sheet (${(huge.length / 1024).toFixed(0)} kB zipped) refused in ${elapsed.toFixed(0)} ms, heap growth ${growth.toFixed(1)} MB`);
    assert.deepEqual(codes(result), ['workbook.error.too_many_rows']);
    assert.ok(growth < 64, `${growth} MB`);
  });
});

describe('locating evaluator issues in the workbook', () => {
  const rowNumbers = { activities: [2, 5, 7], staff: [3] };
  const t = translator('nl');

  it('maps table, row and column paths to sheet, Excel row and column letter', () => {
    assert.deepEqual(locateIssue(definition, rowNumbers, 'activities.2.amount'), {
      sheet: 'A_Participatie',
      row: 7,
      column: 'F',
      header: { labelKey: 'expense.amount', part: null },
    });
    assert.deepEqual(locateIssue(definition, rowNumbers, 'staff.0.period'), {
      sheet: 'P_Personeel',
      row: 3,
      column: 'F',
      header: { labelKey: 'staff.period', part: 'from' },
    });
    assert.equal(locateIssue(definition, rowNumbers, 'staff.0.period.to')?.column, 'G');
    assert.equal(locateIssue(definition, rowNumbers, 'staff.0.otherFunding')?.column, 'K');
    assert.deepEqual(locateIssue(definition, rowNumbers, 'staff.0'), { sheet: 'P_Personeel', row: 3, column: null, header: null });
    assert.deepEqual(locateIssue(definition, rowNumbers, 'activities'), { sheet: 'A_Participatie', row: null, column: null, header: null });
    assert.equal(locateIssue(definition, rowNumbers, 'staffInApp.0.fte'), null);
    assert.equal(locateIssue(definition, rowNumbers, 'justifiedTotal'), null);
    assert.equal(locateIssue(definition, rowNumbers, ''), null);
  });

  it('says where, in the user language', () => {
    const at = (path: string) => describeLocation(locateIssue(definition, rowNumbers, path) as NonNullable<ReturnType<typeof locateIssue>>, t);
    assert.equal(at('activities.1.amount'), 'Blad A_Participatie, rij 5, kolom F (Bedrag)');
    assert.equal(at('staff.0.period.to'), 'Blad P_Personeel, rij 3, kolom G (Periode — tot en met)');
    assert.equal(at('staff.0'), 'Blad P_Personeel, rij 3');
    assert.equal(at('activities'), 'Blad A_Participatie');
    const fr = describeLocation(locateIssue(definition, rowNumbers, 'activities.0.date') as NonNullable<ReturnType<typeof locateIssue>>, translator('fr'));
    assert.equal(fr, 'Feuille A_Participatie, ligne 2, colonne C (Date)');
  });
});
