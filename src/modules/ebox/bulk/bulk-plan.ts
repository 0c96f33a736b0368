import { type BulkError, sortErrors, uploadError } from './bulk-errors.ts';
import { MAX_PDF_BYTES } from './bulk-limits.ts';
import type { BulkZip } from './bulk-zip.ts';
import { fileUse, type PlannedFile, referenceErrors } from './cross-rows.ts';
import { BulkReadError } from './entry-reader.ts';
import { isManifestName } from './file-names.ts';
import { type CheckedRow, checkRow, type MessageTypeRule, type Subjects } from './manifest-row.ts';
import { parseManifest } from './manifest.ts';

/** Who a KBO number is in the registry. A DISAPPEARING OCMW is `ok`: POD MI keeps publishing there (§4.9). */
export type RecipientResult =
  | { kind: 'ok'; organisationId: string; name: string }
  | { kind: 'unknown' }
  | { kind: 'merged'; successorName?: string; successorKbo?: string };

export type RecipientLookup = (kbo: string) => RecipientResult | Promise<RecipientResult>;

/** The PDF content check (pdf-check.ts), injected: this part of the bulk has no dependency on how PDFs are judged. */
export type CheckPdf = (bytes: Buffer) => Promise<{ ok: true } | { ok: false; reason: string }>;

export interface BulkDeps {
  types: MessageTypeRule[];
  /** called once per distinct valid KBO of the manifest */
  lookup: RecipientLookup;
  checkPdf: CheckPdf;
  maxPdfBytes?: number;
}

/** One message to publish; its files' bytes are read again from the ZIP at publication, one at a time. */
export interface PlannedMessage {
  rowNumber: number;
  reference: string;
  /** 10 digits */
  recipientKbo: string;
  recipientName: string;
  organisationId: string;
  messageType: string;
  legislation: string;
  period: string | null;
  subjects: Subjects;
  /** the main file first */
  files: PlannedFile[];
}

export type BulkValidation = { ok: true; messages: PlannedMessage[] } | { ok: false; errors: BulkError[] };

function rowError(checked: CheckedRow, code: BulkError['code'], field: string, params?: Record<string, string | number>): BulkError {
  const error: BulkError = { row: checked.row, field, code, ...(params ? { params } : {}) };
  if (checked.errors.every((e) => e.code !== 'reference_required' && e.code !== 'reference_invalid')) error.reference = checked.fields.reference;
  return error;
}

/** Recipients of the rows whose KBO is well-formed; each distinct KBO looked up once. */
async function recipients(rows: CheckedRow[], lookup: RecipientLookup, errors: BulkError[]): Promise<Map<number, RecipientResult & { kind: 'ok' }>> {
  const cache = new Map<string, RecipientResult>();
  const found = new Map<number, RecipientResult & { kind: 'ok' }>();
  for (const checked of rows) {
    if (checked.errors.some((e) => e.field === 'recipient_kbo')) continue;
    const kbo = checked.fields.kbo;
    let result = cache.get(kbo);
    if (!result) {
      result = await lookup(kbo);
      cache.set(kbo, result);
    }
    if (result.kind === 'ok') found.set(checked.row, result);
    else if (result.kind === 'unknown') errors.push(rowError(checked, 'recipient_unknown', 'recipient_kbo', { kbo }));
    else {
      const params: Record<string, string> = { kbo };
      if (result.successorName) params.successorName = result.successorName;
      if (result.successorKbo) params.successorKbo = result.successorKbo;
      errors.push(rowError(checked, 'recipient_merged', 'recipient_kbo', params));
    }
  }
  return found;
}

/** Reads and checks every named PDF by content, one at a time (each is held in memory only while checked). */
async function pdfErrors(zip: BulkZip, rows: CheckedRow[], filesOf: Map<number, PlannedFile[]>, checkPdf: CheckPdf): Promise<BulkError[]> {
  const errors: BulkError[] = [];
  for (const checked of rows) {
    for (const file of filesOf.get(checked.row) ?? []) {
      const field = file.isMain ? 'main_file' : 'attachments';
      let bytes: Buffer;
      try {
        bytes = await zip.readFile(file.name);
      } catch (error) {
        if (!(error instanceof BulkReadError)) throw error;
        errors.push(rowError(checked, error.error.code, field, { name: file.name, ...error.error.params }));
        continue;
      }
      const verdict = await checkPdf(bytes);
      if (!verdict.ok) errors.push(rowError(checked, 'pdf_refused', field, { name: file.name, reason: verdict.reason }));
    }
  }
  return errors;
}

function plan(rows: CheckedRow[], found: Map<number, RecipientResult & { kind: 'ok' }>, filesOf: Map<number, PlannedFile[]>): PlannedMessage[] {
  return rows.map((checked) => {
    const recipient = found.get(checked.row)!;
    const { fields } = checked;
    return {
      rowNumber: checked.row,
      reference: fields.reference,
      recipientKbo: fields.kbo,
      recipientName: recipient.name,
      organisationId: recipient.organisationId,
      messageType: fields.messageType,
      legislation: fields.legislation,
      period: fields.period,
      subjects: fields.subjects,
      files: filesOf.get(checked.row) ?? [],
    };
  });
}

/**
 * Validates a whole bulk upload before anything is published: the ZIP's entries, the manifest, each row's values,
 * the references, the recipients, the files named and present, and every PDF by content. All problems are
 * returned at once, sorted (the upload first, then by row); one problem anywhere refuses the whole upload, so
 * nothing is ever half-published. On success, one planned message per row, in manifest order.
 */
export async function validateBulk(zip: BulkZip, deps: BulkDeps): Promise<BulkValidation> {
  const errors: BulkError[] = [...zip.problems];
  if (!zip.manifest) {
    if (!zip.refusedNames.some(isManifestName)) errors.push(uploadError('manifest_missing'));
    return { ok: false, errors: sortErrors(errors) };
  }
  const manifest = parseManifest(zip.manifest);
  if (!manifest.ok) return { ok: false, errors: sortErrors([...errors, ...manifest.errors]) };
  errors.push(...manifest.errors);
  const rows = manifest.rows.map((row) => checkRow(row, deps.types));
  for (const checked of rows) errors.push(...checked.errors);
  errors.push(...referenceErrors(rows));
  const found = await recipients(rows, deps.lookup, errors);
  const { errors: fileErrors, filesOf } = fileUse(rows, zip, manifest.unreadableCells, deps.maxPdfBytes ?? MAX_PDF_BYTES);
  errors.push(...fileErrors);
  errors.push(...(await pdfErrors(zip, rows, filesOf, deps.checkPdf)));
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, messages: plan(rows, found, filesOf) };
}
