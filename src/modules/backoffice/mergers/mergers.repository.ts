import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { grantValidAt, memberBlockedAt } from '../../../access/grants.repository.ts';
import type { Db, Tx } from '../../../db/database.ts';
import type { AdministrationLanguage, Language, MergerScenario, Region, RightCode } from '../../../db/types.ts';
import type { GrantRef, SourceMember, TargetMember } from './copy-plan.ts';
import type { OrganisationFact } from './merger-input.ts';

/** The mergers' reads and writes (issue 13); the registry's shared ones are in organisations/registry.repository.ts. */

export async function listMergerRows(db: Db | Tx, mergerId?: string) {
  let query = db
    .selectFrom('mergers as m')
    .innerJoin('organisations as o', 'o.id', 'm.merged_organisation_id')
    .leftJoin('persons as p', 'p.id', 'm.recorded_by')
    .select([
      'm.id',
      'm.scenario',
      'm.effective_on',
      'm.transition_ends_on',
      'm.version',
      'm.recorded_at',
      'm.access_copied_at',
      'm.access_copy_report',
      'o.id as merged_id',
      'o.kbo as merged_kbo',
      'o.nis as merged_nis',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      'o.language',
      'o.administration_language',
      'p.first_name as recorder_first_name',
      'p.last_name as recorder_last_name',
    ]);
  if (mergerId) query = query.where('m.id', '=', mergerId);
  return query.orderBy('m.effective_on', 'desc').orderBy('o.name_nl').execute();
}

export async function listPartners(db: Db | Tx, mergerIds: readonly string[]) {
  if (mergerIds.length === 0) return [];
  return db
    .selectFrom('merger_partners as mp')
    .innerJoin('organisations as o', 'o.id', 'mp.organisation_id')
    .select(['mp.merger_id', 'mp.keeps_identity', 'mp.nis_before', 'o.id', 'o.kbo', 'o.name_nl', 'o.name_fr', 'o.name_de'])
    .select(['o.language', 'o.administration_language'])
    .where('mp.merger_id', 'in', mergerIds)
    .orderBy('mp.keeps_identity', 'desc')
    .orderBy('o.name_nl')
    .execute();
}

/** Forms submitted per organisation and report year (campaigns of that year with a submitted form). */
export async function submittedCounts(db: Db | Tx, organisationIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (organisationIds.length === 0) return out;
  const rows = await db
    .selectFrom('form_instances as f')
    .innerJoin('campaigns as c', 'c.id', 'f.campaign_id')
    .select(['f.organisation_id', 'c.report_year', (eb) => eb.fn.count<string>('f.campaign_id').distinct().as('n')])
    .where('f.organisation_id', 'in', organisationIds)
    .where('f.submitted_at', 'is not', null)
    .groupBy(['f.organisation_id', 'c.report_year'])
    .execute();
  for (const r of rows) out.set(`${r.organisation_id}:${r.report_year}`, Number(r.n));
  return out;
}

/** The number of campaigns of each report year. */
export async function campaignCounts(db: Db | Tx): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('campaigns')
    .select(['report_year', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('report_year')
    .execute();
  return new Map(rows.map((r) => [r.report_year, Number(r.n)]));
}

/** The merger's row locked for the rest of the transaction (the copy, the end of the transition). */
export async function lockMerger(tx: Tx, mergerId: string) {
  return tx
    .selectFrom('mergers')
    .select(['id', 'merged_organisation_id', 'version', 'effective_on', 'transition_ends_on', 'access_copied_at'])
    .where('id', '=', mergerId)
    .forUpdate()
    .executeTakeFirst();
}

export async function mergerEvents(db: Db | Tx, mergerId: string) {
  return db
    .selectFrom('registry_events as e')
    .leftJoin('persons as p', 'p.id', 'e.actor_person_id')
    .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select(['e.id', 'e.occurred_at', 'e.type', 'e.payload', 'p.first_name', 'p.last_name', 'o.kbo', 'o.name_nl', 'o.name_fr', 'o.name_de'])
    .select(['o.language', 'o.administration_language'])
    .where('e.merger_id', '=', mergerId)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

// ------------------------------------------------------------------------------------------------ recording

/** The organisation of a KBO number (the column: a KBO number is never given to a second organisation). */
export async function findIdByKbo(db: Db | Tx, kbo: string): Promise<string | undefined> {
  return (await db.selectFrom('organisations').select('id').where('kbo', '=', kbo).executeTakeFirst())?.id;
}

/** What the checks of a merger need to know of these organisations. */
export async function organisationFacts(db: Db | Tx, ids: readonly string[]): Promise<Map<string, OrganisationFact>> {
  const out = new Map<string, OrganisationFact>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('organisations as o')
    .select([
      'o.id',
      'o.type',
      'o.kbo',
      'o.nis',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      'o.language',
      'o.administration_language',
      'o.has_ocmw',
      'o.valid_from',
      'o.valid_to',
      'o.merger_id',
      sql<string[] | null>`(SELECT array_agg(m.effective_on::text) FROM mergers m WHERE m.merged_organisation_id = o.id)`.as('absorbs_on'),
      sql<string | null>`(SELECT max(i.valid_from)::text FROM organisation_identifiers i WHERE i.organisation_id = o.id AND i.valid_to IS NULL)`.as(
        'open_from',
      ),
    ])
    .where('o.id', 'in', ids)
    .execute();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      type: r.type,
      kbo: r.kbo,
      nis: r.nis,
      name_nl: r.name_nl,
      name_fr: r.name_fr,
      name_de: r.name_de,
      language: r.language,
      administration_language: r.administration_language,
      hasOcmw: r.has_ocmw,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      mergerId: r.merger_id,
      absorbsOn: r.absorbs_on ?? [],
      openIdentifiersFrom: r.open_from,
    });
  }
  return out;
}

