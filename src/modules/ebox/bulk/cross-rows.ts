import type { BulkError } from './bulk-errors.ts';
import { megabytes } from './bulk-limits.ts';
import type { BulkZipFile } from './bulk-zip.ts';
import { isPdfName, nameKey, nameProblem } from './file-names.ts';
import type { CheckedRow } from './manifest-row.ts';

/** A file of a planned message, spelled as in the ZIP (the manifest may differ in case). */
export interface PlannedFile {
  name: string;
  size: number;
  isMain: boolean;
}

function rowError(checked: CheckedRow, field: string, code: BulkError['code'], params: Record<string, string | number>): BulkError {
  const error: BulkError = { row: checked.row, field, code, params };
  if (checked.errors.every((e) => e.code !== 'reference_required' && e.code !== 'reference_invalid')) error.reference = checked.fields.reference;
  return error;
}

/** A row reference is the row's idempotency key (`batchId:rowReference`, portal.md §4.4): unique in a manifest. */
export function referenceErrors(rows: CheckedRow[]): BulkError[] {
  const first = new Map<string, number>();
  const errors: BulkError[] = [];
  for (const checked of rows) {
    const reference = checked.fields.reference;
    if (reference === '') continue;
    const earlier = first.get(reference);
    if (earlier === undefined) first.set(reference, checked.row);
    else errors.push(rowError(checked, 'row_reference', 'reference_duplicate', { value: reference, firstRow: earlier }));
  }
  return errors;
}

export interface FileUse {
  errors: BulkError[];
  /** per row number, those of its files found in the ZIP, named first by it and within the limit (to read and check) */
  filesOf: Map<number, PlannedFile[]>;
}

interface ZipListing {
  files: BulkZipFile[];
  refusedNames: string[];
}

/**
 * Matches the manifest's file names with the ZIP. Each PDF belongs to exactly one message: a file named twice —
 * by two rows, or twice in one row — is refused (`file_reused`). In the monthly run every document is addressed
 * to one OCMW; the same file under two rows is a copy-and-paste slip that would show one OCMW's statement to
 * another. A circular for every OCMW is one PDF per row (ZIP names differ). Every PDF of the ZIP must be named
 * (`file_extra` otherwise): a left-over file is as likely a forgotten row as a stray.
 */
export function fileUse(rows: CheckedRow[], zip: ZipListing, unreadableCells: string[], maxPdfBytes: number): FileUse {
  const inZip = new Map(zip.files.map((file) => [nameKey(file.name), file]));
  const refused = new Set(zip.refusedNames.map(nameKey));
  const usedBy = new Map<string, number>();
  const errors: BulkError[] = [];
  const filesOf = new Map<number, PlannedFile[]>();
  for (const checked of rows) {
    const named = [
      { name: checked.fields.mainFile, isMain: true, field: 'main_file' },
      ...checked.fields.attachments.map((name) => ({ name, isMain: false, field: 'attachments' })),
    ].filter(({ name }) => name !== '' && nameProblem(name) === null && isPdfName(name));
    const found: PlannedFile[] = [];
    for (const { name, isMain, field } of named) {
      const key = nameKey(name);
      const file = inZip.get(key);
      const earlier = usedBy.get(key);
      if (!file) {
        if (!refused.has(key)) errors.push(rowError(checked, field, 'file_missing', { name }));
      } else if (earlier !== undefined) {
        errors.push(rowError(checked, field, 'file_reused', { name, firstRow: earlier }));
      } else {
        usedBy.set(key, checked.row);
        if (file.size > maxPdfBytes) errors.push(rowError(checked, field, 'file_too_large', { name: file.name, megabytes: megabytes(maxPdfBytes) }));
        else found.push({ name: file.name, size: file.size, isMain });
      }
    }
    filesOf.set(checked.row, found);
  }
  const mentioned = new Set(unreadableCells.flatMap((cell) => cell.split('|')).map((name) => nameKey(name.trim())));
  for (const file of zip.files) {
    const key = nameKey(file.name);
    if (!usedBy.has(key) && !mentioned.has(key)) errors.push({ row: null, code: 'file_extra', params: { name: file.name } });
  }
  return { errors, filesOf };
}
