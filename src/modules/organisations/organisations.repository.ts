import type { Db, Tx } from '../../db/database.ts';
import type { OcmwRole } from '../../db/types.ts';

export type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>> & {};

export async function findOrganisation(db: Db | Tx, organisationId: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
}

/**
 * The OCMW of a KBO number with the roles the person holds there (none: not a member), in one round trip: every
 * OCMW page asks it.
 */
export async function findOrganisationForPerson(db: Db | Tx, kbo: string, personId: string) {
  const rows = await db
    .selectFrom('organisations as o')
    .leftJoin('memberships as m', (join) => join.onRef('m.organisation_id', '=', 'o.id').on('m.person_id', '=', personId))
    .select(['o.id', 'o.kbo', 'o.language', 'm.role'])
    .where('o.kbo', '=', kbo)
    .execute();
  if (rows.length === 0) return undefined;
  const { id, language } = rows[0];
  const roles = rows.flatMap((r) => (r.role ? [r.role as OcmwRole] : []));
  return { id, kbo: rows[0].kbo, language, roles };
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

/** Organisations a person may choose; POD MI staff may choose every OCMW. */
export async function listChoosableOrganisations(db: Db, personId: string, everyOrganisation: boolean) {
  const query = db.selectFrom('organisations').select(['id', 'kbo', 'nis', 'name_nl', 'name_fr', 'name_de']).orderBy('name_nl');
  if (everyOrganisation) return query.execute();
  return query.where('id', 'in', db.selectFrom('memberships').select('organisation_id').where('person_id', '=', personId)).execute();
}

/** The OCMW (id and KBO number) if the person may choose it, else undefined. */
export async function isChoosable(db: Db, personId: string, organisationId: string, everyOrganisation: boolean) {
  const query = db.selectFrom('organisations').select(['id', 'kbo']).where('id', '=', organisationId);
  if (everyOrganisation) return query.executeTakeFirst();
  return query.where('id', 'in', db.selectFrom('memberships').select('organisation_id').where('person_id', '=', personId)).executeTakeFirst();
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
