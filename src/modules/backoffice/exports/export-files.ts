import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/database.ts';
import { formatIsoDate } from '../../../i18n/format.ts';
import { neutraliseText } from './cell-safety.ts';
import type { ExportCell } from './export-columns.ts';
import type { exportLayout } from './export-rows.ts';
import { CSV_BOM, type CsvValue, csvLine } from './csv.ts';
import { wallClock } from '../../shared/brussels-time.ts';

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
  if ('day' in cell) return { trusted: formatIsoDate(cell.day) };
  if ('at' in cell) {
    const w = wallClock(cell.at.getTime());
    const pad = (n: number) => String(n).padStart(2, '0');
    return { trusted: `${pad(w.d)}/${pad(w.m)}/${w.y} ${pad(w.h)}:${pad(w.min)}` };
  }
  return cell.scale === 1 ? cell.int : { trusted: decimal(cell.int) };
}

/**
 * A cell's XLSX value: numbers as numbers, days and moments as Dates (exceljs writes them as date serials; the
 * column's number format shows them as dates), text neutralised.
 */
function xlsxValue(cell: ExportCell): string | number | Date | null {
  if (cell === null) return null;
  if ('text' in cell) return neutraliseText(cell.text);
  if ('day' in cell) {
    const [y, m, d] = cell.day.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  if ('at' in cell) {
    const w = wallClock(cell.at.getTime());
    return new Date(Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s));
  }
  return cell.scale === 1 ? cell.int : cell.int / 100;
}

/** Excel's limit on a sheet name. */
const SHEET_NAME_MAX = 31;

/** A title shortened to `max` characters at a word boundary, with an ellipsis when something was cut. */
function shorten(title: string, max: number): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:—–-]+$/, '')}…`;
}

/**
 * Excel sheet names: at most 31 characters (shortened at a word, with an ellipsis), none of []:*?/\ nor an
 * apostrophe at either end, unique in the workbook regardless of case (a number added: "Personeel … (2)").
 */
export function sheetNames(titles: string[]): string[] {
  const used = new Set<string>();
  return titles.map((title, index) => {
    const clean =
      title
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/\s+/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim() || `Sheet ${index + 1}`;
    let name = shorten(clean, SHEET_NAME_MAX);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${shorten(clean, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * The whole export as XLSX, written by exceljs's streaming writer (rows committed as they come, no shared
 * strings table), then collected into one buffer for the response. Every sheet's header row is frozen and carries
 * an autofilter (ADR 0041).
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
  const names = sheetNames(sheets.map((s) => s.title));
  const writers = new Map(
    sheets.map((sheet, i) => {
      const ws = workbook.addWorksheet(names[i], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.headers.length } };
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
