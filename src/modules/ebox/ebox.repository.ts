import type { Db } from '../../db/database.ts';

/** The documents of one OCMW (its e-Box), newest first, without their content. Scoped to the OCMW. */
export async function listDocuments(db: Db, organisationId: string) {
  return db
    .selectFrom('documents as d')
    .leftJoin('campaigns as c', 'c.id', 'd.campaign_id')
    .select(['d.id', 'd.kind', 'd.file_name', 'd.size_bytes', 'd.created_at', 'c.measure', 'c.report_year'])
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
