import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { offeredInReportYearSql } from '../../organisations/registry.repository.ts';
import { organisationName, organisationNameSql } from '../../shared/organisation-name.ts';
import type { Cell, CellState, FormFilter, OcmwFilter, OcmwSort } from './follow-up.model.ts';

export type { Cell, CellState, FormFilter, OcmwFilter, OcmwSort, RegionFilter } from './follow-up.model.ts';

/**
 * Back office: these queries read across every OCMW on purpose (POD MI's follow-up). They aggregate in SQL so
 * the dashboard and the OCMW list never evaluate forms one by one (565 OCMWs × the measures of a year).
 */

function filterSql(reportYear: number, f: OcmwFilter): RawBuilder<unknown> {
  // Only the OCMWs offered the report year (MRG-3, ORG-4): not POD MI or suppliers, not Herstappe, not an OCMW that
  // did not legally exist in that year (a partner that disappeared on 1 January 2025 counts for 2024, not 2025).
  const parts: RawBuilder<unknown>[] = [offeredInReportYearSql('o', reportYear)];
  if (f.region === 'DG') parts.push(sql`o.region = 'WAL' AND o.language = 'de'`);
  else if (f.region) parts.push(sql`o.region = ${f.region}`);
  if (f.province) parts.push(sql`o.province = ${f.province}`);
  // the language of administration: a bilingual Brussels OCMW (nl+fr) counts under Dutch and under French
  if (f.language) parts.push(sql`${f.language} = ANY (string_to_array(coalesce(o.administration_language, o.language), '+'))`);
  return sql.join(parts, sql` AND `);
}

/**
 * One row per OCMW × campaign of the year: the form's state (only signatures on the present content count),
 * whether it is late and whether a correction is pending.
 */
function cellsSql(reportYear: number, now: Date, where: RawBuilder<unknown>) {
  return sql`
    SELECT c.id AS campaign_id, o.id AS organisation_id, fi.id AS instance_id,
      CASE
        WHEN fi.id IS NULL THEN 'not_started'
        WHEN fi.submitted_at IS NOT NULL THEN 'submitted'
        WHEN sg.chair AND NOT sg.director THEN 'director_missing'
        WHEN sg.director AND NOT sg.chair THEN 'chair_missing'
        WHEN fi.has_errors THEN 'in_progress'
        ELSE 'ready'
      END AS state,
      (fi.submitted_at IS NULL AND (c.status IN ('CLOSED', 'SETTLED') OR c.closes_at < ${now})) AS late,
      coalesce(fi.review_state = 'CORRECTION_REQUESTED', false) AS correction,
      coalesce(fi.review_state = 'ACCEPTED', false) AS accepted
    FROM campaigns c
    CROSS JOIN organisations o
    LEFT JOIN form_instances fi ON fi.campaign_id = c.id AND fi.organisation_id = o.id
    LEFT JOIN (
      SELECT s.form_instance_id, bool_or(s.role = 'CHAIR') AS chair, bool_or(s.role = 'DIRECTOR') AS director
      FROM signatures s JOIN form_instances f ON f.id = s.form_instance_id AND f.content_hash = s.content_hash
      WHERE f.report_year = ${reportYear} AND f.submitted_at IS NULL
      GROUP BY s.form_instance_id
    ) sg ON sg.form_instance_id = fi.id
    WHERE c.report_year = ${reportYear} AND ${where}`;
}

export interface StateCount {
  campaign_id: string;
  state: CellState;
  count: number;
  late: number;
  corrections: number;
}

/** Counts per campaign and state of the OCMWs matching the filter (one query). */
export async function unsafeCountStates(db: Db, reportYear: number, now: Date, filter: OcmwFilter): Promise<StateCount[]> {
  const result = await sql<{ campaign_id: string; state: CellState; count: string | number; late: string | number; corrections: string | number }>`
    SELECT campaign_id, state, count(*) AS count, count(*) FILTER (WHERE late) AS late, count(*) FILTER (WHERE correction) AS corrections
    FROM (${cellsSql(reportYear, now, filterSql(reportYear, filter))}) cells
    GROUP BY campaign_id, state`.execute(db);
  return result.rows.map((r) => ({ ...r, count: Number(r.count), late: Number(r.late), corrections: Number(r.corrections) }));
}

/** Submitted forms of the year per day (Belgian time), for the OCMWs matching the filter. */
export async function unsafeSubmissionsPerDay(db: Db, reportYear: number, filter: OcmwFilter): Promise<Array<{ day: string; count: number }>> {
  // The OCMWs of the filter first (a few hundred ids, hashed), then the year's submitted forms by their index: planned
  // as a join, the organisations' validity predicate (estimated at one row) made it probe the forms' index per OCMW.
  const result = await sql<{ day: string; count: string | number }>`
    WITH offered AS MATERIALIZED (SELECT o.id FROM organisations o WHERE ${filterSql(reportYear, filter)})
    SELECT to_char(fi.submitted_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD') AS day, count(*) AS count
    FROM form_instances fi
    WHERE fi.report_year = ${reportYear} AND fi.submitted_at IS NOT NULL AND fi.organisation_id IN (SELECT id FROM offered)
    GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows.map((r) => ({ day: r.day, count: Number(r.count) }));
}

/** How many OCMWs matching the filter are offered the report year (the dashboard's "N OCMWs"). */
export async function unsafeCountOrganisations(db: Db, reportYear: number, filter: OcmwFilter): Promise<number> {
  const result = await sql<{ count: string | number }>`SELECT count(*) AS count FROM organisations o WHERE ${filterSql(reportYear, filter)}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

export async function listProvinces(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('organisations').select('province').distinct().where('province', 'is not', null).orderBy('province').execute();
  return rows.map((r) => r.province as string);
}

export async function listYearCampaigns(db: Db, reportYear: number) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'measure', 'report_year', 'opens_at', 'closes_at', 'status'])
    .where('report_year', '=', reportYear)
    .orderBy('opens_at')
    .orderBy('measure')
    .execute();
}

