import { type Selectable, sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { DB, ReferenceImportProblem } from '../../db/types.ts';

/**
 * The queries every staged import shares (ADR 0015): reference values (reference_imports, migration 0003) and
 * POD MI's HTB lists (htb_imports, migration 0012) have the same columns but for their own (StagedImportsTable).
 */
export type StagedImportTable = 'reference_imports' | 'htb_imports';

/** A person's full name or null: who uploaded (`u`), committed (`c`) or discarded (`d`) an import. */
export const personName = (alias: 'u' | 'c' | 'd') =>
  sql<string | null>`nullif(trim(concat(${sql.ref(`${alias}.first_name`)}, ' ', ${sql.ref(`${alias}.last_name`)})), '')`;

/** How many problems an import's report has (the history lists, which leave the rows out). */
export const problemCount = (alias: string) => sql<number>`jsonb_array_length(${sql.ref(`${alias}.problems`)})`;

export interface NewStagedImport<Row> {
  id: string;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  uploadedBy: string;
  uploadedAt: Date;
  rowCount: number;
  rows: Row[];
  problems: ReferenceImportProblem[];
}

/** The columns of a new import, STAGED (each table adds its own). */
export function stagedImportValues<Row>(row: NewStagedImport<Row>) {
  return {
    id: row.id,
    file_name: row.fileName,
    file_sha256: row.fileSha256,
    file_size: row.fileSize,
    uploaded_by: row.uploadedBy,
    uploaded_at: row.uploadedAt,
    state: 'STAGED' as const,
    row_count: row.rowCount,
    rows: JSON.stringify(row.rows),
    problems: JSON.stringify(row.problems),
  };
}

type Found<T extends StagedImportTable> = Selectable<DB[T]> & {
  uploaded_by_name: string | null;
  committed_by_name: string | null;
  discarded_by_name: string | null;
};

/** One import with everything its page shows; the names of who uploaded, committed or discarded it. */
export async function findStagedImport<T extends StagedImportTable>(db: Db, table: T, importId: string): Promise<Found<T> | undefined> {
  // The columns read are those of StagedImportsTable, the same in both tables: one table's types stand for both.
  const from = `${table} as si` as 'reference_imports as si';
  const row = await db
    .selectFrom(from)
    .innerJoin('persons as u', 'u.id', 'si.uploaded_by')
    .leftJoin('persons as c', 'c.id', 'si.committed_by')
    .leftJoin('persons as d', 'd.id', 'si.discarded_by')
    .selectAll('si')
    .select([personName('u').as('uploaded_by_name'), personName('c').as('committed_by_name'), personName('d').as('discarded_by_name')])
    .where('si.id', '=', importId)
    .executeTakeFirst();
  return row as Found<T> | undefined;
}

/** Locks the import for the rest of the transaction: a second commit or discard waits, then sees the new state. */
export async function lockStagedImport<T extends StagedImportTable>(tx: Tx, table: T, importId: string): Promise<Selectable<DB[T]> | undefined> {
  const row = await tx
    .selectFrom(table as 'reference_imports')
    .selectAll()
    .where('id', '=', importId)
    .forUpdate()
    .executeTakeFirst();
  return row as Selectable<DB[T]> | undefined;
}

/** Commits or discards a staged import: its new state, when and by whom. */
export async function markStagedImport(tx: Tx, table: StagedImportTable, importId: string, state: 'COMMITTED' | 'DISCARDED', personId: string, now: Date) {
  await tx
    .updateTable(table as 'reference_imports')
    .set(state === 'COMMITTED' ? { state, committed_at: now, committed_by: personId } : { state, discarded_at: now, discarded_by: personId })
    .where('id', '=', importId)
    .execute();
}
