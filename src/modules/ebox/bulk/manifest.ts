import { CsvError, parse } from 'csv-parse/sync';
import { type BulkError, uploadError } from './bulk-errors.ts';
import { MAX_MANIFEST_ROWS } from './bulk-limits.ts';

/**
 * `manifest.csv`, one row per message (portal.md §4.4). Read as spreadsheets write it: UTF-8 with or without a
 * byte-order mark, `;` (Belgian Excel) or `,` between fields, the separator told by the header line. Columns are
 * found by name in the header, in any order; a column missing, unknown or twice refuses the manifest (a typo in a
 * header would otherwise silently empty a column). This file only reads the table; manifest-row.ts judges values.
 */
export const MANIFEST_COLUMNS = [
  'row_reference',
  'recipient_kbo',
  'message_type',
  'legislation',
  'period',
  'subject_nl',
  'subject_fr',
  'subject_de',
  'main_file',
  'attachments',
] as const;

export type ManifestColumn = (typeof MANIFEST_COLUMNS)[number];

export interface ManifestRow {
  /** 1-based data row: row 1 is the line after the header (blank lines count, so it matches the spreadsheet) */
  row: number;
  cells: Record<ManifestColumn, string>;
}

export type ParsedManifest =
  | {
      ok: true;
      rows: ManifestRow[];
      /** errors of rows that could not be read into columns (those rows are not in `rows`) */
      errors: BulkError[];
      /** every cell of those unreadable rows, so their files are not also reported as extra */
      unreadableCells: string[];
    }
  | { ok: false; errors: BulkError[] };

/** The separator of the header line: `;` when it has any and at least as many as `,`. */
export function detectSeparator(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0] ?? '';
  const semicolons = header.split(';').length - 1;
  const commas = header.split(',').length - 1;
  return semicolons > 0 && semicolons >= commas ? ';' : ',';
}

function decode(input: Buffer | string): string | null {
  if (typeof input === 'string') return input;
  try {
    // fatal: a manifest saved as Windows-1252 is refused rather than read with broken accents
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    return null;
  }
}

function readRecords(text: string): string[][] | BulkError {
  try {
    return parse(text, { delimiter: detectSeparator(text), bom: true, relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    if (error instanceof CsvError) return uploadError('manifest_unparseable', { line: (error as CsvError & { lines?: number }).lines ?? 0 });
    throw error;
  }
}

/** Where each column is in the header, or what is wrong with the header. */
function headerColumns(header: string[]): Map<ManifestColumn, number> | BulkError[] {
  const errors: BulkError[] = [];
  const positions = new Map<ManifestColumn, number>();
  const known = new Set<string>(MANIFEST_COLUMNS);
  header.forEach((raw, index) => {
    const name = raw.toLowerCase();
    if (name === '' && header.slice(index).every((cell) => cell === '')) return; // separators after the last column
    if (!known.has(name)) errors.push(uploadError('header_column_unknown', { column: raw }));
    else if (positions.has(name as ManifestColumn)) errors.push(uploadError('header_column_duplicate', { column: raw }));
    else positions.set(name as ManifestColumn, index);
  });
  for (const column of MANIFEST_COLUMNS) if (!positions.has(column)) errors.push(uploadError('header_column_missing', { column }));
  return errors.length > 0 ? errors : positions;
}

/**
 * A data row as cells by column. Cells beyond the header's columns may only be empty (Excel pads rows with
 * separators); fewer cells than columns means a separator is missing and the values would be shifted: refused.
 */
function rowCells(record: string[], positions: Map<ManifestColumn, number>, width: number): Record<ManifestColumn, string> | null {
  if (record.length < width || record.slice(width).some((cell) => cell !== '')) return null;
  return Object.fromEntries(MANIFEST_COLUMNS.map((column) => [column, record[positions.get(column)!] ?? ''])) as Record<ManifestColumn, string>;
}

export function parseManifest(input: Buffer | string): ParsedManifest {
  const text = decode(input);
  if (text === null) return { ok: false, errors: [uploadError('manifest_not_utf8')] };
  const records = readRecords(text);
  if (!Array.isArray(records)) return { ok: false, errors: [records] };
  const isBlank = (record: string[]) => record.every((cell) => cell === '');
  if (records.length === 0 || isBlank(records[0])) return { ok: false, errors: [uploadError('manifest_empty')] };
  const positions = headerColumns(records[0]);
  if (!(positions instanceof Map)) return { ok: false, errors: positions };
  if (records.length - 1 > MAX_MANIFEST_ROWS) return { ok: false, errors: [uploadError('manifest_too_many_rows', { max: MAX_MANIFEST_ROWS })] };
  const width = Math.max(...positions.values()) + 1;
  const rows: ManifestRow[] = [];
  const errors: BulkError[] = [];
  const unreadableCells: string[] = [];
  records.slice(1).forEach((record, index) => {
    if (isBlank(record)) return;
    const cells = rowCells(record, positions, width);
    if (cells) rows.push({ row: index + 1, cells });
    else {
      errors.push({ row: index + 1, code: 'row_columns', params: { expected: width, found: record.length } });
      unreadableCells.push(...record);
    }
  });
  if (rows.length === 0 && errors.length === 0) return { ok: false, errors: [uploadError('manifest_no_rows')] };
  return { ok: true, rows, errors, unreadableCells };
}
