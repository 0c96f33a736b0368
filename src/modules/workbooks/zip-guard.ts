import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { hostileContentType, hostileError, hostilePartName, hostileRelationship } from './hostile-parts.ts';
import { type WorkbookError, workbookError } from './types.ts';

/** Limits of an uploaded workbook, checked on the zip's central directory before anything is unpacked. */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
  /** below this size an entry cannot hurt, whatever its ratio (tiny entries compress oddly) */
  ratioFloorBytes: number;
  maxContentTypesBytes: number;
  /**
   * Parts parsed whole in memory rather than streamed (workbook, styles, shared strings, relationships): each at
   * most this size unpacked. Sheets are streamed and bounded by the sheet limits instead (xml-budget.ts).
   */
  maxWholePartBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 200,
  maxTotalBytes: 40 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 64 * 1024,
  maxContentTypesBytes: 1024 * 1024,
  maxWholePartBytes: 8 * 1024 * 1024,
};

/** The parts xlsx-parts.ts parses whole, and every relationships part (read here, whole, for hostile links). */
const WHOLE_PARTS = /^(xl\/workbook\.xml|xl\/styles\.xml|xl\/sharedStrings\.xml)$|\.rels$/i;

export type OpenedZip =
  | { ok: true; zip: ZipFile; entries: Map<string, Entry> }
  /** `damaged`: it starts like a zip but its directory cannot be read (truncated, corrupt) */
  | { ok: false; error: WorkbookError; damaged?: boolean };

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
function entryError(entry: Entry, total: { bytes: number }, limits: ZipLimits): WorkbookError | null {
  const hostile = hostilePartName(entry.fileName);
  if (hostile) return hostileError(hostile);
  if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
    return workbookError('workbook.error.unreadable');
  }
  total.bytes += entry.uncompressedSize;
  if (total.bytes > limits.maxTotalBytes) return workbookError('workbook.error.too_large', { megabytes: limits.maxTotalBytes / 1024 / 1024 });
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) return workbookError('workbook.error.too_compressed');
  if (WHOLE_PARTS.test(entry.fileName) && entry.uncompressedSize > limits.maxWholePartBytes) {
    return workbookError('workbook.error.part_too_large', { megabytes: limits.maxWholePartBytes / 1024 / 1024 });
  }
  return null;
}

async function listEntries(zip: ZipFile, limits: ZipLimits): Promise<Map<string, Entry> | WorkbookError> {
  if (zip.entryCount > limits.maxEntries) return workbookError('workbook.error.too_many_entries', { max: limits.maxEntries });
  const entries = new Map<string, Entry>();
  const total = { bytes: 0 };
  for await (const entry of zip.eachEntry()) {
    const error = entryError(entry, total, limits);
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

async function contentError(zip: ZipFile, entries: Map<string, Entry>, limits: ZipLimits): Promise<WorkbookError | null> {
  const types = entries.get('[Content_Types].xml');
  if (!types || !entries.has('xl/workbook.xml')) return workbookError('workbook.error.not_xlsx');
  if (types.uncompressedSize > limits.maxContentTypesBytes) return workbookError('workbook.error.unreadable');
  const hostileType = hostileContentType(await readSmallEntry(zip, types));
  if (hostileType) return hostileError(hostileType);
  // Relationships parts one at a time: each at most maxWholePartBytes (checked on the directory).
  for (const [name, entry] of entries) {
    if (!/\.rels$/i.test(name)) continue;
    const hostile = hostileRelationship(await readSmallEntry(zip, entry));
    if (hostile) return hostileError(hostile);
  }
  return null;
}

async function inspect(zip: ZipFile, limits: ZipLimits): Promise<OpenedZip> {
  const listed = await listEntries(zip, limits);
  if (!(listed instanceof Map)) return { ok: false, error: listed };
  const error = await contentError(zip, listed, limits);
  return error ? { ok: false, error } : { ok: true, zip, entries: listed };
}

/**
 * Opens an upload as an xlsx zip, refusing what is not one (PDF, CSV, old .xls, random bytes), zip bombs and
 * hostile workbooks (macros, external links, embedded objects, ActiveX: hostile-parts.ts). Sizes, ratios and
 * the number of entries are read from the central directory before a single byte is inflated; then only the
 * content types and the relationships parts are read, each bounded. Never throws.
 */
export async function openWorkbookZip(buffer: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<OpenedZip> {
  const refused = signatureError(buffer);
  if (refused) return { ok: false, error: refused };
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch {
    return { ok: false, error: workbookError('workbook.error.not_xlsx'), damaged: true };
  }
  try {
    const opened = await inspect(zip, limits);
    if (!opened.ok) zip.close();
    return opened;
  } catch {
    zip.close();
    return { ok: false, error: workbookError('workbook.error.unreadable') };
  }
}

/**
 * Whether a kept workbook may be served back as it is: null when it may, else why not. For files kept before
 * hostile parts were refused at upload; call it before sending a kept file (the `/workbook/file` route) and
 * answer without the file when it returns an error. Reads only the zip directory, the content types and the
 * relationships parts. Never throws.
 */
export async function keptWorkbookRefusal(content: Buffer): Promise<WorkbookError | null> {
  const opened = await openWorkbookZip(content);
  if (!opened.ok) return opened.error;
  opened.zip.close();
  return null;
}
