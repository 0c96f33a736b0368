import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { UploadKind } from '../../db/types.ts';
import { KEPT_FILES, type KeptFilesPolicy, KeptFilesQuotaExceeded } from './kept-files.ts';

/**
 * Kept workbooks (ADR "Retention of kept files"): the bytes once per OCMW and SHA-256 (`kept_files`), a record of
 * every upload (`form_attachments`). Kept: the workbook of each form, every file a signature or a submission
 * covered (pinned by the database), and the latest uploads of each form not yet submitted; the rest is pruned in
 * the transaction of the next upload of the OCMW, and bytes no record points at are deleted.
 */

export interface NewUpload {
  id: string;
  formInstanceId: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
  now: Date;
}

/**
 * Keeps an uploaded file with its form: stores the bytes unless the OCMW has them already, records the upload,
 * prunes what the retention no longer asks for and checks the OCMW's quota. Over quota it throws
 * KeptFilesQuotaExceeded, which rolls back the caller's transaction (the upload changes nothing).
 */
export async function keepUpload(tx: Tx, row: NewUpload, policy: KeptFilesPolicy = KEPT_FILES): Promise<void> {
  const form = await tx.selectFrom('form_instances').select('organisation_id').where('id', '=', row.formInstanceId).executeTakeFirstOrThrow();
  const organisationId = form.organisation_id;
  // One OCMW's uploads one at a time: pruning and the quota see every upload before them, and bytes deleted as
  // unused cannot be the bytes another upload is just pointing at.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kept_files:${organisationId}`}, 0))`.execute(tx);
  await tx
    .insertInto('kept_files')
    .values({ organisation_id: organisationId, sha256: row.sha256, size_bytes: row.content.length, content: row.content, stored_at: row.now })
    .onConflict((oc) => oc.columns(['organisation_id', 'sha256']).doNothing())
    .execute();
  await tx
    .insertInto('form_attachments')
    .values({
      id: row.id,
      form_instance_id: row.formInstanceId,
      organisation_id: organisationId,
      file_name: row.fileName,
      media_type: row.mediaType,
      size_bytes: row.content.length,
      sha256: row.sha256,
      kept_sha256: row.sha256,
      uploaded_by: row.uploadedBy,
      uploaded_at: row.now,
    })
    .execute();
  await pruneKeptFiles(tx, organisationId, row.now, row.id, policy);
  const used = await storedBytes(tx, organisationId);
  if (used > policy.quotaBytesPerOcmw) throw new KeptFilesQuotaExceeded(used, policy.quotaBytesPerOcmw);
}

/**
 * Prunes the OCMW's uploads the retention no longer asks for (their records stay, marked pruned) and deletes the
 * bytes no kept record points at. `keepId` is the upload being made (not yet the form's workbook).
 */
export async function pruneKeptFiles(tx: Tx, organisationId: string, now: Date, keepId: string, policy: KeptFilesPolicy = KEPT_FILES): Promise<void> {
  await sql`
    UPDATE form_attachments a SET pruned_at = ${now}, kept_sha256 = NULL
     WHERE a.organisation_id = ${organisationId}
       AND a.pruned_at IS NULL
       AND a.kept_reason IS NULL
       AND a.id <> ${keepId}
       AND NOT EXISTS (SELECT 1 FROM form_instances fi WHERE fi.workbook_attachment_id = a.id)
       AND a.id NOT IN (
         SELECT r.id FROM (
           SELECT x.id, row_number() OVER (PARTITION BY x.form_instance_id ORDER BY x.seq DESC) AS n
             FROM form_attachments x JOIN form_instances fi ON fi.id = x.form_instance_id
            WHERE x.organisation_id = ${organisationId} AND fi.submitted_at IS NULL
         ) r WHERE r.n <= ${policy.latestPerOpenForm})`.execute(tx);
  await sql`
    DELETE FROM kept_files k
     WHERE k.organisation_id = ${organisationId}
       AND NOT EXISTS (SELECT 1 FROM form_attachments a WHERE a.organisation_id = k.organisation_id AND a.kept_sha256 = k.sha256)`.execute(tx);
}

/** The bytes of kept workbooks the OCMW holds (each distinct file once). */
export async function storedBytes(db: Db | Tx, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('kept_files')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('size_bytes'), sql<number>`0`).as('bytes'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes);
}

/**
 * Counts one upload of the person in the rate-limit window (a fixed window, atomic in the database so it holds
 * across processes): the uploads in the window so far, this one included, and when the window ends.
 */
export async function countUpload(db: Db, personId: string, kind: UploadKind, now: Date, windowMs: number): Promise<{ uploads: number; windowEndsAt: Date }> {
  const expired = new Date(now.getTime() - windowMs);
  const row = await db
    .insertInto('upload_counters')
    .values({ person_id: personId, kind, window_started_at: now, uploads: 1 })
    .onConflict((oc) =>
      oc.columns(['person_id', 'kind']).doUpdateSet({
        window_started_at: sql`CASE WHEN upload_counters.window_started_at <= ${expired} OR upload_counters.window_started_at > ${now} THEN ${now}::timestamptz ELSE upload_counters.window_started_at END`,
        uploads: sql`CASE WHEN upload_counters.window_started_at <= ${expired} OR upload_counters.window_started_at > ${now} THEN 1 ELSE upload_counters.uploads + 1 END`,
      }),
    )
    .returning(['uploads', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { uploads: row.uploads, windowEndsAt: new Date(new Date(row.window_started_at).getTime() + windowMs) };
}

/** A kept workbook of one of the OCMW's forms with its bytes, or `pruned` (the record stays, the bytes went). */
export async function findKeptFile(db: Db, organisationId: string, campaignId: string, attachmentId: string) {
  return db
    .selectFrom('form_attachments')
    .innerJoin('form_instances', 'form_instances.id', 'form_attachments.form_instance_id')
    .leftJoin('kept_files', (join) =>
      join.onRef('kept_files.organisation_id', '=', 'form_attachments.organisation_id').onRef('kept_files.sha256', '=', 'form_attachments.kept_sha256'),
    )
    .select(['form_attachments.file_name', 'form_attachments.media_type', 'form_attachments.sha256', 'form_attachments.pruned_at', 'kept_files.content'])
    .where('form_instances.organisation_id', '=', organisationId)
    .where('form_attachments.organisation_id', '=', organisationId)
    .where('form_instances.campaign_id', '=', campaignId)
    .where('form_attachments.id', '=', attachmentId)
    .executeTakeFirst();
}
