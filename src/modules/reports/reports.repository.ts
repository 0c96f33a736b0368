import type { Db, Tx } from '../../db/database.ts';
import { type Insertable, sql } from 'kysely';
import type { EntryMode, FormInstancesTable, SubmittedSnapshot } from '../../db/types.ts';
import { type NewUpload, findKeptFile, keepUpload } from './kept-files.repository.ts';

/** Every query here is scoped to one OCMW: a foreign id finds nothing, exactly like a missing one. */

export type FormInstanceRow = NonNullable<Awaited<ReturnType<typeof findInstance>>>;

export async function findInstance(db: Db | Tx, organisationId: string, campaignId: string) {
  return db.selectFrom('form_instances').selectAll().where('organisation_id', '=', organisationId).where('campaign_id', '=', campaignId).executeTakeFirst();
}

export async function lockInstance(tx: Tx, organisationId: string, campaignId: string) {
  return tx
    .selectFrom('form_instances')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('campaign_id', '=', campaignId)
    .forUpdate()
    .executeTakeFirst();
}

export type NewInstance = Pick<
  Insertable<FormInstancesTable>,
  'id' | 'organisation_id' | 'campaign_id' | 'measure' | 'report_year' | 'definition_version' | 'input' | 'content_hash' | 'has_errors'
> & { now: Date };

/** Inserts the first version; false when another request created it first. */
export async function insertInstance(tx: Tx, row: NewInstance): Promise<boolean> {
  const { now, ...values } = row;
  const result = await tx
    .insertInto('form_instances')
    .values({ ...values, version: 1, created_at: now, updated_at: now, submitted_at: null })
    .onConflict((oc) => oc.columns(['organisation_id', 'campaign_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

type InstanceRef = { id: string; organisation_id: string; version: number };

/**
 * Compare-and-set on the version of a form not yet submitted: bumps the version with the given changes;
 * false when someone else changed it first (zero rows updated).
 */
async function compareAndSet(tx: Tx, instance: InstanceRef, changes: Record<string, unknown>, now: Date): Promise<boolean> {
  const result = await tx
    .updateTable('form_instances')
    .set({ ...changes, version: instance.version + 1, updated_at: now })
    .where('id', '=', instance.id)
    .where('organisation_id', '=', instance.organisation_id)
    .where('version', '=', instance.version)
    .where('submitted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function updateInstanceContent(
  tx: Tx,
  instance: InstanceRef,
  content: { input: string; content_hash: string; has_errors: boolean },
  now: Date,
): Promise<boolean> {
  return compareAndSet(tx, instance, content, now);
}

/** Sets how the form is justified and the workbook its rows come from (after a content change in the same transaction). */
export async function setEntry(
  tx: Tx,
  instance: { id: string; organisationId: string },
  entry: { entryMode: EntryMode; workbookAttachmentId: string | null },
): Promise<void> {
  await tx
    .updateTable('form_instances')
    .set({ entry_mode: entry.entryMode, workbook_attachment_id: entry.workbookAttachmentId })
    .where('id', '=', instance.id)
    .where('organisation_id', '=', instance.organisationId)
    .execute();
}

/**
 * Keeps an uploaded workbook with its form: bytes once per OCMW and SHA-256, the retention applied and the
 * OCMW's quota checked in the same transaction (kept-files.repository.ts).
 */
export function insertAttachment(tx: Tx, row: NewUpload): Promise<void> {
  return keepUpload(tx, row);
}

/** A kept workbook of one of the OCMW's forms (scoped to the OCMW: a foreign id finds nothing); `content` null once pruned. */
export function findAttachment(db: Db, organisationId: string, campaignId: string, attachmentId: string) {
  return findKeptFile(db, organisationId, campaignId, attachmentId);
}

/** The other forms of the same OCMW and report year (for checks across forms: G-STAFF-1). */
export async function listSiblingInputs(db: Db | Tx, organisationId: string, reportYear: number, exceptCampaignId: string) {
  return db
    .selectFrom('form_instances')
    .select(['measure', 'definition_version', 'input'])
    .where('organisation_id', '=', organisationId)
    .where('report_year', '=', reportYear)
    .where('campaign_id', '<>', exceptCampaignId)
    .execute();
}

/**
 * A signature bumps the version; the second one submits, freezing the snapshot the form was signed on, and ends
 * a pending correction (its reason stays in the audit trail).
 */
export function bumpVersion(tx: Tx, instance: InstanceRef, now: Date, submission: SubmittedSnapshot | null): Promise<boolean> {
  const submit = { submitted_at: now, submitted_snapshot: JSON.stringify(submission), review_state: null, correction_reason: null };
  return compareAndSet(tx, instance, submission ? submit : {}, now);
}

/**
 * Back office only (unscoped on purpose): the OCMW and campaign of a form instance, to load it for POD MI.
 * Callers must hold BackofficeRead.
 */
export async function unsafeFindInstanceOwner(db: Db | Tx, instanceId: string) {
  return db.selectFrom('form_instances').select(['organisation_id', 'campaign_id']).where('id', '=', instanceId).executeTakeFirst();
}

/** Per campaign of a year: the OCMW's instance state and which roles signed (for the homepage). */
export async function listInstanceSummaries(db: Db, organisationId: string, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('form_instances')
    .leftJoin('signatures', 'signatures.form_instance_id', 'form_instances.id')
    .select([
      'form_instances.campaign_id',
      'form_instances.has_errors',
      'form_instances.submitted_at',
      'form_instances.review_state',
      'form_instances.correction_reason',
      'signatures.role',
    ])
    .where('form_instances.organisation_id', '=', organisationId)
    .where('form_instances.campaign_id', 'in', campaignIds)
    .execute();
}

/** Every late submission allowed to the OCMW, by campaign id (a handful of rows: one per campaign at most). */
export async function listLateSubmissions(db: Db, organisationId: string): Promise<Map<string, Date>> {
  const rows = await db.selectFrom('campaign_extensions').select(['campaign_id', 'until']).where('organisation_id', '=', organisationId).execute();
  return new Map(rows.map((r) => [r.campaign_id, new Date(r.until)]));
}

/**
 * The parts of a long form saved at least once, read from its audit trail (each "Opslaan" of a part is a FORM_SAVED
 * event naming the part; "*" when the whole form was saved at once): the task list calls a part left empty on purpose
 * "Voltooid" only once it was saved (issue 14, item 4).
 */
export async function findSavedParts(db: Db | Tx, organisationId: string, instanceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(sql<string>`coalesce(payload->>'part', '*')`.as('part'))
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('subject_id', '=', instanceId)
    .where('type', '=', 'FORM_SAVED')
    .execute();
  return rows.map((r) => r.part);
}
