import type ExcelJS from 'exceljs';
import type { WorkbookError } from '../workbooks/types.ts';
import { loadParts, sheetRows } from '../workbooks/xlsx-parts.ts';
import { SHEET_LIMITS, SheetLimitError, type SheetLimits } from '../workbooks/xml-budget.ts';
import { ZIP_LIMITS, type ZipLimits, openWorkbookZip } from '../workbooks/zip-guard.ts';
import { type Cell, MAX_LINES, type SheetRow, type TableRefusal, type TableResult } from './sheet.ts';

/**
 * Reference workbooks go through the form workbooks' guarded reader (ADR 0013, 0023): the zip directory is
 * checked before anything is inflated, hostile parts are refused, the parts read whole are bounded and the
 * first visible sheet is streamed row by row under a cell budget. Memory stays bounded whatever the file.
 */
export const REFERENCE_ZIP_LIMITS: ZipLimits = { ...ZIP_LIMITS, maxWholePartBytes: 2 * 1024 * 1024 };

/** One OCMW per line, a handful of columns: far above a real file of MAX_LINES lines, far below harm. */
export const MAX_COLUMNS = 200;
export const REFERENCE_SHEET_LIMITS: SheetLimits = { ...SHEET_LIMITS, maxCells: 200_000, maxRowElements: 4 * MAX_LINES };
/** Text kept from the sheet, in characters: a file of MAX_LINES lines of identifiers and amounts is far below. */
export const MAX_TEXT_CHARS = 4_000_000;

const REFUSALS: Record<string, TableRefusal> = {
  'workbook.error.macro': 'macro',
  'workbook.error.external_link': 'external_link',
  'workbook.error.embedded_object': 'embedded_object',
  'workbook.error.activex': 'activex',
  'workbook.error.too_large': 'too_large_unpacked',
  'workbook.error.part_too_large': 'too_large_unpacked',
  'workbook.error.too_compressed': 'suspicious_zip',
  'workbook.error.too_many_entries': 'suspicious_zip',
  'workbook.error.too_many_cells': 'too_much_data',
};

function refusalOf(error: WorkbookError, damaged = false): TableResult {
  if (error.code === 'workbook.error.not_xlsx' || error.code === 'workbook.error.empty' || error.code === 'workbook.error.old_xls') {
    return { ok: false, refusal: damaged ? 'unreadable' : 'not_supported' };
  }
  return { ok: false, refusal: REFUSALS[error.code] ?? 'unreadable', params: error.params };
}

/** A workbook cell as text or number: formulas give their cached result, dates and errors come out as text. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value).toUpperCase();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

class TooMuch extends Error {
  constructor(readonly refusal: TableRefusal) {
    super(refusal);
  }
}

/** Reads the sheet's rows into cells, refusing more than MAX_LINES lines, MAX_COLUMNS columns or MAX_TEXT_CHARS. */
async function readRows(rows: AsyncIterable<ExcelJS.Row>): Promise<SheetRow[]> {
  const found: SheetRow[] = [];
  let text = 0;
  for await (const row of rows) {
    const cells: Cell[] = [];
    row.eachCell((cell, col) => {
      const value = cellOf(cell.value);
      if (value === null || value === '') return;
      if (col > MAX_COLUMNS) throw new TooMuch('too_much_data');
      if (typeof value === 'string') text += value.length;
      if (text > MAX_TEXT_CHARS) throw new TooMuch('too_much_data');
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = value;
    });
    if (cells.length === 0) continue;
    if (found.length === MAX_LINES) throw new TooMuch('too_many_lines');
    found.push({ line: row.number, cells });
  }
  return found;
}

/** The first visible sheet of an XLSX workbook as rows of cells, numbered as in Excel. Never throws. */
export async function readXlsx(bytes: Buffer): Promise<TableResult> {
  const opened = await openWorkbookZip(bytes, REFERENCE_ZIP_LIMITS);
  if (!opened.ok) return refusalOf(opened.error, opened.damaged);
  try {
    const parts = await loadParts(opened.zip, opened.entries);
    const name = [...parts.states].find(([, state]) => state === 'visible')?.[0];
    const entry = name === undefined ? undefined : parts.sheets.get(name);
    if (!entry) return { ok: false, refusal: 'unreadable' };
    return { ok: true, format: 'xlsx', rows: await readRows(sheetRows(parts, entry, REFERENCE_SHEET_LIMITS)) };
  } catch (error) {
    if (error instanceof TooMuch) return { ok: false, refusal: error.refusal };
    if (error instanceof SheetLimitError) return refusalOf(error.error);
    return { ok: false, refusal: 'unreadable' };
  } finally {
    opened.zip.close();
  }
}
