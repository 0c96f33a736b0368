/**
 * An uploaded file of reference values as a table of cells, whatever its format (CSV or the first visible
 * sheet of an XLSX workbook), or the reason it is refused.
 */

/** A cell: text, a number (numeric workbook cells only), or null when empty. */
export type Cell = string | number | null;

export interface SheetRow {
  /** line of the CSV file or row number of the sheet, as the user sees it */
  line: number;
  cells: Cell[];
}

export type TableRefusal =
  | 'macro'
  | 'not_supported'
  | 'not_utf8'
  | 'unreadable'
  | 'csv_syntax'
  | 'too_many_lines'
  /** hostile workbook parts (workbooks/hostile-parts.ts) */
  | 'external_link'
  | 'embedded_object'
  | 'activex'
  /** the workbook's limits (workbooks/zip-guard.ts, xml-budget.ts) */
  | 'too_large_unpacked'
  | 'suspicious_zip'
  | 'too_much_data';

export type TableResult =
  | { ok: true; format: 'csv' | 'xlsx'; rows: SheetRow[] }
  | { ok: false; refusal: TableRefusal; line?: number; params?: Record<string, string | number> };

/** A file of reference values has one line per OCMW (about 600): far more lines is not such a file. */
export const MAX_LINES = 5_000;
