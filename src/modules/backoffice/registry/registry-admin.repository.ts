import type { Db, Tx } from '../../../db/database.ts';
import type { ReferenceImportProblem } from '../../../db/types.ts';
import { type NewStagedImport, personName, problemCount, stagedImportValues } from '../../reference-data/staged-import.repository.ts';
import type { StagedRegistryRow } from './registry.model.ts';

/**
 * The registry room's own queries (issue 13). The shared reads and writes of identifiers, lifetimes and the
 * registry's log are modules/organisations/registry.repository.ts. Every query here reads across all organisations
 * on purpose: the registry is POD MI's.
 */

/** Every organisation with what its list line and its status need (≈ 600 rows: the registry of the country). */
export async function listRegistry(db: Db) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('mergers as m', 'm.id', 'o.merger_id')
    .select([
      'o.id',
      'o.type',
      'o.kbo',
      'o.kbo_fictitious',
      'o.nis',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      'o.province',
      'o.region',
      'o.administration_language',
      'o.has_ocmw',
      'o.valid_from',
      'o.valid_to',
      'o.merger_id',
      'm.transition_ends_on',
    ])
    .execute();
}

/**
 * Organisations that hold or held an identifier matching typed digits: a KBO number containing them, or a NIS code
 * starting with them (current or former, organisation_identifiers). With the value, to say which matched.
 */
export async function findByIdentifierDigits(db: Db, digits: string, scheme: 'KBO' | 'NIS') {
  return db
    .selectFrom('organisation_identifiers')
    .select(['organisation_id', 'scheme', 'value', 'valid_to'])
    .where('scheme', '=', scheme)
    .where('value', 'like', scheme === 'KBO' ? `%${digits}%` : `${digits}%`)
    .execute();
}

/** One organisation, every column its page and its edit need. */
export async function findOrganisation(db: Db | Tx, organisationId: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst();
}

/** Locks the organisation's row for the rest of the transaction (FOR NO KEY UPDATE, as the OCMW data's save). */
export async function lockOrganisationRow(tx: Tx, organisationId: string) {
  return tx.selectFrom('organisations').selectAll().where('id', '=', organisationId).forNoKeyUpdate().executeTakeFirst();
}

/** The mergers an organisation is the merged OCMW of, with every partner. */
export async function mergersOfMerged(db: Db, organisationId: string) {
  return db
    .selectFrom('mergers as m')
    .innerJoin('merger_partners as p', 'p.merger_id', 'm.id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'm.id as merger_id',
      'm.scenario',
      'm.effective_on',
      'm.transition_ends_on',
      'o.id',
      'o.kbo',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      'o.administration_language',
      'p.keeps_identity',
      'p.nis_before',
    ])
    .where('m.merged_organisation_id', '=', organisationId)
    .orderBy('m.effective_on')
    .orderBy('p.keeps_identity', 'desc')
    .orderBy('o.name_nl')
    .execute();
}

export interface RegistryColumns {
  name_nl: string;
  name_fr: string;
  name_de: string;
  administration_language: 'nl' | 'fr' | 'de' | 'nl+fr' | null;
  region: 'VLG' | 'BRU' | 'WAL' | null;
  province: string | null;
  has_ocmw: boolean;
  language: 'nl' | 'fr' | 'de';
}

