import { randomUUID } from 'node:crypto';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { IdentifierScheme } from '../../db/types.ts';

/**
 * The registry's shared reads and writes (issue 13, ADR 0035): identifiers with validity, the report-year rule as
 * SQL, the registry's own log. The back-office rooms for the registry and the mergers build on these.
 */

/**
 * MRG-3 and ORG-4 as a predicate on an `organisations` alias: an OCMW with an OCMW (not Herstappe) that was legally
 * active at some moment of the report year (a number, or a column such as `c.report_year`). Raw SQL for the
 * statements written in SQL.
 */
export function offeredInReportYearSql(alias: string, year: number | RawBuilder<unknown>) {
  const o = sql.ref(alias);
  const y = typeof year === 'number' ? sql`${year}::int` : year;
  return sql<boolean>`(${o}.type = 'OCMW' AND ${o}.has_ocmw AND ${o}.valid_from <= make_date(${y}, 12, 31) AND (${o}.valid_to IS NULL OR ${o}.valid_to >= make_date(${y}, 1, 1)))`;
}

/** The same predicate for Kysely's `.where(…)` on `organisations` (unaliased or aliased `o`). */
export function offeredInReportYear(year: number, alias: 'organisations' | 'o' = 'o') {
  return offeredInReportYearSql(alias, year) as RawBuilder<SqlBool>;
}

/** The organisation holding this identifier on this day (ORG-1: at most one), e.g. a NIS code of before a merger. */
export async function findByIdentifierOn(db: Db | Tx, scheme: IdentifierScheme, value: string, day: string) {
  return db
    .selectFrom('organisation_identifiers as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select(['o.id', 'o.kbo', 'o.nis', 'o.name_nl', 'o.name_fr', 'o.name_de', 'i.valid_from', 'i.valid_to'])
    .where('i.scheme', '=', scheme)
    .where('i.value', '=', value)
    .where('i.valid_from', '<=', day)
    .where((eb) => eb.or([eb('i.valid_to', 'is', null), eb('i.valid_to', '>=', day)]))
    .executeTakeFirst();
}

/** Every organisation that ever held this identifier, with the period (the check before giving it to another). */
export async function holdersOf(db: Db | Tx, scheme: IdentifierScheme, value: string) {
  return db
    .selectFrom('organisation_identifiers')
    .select(['organisation_id', 'valid_from', 'valid_to'])
    .where('scheme', '=', scheme)
    .where('value', '=', value)
    .orderBy('valid_from')
    .execute();
}

/** An organisation's identifiers, oldest first per scheme (its page's history). */
export async function identifierHistory(db: Db | Tx, organisationId: string) {
  return db
    .selectFrom('organisation_identifiers')
    .select(['id', 'scheme', 'value', 'valid_from', 'valid_to'])
    .where('organisation_id', '=', organisationId)
    .orderBy('scheme')
    .orderBy('valid_from')
    .execute();
}

/**
 * Gives an organisation an identifier from a day: closes its current one of that scheme the day before and keeps
 * `organisations.kbo`/`nis` (the current values) in step. The database refuses an overlap with another
 * organisation (SQLSTATE 23505 from the trigger of migration 0013); callers check first to explain it.
 */
export async function giveIdentifier(
  tx: Tx,
  organisationId: string,
  scheme: IdentifierScheme,
  value: string,
  from: string,
  closeBefore: string,
): Promise<void> {
  await tx
    .updateTable('organisation_identifiers')
    .set({ valid_to: closeBefore })
    .where('organisation_id', '=', organisationId)
    .where('scheme', '=', scheme)
    .where('valid_to', 'is', null)
    .execute();
  await tx
    .insertInto('organisation_identifiers')
    .values({ id: randomUUID(), organisation_id: organisationId, scheme, value, valid_from: from, valid_to: null })
    .execute();
  await tx
    .updateTable('organisations')
    .set(scheme === 'KBO' ? { kbo: value } : { nis: value })
    .where('id', '=', organisationId)
    .execute();
}

/** One entry of the registry's log (append-only): who changed which organisation or merger, how. */
export async function recordRegistryEvent(
  tx: Tx,
  event: { at: Date; actorPersonId: string | null; organisationId?: string | null; mergerId?: string | null; type: string; payload: Record<string, unknown> },
): Promise<void> {
  await tx
    .insertInto('registry_events')
    .values({
      occurred_at: event.at,
      actor_person_id: event.actorPersonId,
      organisation_id: event.organisationId ?? null,
      merger_id: event.mergerId ?? null,
      type: event.type,
      payload: JSON.stringify(event.payload),
    })
    .execute();
}

/** The registry's log of an organisation, newest first (its page). */
export async function registryEventsOf(db: Db | Tx, organisationId: string) {
  return db
    .selectFrom('registry_events as e')
    .leftJoin('persons as p', 'p.id', 'e.actor_person_id')
    .select(['e.id', 'e.occurred_at', 'e.type', 'e.payload', 'e.merger_id', 'p.first_name', 'p.last_name'])
    .where('e.organisation_id', '=', organisationId)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

/**
 * The lifetime of organisations with the merger they disappear in (successor, scenario, end of transition): what
 * organisationStatus needs, for one or many organisations.
 */
export async function lifetimes(db: Db | Tx, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('organisations as o')
    .leftJoin('mergers as m', 'm.id', 'o.merger_id')
    .leftJoin('organisations as s', 's.id', 'm.merged_organisation_id')
    .select([
      'o.id',
      'o.valid_from',
      'o.valid_to',
      'o.merger_id',
      'm.scenario',
      'm.effective_on',
      'm.transition_ends_on',
      's.id as successor_id',
      's.kbo as successor_kbo',
      's.name_nl as successor_name_nl',
      's.name_fr as successor_name_fr',
      's.name_de as successor_name_de',
    ])
    .where('o.id', 'in', organisationIds)
    .execute();
}
