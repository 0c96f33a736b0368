import yauzl, { type Entry } from 'yauzl';
import { type BulkError, uploadError } from './bulk-errors.ts';
import { type BulkZipLimits, megabytes } from './bulk-limits.ts';
import { isManifestName, isPdfName, nameKey, nameProblem } from './file-names.ts';

/**
 * The checks made on the ZIP's central directory, before anything is unpacked: every entry is a plain,
 * unencrypted, stored or deflated file with a bare name, a PDF or the manifest, once; sizes and ratios bounded.
 * Every entry is looked at so that all problems are reported at once — except a total over the limit, which
 * stops the listing (nothing more to learn from a bomb).
 */
export interface DirectoryState {
  totalBytes: number;
  totalPacked: number;
  keys: Map<string, string>;
  manifest: Entry | null;
  pdfs: Map<string, Entry>;
  /** entries refused by name (path, not a PDF, duplicate, …) or size, so a row naming one is not also told it is missing */
  refused: string[];
  errors: BulkError[];
  /** the total unpacked size is over the limit: stop */
  fatal: boolean;
}

export function emptyDirectory(): DirectoryState {
  return { totalBytes: 0, totalPacked: 0, keys: new Map(), manifest: null, pdfs: new Map(), refused: [], errors: [], fatal: false };
}

/**
 * The entry's name as written, decoded from its raw bytes (UTF-8 flag, Info-ZIP Unicode path field, else CP437)
 * with backslashes kept: the zip is opened with `decodeStrings: false` so that yauzl does not itself reject a
 * path (as an unreadable zip) before it can be reported by name.
 */
export function entryName(entry: Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const DOS_DIRECTORY = 0x10;

function fileType(entry: Entry): number {
  return entry.versionMadeBy >> 8 === UNIX_HOST ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
}

function isDirectory(entry: Entry, name: string): boolean {
  return /[/\\]$/.test(name) || fileType(entry) === S_IFDIR || (entry.externalFileAttributes & DOS_DIRECTORY) !== 0;
}

/** A symbolic link (or another special file: device, pipe) as a Unix zip tool records it. */
function isSpecialFile(entry: Entry): boolean {
  const type = fileType(entry);
  return type !== 0 && type !== S_IFREG && type !== S_IFDIR;
}

function shapeError(entry: Entry, name: string): BulkError | null {
  if (isDirectory(entry, name)) return uploadError('zip_directory', { name });
  if (isSpecialFile(entry)) return uploadError('zip_symlink', { name });
  const problem = nameProblem(name);
  if (problem) return uploadError(problem === 'path' ? 'path_in_name' : 'name_invalid', { name });
  if (entry.isEncrypted()) return uploadError('zip_encrypted', { name });
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return uploadError('zip_compression', { name });
  return null;
}

function sizeErrors(entry: Entry, name: string, state: DirectoryState, limits: BulkZipLimits): BulkError[] {
  state.totalBytes += entry.uncompressedSize;
  state.totalPacked += entry.compressedSize;
  if (state.totalBytes > limits.maxTotalBytes) {
    state.fatal = true;
    return [uploadError('zip_too_large', { megabytes: megabytes(limits.maxTotalBytes) })];
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) return [uploadError('zip_ratio', { name, max: limits.maxRatio })];
  return [];
}

/** Looks at one directory entry: records it (manifest or PDF) or adds why it is refused. */
export function checkEntry(entry: Entry, state: DirectoryState, limits: BulkZipLimits): void {
  const name = entryName(entry);
  const shape = shapeError(entry, name);
  if (shape) {
    state.errors.push(shape);
    state.refused.push(name);
    // a refused entry still counts towards the total: a bomb hidden in a folder entry is still a bomb
    state.errors.push(...sizeErrors(entry, name, state, limits));
    return;
  }
  const sizes = sizeErrors(entry, name, state, limits);
  state.errors.push(...sizes);
  if (state.fatal) return;
  const key = nameKey(name);
  const earlier = state.keys.get(key);
  if (earlier !== undefined) {
    state.errors.push(uploadError('name_duplicate', { name, other: earlier }));
    state.refused.push(name);
    return;
  }
  state.keys.set(key, name);
  if (isManifestName(name)) {
    if (entry.uncompressedSize > limits.maxManifestBytes)
      state.errors.push(uploadError('manifest_too_large', { megabytes: megabytes(limits.maxManifestBytes) }));
    if (entry.uncompressedSize > limits.maxManifestBytes || sizes.length > 0) state.refused.push(name);
    else state.manifest = entry;
  } else if (!isPdfName(name)) {
    state.errors.push(uploadError('file_not_pdf', { name }));
    state.refused.push(name);
  } else if (sizes.length > 0) {
    state.refused.push(name);
  } else {
    state.pdfs.set(name, entry);
  }
}

/**
 * After the listing: the entries' packed sizes cannot add up to more than the file itself. When they do, entries
 * overlap — the "non-recursive" zip bomb that makes many entries out of one compressed kernel.
 */
export function overlapError(state: DirectoryState, fileSize: number): BulkError | null {
  return state.totalPacked > fileSize ? uploadError('zip_damaged') : null;
}
