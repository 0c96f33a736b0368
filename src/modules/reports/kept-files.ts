/**
 * How much of the uploaded workbooks is kept, and how fast one may upload (issue 11 item 3; ADR "Retention of
 * kept files"). Change the numbers here; the rules themselves are in kept-files.repository.ts and the migration
 * 0008 (pins and guards in the database).
 */
export interface KeptFilesPolicy {
  latestPerOpenForm: number;
  quotaBytesPerOcmw: number;
  uploadsPerWindow: number;
  windowMs: number;
}

/** Read at every upload (tests lower the quota for a while; nothing else writes it). */
export const KEPT_FILES: KeptFilesPolicy = {
  /** uploads of a form not yet submitted kept besides the pinned and current ones (the latest few) */
  latestPerOpenForm: 5,
  /** bytes of kept workbooks one OCMW may hold (each distinct file counted once) */
  quotaBytesPerOcmw: 200 * 1024 * 1024,
  /** workbook uploads one person may make per window, whatever the outcome */
  uploadsPerWindow: 10,
  /** the rate-limit window */
  windowMs: 10 * 60 * 1000,
};

/** The OCMW's kept workbooks would exceed its quota even after pruning: the upload is refused and undone. */
export class KeptFilesQuotaExceeded extends Error {
  constructor(
    readonly usedBytes: number,
    readonly quotaBytes: number,
  ) {
    super('kept files quota exceeded');
  }
}
