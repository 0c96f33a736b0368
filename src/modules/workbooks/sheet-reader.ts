import type { Row } from 'exceljs';
import { type CellContent, cellContent, rawText } from './cell-text.ts';
import { loose } from './choices.ts';
import { type SheetColumn, type WorkbookTable, columnLetter } from './columns.ts';
import { type WorkbookError, workbookError } from './types.ts';

/** Cell problems reported before reading stops (the user fixes these first). */
export const MAX_CELL_ERRORS = 20;

/** How to read one table sheet. */
export interface SheetSpec {
  table: WorkbookTable;
  columns: SheetColumn[];
  /** acceptable header rows: the texts the template was made with, and the labels in every language */
  headerOptions: string[][];
  /** the header texts shown in messages */
  headers: string[];
  /** per column: label → option value (enum and yes/no columns), else identity */
  choosers: Array<(text: string) => string>;
}

export type SheetResult = { ok: true; rows: Array<Record<string, string>>; rowNumbers: number[] } | { ok: false; errors: WorkbookError[] };

/** The text a cell shows, for headers and the Info sheet. */
export function textOf(value: unknown): string {
  const content = cellContent(value);
  if (content.kind === 'text') return content.text;
  if (content.kind === 'number') return String(content.number);
  return '';
}

function outsideCells(row: Row, spec: SheetSpec): WorkbookError[] {
  const errors: WorkbookError[] = [];
  row.eachCell((cell, col) => {
    if (col > spec.columns.length && cellContent(cell.value).kind !== 'empty') {
      errors.push(workbookError('workbook.error.outside_columns', { sheet: spec.table.workbookSheet, row: row.number, column: columnLetter(col) }));
    }
  });
  return errors;
}

/** The header row must show the template's column titles, in order (any language, any case). */
function headerErrors(row: Row | null, spec: SheetSpec): WorkbookError[] {
  const sheet = spec.table.workbookSheet;
  for (const [i, column] of spec.columns.entries()) {
    const found = loose(textOf(row?.getCell(column.index).value));
    if (!spec.headerOptions.some((option) => loose(option[i] ?? '') === found)) {
      return [workbookError('workbook.error.header_changed', { sheet, column: column.letter, header: spec.headers[i] })];
    }
  }
  return row ? outsideCells(row, spec) : [];
}

function cellError(content: CellContent, spec: SheetSpec, column: SheetColumn, row: number): WorkbookError {
  const params = { sheet: spec.table.workbookSheet, row, column: column.letter, header: spec.headers[column.index - 1], cell: `${column.letter}${row}` };
  if (content.kind === 'formula') return workbookError('workbook.error.formula', params);
  return workbookError('workbook.error.cell_error', { ...params, value: content.kind === 'error' ? content.error : '' });
}

/** The raw values of a row, or null when it is empty; problems of its cells go to `errors`. */
function readRow(row: Row, spec: SheetSpec, errors: WorkbookError[]): Record<string, string> | null {
  const values: Record<string, string> = {};
  let empty = true;
  for (const [i, column] of spec.columns.entries()) {
    const cell = row.getCell(column.index);
    const content = cellContent(cell.value);
    const text = rawText(content, column.field, cell.numFmt, spec.choosers[i]);
    if (text === null) errors.push(cellError(content, spec, column, row.number));
    if (text !== '') empty = false;
    values[column.rawKey] = text ?? '';
  }
  const outside = outsideCells(row, spec);
  errors.push(...outside);
  return empty && outside.length === 0 ? null : values;
}

/**
 * Reads the rows of a table sheet as manual entry gives them. Stops as soon as the sheet has more filled rows
 * than the table allows, or too many bad cells: the rest of the sheet is never read.
 */
export async function readTableSheet(rows: AsyncIterable<Row>, spec: SheetSpec): Promise<SheetResult> {
  const errors: WorkbookError[] = [];
  const found: Array<Record<string, string>> = [];
  const rowNumbers: number[] = [];
  let headerSeen = false;
  for await (const row of rows) {
    if (!headerSeen) {
      headerSeen = true;
      const headerProblems = headerErrors(row.number === 1 ? row : null, spec);
      if (headerProblems.length > 0) return { ok: false, errors: headerProblems };
      if (row.number === 1) continue;
    }
    const values = readRow(row, spec, errors);
    if (errors.length >= MAX_CELL_ERRORS) return { ok: false, errors: [...errors.slice(0, MAX_CELL_ERRORS), workbookError('workbook.error.more_errors')] };
    if (values === null) continue;
    if (found.length === spec.table.maxRows) {
      return { ok: false, errors: [...errors, workbookError('workbook.error.too_many_rows', { sheet: spec.table.workbookSheet, max: spec.table.maxRows })] };
    }
    found.push(values);
    rowNumbers.push(row.number);
  }
  if (!headerSeen) return { ok: false, errors: headerErrors(null, spec) };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: found, rowNumbers };
}
