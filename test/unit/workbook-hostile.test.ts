import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { translator } from '../../src/i18n/i18n.ts';
import { expenseTable } from '../../src/modules/forms/blocks/expenses.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { hostileContentType, hostilePartName, hostileRelationship } from '../../src/modules/workbooks/hostile-parts.ts';
import { buildWorkbook, readWorkbook } from '../../src/modules/workbooks/index.ts';
import type { WorkbookReadResult } from '../../src/modules/workbooks/types.ts';
import { keptWorkbookRefusal } from '../../src/modules/workbooks/zip-guard.ts';
import { noise, override, relate, rezip, text, unzip, zip } from '../support/xlsx-zip.ts';

// Issue 11, item 4: workbooks with macros, external links, embedded objects or controls are refused at upload
// (so never kept nor served back), and a kept file can be checked again before it is served.

const definition: FormDefinition = {
  measure: 'WBHOSTILE',
  version: 1,
  titleKey: 'measure.COVID_PREMIE',
  workbook: { templateVersion: 1 },
  sections: [
    {
      key: 'parts',
      titleKey: 'form.total',
      items: [
        expenseTable({
          key: 'activities',
          labelKey: 'expense.description',
          categories: { name: 'wbHostileCategory', values: ['leisure', 'school'] },
          maxRows: 50,
          workbookSheet: 'A_Participatie',
        }),
      ],
    },
  ],
};
const params = { enums: { wbHostileCategory: ['leisure', 'school'] } };
const expected = { definition, measure: 'WBHOSTILE', reportYear: 2025, templateVersion: 1, kbo: '0212000131', params };
const template = () => buildWorkbook({ ...expected, lang: 'nl', t: translator('nl') });

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

function codes(result: WorkbookReadResult): string[] {
  return result.ok ? [] : result.errors.map((e) => e.code);
}
const refusal = async (buffer: Buffer) => codes(await readWorkbook(buffer, expected));

/** The zip path of the sheet named `name` (exceljs numbers its sheets in order). */
async function sheetPath(buffer: Buffer, name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const index = workbook.worksheets.findIndex((ws) => ws.name === name);
  assert.ok(index >= 0, name);
  return `xl/worksheets/sheet${index + 1}.xml`;
}

