import type { T } from '../../i18n/i18n.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { type HeaderRef, type SheetColumn, headerLabel, sheetColumns, workbookTables } from './columns.ts';

/** Where an evaluator issue sits in the uploaded workbook; row and column are null for a whole sheet or row. */
export interface WorkbookLocation {
  sheet: string;
  /** the row number Excel shows */
  row: number | null;
  /** the column letter Excel shows */
  column: string | null;
  header: HeaderRef | null;
}

/** The sheet column of a path's column part: `amount`, `period` (its first cell), `period.from`, `period.to`. */
function findColumn(columns: SheetColumn[], key: string): SheetColumn | null {
  return columns.find((column) => column.rawKey === key) ?? columns.find((column) => column.field.key === key) ?? null;
}

/**
 * Maps an evaluator issue path (`<table>`, `<table>.<index>`, `<table>.<index>.<column>`) to the sheet, the
 * Excel row and the column of the workbook the rows were read from. Null for paths outside workbook tables.
 */
export function locateIssue(definition: FormDefinition, rowNumbers: Record<string, number[]>, path: string): WorkbookLocation | null {
  const [tableKey, index, ...rest] = path.split('.');
  const table = workbookTables(definition).find((candidate) => candidate.key === tableKey);
  if (!table) return null;
  const row = index !== undefined && /^\d+$/.test(index) ? (rowNumbers[table.key]?.[Number(index)] ?? null) : null;
  const column = row === null || rest.length === 0 ? null : findColumn(sheetColumns(table), rest.join('.'));
  return { sheet: table.workbookSheet, row, column: column?.letter ?? null, header: column?.header ?? null };
}

/** "Blad A_Participatie, rij 7, kolom E (Kost)", in the user's language. */
export function describeLocation(location: WorkbookLocation, t: T): string {
  const { sheet, row, column, header } = location;
  if (row !== null && column !== null && header !== null) return t('workbook.location.cell', { sheet, row, column, header: headerLabel(header, t) });
  if (row !== null) return t('workbook.location.row', { sheet, row });
  return t('workbook.location.sheet', { sheet });
}
