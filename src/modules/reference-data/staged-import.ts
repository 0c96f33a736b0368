import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../access/service-context.ts';
import { type Tx, withTransaction } from '../../db/database.ts';
import type { DB, ReferenceImportProblem, StagedImportsTable } from '../../db/types.ts';
import { NotFound } from '../shared/errors.ts';
import type { StagedImportFacts, StagedImportSummary, UploadError } from './reference-data.model.ts';
import { readSheetTable } from './read-table.ts';
import { MAX_LINES, type SheetRow, type TableRefusal } from './sheet.ts';
import { type StagedImportTable, lockStagedImport, markStagedImport } from './staged-import.repository.ts';

/**
 * The steps every staged import takes (ADR 0015), whatever its lines mean: reference values and POD MI's HTB lists.
 * A file is read by the guarded reader (ADR 0023) or refused with a message; what is read is staged with its
 * report; a staged import is committed (only without problems) or discarded, each under the import's lock.
 */

const REFUSAL_KEYS: Record<TableRefusal, string> = {
  macro: 'refdata.error.macro',
  not_supported: 'refdata.error.not_supported',
  not_utf8: 'refdata.error.not_utf8',
  unreadable: 'refdata.error.unreadable',
  csv_syntax: 'refdata.error.csv_syntax',
  too_many_lines: 'refdata.error.too_many_lines',
  external_link: 'refdata.error.external_link',
  embedded_object: 'refdata.error.embedded_object',
  activex: 'refdata.error.activex',
  too_large_unpacked: 'refdata.error.too_large_unpacked',
  suspicious_zip: 'refdata.error.suspicious_zip',
  too_much_data: 'refdata.error.too_much_data',
};

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** The file's cells, or why it cannot be read at all (then it is not staged). */
export async function readUploadedTable(file: UploadedFile): Promise<{ ok: true; rows: SheetRow[] } | { ok: false; error: UploadError }> {
  const table = await readSheetTable(file.name, file.bytes);
  if (table.ok) return { ok: true, rows: table.rows };
  return { ok: false, error: { key: REFUSAL_KEYS[table.refusal], params: { line: table.line ?? '?', max: MAX_LINES, ...table.params } } };
}

/** What is kept of the uploaded file itself: its name, its SHA-256 and its size. */
export function fileFacts(file: UploadedFile) {
  return { fileName: file.name, fileSha256: createHash('sha256').update(file.bytes).digest('hex'), fileSize: file.bytes.length };
}

type SummaryRow = Pick<Selectable<StagedImportsTable<unknown>>, 'id' | 'file_name' | 'uploaded_at' | 'state' | 'row_count'> & {
  uploaded_by_name: string | null;
  problem_count: number | string;
};

/** An import of a history list. */
export function stagedImportSummary(row: SummaryRow): StagedImportSummary {
  return {
    id: row.id,
    fileName: row.file_name,
    uploadedAt: new Date(row.uploaded_at),
    uploadedBy: row.uploaded_by_name ?? '',
    state: row.state,
    rowCount: row.row_count,
    problemCount: Number(row.problem_count),
  };
}

type FoundRow = Omit<Selectable<StagedImportsTable<unknown>>, 'rows'> & {
  uploaded_by_name: string | null;
  committed_by_name: string | null;
  discarded_by_name: string | null;
};

/** What an import's page shows of any import (findStagedImport's row). */
export function stagedImportFacts(row: FoundRow): StagedImportFacts {
  return {
    id: row.id,
    fileName: row.file_name,
    fileSize: row.file_size,
    fileSha256: row.file_sha256,
    uploadedAt: new Date(row.uploaded_at),
    uploadedBy: row.uploaded_by_name ?? '',
    state: row.state,
    rowCount: row.row_count,
    committedAt: row.committed_at ? new Date(row.committed_at) : null,
    committedBy: row.committed_by_name,
    discardedAt: row.discarded_at ? new Date(row.discarded_at) : null,
    discardedBy: row.discarded_by_name,
    problems: row.problems as ReferenceImportProblem[],
  };
}

/**
 * The import locked for its commit (a double click commits once: the second waits, then finds it committed), or
 * why it cannot be committed: no longer staged, or its report has problems.
 */
export async function lockForCommit<T extends StagedImportTable>(
  tx: Tx,
  table: T,
  importId: string,
): Promise<Selectable<DB[T]> | 'not_staged' | 'has_problems'> {
  const staged = await lockStagedImport(tx, table, importId);
  if (!staged) throw new NotFound();
  const { state, problems } = staged as Selectable<StagedImportsTable<unknown>>;
  if (state !== 'STAGED') return 'not_staged';
  if ((problems as ReferenceImportProblem[]).length > 0) return 'has_problems';
  return staged;
}

/** Discards a staged import: nothing is loaded; it stays in the history. */
export async function discardStagedImport(ctx: ServiceContext, table: StagedImportTable, importId: string): Promise<'discarded' | 'not_staged'> {
  return withTransaction(ctx.db, async (tx) => {
    const staged = await lockStagedImport(tx, table, importId);
    if (!staged) throw new NotFound();
    if (staged.state !== 'STAGED') return 'not_staged';
    await markStagedImport(tx, table, staged.id, 'DISCARDED', ctx.actor.personId, ctx.now);
    return 'discarded';
  });
}
