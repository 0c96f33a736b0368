import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { type WorkbookError, workbookError } from './types.ts';

/** Limits of an uploaded workbook, checked on the zip's central directory before anything is unpacked. */
export const ZIP_LIMITS = {
  maxEntries: 200,
  maxTotalBytes: 40 * 1024 * 1024,
  maxRatio: 200,
  /** below this size an entry cannot hurt, whatever its ratio (tiny entries compress oddly) */
  ratioFloorBytes: 64 * 1024,
  maxContentTypesBytes: 1024 * 1024,
};

export type OpenedZip = { ok: true; zip: ZipFile; entries: Map<string, Entry> } | { ok: false; error: WorkbookError };

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: an old .xls, or an Excel file protected by a password */
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function signatureError(buffer: Buffer): WorkbookError | null {
  if (buffer.length === 0) return workbookError('workbook.error.empty');
  if (buffer.subarray(0, 8).equals(OLE2_SIGNATURE)) return workbookError('workbook.error.old_xls');
  if (!buffer.subarray(0, 4).equals(ZIP_SIGNATURE)) return workbookError('workbook.error.not_xlsx');
  return null;
}

/** Checks one entry of the central directory; adds its size to the running total. */
function entryError(entry: Entry, total: { bytes: number }): WorkbookError | null {
  if (/(^|\/)vbaProject\.bin$/i.test(entry.fileName)) return workbookError('workbook.error.macro');
  if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
    return workbookError('workbook.error.unreadable');
  }
  total.bytes += entry.uncompressedSize;
  if (total.bytes > ZIP_LIMITS.maxTotalBytes) return workbookError('workbook.error.too_large', { megabytes: ZIP_LIMITS.maxTotalBytes / 1024 / 1024 });
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && ratio > ZIP_LIMITS.maxRatio) return workbookError('workbook.error.too_compressed');
  return null;
}

async function listEntries(zip: ZipFile): Promise<Map<string, Entry> | WorkbookError> {
  if (zip.entryCount > ZIP_LIMITS.maxEntries) return workbookError('workbook.error.too_many_entries', { max: ZIP_LIMITS.maxEntries });
  const entries = new Map<string, Entry>();
  const total = { bytes: 0 };
  for await (const entry of zip.eachEntry()) {
    const error = entryError(entry, total);
    if (error) return error;
    entries.set(entry.fileName, entry);
  }
  return entries;
}

/** Reads a small entry whole (its size was checked against the central directory). */
export async function readSmallEntry(zip: ZipFile, entry: Entry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function contentError(zip: ZipFile, entries: Map<string, Entry>): Promise<WorkbookError | null> {
  const types = entries.get('[Content_Types].xml');
  if (!types || !entries.has('xl/workbook.xml')) return workbookError('workbook.error.not_xlsx');
  if (types.uncompressedSize > ZIP_LIMITS.maxContentTypesBytes) return workbookError('workbook.error.unreadable');
  if (/macroEnabled/i.test(await readSmallEntry(zip, types))) return workbookError('workbook.error.macro');
  return null;
}

async function inspect(zip: ZipFile): Promise<OpenedZip> {
  const listed = await listEntries(zip);
  if (!(listed instanceof Map)) return { ok: false, error: listed };
  const error = await contentError(zip, listed);
  return error ? { ok: false, error } : { ok: true, zip, entries: listed };
}

/**
 * Opens an upload as an xlsx zip, refusing what is not one (PDF, CSV, old .xls, random bytes), macro-enabled
 * workbooks and zip bombs: sizes, ratios and the number of entries are read from the central directory,
 * before a single byte is inflated. Never throws.
 */
export async function openWorkbookZip(buffer: Buffer): Promise<OpenedZip> {
  const refused = signatureError(buffer);
  if (refused) return { ok: false, error: refused };
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch {
    return { ok: false, error: workbookError('workbook.error.not_xlsx') };
  }
  try {
    const opened = await inspect(zip);
    if (!opened.ok) zip.close();
    return opened;
  } catch {
    zip.close();
    return { ok: false, error: workbookError('workbook.error.unreadable') };
  }
}
