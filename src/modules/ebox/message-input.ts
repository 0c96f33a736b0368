import { MAX_PDF_BYTES, type PdfRefusal, checkPdf } from './files/pdf-check.ts';
import { MAX_FILES_PER_MESSAGE, PERIOD } from './message-types.ts';

/**
 * A message's metadata and files as a publisher gives them (the back office's form, the API's JSON part), checked
 * the same way everywhere (portal.md §4.3, EBX-1, EBX-2): every problem found, each with its field and a code the
 * caller says in words (`ebox.input.<code>`) or as a problem+json.
 */
export interface MessageInput {
  messageType: string;
  legislation: string;
  period: string | null;
  subjects: { nl: string; fr: string; de: string | null };
  files: Array<{ name: string; bytes: Buffer; isMain: boolean }>;
}

export type MessageInputCode =
  | 'type_unknown'
  | 'legislation_not_for_type'
  | 'period_invalid'
  | 'subject_required'
  | 'subject_too_long'
  | 'files_none'
  | 'files_too_many'
  | 'main_file_one'
  | 'file_name_invalid'
  | 'file_too_large'
  | 'pdf_refused';

export interface MessageInputError {
  field: string;
  code: MessageInputCode;
  params?: Record<string, string | number>;
}

export const MAX_SUBJECT_LENGTH = 250;

/** Checks the metadata against the types of POD MI (code → legislations) and every file by its content. */
export async function checkMessageInput(
  input: MessageInput,
  types: ReadonlyArray<{ code: string; legislations: readonly string[] }>,
): Promise<MessageInputError[]> {
  const errors: MessageInputError[] = [];
  const type = types.find((t) => t.code === input.messageType);
  if (!type) errors.push({ field: 'messageType', code: 'type_unknown', params: { value: input.messageType.slice(0, 60) } });
  else if (!type.legislations.includes(input.legislation))
    errors.push({
      field: 'legislation',
      code: 'legislation_not_for_type',
      params: { legislation: input.legislation.slice(0, 20), allowed: type.legislations.join(', ') },
    });
  if (input.period !== null && !PERIOD.test(input.period))
    errors.push({ field: 'period', code: 'period_invalid', params: { value: input.period.slice(0, 20) } });
  for (const language of ['nl', 'fr', 'de'] as const) {
    const subject = input.subjects[language];
    if (subject === null || subject === '') {
      if (language !== 'de') errors.push({ field: `subject_${language}`, code: 'subject_required', params: { language } });
    } else if (subject.length > MAX_SUBJECT_LENGTH) {
      errors.push({ field: `subject_${language}`, code: 'subject_too_long', params: { language, max: MAX_SUBJECT_LENGTH, length: subject.length } });
    }
  }
  if (input.files.length === 0) errors.push({ field: 'files', code: 'files_none' });
  if (input.files.length > MAX_FILES_PER_MESSAGE)
    errors.push({ field: 'files', code: 'files_too_many', params: { count: input.files.length, max: MAX_FILES_PER_MESSAGE } });
  if (input.files.length > 0 && input.files.filter((f) => f.isMain).length !== 1) errors.push({ field: 'files', code: 'main_file_one' });
  for (const [index, file] of input.files.entries()) {
    const field = `file${index + 1}`;
    if (file.name === '' || /[\\/]/.test(file.name) || file.name.length > 255) {
      errors.push({ field, code: 'file_name_invalid', params: { name: file.name.slice(0, 80) } });
      continue;
    }
    if (file.bytes.length > MAX_PDF_BYTES) {
      errors.push({ field, code: 'file_too_large', params: { name: file.name, megabytes: MAX_PDF_BYTES / 1024 / 1024 } });
      continue;
    }
    const checked = await checkPdf(file.bytes);
    if (!checked.ok) errors.push({ field, code: 'pdf_refused', params: { name: file.name, reason: checked.reason satisfies PdfRefusal } });
  }
  return errors;
}

/** The texts of the reasons a PDF is refused (`ebox.pdf.<reason>`), literal for the i18n check. */
export const PDF_REFUSAL_KEYS: Record<PdfRefusal, string> = {
  not_pdf: 'ebox.pdf.not_pdf',
  too_large: 'ebox.pdf.too_large',
  damaged: 'ebox.pdf.damaged',
  encrypted: 'ebox.pdf.encrypted',
  javascript: 'ebox.pdf.javascript',
  embedded_files: 'ebox.pdf.embedded_files',
  launch_action: 'ebox.pdf.launch_action',
};

/** The texts of the input errors (`ebox.input.<code>`), literal for the i18n check. */
export const INPUT_ERROR_KEYS: Record<MessageInputCode, string> = {
  type_unknown: 'ebox.input.type_unknown',
  legislation_not_for_type: 'ebox.input.legislation_not_for_type',
  period_invalid: 'ebox.input.period_invalid',
  subject_required: 'ebox.input.subject_required',
  subject_too_long: 'ebox.input.subject_too_long',
  files_none: 'ebox.input.files_none',
  files_too_many: 'ebox.input.files_too_many',
  main_file_one: 'ebox.input.main_file_one',
  file_name_invalid: 'ebox.input.file_name_invalid',
  file_too_large: 'ebox.input.file_too_large',
  pdf_refused: 'ebox.input.pdf_refused',
};
