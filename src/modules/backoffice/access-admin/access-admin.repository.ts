import { foldAccents } from '../../shared/fold-accents.ts';
import { organisationName, organisationNameSql } from '../../shared/organisation-name.ts';
import { type RawBuilder, sql } from 'kysely';
import { PODMI_ORGANISATION_ID, grantValidAt, memberBlockedAt } from '../../../access/grants.repository.ts';
import type { Db, Tx } from '../../../db/database.ts';
import type { Language, StagedHtbRow } from '../../../db/types.ts';
import { type NewStagedImport, personName, problemCount, stagedImportValues } from '../../reference-data/staged-import.repository.ts';

/**
 * POD MI's side of access management (issue 12, item 7): the HTB of every OCMW, HTB lists, POD MI's own staff.
 * The queries named `unsafe…` read across every OCMW on purpose (the back office's list).
 */

export type NameColumn = 'name_nl' | 'name_fr' | 'name_de';

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Letters with accents and their plain letter: PGlite has no unaccent extension, translate() is everywhere. */
const ACCENTED = 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿ';
const PLAIN = 'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyy';

/** SQL: a column without accents, in lower case (the search text is folded the same way in JavaScript). */
function folded(column: RawBuilder<unknown>) {
  return sql`lower(translate(${column}, ${ACCENTED}, ${PLAIN}))`;
}

/** A search text folded as `folded()` folds a column: accents removed, lower case, spaces collapsed. */
export function foldSearch(text: string): string {
  return foldAccents(text).replace(/\s+/g, ' ').trim();
}

export interface HtbRow {
  grant_id: string;
  person_id: string;
  first_name: string;
  last_name: string;
  insz: string;
  email: string | null;
  language: Language | null;
  since: Date;
}

/**
 * One page of OCMWs (search by name in any language, accents ignored, or by KBO number) with their HTB now. Every
 * OCMW of the registry, a disappearing one included (it keeps its access management, MRG-2) — not a municipality
 * without an OCMW (Herstappe, ORG-4: no users).
 */
