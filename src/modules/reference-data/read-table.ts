import { readCsv } from './csv-table.ts';
import type { TableResult } from './sheet.ts';
import { readXlsx } from './xlsx-table.ts';

const MACRO_EXTENSIONS = /\.(xlsm|xltm|xlam|xla|xlsb)$/i;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** OLE2 compound file: old .xls workbooks (possibly with macros), .doc, .msg … */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Control characters no text file contains (tab, line feed, form feed and carriage return are allowed). They are
 * ASCII: in UTF-8 and in one-byte encodings alike, such a byte is such a character.
 */
function hasControlBytes(bytes: Buffer): boolean {
  return bytes.some((b) => b < 0x09 || b === 0x0b || (b >= 0x0e && b < 0x20) || b === 0x7f);
}

/**
 * Reads an uploaded file as a CSV (UTF-8, `;` or `,`) or an XLSX workbook, recognised by its content. Everything
 * else is refused before any parsing: macro-enabled workbooks, old binary Excel files, other binary files, text
 * that is not UTF-8.
 */
export async function readSheetTable(fileName: string, bytes: Buffer): Promise<TableResult> {
  if (MACRO_EXTENSIONS.test(fileName)) return { ok: false, refusal: /\.xlsb$/i.test(fileName) ? 'not_supported' : 'macro' };
  if (bytes.subarray(0, 4).equals(ZIP) || bytes.subarray(0, 4).equals(EMPTY_ZIP)) return readXlsx(bytes);
  if (bytes.subarray(0, 8).equals(OLE2)) return { ok: false, refusal: 'not_supported' };
  if (hasControlBytes(bytes)) return { ok: false, refusal: 'not_supported' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Text in another encoding (a CSV saved as "ANSI") gets its own advice.
    return { ok: false, refusal: 'not_utf8' };
  }
  return readCsv(text);
}
