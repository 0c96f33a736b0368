import ExcelJS from 'exceljs';
import { neutraliseText } from '../exports/cell-safety.ts';
import { CSV_BOM, csvLine } from '../exports/csv.ts';
import type { ExportTable } from './configuration-export.ts';

/** The export as CSV (UTF-8 with BOM, `;`, CRLF; every text cell neutralised against formula injection by csvLine). */
export function tableCsv(table: ExportTable): string {
  return CSV_BOM + csvLine(table.headers) + table.rows.map(csvLine).join('');
}

/** The export as one XLSX sheet, its header row bold; every text cell neutralised (cell-safety.ts). */
export async function tableXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
  sheet.columns = table.headers.map((header, i) => ({ header: neutraliseText(header), width: i === 2 ? 32 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseText(cell) : cell)));
  sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
