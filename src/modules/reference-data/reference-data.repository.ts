import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { StagedReferenceRow } from '../../db/types.ts';
import { type NewStagedImport, personName, problemCount, stagedImportValues } from './staged-import.repository.ts';

/** Every OCMW's identifiers, to recognise the lines of a file (a few hundred rows). */
export async function listOrganisationKeys(db: Db) {
  return db.selectFrom('organisations').select(['id', 'nis', 'kbo']).where('type', '=', 'OCMW').$narrowType<{ nis: string }>().execute();
}

export async function findOrganisationNames(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'nis', 'name_nl', 'name_fr', 'name_de'])
    .where('id', 'in', ids)
    .where('type', '=', 'OCMW')
    .$narrowType<{ nis: string }>()
    .execute();
}

export interface NewReferenceImport extends NewStagedImport<StagedReferenceRow> {
  campaignId: string;
}

export async function insertReferenceImport(db: Db, row: NewReferenceImport) {
  await db
    .insertInto('reference_imports')
    .values({ ...stagedImportValues(row), campaign_id: row.campaignId })
    .execute();
}

/** The most recent imports, newest first, with campaign and uploader; without their rows. */
export async function listReferenceImports(db: Db, limit: number) {
  return db
    .selectFrom('reference_imports as ri')
    .innerJoin('campaigns as c', 'c.id', 'ri.campaign_id')
    .innerJoin('persons as u', 'u.id', 'ri.uploaded_by')
    .select([
      'ri.id',
      'ri.file_name',
      'ri.uploaded_at',
      'ri.state',
      'ri.row_count',
      'c.report_year',
      'c.measure',
      'c.definition_version',
      personName('u').as('uploaded_by_name'),
      problemCount('ri').as('problem_count'),
    ])
    .orderBy('ri.uploaded_at', 'desc')
    .orderBy('ri.id')
    .limit(limit)
    .execute();
}

/** The campaign's status, its row locked against a concurrent settlement (FOR SHARE). */
export async function lockCampaignStatus(tx: Tx, campaignId: string) {
  const row = await tx.selectFrom('campaigns').select('status').where('id', '=', campaignId).forShare().executeTakeFirst();
  return row?.status;
}

/** The present reference values of these OCMWs for the campaign, locked until the end of the transaction. */
export async function lockReferenceValues(tx: Tx, campaignId: string, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return tx
    .selectFrom('reference_values')
    .select(['organisation_id', 'data'])
    .where('campaign_id', '=', campaignId)
    .where('organisation_id', 'in', organisationIds)
    .orderBy('organisation_id')
    .forUpdate()
    .execute();
}

/** Writes the values of the file over the present ones, key by key (`||` keeps the keys the file leaves out). */
export async function mergeReferenceValues(tx: Tx, campaignId: string, rows: Array<{ organisationId: string; values: Record<string, number> }>, now: Date) {
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insertInto('reference_values')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({ organisation_id: r.organisationId, campaign_id: campaignId, data: JSON.stringify(r.values), loaded_at: now })),
      )
      .onConflict((oc) =>
        oc.columns(['organisation_id', 'campaign_id']).doUpdateSet({
          data: sql`reference_values.data || excluded.data`,
          loaded_at: (eb) => eb.ref('excluded.loaded_at'),
        }),
      )
      .execute();
  }
}