/** Compare-and-set on the version: false when someone else changed the organisation first. */
export async function updateRegistryColumns(tx: Tx, organisationId: string, version: number, columns: RegistryColumns, now: Date): Promise<boolean> {
  const result = await tx
    .updateTable('organisations')
    .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', organisationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Corrects an organisation's KBO number in place: its KBO history rows that carry the old number, and the current
 * column; the number is then a real one (not a generated stand-in). The trigger of migration 0013 and the column's
 * UNIQUE refuse a number another organisation holds (SQLSTATE 23505).
 */
export async function replaceKbo(tx: Tx, organisationId: string, before: string, after: string, now: Date): Promise<void> {
  await tx
    .updateTable('organisation_identifiers')
    .set({ value: after })
    .where('organisation_id', '=', organisationId)
    .where('scheme', '=', 'KBO')
    .where('value', '=', before)
    .execute();
  await tx
    .updateTable('organisations')
    .set((eb) => ({ kbo: after, kbo_fictitious: false, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', organisationId)
    .execute();
}

/** The current NIS period of an organisation (valid_to null), if any. */
export async function currentNisPeriod(db: Db | Tx, organisationId: string) {
  return db
    .selectFrom('organisation_identifiers')
    .select(['value', 'valid_from'])
    .where('organisation_id', '=', organisationId)
    .where('scheme', '=', 'NIS')
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

/** Organisations by id with their names and KBO (an import's preview). */
export async function organisationRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'kbo', 'name_nl', 'name_fr', 'name_de', 'administration_language', 'kbo_fictitious'])
    .where('id', 'in', ids)
    .execute();
}

/** Every identifier row (the import's validation: who holds which NIS today, who ever held which KBO). */
export async function allIdentifiers(db: Db | Tx) {
  return db.selectFrom('organisation_identifiers').select(['organisation_id', 'scheme', 'value', 'valid_from', 'valid_to']).execute();
}

/** The current KBO numbers (a KBO column is UNIQUE too). */
export async function currentKbos(db: Db | Tx) {
  return db.selectFrom('organisations').select(['id', 'kbo', 'kbo_fictitious', 'type']).execute();
}

// ------------------------------------------------------------------------------------------------- staged lists

export async function insertRegistryImport(db: Db, row: NewStagedImport<StagedRegistryRow>): Promise<void> {
  await db.insertInto('registry_imports').values(stagedImportValues(row)).execute();
}

export async function listRegistryImports(db: Db, limit: number) {
  return db
    .selectFrom('registry_imports as si')
    .innerJoin('persons as u', 'u.id', 'si.uploaded_by')
    .select([
      'si.id',
      'si.file_name',
      'si.uploaded_at',
      'si.state',
      'si.row_count',
      personName('u').as('uploaded_by_name'),
      problemCount('si').as('problem_count'),
    ])
    .orderBy('si.uploaded_at', 'desc')
    .limit(limit)
    .execute();
}

/** One list with the names of who uploaded, committed or discarded it (staged-import.repository's findStagedImport). */
export async function findRegistryImport(db: Db, importId: string) {
  return db
    .selectFrom('registry_imports as si')
    .innerJoin('persons as u', 'u.id', 'si.uploaded_by')
    .leftJoin('persons as c', 'c.id', 'si.committed_by')
    .leftJoin('persons as d', 'd.id', 'si.discarded_by')
    .selectAll('si')
    .select([personName('u').as('uploaded_by_name'), personName('c').as('committed_by_name'), personName('d').as('discarded_by_name')])
    .where('si.id', '=', importId)
    .executeTakeFirst();
}

/** Locks a list for the rest of the transaction: a second commit or discard waits, then sees the new state. */
export async function lockRegistryImport(tx: Tx, importId: string) {
  return tx.selectFrom('registry_imports').selectAll().where('id', '=', importId).forUpdate().executeTakeFirst();
}

export async function markRegistryImport(tx: Tx, importId: string, state: 'COMMITTED' | 'DISCARDED', personId: string, now: Date): Promise<void> {
  await tx
    .updateTable('registry_imports')
    .set(state === 'COMMITTED' ? { state, committed_at: now, committed_by: personId } : { state, discarded_at: now, discarded_by: personId })
    .where('id', '=', importId)
    .execute();
}

/** How many problems a report has (typed for the callers). */
export function problemsOf(value: unknown): ReferenceImportProblem[] {
  return Array.isArray(value) ? (value as ReferenceImportProblem[]) : [];
}
