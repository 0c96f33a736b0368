import { CsvError, parse } from 'csv-parse/sync';
import { MAX_LINES, type SheetRow, type TableResult } from './sheet.ts';

/** The separator of the header line: `;` (Belgian Excel) when it has any and at least as many as `,`. */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const semicolons = header.split(';').length - 1;
  const commas = header.split(',').length - 1;
  return semicolons > 0 && semicolons >= commas ? ';' : ',';
}

/** A decoded CSV text (with or without BOM) as rows of text cells, numbered by the line each record starts on. */
export function readCsv(text: string): TableResult {
  // With `info`, every record comes with its position (csv-parse's types do not model this option).
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, refusal: 'csv_syntax', line: (error as CsvError & { lines?: number }).lines };
    throw error;
  }
  if (records.length > MAX_LINES) return { ok: false, refusal: 'too_many_lines' };
  const rows: SheetRow[] = [];
  let previousEnd = 0;
  for (const { record, info } of records) {
    rows.push({ line: previousEnd + 1, cells: record });
    previousEnd = info.lines;
  }
  return { ok: true, format: 'csv', rows };
}
