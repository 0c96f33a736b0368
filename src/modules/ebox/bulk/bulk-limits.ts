/**
 * Limits of a bulk upload. The monthly run is 565 OCMWs × a few documents, so 10 000 entries and 2 GiB unpacked
 * leave room; a single PDF is at most 20 MB (portal.md §4.3) and a message carries at most six files (§4.3, the
 * e-Box limit). All sizes and ratios are checked on the ZIP's central directory before a byte is unpacked, then
 * enforced again while streaming (a directory can lie).
 */
export interface BulkZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxPdfBytes: number;
  maxManifestBytes: number;
  /** unpacked / packed size of one entry; PDFs are mostly compressed already, so a high ratio means a bomb */
  maxRatio: number;
  /** below this unpacked size an entry cannot hurt, whatever its ratio (tiny entries compress oddly) */
  ratioFloorBytes: number;
}

export const MAX_PDF_BYTES = 20 * 1024 * 1024;
export const MAX_FILES_PER_MESSAGE = 6;
export const MAX_SUBJECT_LENGTH = 250;
export const MAX_MANIFEST_ROWS = 10_000;

export const BULK_ZIP_LIMITS: BulkZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxPdfBytes: MAX_PDF_BYTES,
  maxManifestBytes: 5 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

/** Bytes as whole megabytes for a message parameter (20971520 → 20). */
export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
