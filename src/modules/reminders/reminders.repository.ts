import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Language } from '../../db/types.ts';
import { offeredInReportYearSql } from '../organisations/registry.repository.ts';

/** Campaigns that may need reminders: the OPEN ones (a few per report year). */
export async function listOpenCampaigns(db: Db) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'report_year', 'measure', 'definition_version', 'opens_at', 'closes_at', 'status', 'reminder_days'])
    .where('status', '=', 'OPEN')
    .execute();
}

export interface ReminderTarget {
  organisation_id: string;
  kbo: string;
  language: Language;
  administration_language: string | null;
  contact_email: string;
  contact_first_name: string | null;
  contact_last_name: string | null;
  name_nl: string;
  name_fr: string;
  name_de: string;
  campaign_id: string;
  days: number;
  instance_id: string | null;
  has_errors: boolean | null;
  /** a signature given on the form's current content (an outdated one does not count) */
  chair_signed: boolean;
  director_signed: boolean;
}

/** The dedupe key of a reminder: once per campaign, OCMW and reminder day, whatever happens. */
export function reminderKey(campaignId: string, organisationId: string, days: number): string {
  return `reminder:${campaignId}:${organisationId}:${days}`;
}

/**
 * Reads across all OCMWs (the reminder scheduler, no user): for each due campaign × OCMW offered the campaign's
 * report year (MRG-3, ORG-4: not Herstappe, not a partner that disappeared before that year) with a contact e-mail
 * whose form is not submitted and whose reminder is not queued yet, the state of its form. One query for the
 * whole country (≈ 580 OCMWs × a handful of campaigns).
 */
export async function unsafeListReminderTargets(db: Db, due: Array<{ campaignId: string; days: number; reportYear: number }>): Promise<ReminderTarget[]> {
  if (due.length === 0) return [];
  const values = sql.join(due.map((d) => sql`(${d.campaignId}::uuid, ${d.days}::integer, ${d.reportYear}::integer)`));
  const result = await sql<ReminderTarget>`
    WITH due (campaign_id, days, report_year) AS (VALUES ${values})
    SELECT o.id AS organisation_id, o.kbo, o.language, o.administration_language, o.contact_email, o.contact_first_name, o.contact_last_name,
           o.name_nl, o.name_fr, o.name_de, due.campaign_id, due.days,
           fi.id AS instance_id, fi.has_errors,
           EXISTS (SELECT 1 FROM signatures s WHERE s.form_instance_id = fi.id AND s.role = 'CHAIR' AND s.content_hash = fi.content_hash) AS chair_signed,
           EXISTS (SELECT 1 FROM signatures s WHERE s.form_instance_id = fi.id AND s.role = 'DIRECTOR' AND s.content_hash = fi.content_hash) AS director_signed
    FROM due
    CROSS JOIN organisations o
    LEFT JOIN form_instances fi ON fi.organisation_id = o.id AND fi.campaign_id = due.campaign_id
    WHERE ${offeredInReportYearSql('o', sql`due.report_year`)} AND o.contact_email IS NOT NULL AND o.contact_email <> ''
      AND fi.submitted_at IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM outbox_jobs j
        WHERE j.dedupe_key = 'reminder:' || due.campaign_id::text || ':' || o.id::text || ':' || due.days::text
      )
    ORDER BY o.id, due.campaign_id`.execute(db);
  return result.rows;
}
