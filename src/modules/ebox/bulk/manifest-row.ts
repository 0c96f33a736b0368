import { formatKbo, isValidKbo } from '../../shared/identifiers.ts';
import type { BulkError, BulkErrorCode } from './bulk-errors.ts';
import { MAX_FILES_PER_MESSAGE, MAX_SUBJECT_LENGTH } from './bulk-limits.ts';
import { isPdfName, nameProblem } from './file-names.ts';
import type { ManifestColumn, ManifestRow } from './manifest.ts';

/** A document type POD MI may publish and the legislations it may be published under (portal.md §4.2). */
export interface MessageTypeRule {
  code: string;
  legislations: string[];
}

export interface Subjects {
  nl: string;
  fr: string;
  de?: string;
}

/** A row's values, normalised (KBO as 10 digits, type and legislation as their codes); meaningful when `valid`. */
export interface RowFields {
  reference: string;
  kbo: string;
  messageType: string;
  legislation: string;
  period: string | null;
  subjects: Subjects;
  mainFile: string;
  attachments: string[];
}

export interface CheckedRow {
  row: number;
  fields: RowFields;
  /** no error on the row's own values (other rows, the recipient and the files are checked elsewhere) */
  valid: boolean;
  errors: BulkError[];
}

const REFERENCE = /^[A-Za-z0-9._:-]{1,100}$/;
/** a report year, or a month: `2026`, `2026-03` */
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

type Report = (field: ManifestColumn, code: BulkErrorCode, params?: Record<string, string | number>) => void;

function checkKbo(raw: string, report: Report): string {
  if (raw === '') report('recipient_kbo', 'kbo_required');
  else if (/^\d{9}$/.test(raw) && isValidKbo(`0${raw}`)) {
    // a spreadsheet read the number as a number and dropped its leading zero: say so rather than guess
    report('recipient_kbo', 'kbo_leading_zero', { value: raw, suggestion: formatKbo(`0${raw}`) });
  } else if (!isValidKbo(raw)) report('recipient_kbo', 'kbo_invalid', { value: raw });
  return raw.replace(/\./g, '');
}

function checkType(raw: string, types: MessageTypeRule[], report: Report): MessageTypeRule | null {
  if (raw === '') {
    report('message_type', 'type_required');
    return null;
  }
  const type = types.find((t) => t.code.toUpperCase() === raw.toUpperCase()) ?? null;
  if (!type) report('message_type', 'type_unknown', { value: raw });
  return type;
}

function checkLegislation(raw: string, type: MessageTypeRule | null, types: MessageTypeRule[], report: Report): string {
  if (raw === '') {
    report('legislation', 'legislation_required');
    return raw;
  }
  const known = [...new Set(types.flatMap((t) => t.legislations))].find((l) => l.toUpperCase() === raw.toUpperCase());
  if (known === undefined) report('legislation', 'legislation_unknown', { value: raw });
  else if (type && !type.legislations.includes(known)) {
    report('legislation', 'legislation_not_for_type', { legislation: known, type: type.code, allowed: type.legislations.join(', ') });
  }
  return known ?? raw;
}

function checkSubject(raw: string, language: 'nl' | 'fr' | 'de', report: Report): void {
  const field = `subject_${language}` as ManifestColumn;
  if (raw === '' && language !== 'de') report(field, 'subject_required', { language });
  else if (raw.length > MAX_SUBJECT_LENGTH) report(field, 'subject_too_long', { language, max: MAX_SUBJECT_LENGTH, length: raw.length });
  else if (CONTROL.test(raw)) report(field, 'subject_invalid', { language });
}

/** File names of a row: the main file, then the attachments (`|`-separated; empty pieces ignored). */
function checkFiles(mainFile: string, attachments: string[], report: Report): void {
  if (mainFile === '') report('main_file', 'main_file_required');
  const count = (mainFile === '' ? 0 : 1) + attachments.length;
  if (count > MAX_FILES_PER_MESSAGE) report('attachments', 'too_many_files', { count, max: MAX_FILES_PER_MESSAGE });
  const named: Array<[ManifestColumn, string]> = [...(mainFile === '' ? [] : [['main_file', mainFile] as [ManifestColumn, string]])];
  for (const name of attachments) named.push(['attachments', name]);
  for (const [field, name] of named) {
    const problem = nameProblem(name);
    if (problem) report(field, problem === 'path' ? 'path_in_name' : 'name_invalid', { name });
    else if (!isPdfName(name)) report(field, 'file_not_pdf', { name });
  }
}

/** Judges the values of one row on their own (format, allowed codes, lengths); cross-row checks are in cross-rows.ts. */
export function checkRow({ row, cells }: ManifestRow, types: MessageTypeRule[]): CheckedRow {
  const errors: BulkError[] = [];
  const reference = cells.row_reference;
  const report: Report = (field, code, params) => {
    const error: BulkError = { row, field, code };
    if (REFERENCE.test(reference)) error.reference = reference;
    if (params) error.params = params;
    errors.push(error);
  };
  if (reference === '') report('row_reference', 'reference_required');
  else if (!REFERENCE.test(reference)) report('row_reference', 'reference_invalid', { value: reference.slice(0, 100) });
  const kbo = checkKbo(cells.recipient_kbo, report);
  const type = checkType(cells.message_type, types, report);
  const legislation = checkLegislation(cells.legislation, type, types, report);
  if (cells.period !== '' && !PERIOD.test(cells.period)) report('period', 'period_invalid', { value: cells.period });
  checkSubject(cells.subject_nl, 'nl', report);
  checkSubject(cells.subject_fr, 'fr', report);
  checkSubject(cells.subject_de, 'de', report);
  const attachments = cells.attachments
    .split('|')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  checkFiles(cells.main_file, attachments, report);
  const subjects: Subjects = { nl: cells.subject_nl, fr: cells.subject_fr, ...(cells.subject_de === '' ? {} : { de: cells.subject_de }) };
  return {
    row,
    fields: {
      reference,
      kbo,
      messageType: type?.code ?? cells.message_type,
      legislation,
      period: cells.period === '' ? null : cells.period,
      subjects,
      mainFile: cells.main_file,
      attachments,
    },
    valid: errors.length === 0,
    errors,
  };
}
