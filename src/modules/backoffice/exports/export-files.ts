import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/database.ts';
import { neutraliseText } from './cell-safety.ts';
import type { ExportCell } from './export-columns.ts';
import type { ExportSheet, exportLayout } from './export-rows.ts';
import { CSV_BOM, type CsvValue, csvLine } from './csv.ts';

type Layout = ReturnType<typeof exportLayout>;

/** An exact decimal text of an integer with a scale of 100: 123456 → "1234,56". */
function decimal(int: number): string {
  const sign = int < 0 ? '-' : '';
  const abs = Math.abs(int);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function csvValue(cell: ExportCell): CsvValue {
  if (cell === null) return null;
  if ('text' in cell) return cell.text;
  return cell.scale === 1 ? cell.int : { trusted: decimal(cell.int) };
}

function xlsxValue(cell: ExportCell): string | number | null {
  if (cell === null) return null;
  if ('text' in cell) return neutraliseText(cell.text);
  return cell.scale === 1 ? cell.int : cell.int / 100;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetNames(sheets: ExportSheet[]): string[] {
  const used = new Set<string>();
  return sheets.map((sheet, index) => {
    let name =
      sheet.title
        .replace(/[[\]:*?/\\]/g, ' ')
        .trim()
        .slice(0, 28) || `Sheet ${index + 1}`;
    while (used.has(name.toLowerCase())) name = `${name.slice(0, 26)} ${index + 1}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * The whole export as XLSX, written by exceljs's streaming writer (rows committed as they come, no shared
 * strings table), then collected into one buffer for the response.
 */
export async function exportXlsx(db: Db, layout: Layout): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheets = [layout.summarySheet, ...layout.tableSheets];
  const names = sheetNames(sheets);
  const writers = new Map(
    sheets.map((sheet, i) => {
      const ws = workbook.addWorksheet(names[i]);
      ws.columns = sheet.headers.map((header, c) => ({ header, width: c < 3 ? 18 : 16, style: sheet.numFmts[c] ? { numFmt: sheet.numFmts[c] } : {} }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      return [sheet.key, ws] as const;
    }),
  );
  await layout.each(db, (key, cells) => {
    writers.get(key)?.addRow(cells.map(xlsxValue)).commit();
  });
  for (const ws of writers.values()) ws.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** One sheet of the export (the summary, or one table by its key) as CSV; null for an unknown table. */
export async function exportCsv(db: Db, layout: Layout, sheetKey: string): Promise<string | null> {
  const sheet = [layout.summarySheet, ...layout.tableSheets].find((s) => s.key === sheetKey);
  if (!sheet) return null;
  const lines: string[] = [CSV_BOM + csvLine(sheet.headers)];
  await layout.each(
    db,
    (_key, cells) => {
      lines.push(csvLine(cells.map(csvValue)));
    },
    sheetKey,
  );
  return lines.join('');
}
