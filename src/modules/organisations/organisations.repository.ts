import { sql } from 'kysely';
import { memberBlockedAt, personHoldsRightIn, podmiRightsSql, rightsSql } from '../../access/grants.repository.ts';
import type { Db, Tx } from '../../db/database.ts';
import type { Language, PodMiRole, RightCode } from '../../db/types.ts';

export type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>> & {};

export async function findOrganisation(db: Db | Tx, organisationId: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
}

/**
 * The OCMW of a KBO number with the rights the person holds there now (none: not a member, removed or blocked),
 * whether the person is blocked there or a member at all, and the person's POD MI roles — in one round trip: every OCMW page asks it,
 * so removing, blocking or withdrawing takes effect at the person's next request (portal.md §3.6).
 */
export async function findOrganisationForPerson(db: Db | Tx, kbo: string, personId: string, now: Date) {
  const result = await sql<{ id: string; kbo: string; language: Language; rights: RightCode[]; blocked: boolean | null; podmi_rights: PodMiRole[] }>`
    SELECT o.id, o.kbo, o.language,
      ${rightsSql(sql`o.id`, personId, now)} AS rights,
      (SELECT ${memberBlockedAt(now)} FROM access_members m WHERE m.organisation_id = o.id AND m.person_id = ${personId}) AS blocked,
      ${podmiRightsSql(personId, now)} AS podmi_rights
    FROM organisations o
    WHERE o.kbo = ${kbo} AND o.type = 'OCMW'`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  // A member row without a valid right: the person was removed (or every grant withdrawn); never a member: null.
  const member = row.blocked !== null;
  return { id: row.id, kbo: row.kbo, language: row.language, rights: row.rights, blocked: row.blocked === true, member, podmiRights: row.podmi_rights };
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

/** OCMWs a person may choose now (an unblocked, valid right there); POD MI staff may choose every OCMW. */
export async function listChoosableOrganisations(db: Db, personId: string, now: Date, everyOrganisation = false) {
  const query = db.selectFrom('organisations').select(['id', 'kbo', 'nis', 'name_nl', 'name_fr', 'name_de']).where('type', '=', 'OCMW').orderBy('name_nl');
  if (everyOrganisation) return query.execute();
  return query.where(personHoldsRightIn(personId, now)).execute();
}

/** The OCMW (id and KBO number) if the person may choose it now, else undefined. */
export async function isChoosable(db: Db, personId: string, organisationId: string, now: Date, everyOrganisation = false) {
  const query = db.selectFrom('organisations').select(['id', 'kbo']).where('id', '=', organisationId).where('type', '=', 'OCMW');
  if (everyOrganisation) return query.executeTakeFirst();
  return query.where(personHoldsRightIn(personId, now)).executeTakeFirst();
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