/** Has a KBO number ever been given (an organisation's column or its history)? */
export async function kboEverUsed(db: Db | Tx, kbo: string): Promise<boolean> {
  const org = await findIdByKbo(db, kbo);
  if (org) return true;
  const identifier = await db.selectFrom('organisation_identifiers').select('id').where('scheme', '=', 'KBO').where('value', '=', kbo).executeTakeFirst();
  return identifier !== undefined;
}

/** Locks the partners' rows in id order (two mergers recorded at once take turns and see each other's result). */
export async function lockOrganisations(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .selectFrom('organisations')
    .select('id')
    .where('id', 'in', [...ids].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function insertMergedOrganisation(
  tx: Tx,
  o: {
    kbo: string;
    nis: string;
    names: { nl: string; fr: string; de: string };
    language: Language;
    administrationLanguage: AdministrationLanguage;
    region: Region;
    province: string | null;
    validFrom: string;
  },
): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('organisations')
    .values({
      id,
      type: 'OCMW',
      kbo: o.kbo,
      nis: o.nis,
      name_nl: o.names.nl,
      name_fr: o.names.fr,
      name_de: o.names.de,
      language: o.language,
      administration_language: o.administrationLanguage,
      region: o.region,
      province: o.province,
      valid_from: o.validFrom,
      valid_to: null,
      has_ocmw: true,
      kbo_fictitious: false,
      iban: null,
      bic: null,
      contact_last_name: null,
      contact_first_name: null,
      contact_email: null,
      contact_phone: null,
    })
    .execute();
  return id;
}

export async function insertMerger(
  tx: Tx,
  m: { mergedId: string; scenario: MergerScenario; effectiveOn: string; transitionEndsOn: string | null; by: string; at: Date },
): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('mergers')
    .values({
      id,
      merged_organisation_id: m.mergedId,
      scenario: m.scenario,
      effective_on: m.effectiveOn,
      transition_ends_on: m.transitionEndsOn,
      recorded_at: m.at,
      recorded_by: m.by,
    })
    .execute();
  return id;
}

export async function insertPartners(tx: Tx, mergerId: string, partners: ReadonlyArray<{ organisationId: string; keepsIdentity: boolean; nisBefore: string }>) {
  await tx
    .insertInto('merger_partners')
    .values(partners.map((p) => ({ merger_id: mergerId, organisation_id: p.organisationId, keeps_identity: p.keepsIdentity, nis_before: p.nisBefore })))
    .execute();
}

/** A disappearing partner: its last legal day, the merger it disappears in, its identifiers' periods closed then. */
export async function endPartner(tx: Tx, organisationId: string, mergerId: string, lastDay: string): Promise<void> {
  await tx.updateTable('organisations').set({ valid_to: lastDay, merger_id: mergerId }).where('id', '=', organisationId).execute();
  await tx
    .updateTable('organisation_identifiers')
    .set({ valid_to: lastDay })
    .where('organisation_id', '=', organisationId)
    .where('valid_to', 'is', null)
    .execute();
}

