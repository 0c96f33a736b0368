import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { type Cell, MAX_LINES, type SheetRow, type TableResult } from './sheet.ts';

/** A workbook of a few thousand lines unpacks to a few MB; far more is a zip bomb, not reference data. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

type ZipVerdict = 'workbook' | 'macro' | 'not_supported' | 'unreadable';

/** Looks at the names and sizes in the zip directory only: nothing is unpacked here. */
async function inspectZip(bytes: Buffer): Promise<ZipVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    return 'unreadable';
  }
  return new Promise((resolve) => {
    const names = new Set<string>();
    let unpacked = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      names.add(entry.fileName.toLowerCase());
      unpacked += entry.uncompressedSize;
      zip.readEntry();
    });
    zip.on('error', () => resolve('unreadable'));
    zip.on('end', () => {
      zip.close();
      if ([...names].some((n) => n.endsWith('vbaproject.bin'))) resolve('macro');
      else if (!names.has('xl/workbook.xml') || !names.has('[content_types].xml')) resolve('not_supported');
      else resolve(unpacked > MAX_UNPACKED_BYTES ? 'unreadable' : 'workbook');
    });
    zip.readEntry();
  });
}

/** A workbook cell as text or number: formulas give their cached result, dates and errors come out as text. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value).toUpperCase();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

/** The first visible sheet of an XLSX workbook as rows of cells, numbered as in Excel. */
export async function readXlsx(bytes: Buffer): Promise<TableResult> {
  const verdict = await inspectZip(bytes);
  if (verdict !== 'workbook') return { ok: false, refusal: verdict };
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); it accepts Node buffers.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return { ok: false, refusal: 'unreadable' };
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible');
  if (!sheet) return { ok: false, refusal: 'unreadable' };
  if (sheet.actualRowCount > MAX_LINES) return { ok: false, refusal: 'too_many_lines' };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based (index 0 is always empty) and sparse.
    const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellOf(values[i + 1]));
    rows.push({ line: rowNumber, cells });
  });
  return { ok: true, format: 'xlsx', rows };
}