export interface OcmwPageQuery {
  reportYear: number;
  now: Date;
  /** the dashboard's filters (region, province, language), so that a count and the list it links to agree */
  filter: OcmwFilter;
  /** only the OCMWs whose form of this campaign is in this state (a dashboard count), or every OCMW */
  form: FormFilter | null;
  /** the search as typed; digits (dots and spaces removed) also match KBO and NIS from the start */
  search: string;
  sort: OcmwSort;
  descending: boolean;
  /** the page's language: each OCMW is shown, and sorted, by the name it has on that page (ADR 0043) */
  lang: string;
  limit: number;
  offset: number;
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The OCMWs whose form of one campaign is in the given state, by the very definition the dashboard counts with
 * (cellsSql): a count and the list it links to cannot disagree.
 */
function formStateSql(reportYear: number, now: Date, form: FormFilter): RawBuilder<unknown> {
  const condition = form.state === 'late' ? sql`cells.late` : form.state === 'correction' ? sql`cells.correction` : sql`cells.state = ${form.state}`;
  return sql`o.id IN (SELECT cells.organisation_id FROM (${cellsSql(reportYear, now, sql`c.id = ${form.campaignId}`)}) cells WHERE ${condition})`;
}

/**
 * One page of the OCMWs offered the report year (the dashboard's filters, a form's state, search, sort) with the total of matches and the number of forms
 * each submitted.
 */
export async function unsafeListOcmwPage(db: Db, q: OcmwPageQuery) {
  const conditions: RawBuilder<unknown>[] = [filterSql(q.reportYear, q.filter)];
  if (q.form) conditions.push(formStateSql(q.reportYear, q.now, q.form));
  const text = q.search.trim();
  if (text) {
    const pattern = `%${likeEscape(text)}%`;
    const alternatives = [sql`o.name_nl ILIKE ${pattern}`, sql`o.name_fr ILIKE ${pattern}`, sql`o.name_de ILIKE ${pattern}`];
    const digits = text.replace(/[.\s/-]/g, '');
    if (/^\d+$/.test(digits)) alternatives.push(sql`o.kbo LIKE ${`${digits}%`}`, sql`o.nis LIKE ${`${digits}%`}`);
    conditions.push(sql`(${sql.join(alternatives, sql` OR `)})`);
  }
  const where = sql.join(conditions, sql` AND `);
  const direction = q.descending ? sql`DESC` : sql`ASC`;
  const orderColumn = { name: organisationNameSql('o', q.lang), kbo: sql.ref('o.kbo'), nis: sql.ref('o.nis'), submitted: sql.ref('submitted_count') }[q.sort];
  // The submitted count per OCMW through the (organisation_id, campaign_id) index: a join with an aggregate of the
  // year's forms was planned as a nested loop re-aggregating them for every OCMW (≈ 100 ms for 580 OCMWs) whenever
  // the registry's validity predicate was estimated at one row.
  const result = await sql<{
    id: string;
    kbo: string;
    nis: string;
    name_nl: string;
    name_fr: string;
    name_de: string;
    language: string;
    administration_language: string | null;
    submitted_count: string | number;
    total: string | number;
  }>`
    SELECT o.id, o.kbo, o.nis, o.name_nl, o.name_fr, o.name_de, o.language, o.administration_language,
      (SELECT count(*) FROM form_instances f
        WHERE f.organisation_id = o.id AND f.report_year = ${q.reportYear} AND f.submitted_at IS NOT NULL) AS submitted_count,
      count(*) OVER () AS total
    FROM organisations o
    WHERE ${where}
    ORDER BY ${orderColumn} ${direction}, o.kbo ASC
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return {
    total: Number(result.rows[0]?.total ?? 0),
    rows: result.rows.map((r) => ({ id: r.id, kbo: r.kbo, nis: r.nis, name: organisationName(r, q.lang), submittedCount: Number(r.submitted_count) })),
  };
}

/** The state of every form of the year of the given OCMWs (one page of the list). */
export async function unsafeListCells(db: Db, reportYear: number, now: Date, organisationIds: string[]): Promise<Cell[]> {
  if (organisationIds.length === 0) return [];
  const result = await sql<Cell>`${cellsSql(reportYear, now, sql`o.id IN (${sql.join(organisationIds)})`)}`.execute(db);
  return result.rows;
}
