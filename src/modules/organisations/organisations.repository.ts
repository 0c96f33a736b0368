import { sql } from 'kysely';
import { loadPodMiRights, personHoldsRightIn } from '../../access/grants.repository.ts';
import type { Db, Tx } from '../../db/database.ts';
import type { Language, RightCode } from '../../db/types.ts';
import { brusselsDay } from '../shared/brussels-time.ts';
import { organisationStatus } from './registry-rules.ts';

export type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>> & {};

export async function findOrganisation(db: Db | Tx, organisationId: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
}

/**
 * The OCMW of a KBO number with the rights the person holds there now (none: not a member, removed or blocked) and
 * whether the person is blocked there — in one round trip: every OCMW page asks it, so removing, blocking or
 * withdrawing takes effect at the person's next request (portal.md §3.6). The person's POD MI roles are read (a
 * second query) only for someone without rights in this OCMW: POD MI staff reading it, or a refusal.
 */
export async function findOrganisationForPerson(db: Db | Tx, kbo: string, personId: string, now: Date) {
  // A plain join, validity and blocking decided here: the cheapest statement for the most frequent question.
  const result = await sql<{
    id: string;
    kbo: string;
    language: Language;
    member: string | null;
    blocked_at: Date | null;
    blocked_until: Date | null;
    right_code: RightCode | null;
    valid_from: Date | null;
    valid_to: Date | null;
    org_valid_from: string;
    org_valid_to: string | null;
    merger_id: string | null;
    transition_ends_on: string | null;
    successor_kbo: string | null;
    successor_name_nl: string | null;
    successor_name_fr: string | null;
    successor_name_de: string | null;
    elsewhere: boolean;
  }>`
    SELECT o.id, o.kbo, o.language, m.person_id AS member, m.blocked_at, m.blocked_until, g.right_code, g.valid_from, g.valid_to,
      o.valid_from AS org_valid_from, o.valid_to AS org_valid_to, o.merger_id, mg.transition_ends_on,
      s.kbo AS successor_kbo, s.name_nl AS successor_name_nl, s.name_fr AS successor_name_fr, s.name_de AS successor_name_de,
      EXISTS (SELECT 1 FROM access_grants x WHERE x.person_id = ${personId} AND x.valid_to IS NULL AND x.organisation_id <> o.id) AS elsewhere
    FROM organisations o
    LEFT JOIN access_members m ON m.organisation_id = o.id AND m.person_id = ${personId}
    LEFT JOIN access_grants g ON g.organisation_id = o.id AND g.person_id = ${personId}
    LEFT JOIN mergers mg ON mg.id = o.merger_id
    LEFT JOIN organisations s ON s.id = mg.merged_organisation_id
    WHERE o.kbo = ${kbo} AND o.type = 'OCMW' AND o.has_ocmw`.execute(db);
  const first = result.rows[0];
  if (!first) return undefined;
  const at = now.getTime();
  const blocked = first.blocked_at !== null && (first.blocked_until === null || new Date(first.blocked_until).getTime() > at);
  const valid = (r: (typeof result.rows)[number]) =>
    r.right_code !== null && r.valid_from !== null && new Date(r.valid_from).getTime() <= at && (r.valid_to === null || new Date(r.valid_to).getTime() > at);
  const member = first.member !== null;
  const rights = member && !blocked ? result.rows.filter(valid).map((r) => r.right_code as RightCode) : [];
  const podmiRights = rights.length === 0 && !blocked ? await loadPodMiRights(db, personId, now) : [];
  // A member row without a valid right: the person was removed (or every grant withdrawn); never a member: false.
  const lifetime = {
    validFrom: first.org_valid_from,
    validTo: first.org_valid_to,
    disappears: first.merger_id !== null,
    transitionEndsOn: first.transition_ends_on,
  };
  const status = organisationStatus(lifetime, brusselsDay(now));
  const successor =
    first.successor_kbo !== null
      ? { kbo: first.successor_kbo, name_nl: first.successor_name_nl ?? '', name_fr: first.successor_name_fr ?? '', name_de: first.successor_name_de ?? '' }
      : null;
  // Rights in another organisation (another OCMW, or POD MI's): the header offers "Ander OCMW kiezen".
  const elsewhere = first.elsewhere === true;
  return {
    id: first.id,
    kbo: first.kbo,
    language: first.language,
    rights,
    blocked,
    member,
    podmiRights,
    status,
    lastDay: first.org_valid_to,
    successor,
    elsewhere,
  };
}