export async function unsafeListOcmwsWithHtb(db: Db, q: { search: string; lang: string; limit: number; offset: number; now: Date }) {
  const conditions: RawBuilder<unknown>[] = [sql`o.type = 'OCMW'`, sql`o.has_ocmw`];
  const text = foldSearch(q.search);
  if (text) {
    const pattern = `%${likeEscape(text)}%`;
    const alternatives = (['name_nl', 'name_fr', 'name_de'] as const).map((c) => sql`${folded(sql.ref(`o.${c}`))} LIKE ${pattern}`);
    const digits = text.replace(/[.\s/-]/g, '');
    if (/^\d+$/.test(digits)) alternatives.push(sql`o.kbo LIKE ${`%${digits}%`}`);
    conditions.push(sql`(${sql.join(alternatives, sql` OR `)})`);
  }
  const result = await sql<{
    id: string;
    kbo: string;
    nis: string;
    name_nl: string;
    name_fr: string;
    name_de: string;
    language: string;
    administration_language: string | null;
    total: string | number;
    person_id: string | null;
    first_name: string | null;
    last_name: string | null;
    insz: string | null;
  }>`
    SELECT o.id, o.kbo, o.nis, o.name_nl, o.name_fr, o.name_de, o.language, o.administration_language, count(*) OVER () AS total,
      h.person_id, h.first_name, h.last_name, h.insz
    FROM organisations o
    LEFT JOIN LATERAL (
      SELECT g.person_id, p.first_name, p.last_name, p.insz
      FROM access_grants g JOIN persons p ON p.id = g.person_id
      WHERE g.organisation_id = o.id AND g.right_code = 'HTB' AND ${grantValidAt(q.now)}
      ORDER BY g.valid_from DESC LIMIT 1
    ) h ON true
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${organisationNameSql('o', q.lang)}, o.kbo
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return {
    total: Number(result.rows[0]?.total ?? 0),
    rows: result.rows.map((r) => ({
      id: r.id,
      kbo: r.kbo,
      nis: r.nis,
      name: organisationName(r, q.lang),
      htb: r.person_id ? { personId: r.person_id, firstName: r.first_name ?? '', lastName: r.last_name ?? '', insz: r.insz ?? '' } : null,
    })),
  };
}

/** Counts of POD MI's staff by role now (the line of POD MI at the top of the list). */
export async function countPodmiStaff(db: Db, now: Date) {
  const rows = await sql<{ right_code: string; count: string | number }>`
    SELECT g.right_code, count(*) AS count FROM access_grants g
    WHERE g.organisation_id = ${PODMI_ORGANISATION_ID} AND ${grantValidAt(now)} GROUP BY g.right_code`.execute(db);
  const of = (code: string) => Number(rows.rows.find((r) => r.right_code === code)?.count ?? 0);
  return { admins: of('PODMI_ADMIN'), agents: of('PODMI_AGENT') };
}

export async function findPodmiOrganisation(db: Db) {
  return db
    .selectFrom('organisations')
    .select(['id', 'kbo', 'name_nl', 'name_fr', 'name_de'])
    .where('id', '=', PODMI_ORGANISATION_ID)
    .executeTakeFirstOrThrow();
}

/** An OCMW by id (POD MI, suppliers and a municipality without an OCMW — ORG-4 — are none: undefined). */
export async function findOcmw(db: Db | Tx, organisationId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'kbo', 'nis', 'name_nl', 'name_fr', 'name_de', 'language', 'administration_language'])
    .where('id', '=', organisationId)
    .where('type', '=', 'OCMW')
    .where('has_ocmw', '=', true)
    .executeTakeFirst();
}

/**
 * Locks the OCMW's row for the rest of the transaction (FOR NO KEY UPDATE: rows referencing it can still be written):
 * two appointments of the same OCMW's HTB take turns, the second sees the first's result.
 */
export async function lockOcmw(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('organisations')
    .select(['id', 'kbo', 'nis', 'name_nl', 'name_fr', 'name_de', 'language', 'administration_language'])
    .where('id', '=', organisationId)
    .where('type', '=', 'OCMW')
    .where('has_ocmw', '=', true)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Every organisation's KBO number and type (to recognise the lines of a list: a few hundred rows); a municipality
 * without an OCMW (ORG-4) reads as no OCMW, so its line is refused like POD MI's.
 */
export async function listOrganisationsByKbo(db: Db) {
  const rows = await db.selectFrom('organisations').select(['id', 'kbo', 'type', 'language', 'has_ocmw']).execute();
  return rows.map((r) => ({ id: r.id, kbo: r.kbo, type: r.has_ocmw ? r.type : 'NO_OCMW', language: r.language }));
}

/** The organisation's HTB now, with the person's data and the contact data the organisation holds. */
export async function currentHtb(db: Db | Tx, organisationId: string, now: Date): Promise<HtbRow | undefined> {
  const result = await sql<HtbRow>`
    SELECT g.id AS grant_id, g.person_id, p.first_name, p.last_name, p.insz, coalesce(m.email, p.email) AS email,
      coalesce(m.language, p.language) AS language, g.valid_from AS since
    FROM access_grants g
    JOIN persons p ON p.id = g.person_id
    JOIN access_members m ON m.organisation_id = g.organisation_id AND m.person_id = g.person_id
    WHERE g.organisation_id = ${organisationId} AND g.right_code = 'HTB' AND ${grantValidAt(now)}
    ORDER BY g.valid_from DESC LIMIT 1`.execute(db);
  const row = result.rows[0];
  return row ? { ...row, since: new Date(row.since) } : undefined;
}

/** The HTB grant of each of these organisations now (grant id and person). */
export async function currentHtbs(db: Db, organisationIds: string[], now: Date) {
  if (organisationIds.length === 0) return [];
  const result = await sql<{ organisation_id: string; grant_id: string; person_id: string; first_name: string; last_name: string; insz: string }>`
    SELECT g.organisation_id, g.id AS grant_id, g.person_id, p.first_name, p.last_name, p.insz
    FROM access_grants g JOIN persons p ON p.id = g.person_id
    WHERE g.organisation_id IN (${sql.join(organisationIds)}) AND g.right_code = 'HTB' AND ${grantValidAt(now)}`.execute(db);
  return result.rows;
}

/** The co-HTBs of the organisation now. */
export async function listCoHtbs(db: Db, organisationId: string, now: Date) {
  const result = await sql<{ person_id: string; first_name: string; last_name: string; insz: string }>`
    SELECT g.person_id, p.first_name, p.last_name, p.insz
    FROM access_grants g JOIN persons p ON p.id = g.person_id
    WHERE g.organisation_id = ${organisationId} AND g.right_code = 'CO_HTB' AND ${grantValidAt(now)}
    ORDER BY p.last_name, p.first_name`.execute(db);
  return result.rows;
}

export async function findPersonByInsz(db: Db | Tx, insz: string) {
  return db.selectFrom('persons').select(['id', 'insz', 'first_name', 'last_name', 'language', 'email']).where('insz', '=', insz).executeTakeFirst();
}

export async function findPersonsByInsz(db: Db, inszs: string[]) {
  if (inszs.length === 0) return [];
  return db.selectFrom('persons').select(['id', 'insz', 'first_name', 'last_name']).where('insz', 'in', inszs).execute();
}

export async function findPerson(db: Db | Tx, personId: string) {
  return db.selectFrom('persons').select(['id', 'insz', 'first_name', 'last_name', 'language', 'email']).where('id', '=', personId).executeTakeFirst();
}

/** The member row of a person in an organisation, with whether they are blocked now. */
export async function findMember(db: Db | Tx, organisationId: string, personId: string, now: Date) {
  const result = await sql<{
    email: string | null;
    language: Language | null;
    blocked: boolean;
    blocked_until: Date | null;
    version: number;
  }>`SELECT m.email, m.language, ${memberBlockedAt(now)} AS blocked, m.blocked_until, m.version
     FROM access_members m WHERE m.organisation_id = ${organisationId} AND m.person_id = ${personId}`.execute(db);
  return result.rows[0];
}

/** The version of a person's member row in the organisation; null when they were never a member. */
export async function memberVersion(db: Db | Tx, organisationId: string, personId: string): Promise<number | null> {
  const row = await db
    .selectFrom('access_members')
    .select('version')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.version ?? null;
}

/** Locks a member row (the compare-and-set of a two-step change reads its version under this lock). */
export async function lockMember(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('access_members')
    .select(['person_id', 'email', 'language', 'blocked_at', 'blocked_until', 'version'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
}

/** The persons of these INSZ numbers who are blocked now in these organisations: "organisationId|insz". */
export async function blockedMembers(db: Db, pairs: Array<{ organisationId: string; insz: string }>, now: Date): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const result = await sql<{ organisation_id: string; insz: string }>`
    SELECT m.organisation_id, p.insz FROM access_members m JOIN persons p ON p.id = m.person_id
    WHERE m.organisation_id IN (${sql.join([...new Set(pairs.map((p) => p.organisationId))])})
      AND p.insz IN (${sql.join([...new Set(pairs.map((p) => p.insz))])}) AND ${memberBlockedAt(now)}`.execute(db);
  return new Set(result.rows.map((r) => `${r.organisation_id}|${r.insz}`));
}

/** The organisation's contact data of a person: created, or changed (the version moves on). */
export async function saveMemberContact(
  tx: Tx,
  m: { organisationId: string; personId: string; email: string; language: Language; by: string; at: Date },
): Promise<{ created: boolean; before: { email: string | null; language: Language | null } | null }> {
  const existing = await lockMember(tx, m.organisationId, m.personId);
  if (!existing) {
    await tx
      .insertInto('access_members')
      .values({ organisation_id: m.organisationId, person_id: m.personId, email: m.email, language: m.language, added_by: m.by, added_at: m.at })
      .execute();
    return { created: true, before: null };
  }
  if (existing.email !== m.email || existing.language !== m.language) {
    await tx
      .updateTable('access_members')
      .set({ email: m.email, language: m.language, version: sql`version + 1` })
      .where('organisation_id', '=', m.organisationId)
      .where('person_id', '=', m.personId)
      .execute();
  }
  return { created: false, before: { email: existing.email, language: existing.language } };
}

/** The rights a person holds now in the organisation, with their grant ids. */
export async function activeGrants(db: Db | Tx, organisationId: string, personId: string, now: Date) {
  const result = await sql<{ id: string; right_code: string }>`
    SELECT g.id, g.right_code FROM access_grants g
    WHERE g.organisation_id = ${organisationId} AND g.person_id = ${personId} AND ${grantValidAt(now)}
    ORDER BY g.right_code`.execute(db);
  return result.rows;
}

/** Ends a grant now (the row stays: the history of who held what). */
export async function withdrawGrant(tx: Tx, grantId: string, by: string, at: Date) {
  await tx.updateTable('access_grants').set({ valid_to: at, withdrawn_by: by }).where('id', '=', grantId).where('valid_to', 'is', null).execute();
}

/** Moves the member's version on (a change that is not in the member row: a role granted or withdrawn). */
export async function bumpMemberVersion(tx: Tx, organisationId: string, personId: string) {
  await tx
    .updateTable('access_members')
    .set({ version: sql`version + 1` })
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

// ------------------------------------------------------------------------------------------------- POD MI's staff

export interface StaffRow {
  person_id: string;
  first_name: string;
  last_name: string;
  insz: string;
  email: string | null;
  language: Language | null;
  rights: string[];
  blocked: boolean;
  blocked_until: Date | null;
  version: number;
}

/** POD MI's staff: members of the POD MI organisation holding a back-office role now (blocked ones included). */
export async function listPodmiStaff(db: Db | Tx, now: Date, personId?: string): Promise<StaffRow[]> {
  const result = await sql<StaffRow>`
    SELECT m.person_id, p.first_name, p.last_name, p.insz, coalesce(m.email, p.email) AS email, coalesce(m.language, p.language) AS language,
      (SELECT jsonb_agg(g.right_code ORDER BY g.right_code) FROM access_grants g
        WHERE g.organisation_id = m.organisation_id AND g.person_id = m.person_id AND ${grantValidAt(now)}) AS rights,
      ${memberBlockedAt(now)} AS blocked, m.blocked_until, m.version
    FROM access_members m JOIN persons p ON p.id = m.person_id
    WHERE m.organisation_id = ${PODMI_ORGANISATION_ID}
      ${personId ? sql`AND m.person_id = ${personId}` : sql``}
      AND EXISTS (SELECT 1 FROM access_grants g WHERE g.organisation_id = m.organisation_id AND g.person_id = m.person_id AND ${grantValidAt(now)})
    ORDER BY p.last_name, p.first_name, p.id`.execute(db);
  return result.rows.map((r) => ({ ...r, rights: r.rights ?? [], blocked_until: r.blocked_until ? new Date(r.blocked_until) : null }));
}

/** How many other persons hold PODMI_ADMIN now, unblocked: the last beheerder cannot be removed, demoted or blocked. */
export async function countOtherActiveAdmins(tx: Tx, personId: string, now: Date): Promise<number> {
  const result = await sql<{ count: string | number }>`
    SELECT count(DISTINCT g.person_id) AS count FROM access_grants g
    JOIN access_members m ON m.organisation_id = g.organisation_id AND m.person_id = g.person_id
    WHERE g.organisation_id = ${PODMI_ORGANISATION_ID} AND g.right_code = 'PODMI_ADMIN' AND g.person_id <> ${personId}
      AND ${grantValidAt(now)} AND NOT ${memberBlockedAt(now)}`.execute(tx);
  return Number(result.rows[0]?.count ?? 0);
}

/**
 * Locks the grants of POD MI's beheerders: two changes that could each leave one beheerder (A removes B while B
 * removes A) take turns, and the second counts what the first left.
 */
export async function lockPodmiAdmins(tx: Tx, now: Date) {
  await sql`SELECT g.id FROM access_grants g WHERE g.organisation_id = ${PODMI_ORGANISATION_ID} AND g.right_code = 'PODMI_ADMIN' AND ${grantValidAt(now)}
    ORDER BY g.id FOR UPDATE`.execute(tx);
}

export async function setBlock(tx: Tx, organisationId: string, personId: string, block: { at: Date; until: Date | null; by: string } | null) {
  await tx
    .updateTable('access_members')
    .set({
      blocked_at: block?.at ?? null,
      blocked_until: block?.until ?? null,
      blocked_by: block?.by ?? null,
      version: sql`version + 1`,
    })
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

// ------------------------------------------------------------------------------------------------- HTB lists

export interface NewHtbImport extends NewStagedImport<StagedHtbRow> {
  keepPrevious: boolean;
}

export async function insertHtbImport(db: Db, row: NewHtbImport) {
  await db
    .insertInto('htb_imports')
    .values({ ...stagedImportValues(row), keep_previous: row.keepPrevious })
    .execute();
}

/** The most recent lists, newest first, without their rows. */
export async function listHtbImports(db: Db, limit: number) {
  return db
    .selectFrom('htb_imports as hi')
    .innerJoin('persons as u', 'u.id', 'hi.uploaded_by')
    .select([
      'hi.id',
      'hi.file_name',
      'hi.uploaded_at',
      'hi.state',
      'hi.row_count',
      personName('u').as('uploaded_by_name'),
      problemCount('hi').as('problem_count'),
    ])
    .orderBy('hi.uploaded_at', 'desc')
    .orderBy('hi.id')
    .limit(limit)
    .execute();
}

/** Names and KBO numbers of these OCMWs (the preview of a list). */
export async function findOcmwNames(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'kbo', 'name_nl', 'name_fr', 'name_de', 'language', 'administration_language'])
    .where('id', 'in', ids)
    .execute();
}
