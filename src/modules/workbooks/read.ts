import type { Entry, ZipFile } from 'yauzl';
import { workbookTables } from './columns.ts';
import { INFO_SHEET, type TemplateInfo, readInfo } from './info-sheet.ts';
import { MAX_CELL_ERRORS, readTableSheet, textOf } from './sheet-reader.ts';
import { sheetSpec } from './sheet-spec.ts';
import { type WorkbookError, type WorkbookExpectation, type WorkbookReadResult, workbookError } from './types.ts';
import { type XlsxParts, loadParts, sheetRows } from './xlsx-parts.ts';
import { formatKbo } from '../shared/identifiers.ts';
import { SheetLimitError } from './xml-budget.ts';
import { openWorkbookZip } from './zip-guard.ts';

/** The Info sheet is a handful of rows, as wide as a table's columns; more is not our template. */
const MAX_INFO_ROWS = 100;
const MAX_INFO_COLUMNS = 100;

function refused(errors: WorkbookError[]): WorkbookReadResult {
  return { ok: false, errors };
}

async function infoRows(parts: XlsxParts, entry: Entry): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of sheetRows(parts, entry)) {
    if (rows.length === MAX_INFO_ROWS) break;
    const cells: string[] = [];
    // getCell creates every cell it is asked for: a row with one cell in column XFD must not cost 16 384
    for (let col = 1; col <= Math.min(row.cellCount, MAX_INFO_COLUMNS); col++) cells.push(textOf(row.getCell(col).value));
    rows.push(cells);
  }
  return rows;
}

/** The template's Info sheet, checked against the form: measure, report year, template version. */
async function templateInfo(parts: XlsxParts, expected: WorkbookExpectation): Promise<TemplateInfo | WorkbookError> {
  const entry = parts.sheets.get(INFO_SHEET);
  const read = entry ? readInfo(await infoRows(parts, entry)) : ({ kind: 'missing' } as const);
  if (read.kind === 'missing') return workbookError('workbook.error.info_missing');
  if (read.kind === 'altered') return workbookError('workbook.error.info_invalid');
  const { info } = read;
  if (info.measure !== expected.measure) return workbookError('workbook.error.wrong_measure', { expected: expected.measure, found: info.measure });
  if (info.reportYear !== expected.reportYear) return workbookError('workbook.error.wrong_year', { expected: expected.reportYear, found: info.reportYear });
  // A workbook downloaded for another OCMW (one person working for two): its rows are not this OCMW's.
  if (info.kbo !== undefined && info.kbo !== expected.kbo)
    return workbookError('workbook.error.wrong_ocmw', { expected: formatKbo(expected.kbo), found: formatKbo(info.kbo) });
  if (info.templateVersion !== expected.templateVersion) {
    return workbookError('workbook.error.wrong_version', { expected: expected.templateVersion, found: info.templateVersion });
  }
  return info;
}

async function readTables(parts: XlsxParts, info: TemplateInfo, expected: WorkbookExpectation): Promise<WorkbookReadResult> {
  const tables = workbookTables(expected.definition);
  const missing = tables.filter((table) => !parts.sheets.has(table.workbookSheet));
  if (missing.length > 0) return refused(missing.map((table) => workbookError('workbook.error.sheet_missing', { sheet: table.workbookSheet })));
  const result = { ok: true as const, tables: {} as Record<string, Array<Record<string, string>>>, rowNumbers: {} as Record<string, number[]> };
  const errors: WorkbookError[] = [];
  for (const table of tables) {
    const read = await readTableSheet(sheetRows(parts, parts.sheets.get(table.workbookSheet) as Entry), sheetSpec(table, info, expected.params));
    if (!read.ok) errors.push(...read.errors);
    else {
      result.tables[table.key] = read.rows;
      result.rowNumbers[table.key] = read.rowNumbers;
    }
    if (errors.length >= MAX_CELL_ERRORS) break;
  }
  return errors.length > 0 ? refused(errors) : result;
}

async function readOpened(zip: ZipFile, entries: Map<string, Entry>, expected: WorkbookExpectation): Promise<WorkbookReadResult> {
  const parts = await loadParts(zip, entries);
  const info = await templateInfo(parts, expected);
  return 'code' in info ? refused([info]) : readTables(parts, info, expected);
}

/**
 * Reads an uploaded workbook of a measure into the raw rows manual entry would give, or says, in the
 * user's words, why the file is refused. The zip is inspected before anything is unpacked, sheets are
 * streamed and abandoned as soon as they are refused. Never throws.
 */
export async function readWorkbook(buffer: Buffer, expected: WorkbookExpectation): Promise<WorkbookReadResult> {
  const opened = await openWorkbookZip(buffer);
  if (!opened.ok) return refused([opened.error]);
  try {
    return await readOpened(opened.zip, opened.entries, expected);
  } catch (error) {
    return refused([error instanceof SheetLimitError ? error.error : workbookError('workbook.error.unreadable')]);
  } finally {
    opened.zip.close();
  }
}
