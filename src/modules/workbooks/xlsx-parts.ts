import { posix } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS, { type Row } from 'exceljs';
import type { Entry, ZipFile } from 'yauzl';
import { SHEET_LIMITS, type SheetLimits, budgeted } from './xml-budget.ts';

/**
 * The pieces of exceljs's streaming reader (exceljs 4.4.0, pinned) that we drive ourselves. Its own `parse()`
 * unzips with unzipper, which spools sheets to temporary files when they precede the shared strings (as in
 * every file Excel or exceljs writes) and can hang on a truncated entry. Here yauzl supplies the entries, in
 * the order we need, with sizes checked against the central directory; a sheet is parsed straight from its
 * entry stream, and leaving a sheet early destroys that stream.
 */
interface StreamingReader {
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; rId: string; state?: string }> };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<Row> }>;
}

export interface XlsxParts {
  zip: ZipFile;
  reader: StreamingReader;
  /** sheet name → its zip entry */
  sheets: Map<string, Entry>;
  /** sheet name → visibility ('visible', 'hidden', 'veryHidden') */
  states: Map<string, string>;
}

async function parseEntry(zip: ZipFile, entry: Entry | undefined, parse: (stream: Readable) => Promise<void>): Promise<void> {
  if (entry) await parse(await zip.openReadStreamPromise(entry));
}

/** The zip path of a relationship target of xl/workbook.xml (relative, or absolute from the package root). */
function targetPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`);
}

function sheetEntries(reader: StreamingReader, entries: Map<string, Entry>): Pick<XlsxParts, 'sheets' | 'states'> {
  const targets = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, targetPath(rel.Target)]));
  const sheets = new Map<string, Entry>();
  const states = new Map<string, string>();
  for (const sheet of reader.model?.sheets ?? []) {
    const entry = entries.get(targets.get(sheet.rId) ?? '');
    if (!entry) continue;
    sheets.set(sheet.name, entry);
    states.set(sheet.name, sheet.state ?? 'visible');
  }
  return { sheets, states };
}

/** Reads the workbook's structure, styles (to recognise dates) and shared strings. Throws on a broken file. */
export async function loadParts(zip: ZipFile, entries: Map<string, Entry>): Promise<XlsxParts> {
  const options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), options) as unknown as StreamingReader;
  await parseEntry(zip, entries.get('xl/_rels/workbook.xml.rels'), (s) => reader._parseRels(s));
  await parseEntry(zip, entries.get('xl/workbook.xml'), (s) => reader._parseWorkbook(s));
  await parseEntry(zip, entries.get('xl/styles.xml'), (s) => reader._parseStyles(s));
  await parseEntry(zip, entries.get('xl/sharedStrings.xml'), async (s) => {
    for await (const _ of reader._parseSharedStrings(s)) {
      // cache mode: the strings are kept by the reader, nothing is emitted
    }
  });
  return { zip, reader, ...sheetEntries(reader, entries) };
}

/**
 * The rows of one sheet, streamed: stop iterating to stop reading (the entry stream is then destroyed).
 * Only rows present in the file are produced; rows never touched in Excel do not exist. The sheet's XML is
 * measured on its way to exceljs: beyond `limits` reading stops with a SheetLimitError (xml-budget.ts).
 */
export async function* sheetRows(parts: XlsxParts, entry: Entry, limits: SheetLimits = SHEET_LIMITS): AsyncGenerator<Row> {
  const stream = await parts.zip.openReadStreamPromise(entry);
  try {
    for (const { value: worksheet } of parts.reader._parseWorksheet(budgeted(stream, limits), '0')) yield* worksheet;
  } finally {
    stream.destroy();
  }
}
