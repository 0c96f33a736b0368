import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The documents of one OCMW (its e-Box), newest first, without their content. Scoped to the OCMW. */
export async function listDocuments(db: Db, organisationId: string) {
  return db
    .selectFrom('documents as d')
    .leftJoin('campaigns as c', 'c.id', 'd.campaign_id')
    .leftJoin('document_reads as r', 'r.document_id', 'd.id')
    .leftJoin('persons as p', 'p.id', 'r.first_read_by')
    .select(['d.id', 'd.kind', 'd.file_name', 'd.size_bytes', 'd.created_at', 'c.measure', 'c.report_year', 'r.first_read_at', 'p.first_name', 'p.last_name'])
    .where('d.organisation_id', '=', organisationId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .execute();
}

export type { DocumentListRow } from './ebox.model.ts';

/** One document of the OCMW; a document of another OCMW is not found, like a missing one. */
export async function findDocument(db: Db, organisationId: string, documentId: string) {
  return db
    .selectFrom('documents')
    .select(['file_name', 'media_type', 'content'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

/** Marks a document of the OCMW read by this person, unless someone of the OCMW read it before (the first reader stays). */
export async function markRead(db: Db, organisationId: string, documentId: string, personId: string, at: Date): Promise<void> {
  // The organisation is read from the document itself, scoped to the OCMW: a foreign id marks nothing.
  await db
    .insertInto('document_reads')
    .columns(['document_id', 'organisation_id', 'first_read_at', 'first_read_by'])
    .expression((eb) =>
      eb
        .selectFrom('documents')
        .select(['id', 'organisation_id', sql<Date>`${at}::timestamptz`.as('first_read_at'), sql<string>`${personId}::uuid`.as('first_read_by')])
        .where('id', '=', documentId)
        .where('organisation_id', '=', organisationId),
    )
    .onConflict((oc) => oc.column('document_id').doNothing())
    .execute();
}

/** How many documents of the OCMW nobody of it has opened yet (the Startpagina's count). */
export async function countUnread(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('documents as d')
    .leftJoin('document_reads as r', 'r.document_id', 'd.id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('d.organisation_id', '=', organisationId)
    .where('r.document_id', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