/**
 * FOR NO KEY UPDATE, not FOR UPDATE: inserts elsewhere that reference the OCMW (audit events, form instances)
 * take key-share locks on this row, which FOR UPDATE would block — a deadlock with the audit head lock.
 */
export async function lockOrganisation(tx: Tx, organisationId: string) {
  return tx.selectFrom('organisations').selectAll().where('id', '=', organisationId).forNoKeyUpdate().executeTakeFirst();
}

export interface OcmwDataColumns {
  iban: string;
  bic: string;
  contact_last_name: string;
  contact_first_name: string;
  contact_email: string;
  contact_phone: string;
}

/** Compare-and-set on the version: zero rows means someone else saved first. */
export async function updateOcmwData(tx: Tx, organisationId: string, version: number, data: OcmwDataColumns, now: Date) {
  const result = await tx
    .updateTable('organisations')
    .set((eb) => ({ ...data, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', organisationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * OCMWs a person may choose now (an unblocked, valid right there); POD MI staff may choose every OCMW. Each with its
 * status today and, for a disappearing one, its successor (MRG-1: the person sees which is which). A MERGED OCMW is
 * POD MI's only (portal.md §1.2); a municipality without an OCMW is never listed.
 */
export async function listChoosableOrganisations(db: Db, personId: string, now: Date, everyOrganisation = false, onlyId?: string) {
  let query = db
    .selectFrom('organisations as o')
    .leftJoin('mergers as mg', 'mg.id', 'o.merger_id')
    .leftJoin('organisations as s', 's.id', 'mg.merged_organisation_id')
    .select([
      'o.id',
      'o.kbo',
      'o.nis',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      'o.language',
      'o.administration_language',
      'o.valid_from',
      'o.valid_to',
      'o.merger_id',
      'mg.transition_ends_on',
      's.kbo as successor_kbo',
      's.name_nl as successor_name_nl',
      's.name_fr as successor_name_fr',
      's.name_de as successor_name_de',
      's.language as successor_language',
      's.administration_language as successor_administration_language',
    ])
    .where('o.type', '=', 'OCMW')
    .where('o.has_ocmw', '=', true)
    .orderBy('o.name_nl');
  if (!everyOrganisation) query = query.where(personHoldsRightIn(personId, now, 'o'));
  if (onlyId !== undefined) query = query.where('o.id', '=', onlyId);
  const day = brusselsDay(now);
  return (await query.execute())
    .map((o) => ({
      ...o,
      status: organisationStatus(
        { validFrom: o.valid_from, validTo: o.valid_to, disappears: o.merger_id !== null, transitionEndsOn: o.transition_ends_on },
        day,
      ),
    }))
    .filter((o) => everyOrganisation || o.status !== 'MERGED');
}

/** The OCMW (id and KBO number) if the person may choose it now, else undefined. */
export async function isChoosable(db: Db, personId: string, organisationId: string, now: Date, everyOrganisation = false) {
  const [found] = await listChoosableOrganisations(db, personId, now, everyOrganisation, organisationId);
  return found ? { id: found.id, kbo: found.kbo } : undefined;
}

/** May this OCMW still submit a form of a campaign not settled: a late submission running, or a correction requested? */
export async function hasLateSubmissionOrCorrection(db: Db | Tx, organisationId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('campaigns as c')
    .select('c.id')
    .where('c.status', '!=', 'SETTLED')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('campaign_extensions as ce')
            .select('ce.campaign_id')
            .whereRef('ce.campaign_id', '=', 'c.id')
            .where('ce.organisation_id', '=', organisationId)
            .where('ce.until', '>=', now),
        ),
        eb.exists(
          eb
            .selectFrom('form_instances as fi')
            .select('fi.id')
            .whereRef('fi.campaign_id', '=', 'c.id')
            .where('fi.organisation_id', '=', organisationId)
            .where('fi.review_state', '=', 'CORRECTION_REQUESTED'),
        ),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
