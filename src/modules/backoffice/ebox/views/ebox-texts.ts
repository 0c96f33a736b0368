import type { T } from '../../../../i18n/i18n.ts';
import type { BulkError, BulkErrorCode } from '../../../ebox/bulk/bulk-errors.ts';
import { INPUT_ERROR_KEYS, PDF_REFUSAL_KEYS } from '../../../ebox/message-input.ts';
import type { SingleProblem } from '../ebox-publication.model.ts';

/** The texts of a bulk upload's problems (`bo.ebox.bulk.error.<code>`), literal for the i18n check. */
const BULK_KEYS: Record<BulkErrorCode, string> = {
  zip_not_zip: 'bo.ebox.bulk.error.zip_not_zip',
  zip_damaged: 'bo.ebox.bulk.error.zip_damaged',
  zip_too_many_entries: 'bo.ebox.bulk.error.zip_too_many_entries',
  zip_too_large: 'bo.ebox.bulk.error.zip_too_large',
  zip_ratio: 'bo.ebox.bulk.error.zip_ratio',
  zip_encrypted: 'bo.ebox.bulk.error.zip_encrypted',
  zip_compression: 'bo.ebox.bulk.error.zip_compression',
  zip_symlink: 'bo.ebox.bulk.error.zip_symlink',
  zip_directory: 'bo.ebox.bulk.error.zip_directory',
  name_duplicate: 'bo.ebox.bulk.error.name_duplicate',
  file_not_pdf: 'bo.ebox.bulk.error.file_not_pdf',
  path_in_name: 'bo.ebox.bulk.error.path_in_name',
  name_invalid: 'bo.ebox.bulk.error.name_invalid',
  file_extra: 'bo.ebox.bulk.error.file_extra',
  manifest_missing: 'bo.ebox.bulk.error.manifest_missing',
  manifest_too_large: 'bo.ebox.bulk.error.manifest_too_large',
  manifest_not_utf8: 'bo.ebox.bulk.error.manifest_not_utf8',
  manifest_unparseable: 'bo.ebox.bulk.error.manifest_unparseable',
  manifest_empty: 'bo.ebox.bulk.error.manifest_empty',
  manifest_no_rows: 'bo.ebox.bulk.error.manifest_no_rows',
  manifest_too_many_rows: 'bo.ebox.bulk.error.manifest_too_many_rows',
  header_column_missing: 'bo.ebox.bulk.error.header_column_missing',
  header_column_unknown: 'bo.ebox.bulk.error.header_column_unknown',
  header_column_duplicate: 'bo.ebox.bulk.error.header_column_duplicate',
  row_columns: 'bo.ebox.bulk.error.row_columns',
  reference_required: 'bo.ebox.bulk.error.reference_required',
  reference_invalid: 'bo.ebox.bulk.error.reference_invalid',
  reference_duplicate: 'bo.ebox.bulk.error.reference_duplicate',
  kbo_required: 'bo.ebox.bulk.error.kbo_required',
  kbo_invalid: 'bo.ebox.bulk.error.kbo_invalid',
  kbo_leading_zero: 'bo.ebox.bulk.error.kbo_leading_zero',
  recipient_unknown: 'bo.ebox.bulk.error.recipient_unknown',
  recipient_merged: 'bo.ebox.bulk.error.recipient_merged',
  type_required: 'bo.ebox.bulk.error.type_required',
  type_unknown: 'bo.ebox.bulk.error.type_unknown',
  legislation_required: 'bo.ebox.bulk.error.legislation_required',
  legislation_unknown: 'bo.ebox.bulk.error.legislation_unknown',
  legislation_not_for_type: 'bo.ebox.bulk.error.legislation_not_for_type',
  period_invalid: 'bo.ebox.bulk.error.period_invalid',
  subject_required: 'bo.ebox.bulk.error.subject_required',
  subject_too_long: 'bo.ebox.bulk.error.subject_too_long',
  subject_invalid: 'bo.ebox.bulk.error.subject_invalid',
  main_file_required: 'bo.ebox.bulk.error.main_file_required',
  too_many_files: 'bo.ebox.bulk.error.too_many_files',
  file_missing: 'bo.ebox.bulk.error.file_missing',
  file_reused: 'bo.ebox.bulk.error.file_reused',
  file_too_large: 'bo.ebox.bulk.error.file_too_large',
  pdf_refused: 'bo.ebox.bulk.error.pdf_refused',
};

/** A PDF refusal's reason in words (the code when unknown). */
function reasonText(t: T, reason: unknown): string {
  const key = PDF_REFUSAL_KEYS[String(reason) as keyof typeof PDF_REFUSAL_KEYS];
  return key ? t(key) : String(reason);
}

/** One problem of a bulk upload in the reader's language. */
export function bulkErrorText(t: T, e: BulkError): string {
  const params = { ...e.params, ...(e.params?.reason !== undefined ? { reason: reasonText(t, e.params.reason) } : {}) };
  const text = t(BULK_KEYS[e.code] ?? 'bo.ebox.bulk.error.zip_damaged', params);
  // a merged recipient: its successor, when it has one, is who should receive the document
  if (e.code === 'recipient_merged' && e.params?.successorKbo)
    return `${text} ${t('bo.ebox.bulk.successor', { name: e.params.successorName ?? '', kbo: e.params.successorKbo })}`;
  return text;
}

/** One problem of the single publication's form in the reader's language. */
export function singleProblemText(t: T, p: SingleProblem): string {
  if (p.code === 'recipient') {
    const f = p.found;
    if (f.kind === 'required') return t('bo.ebox.single.recipient_required');
    if (f.kind === 'unknown') return t('bo.ebox.single.recipient_unknown');
    if (f.kind === 'merged')
      return f.successorKbo
        ? t('bo.ebox.single.recipient_merged_to', { name: f.successorName ?? '', kbo: f.successorKbo })
        : t('bo.ebox.single.recipient_merged');
    if (f.kind === 'several') return t('bo.ebox.single.recipient_several', { names: f.candidates.map((c) => `${c.name} (${c.kbo})`).join(', ') });
    return '';
  }
  const params = { ...p.params, ...(p.params?.reason !== undefined ? { reason: reasonText(t, p.params.reason) } : {}) };
  return t(INPUT_ERROR_KEYS[p.code], params);
}
