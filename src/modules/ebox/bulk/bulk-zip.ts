import { open as openFile } from 'node:fs/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { type BulkError, uploadError } from './bulk-errors.ts';
import { BULK_ZIP_LIMITS, type BulkZipLimits, megabytes } from './bulk-limits.ts';
import { BulkReadError, readEntry } from './entry-reader.ts';
import { checkEntry, type DirectoryState, emptyDirectory, overlapError } from './zip-directory.ts';
import { nameKey } from './file-names.ts';

/** A PDF of the upload: its name as the ZIP spells it and its unpacked size as the directory announces it. */
export interface BulkZipFile {
  name: string;
  size: number;
}

/**
 * An opened bulk upload. Nothing is unpacked at opening but the manifest (at most 5 MB); each PDF is read on
 * demand, whole but alone (at most 20 MB), so validating or publishing thousands of PDFs holds one in memory at a
 * time. Nothing is ever written to disk by name. Close it when done (it holds the file open).
 */
export interface BulkZip {
  /** the bytes of `manifest.csv` (any case), null when there is none (or it was refused: see `problems`) */
  manifest: Buffer | null;
  /** every acceptable PDF entry, in ZIP order */
  files: BulkZipFile[];
  /**
   * Entries refused on the directory (a path or a folder, not a PDF, a duplicate, encrypted, too compressed …).
   * Not fatal at opening, so that the manifest is still checked and everything is reported at once; any problem
   * here refuses the whole upload (bulk-plan.ts).
   */
  problems: BulkError[];
  /** the names of the refused entries, so that a row naming one is not told the file is missing as well */
  refusedNames: string[];
  /** The bytes of one PDF, matched on `nameKey` (case and accents). Throws BulkReadError. */
  readFile(name: string): Promise<Buffer>;
  close(): void;
}

export type OpenedBulkZip = { ok: true; zip: BulkZip } | { ok: false; errors: BulkError[] };

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** the end record of an empty zip: opens, and then has no manifest */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

async function leadingBytes(source: string | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(source)) return source.subarray(0, 4);
  const handle = await openFile(source, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isZipSignature(head: Buffer): boolean {
  return head.equals(LOCAL_HEADER) || head.equals(EMPTY_ZIP);
}

async function openZip(source: string | Buffer): Promise<ZipFile> {
  // decodeStrings false: names are decoded and judged here (zip-directory.ts), not thrown on by yauzl
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true };
  return Buffer.isBuffer(source) ? yauzl.fromBufferPromise(source, options) : yauzl.openPromise(source, options);
}

async function listDirectory(zip: ZipFile, limits: BulkZipLimits): Promise<DirectoryState> {
  const state = emptyDirectory();
  for await (const entry of zip.eachEntry()) {
    checkEntry(entry, state, limits);
    if (state.fatal) break;
  }
  return state;
}

/** What stops the opening after the listing: a total over the limit, overlapping entries. */
function fatalError(state: DirectoryState, zip: ZipFile, limits: BulkZipLimits): BulkError | null {
  if (state.fatal) return uploadError('zip_too_large', { megabytes: megabytes(limits.maxTotalBytes) });
  return overlapError(state, zip.fileSize);
}

async function buildBulkZip(zip: ZipFile, state: DirectoryState, limits: BulkZipLimits): Promise<BulkZip> {
  const byKey = new Map<string, { name: string; entry: Entry }>();
  for (const [name, entry] of state.pdfs) byKey.set(nameKey(name), { name, entry });
  const manifest = state.manifest ? await readEntry(zip, state.manifest, 'manifest.csv', limits.maxManifestBytes) : null;
  return {
    manifest,
    files: [...state.pdfs].map(([name, entry]) => ({ name, size: entry.uncompressedSize })),
    problems: state.errors,
    refusedNames: state.refused,
    readFile: async (name) => {
      const found = byKey.get(nameKey(name));
      if (!found) throw new BulkReadError({ row: null, code: 'file_missing', params: { name } });
      if (found.entry.uncompressedSize > limits.maxPdfBytes) {
        throw new BulkReadError({ row: null, code: 'file_too_large', params: { name: found.name, megabytes: megabytes(limits.maxPdfBytes) } });
      }
      return readEntry(zip, found.entry, found.name, limits.maxPdfBytes);
    },
    close: () => zip.close(),
  };
}

/**
 * Opens a bulk upload (a path to the uploaded file, or its bytes) and checks its central directory: see
 * zip-directory.ts for what is refused. Fatal (`ok: false`): not a zip, unreadable directory, too many entries,
 * total over the limit, overlapping entries, damaged manifest. Everything else is reported in `problems` with the
 * zip still open. Never throws for bad input.
 */
export async function openBulkZip(source: string | Buffer, limits: BulkZipLimits = BULK_ZIP_LIMITS): Promise<OpenedBulkZip> {
  let head: Buffer;
  try {
    head = await leadingBytes(source);
  } catch {
    return { ok: false, errors: [uploadError('zip_damaged')] };
  }
  if (!isZipSignature(head)) return { ok: false, errors: [uploadError('zip_not_zip')] };
  let zip: ZipFile;
  try {
    zip = await openZip(source);
  } catch {
    return { ok: false, errors: [uploadError('zip_damaged')] };
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new BulkReadError(uploadError('zip_too_many_entries', { max: limits.maxEntries }));
    const state = await listDirectory(zip, limits);
    const fatal = fatalError(state, zip, limits);
    if (fatal) throw new BulkReadError(fatal);
    return { ok: true, zip: await buildBulkZip(zip, state, limits) };
  } catch (error) {
    zip.close();
    return { ok: false, errors: [error instanceof BulkReadError ? error.error : uploadError('zip_damaged')] };
  }
}