export async function renameOrganisation(tx: Tx, organisationId: string, names: { name_nl?: string; name_fr?: string; name_de?: string }): Promise<void> {
  if (Object.keys(names).length === 0) return;
  await tx.updateTable('organisations').set(names).where('id', '=', organisationId).execute();
}

/** Compare-and-set of the end of the transition: false when the merger moved on since it was read. */
export async function setTransitionEnd(tx: Tx, mergerId: string, version: number, value: string | null): Promise<boolean> {
  const result = await tx
    .updateTable('mergers')
    .set((eb) => ({ transition_ends_on: value, version: eb('version', '+', 1) }))
    .where('id', '=', mergerId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ------------------------------------------------------------------------------------------------ copy of access

/** The members of these organisations with their grants valid now and whether they are blocked now. */
export async function sourceMembers(db: Db | Tx, organisationIds: readonly string[], now: Date): Promise<SourceMember[]> {
  if (organisationIds.length === 0) return [];
  const rows = await sql<{
    organisation_id: string;
    person_id: string;
    first_name: string;
    last_name: string;
    insz: string;
    email: string | null;
    phone: string | null;
    language: Language | null;
    blocked: boolean;
    blocked_at: Date | null;
    blocked_until: Date | null;
    right_code: RightCode;
    domain_code: string | null;
  }>`
    SELECT m.organisation_id, m.person_id, p.first_name, p.last_name, p.insz, m.email, m.phone, m.language,
      ${memberBlockedAt(now)} AS blocked, m.blocked_at, m.blocked_until, g.right_code, g.domain_code
    FROM access_members m
    JOIN persons p ON p.id = m.person_id
    JOIN access_grants g ON g.organisation_id = m.organisation_id AND g.person_id = m.person_id AND ${grantValidAt(now)}
    WHERE m.organisation_id IN (${sql.join(organisationIds)})
    ORDER BY m.organisation_id, m.person_id, g.right_code`.execute(db);
  const out = new Map<string, SourceMember>();
  for (const r of rows.rows) {
    const key = `${r.organisation_id}:${r.person_id}`;
    let member = out.get(key);
    if (!member) {
      member = {
        partnerId: r.organisation_id,
        personId: r.person_id,
        name: `${r.first_name} ${r.last_name}`.trim(),
        insz: r.insz,
        email: r.email,
        phone: r.phone,
        language: r.language,
        blocked: r.blocked,
        blockedAt: r.blocked ? new Date(r.blocked_at as Date) : null,
        blockedUntil: r.blocked && r.blocked_until ? new Date(r.blocked_until) : null,
        grants: [],
      };
      out.set(key, member);
    }
    member.grants.push({ right: r.right_code, domain: r.domain_code });
  }
  return [...out.values()];
}

/** The members of the merged OCMW with their grants valid now (a member without grants counts as a member). */
export async function targetMembers(db: Db | Tx, organisationId: string, now: Date): Promise<Map<string, TargetMember>> {
  const rows = await sql<{ person_id: string; right_code: RightCode | null; domain_code: string | null }>`
    SELECT m.person_id, g.right_code, g.domain_code
    FROM access_members m
    LEFT JOIN access_grants g ON g.organisation_id = m.organisation_id AND g.person_id = m.person_id AND ${grantValidAt(now)}
    WHERE m.organisation_id = ${organisationId}`.execute(db);
  const out = new Map<string, TargetMember>();
  for (const r of rows.rows) {
    const member = out.get(r.person_id) ?? { personId: r.person_id, grants: [] as GrantRef[] };
    if (r.right_code) member.grants.push({ right: r.right_code, domain: r.domain_code });
    out.set(r.person_id, member);
  }
  return out;
}

/** A copied block on a new member row. */
export async function setMemberBlock(tx: Tx, organisationId: string, personId: string, block: { at: Date; until: Date | null }, by: string): Promise<void> {
  await tx
    .updateTable('access_members')
    .set({ blocked_at: block.at, blocked_until: block.until, blocked_by: by })
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

/** A member's row counts a new version: an OCMW access manager's open overview of that person goes stale. */
export async function bumpMemberVersion(tx: Tx, organisationId: string, personId: string): Promise<void> {
  await tx
    .updateTable('access_members')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

export async function storeCopyReport(tx: Tx, mergerId: string, report: unknown, by: string, at: Date): Promise<void> {
  await tx
    .updateTable('mergers')
    .set({ access_copied_at: at, access_copied_by: by, access_copy_report: JSON.stringify(report) })
    .where('id', '=', mergerId)
    .execute();
}
