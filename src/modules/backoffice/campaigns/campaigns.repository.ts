import { sql } from 'kysely';
import type { CampaignStatus } from '../../../db/types.ts';
import type { Db, Tx } from '../../../db/database.ts';
import { offeredInReportYear, offeredInReportYearSql } from '../../organisations/registry.repository.ts';

/**
 * Back office (POD MI): campaigns belong to no OCMW, so these queries read across every OCMW on purpose
 * (counts of lateSubmissions and submissions, the OCMW picker). Only back-office services call them.
 */

export async function listCampaignsOfYear(db: Db, reportYear: number) {
  return db
    .selectFrom('campaigns')
    .selectAll('campaigns')
    .select((eb) =>
      eb
        .selectFrom('campaign_extensions')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('campaign_extensions.campaign_id', '=', 'campaigns.id')
        .as('late_submission_count'),
    )
    .where('report_year', '=', reportYear)
    .orderBy('opens_at')
    .orderBy('measure')
    .execute();
}

export async function findLatestCampaignOfMeasure(db: Db, measure: string) {
  return db.selectFrom('campaigns').selectAll().where('measure', '=', measure).orderBy('report_year', 'desc').limit(1).executeTakeFirst();
}

/** Has any form of this campaign been submitted (now, or before a correction was asked)? Then its rules are frozen. */
export async function unsafeHasSubmission(db: Db | Tx, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('form_instances')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where((eb) => eb.or([eb('submitted_at', 'is not', null), eb('review_state', 'is not', null)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface CampaignChanges {
  opens_at?: Date;
  closes_at?: Date;
  reminder_days?: number[];
  definition_version?: number;
  params?: Record<string, unknown>;
  status?: CampaignStatus;
}

/** Compare-and-set on the version; a settled campaign is never changed here. False: someone else was first. */
export async function updateCampaign(tx: Tx, campaignId: string, version: number, changes: CampaignChanges, now: Date): Promise<boolean> {
  const { params, reminder_days, ...rest } = changes;
  const result = await tx
    .updateTable('campaigns')
    .set((eb) => ({
      ...rest,
      ...(params ? { params: JSON.stringify(params) } : {}),
      ...(reminder_days ? { reminder_days: sql<number[]>`${sql.val(reminder_days)}::integer[]` } : {}),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', campaignId)
    .where('version', '=', version)
    .where('status', '<>', 'SETTLED')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewCampaign {
  id: string;
  report_year: number;
  measure: string;
  opens_at: Date;
  closes_at: Date;
  definition_version: number;
  params: Record<string, unknown>;
  reminder_days: number[];
}

/** Inserts a PLANNED campaign; false when the (report year, measure) already has one. */
export async function insertCampaign(tx: Tx, row: NewCampaign, now: Date): Promise<boolean> {
  const result = await tx
    .insertInto('campaigns')
    .values({
      ...row,
      status: 'PLANNED',
      params: JSON.stringify(row.params),
      reminder_days: sql<number[]>`${sql.val(row.reminder_days)}::integer[]`,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['report_year', 'measure']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function insertCampaignEvent(
  tx: Tx,
  event: { campaignId: string; at: Date; actorPersonId: string; type: string; payload: Record<string, unknown> },
) {
  await tx
    .insertInto('campaign_events')
    .values({
      campaign_id: event.campaignId,
      occurred_at: event.at,
      actor_person_id: event.actorPersonId,
      type: event.type,
      payload: JSON.stringify(event.payload),
    })
    .execute();
}

export async function listCampaignEvents(db: Db, campaignId: string) {
  return db
    .selectFrom('campaign_events')
    .leftJoin('persons', 'persons.id', 'campaign_events.actor_person_id')
    .select(['campaign_events.id', 'campaign_events.occurred_at', 'campaign_events.type', 'campaign_events.payload', 'persons.first_name', 'persons.last_name'])
    .where('campaign_id', '=', campaignId)
    .orderBy('campaign_events.occurred_at', 'desc')
    .orderBy('campaign_events.id', 'desc')
    .execute();
}

export async function listExtensions(db: Db, campaignId: string) {
  return db
    .selectFrom('campaign_extensions')
    .innerJoin('organisations', 'organisations.id', 'campaign_extensions.organisation_id')
    .leftJoin('persons', 'persons.id', 'campaign_extensions.granted_by')
    .select([
      'campaign_extensions.organisation_id',
      'campaign_extensions.until',
      'campaign_extensions.reason',
      'campaign_extensions.granted_at',
      'organisations.name_nl',
      'organisations.name_fr',
      'organisations.name_de',
      'organisations.kbo',
      'organisations.nis',
      'persons.first_name',
      'persons.last_name',
    ])
    .where('campaign_id', '=', campaignId)
    .orderBy('organisations.name_nl')
    .execute();
}

/** Locks the campaign row for a change that depends on its status (lateSubmissions). */
export async function lockCampaign(tx: Tx, campaignId: string) {
  return tx.selectFrom('campaigns').selectAll().where('id', '=', campaignId).forNoKeyUpdate().executeTakeFirst();
}

export async function findLateSubmission(tx: Tx, campaignId: string, organisationId: string) {
  return tx
    .selectFrom('campaign_extensions')
    .select(['until', 'reason'])
    .where('campaign_id', '=', campaignId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function upsertLateSubmission(
  tx: Tx,
  row: { campaignId: string; organisationId: string; until: Date; reason: string; grantedBy: string; at: Date },
) {
  const values = { until: row.until, reason: row.reason, granted_by: row.grantedBy, granted_at: row.at };
  await tx
    .insertInto('campaign_extensions')
    .values({ campaign_id: row.campaignId, organisation_id: row.organisationId, ...values })
    .onConflict((oc) => oc.columns(['campaign_id', 'organisation_id']).doUpdateSet(values))
    .execute();
}

export async function deleteLateSubmission(tx: Tx, campaignId: string, organisationId: string) {
  return tx
    .deleteFrom('campaign_extensions')
    .where('campaign_id', '=', campaignId)
    .where('organisation_id', '=', organisationId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * The OCMWs offered a report year (MRG-3, ORG-4) by name, KBO or NIS: the picker of a late submission; all of them
 * when the search is empty.
 */
export async function unsafeSearchOrganisations(db: Db, reportYear: number, search: string, limit: number) {
  let query = db
    .selectFrom('organisations as o')
    .select(['id', 'kbo', 'nis', 'name_nl', 'name_fr', 'name_de'])
    .where(offeredInReportYear(reportYear, 'o'))
    .$narrowType<{ nis: string }>()
    .orderBy('name_nl')
    .limit(limit);
  const text = search.trim();
  if (text) {
    const digits = text.replace(/[^0-9]/g, '');
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('name_nl', 'ilike', like),
        eb('name_fr', 'ilike', like),
        eb('name_de', 'ilike', like),
        ...(digits.length >= 3 ? [eb('kbo', 'like', `%${digits}%`), eb('nis', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  return query.execute();
}

/** An OCMW's names and whether it is offered the report year (a late submission is only for those). */
export async function findOrganisationName(db: Db | Tx, organisationId: string, reportYear: number) {
  return db
    .selectFrom('organisations as o')
    .select(['id', 'name_nl', 'name_fr', 'name_de', offeredInReportYearSql('o', reportYear).as('offered')])
    .where('id', '=', organisationId)
    .where('type', '=', 'OCMW')
    .executeTakeFirst();
}

export async function campaignExists(db: Db, reportYear: number, measure: string): Promise<boolean> {
  const row = await db.selectFrom('campaigns').select('id').where('report_year', '=', reportYear).where('measure', '=', measure).executeTakeFirst();
  return row !== undefined;
}