describe('hostile workbook parts are refused at upload (issue 11, item 4)', () => {
  it('reads the clean template, and a kept clean file may be served', async () => {
    const clean = await template();
    assert.equal((await readWorkbook(clean, expected)).ok, true);
    assert.equal(await keptWorkbookRefusal(clean), null);
  });

  it('refuses external links: the part, its content type, its relationship, an external data connection', async () => {
    const base = await template();
    const externalLink = await rezip(base, (files) => {
      files.set(
        'xl/externalLinks/externalLink1.xml',
        Buffer.from('<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1"/></externalLink>'),
      );
      files.set(
        'xl/externalLinks/_rels/externalLink1.xml.rels',
        Buffer.from(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/externalLinkPath" Target="file:///\\\\server\\share\\bron.xlsx" TargetMode="External"/></Relationships>`,
        ),
      );
      override(files, 'xl/externalLinks/externalLink1.xml', `${CT}.spreadsheetml.externalLink+xml`);
      relate(files, 'xl/_rels/workbook.xml.rels', `${R}/externalLink`, 'externalLinks/externalLink1.xml');
    });
    assert.deepEqual(await refusal(externalLink), ['workbook.error.external_link']);
    // the same link under an innocent name: found by its content type, then by its relationship alone
    const renamed = await rezip(base, (files) => {
      files.set('xl/data/book.xml', Buffer.from('<externalLink/>'));
      override(files, 'xl/data/book.xml', `${CT}.spreadsheetml.externalLink+xml`);
    });
    assert.deepEqual(await refusal(renamed), ['workbook.error.external_link']);
    const byRelationship = await rezip(base, (files) => relate(files, 'xl/_rels/workbook.xml.rels', `${R}/externalLink`, 'data/book.xml'));
    assert.deepEqual(await refusal(byRelationship), ['workbook.error.external_link']);
    const connection = await rezip(base, (files) => {
      files.set('xl/connections.xml', Buffer.from('<connections><connection id="1"><webPr url="http://evil.example/"/></connection></connections>'));
      override(files, 'xl/connections.xml', `${CT}.spreadsheetml.connections+xml`);
    });
    assert.deepEqual(await refusal(connection), ['workbook.error.external_link']);
  });

  it('refuses a picture or template fetched from outside, but keeps web and e-mail hyperlinks', async () => {
    const base = await template();
    const sheet = await sheetPath(base, 'A_Participatie');
    const rels = sheet.replace('worksheets/', 'worksheets/_rels/').concat('.rels');
    const linkedPicture = await rezip(base, (files) =>
      relate(files, 'xl/drawings/_rels/drawing1.xml.rels', `${R}/image`, '\\\\attacker\\share\\pixel.png', true),
    );
    assert.deepEqual(await refusal(linkedPicture), ['workbook.error.external_link']);
    const uncLink = await rezip(base, (files) => relate(files, rels, `${R}/hyperlink`, 'file:///\\\\attacker\\share\\x', true));
    assert.deepEqual(await refusal(uncLink), ['workbook.error.external_link']);
    const web = await rezip(base, (files) => {
      relate(files, rels, `${R}/hyperlink`, 'https://www.mi-is.be/', true);
      relate(files, rels, `${R}/hyperlink`, 'mailto:info@example.be', true);
    });
    assert.equal((await readWorkbook(web, expected)).ok, true);
  });

  it('refuses embedded OLE objects and packages', async () => {
    const base = await template();
    const sheet = await sheetPath(base, 'A_Participatie');
    const rels = sheet.replace('worksheets/', 'worksheets/_rels/').concat('.rels');
    const ole = await rezip(base, (files) => {
      files.set('xl/embeddings/oleObject1.bin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]));
      relate(files, rels, `${R}/oleObject`, '../embeddings/oleObject1.bin');
    });
    assert.deepEqual(await refusal(ole), ['workbook.error.embedded_object']);
    const hiddenPackage = await rezip(base, (files) => {
      files.set('xl/media/notes.docx', Buffer.from('PK'));
      files.set(
        '[Content_Types].xml',
        Buffer.from(
          text(files, '[Content_Types].xml').replace('<Default ', `<Default Extension="docx" ContentType="${CT}.wordprocessingml.document"/><Default `),
        ),
      );
    });
    assert.deepEqual(await refusal(hiddenPackage), ['workbook.error.embedded_object']);
    const byRelationship = await rezip(base, (files) => relate(files, rels, `${R}/package`, '../media/image1.png'));
    assert.deepEqual(await refusal(byRelationship), ['workbook.error.embedded_object']);
  });

  it('refuses ActiveX and form controls', async () => {
    const base = await template();
    const sheet = await sheetPath(base, 'A_Participatie');
    const rels = sheet.replace('worksheets/', 'worksheets/_rels/').concat('.rels');
    const activeX = await rezip(base, (files) => {
      files.set(
        'xl/activeX/activeX1.xml',
        Buffer.from('<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>'),
      );
      files.set('xl/activeX/activeX1.bin', Buffer.from('binary'));
    });
    assert.deepEqual(await refusal(activeX), ['workbook.error.activex']);
    const declared = await rezip(base, (files) => {
      files.set('xl/parts/x1.xml', Buffer.from('<ocx/>'));
      override(files, 'xl/parts/x1.xml', 'application/vnd.ms-office.activeX+xml');
    });
    assert.deepEqual(await refusal(declared), ['workbook.error.activex']);
    const formControl = await rezip(base, (files) => relate(files, rels, `${R}/ctrlProp`, '../parts/ctrlProp1.xml'));
    assert.deepEqual(await refusal(formControl), ['workbook.error.activex']);
  });

  it('refuses macros: VBA under any name, Excel 4 macro sheets, ribbon callbacks, a macro-enabled workbook', async () => {
    const base = await template();
    const vba = await rezip(base, (files) => files.set('xl/vbaProject.bin', Buffer.from('macro')));
    assert.deepEqual(await refusal(vba), ['workbook.error.macro']);
    const renamedVba = await rezip(base, (files) => {
      files.set('xl/code.bin', Buffer.from('macro'));
      override(files, 'xl/code.bin', 'application/vnd.ms-office.vbaProject');
    });
    assert.deepEqual(await refusal(renamedVba), ['workbook.error.macro']);
    const macroSheet = await rezip(base, (files) => {
      files.set('xl/macrosheets/sheet1.xml', Buffer.from('<xm:macrosheet/>'));
      override(files, 'xl/macrosheets/sheet1.xml', 'application/vnd.ms-excel.macrosheet+xml');
    });
    assert.deepEqual(await refusal(macroSheet), ['workbook.error.macro']);
    const ribbon = await rezip(base, (files) =>
      relate(files, '_rels/.rels', 'http://schemas.microsoft.com/office/2007/relationships/ui/extensibility', 'customUI/customUI14.xml'),
    );
    assert.deepEqual(await refusal(ribbon), ['workbook.error.macro']);
    const xlsm = await rezip(base, (files) => {
      files.set(
        '[Content_Types].xml',
        Buffer.from(text(files, '[Content_Types].xml').replace('spreadsheetml.sheet.main+xml', 'ms-excel.sheet.macroEnabled.main+xml')),
      );
    });
    assert.deepEqual(await refusal(xlsm), ['workbook.error.macro']);
  });

  it('checks a kept file before it is served: a hostile one is refused, whatever was accepted before', async () => {
    const hostile = await rezip(await template(), (files) => files.set('xl/embeddings/oleObject1.bin', Buffer.from('ole')));
    assert.deepEqual(await keptWorkbookRefusal(hostile), { code: 'workbook.error.embedded_object', params: {} });
    assert.equal((await keptWorkbookRefusal(Buffer.from('not a zip')))?.code, 'workbook.error.not_xlsx');
  });

  it('recognises the parts by name, content type and relationship', () => {
    assert.equal(hostilePartName('xl/worksheets/sheet1.xml'), null);
    assert.equal(hostilePartName('xl/media/image1.png'), null);
    assert.equal(hostilePartName('xl/embeddings/Microsoft_Word_Document.docx'), 'embedded_object');
    assert.equal(hostilePartName('XL/VBAPROJECT.BIN'), 'macro');
    assert.equal(hostileContentType(`<Types><Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/></Types>`), null);
    assert.equal(hostileContentType(`<Types><Default Extension="xlsx" ContentType='${CT}.spreadsheetml.sheet'/></Types>`), 'embedded_object');
    assert.equal(
      hostileRelationship(
        `<Relationships><Relationship Id="a" Type="${R}/hyperlink" Target="https://example.be/?a=1&amp;b=2" TargetMode="External"/></Relationships>`,
      ),
      null,
    );
    assert.equal(
      hostileRelationship(`<Relationships><Relationship TargetMode='External' Id="a" Type="${R}/hyperlink" Target="\\\\host\\share"/></Relationships>`),
      'external_link',
    );
  });
});

describe('a streamed sheet stays within its limits (issue 11, item 2)', () => {
  const withSheet = async (edit: (xml: string) => string) => {
    const base = await template();
    const sheet = await sheetPath(base, 'A_Participatie');
    return rezip(base, (files) => files.set(sheet, Buffer.from(edit(text(files, sheet)))));
  };

  it('stops a sheet of 300 000 cells (300 rows as wide as 1 000 columns) early, in bounded memory and time', async () => {
    const letters = (n: number) => {
      let s = '';
      for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
      return s;
    };
    const columns = Array.from({ length: 1000 }, (_, i) => letters(i + 10));
    const rows: string[] = [];
    for (let r = 2; r < 302; r++) rows.push(`<row r="${r}">${columns.map((col, i) => `<c r="${col}${r}"><v>${(i * r) % 97}</v></c>`).join('')}</row>`);
    const file = await withSheet((xml) => xml.replace('</sheetData>', `${rows.join('')}</sheetData>`));
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await readWorkbook(file, expected);
    const elapsed = performance.now() - started;
    const growth = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    console.log(`300 000-cell sheet (${(file.length / 1024).toFixed(0)} kB zipped) refused in ${elapsed.toFixed(0)} ms, heap growth ${growth.toFixed(1)} MB`);
    // the cells outside the template's columns are reported first, then reading stops
    assert.ok(!result.ok);
    assert.ok(growth < 64, `${growth} MB`);
  });

  it('counts every cell, empty formatted ones too, and stops at the limit', async () => {
    const rows: string[] = [];
    for (let r = 2; r < 260_000 / 2 + 2; r++) rows.push(`<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}" s="1"/></row>`);
    const file = await withSheet((xml) => xml.replace('</sheetData>', `${rows.join('')}</sheetData>`));
    assert.deepEqual(await refusal(file), ['workbook.error.too_many_cells']);
  });

  it('refuses a column span beyond XFD, a comment, a DTD, an oversized text', async () => {
    assert.deepEqual(
      await refusal(await withSheet((xml) => xml.replace('<sheetData>', '<sheetData>').replace(/<cols>/, '<cols><col min="1" max="999999999" width="9"/>'))),
      ['workbook.error.unreadable'],
    );
    assert.deepEqual(await refusal(await withSheet((xml) => xml.replace('<sheetData>', '<sheetData><!-- hidden -->'))), ['workbook.error.unreadable']);
    assert.deepEqual(await refusal(await withSheet((xml) => xml.replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaa">]>'))), ['workbook.error.unreadable']);
    const long = noise(600 * 1024);
    assert.deepEqual(
      await refusal(await withSheet((xml) => xml.replace('</sheetData>', `<row r="2"><c r="B2" t="inlineStr"><is><t>${long}</t></is></c></row></sheetData>`))),
      ['workbook.error.unreadable'],
    );
  });

  it('refuses shared strings or styles too large to parse whole', async () => {
    const base = await template();
    const strings = noise(9 * 1024 * 1024);
    const big = await rezip(base, (files) =>
      files.set('xl/sharedStrings.xml', Buffer.from(text(files, 'xl/sharedStrings.xml').replace('</sst>', `<si><t>${strings}</t></si></sst>`))),
    );
    assert.deepEqual(await refusal(big), ['workbook.error.part_too_large']);
  });
});

describe('unzip helper sanity', () => {
  it('round-trips a template', async () => {
    const files = await unzip(await template());
    assert.ok(files.has('xl/workbook.xml'));
    assert.ok(zip([...files].map(([name, data]) => ({ name, data }))).length > 1000);
  });
});
