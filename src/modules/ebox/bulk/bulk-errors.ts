/**
 * What is wrong with a bulk upload, as data rather than prose: the back office translates each code (with its
 * params) into the user's language, and the same list can be shown on the page or written to a report. Every
 * problem found is reported, not only the first, so a 565-row upload is corrected in one round.
 */
export type BulkErrorCode =
  // the ZIP as a whole (row null)
  | 'zip_not_zip'
  | 'zip_damaged'
  | 'zip_too_many_entries'
  | 'zip_too_large'
  | 'zip_ratio'
  | 'zip_encrypted'
  | 'zip_compression'
  | 'zip_symlink'
  | 'zip_directory'
  | 'name_duplicate'
  | 'file_not_pdf'
  | 'path_in_name'
  | 'name_invalid'
  | 'file_extra'
  // the manifest as a whole (row null)
  | 'manifest_missing'
  | 'manifest_too_large'
  | 'manifest_not_utf8'
  | 'manifest_unparseable'
  | 'manifest_empty'
  | 'manifest_no_rows'
  | 'manifest_too_many_rows'
  | 'header_column_missing'
  | 'header_column_unknown'
  | 'header_column_duplicate'
  // one data row
  | 'row_columns'
  | 'reference_required'
  | 'reference_invalid'
  | 'reference_duplicate'
  | 'kbo_required'
  | 'kbo_invalid'
  | 'kbo_leading_zero'
  | 'recipient_unknown'
  | 'recipient_merged'
  | 'type_required'
  | 'type_unknown'
  | 'legislation_required'
  | 'legislation_unknown'
  | 'legislation_not_for_type'
  | 'period_invalid'
  | 'subject_required'
  | 'subject_too_long'
  | 'subject_invalid'
  | 'main_file_required'
  | 'too_many_files'
  | 'file_missing'
  | 'file_reused'
  | 'file_too_large'
  | 'pdf_refused';

export interface BulkError {
  /** 1-based data row of the manifest (the header is not counted: row 1 is spreadsheet line 2); null for the whole upload */
  row: number | null;
  /** the row's `row_reference` as written, when it has one */
  reference?: string;
  /** the manifest column concerned (`recipient_kbo`, `main_file`, …) */
  field?: string;
  code: BulkErrorCode;
  params?: Record<string, string | number>;
}

/** An error about the upload as a whole (not one row). */
export function uploadError(code: BulkErrorCode, params?: Record<string, string | number>): BulkError {
  return params ? { row: null, code, params } : { row: null, code };
}

/** Errors in the order a reader corrects them: the upload as a whole first, then row by row (stable within a row). */
export function sortErrors(errors: BulkError[]): BulkError[] {
  return errors
    .map((error, index) => ({ error, index }))
    .sort((a, b) => (a.error.row ?? 0) - (b.error.row ?? 0) || a.index - b.index)
    .map(({ error }) => error);
}
