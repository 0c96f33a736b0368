import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { ConfigScreen } from '../shared/domain.ts';
import type { ScreenData } from './config-fields.ts';

/** The mutation types POD MI offers now, in the catalogue's order. */
export async function listMutationTypes(db: Db) {
  return db
    .selectFrom('mutation_types')
    .select(['code', 'label_nl', 'label_fr', 'label_de', 'source'])
    .where('active', '=', true)
    .orderBy('position')
    .execute();
}

/** POD MI's network providers, in the list's order. */
export async function listNetworkProviders(db: Db) {
  return db.selectFrom('network_providers').select(['code', 'name']).where('active', '=', true).orderBy('position').execute();
}

/** The software suppliers of the registry that exist on `day` (the providers screen's list), by name. */
export async function listSoftwareSuppliers(db: Db, day: string) {
  return db
    .selectFrom('organisations')
    .select(['kbo', 'name_nl', 'name_fr', 'name_de'])
    .where('type', '=', 'SUPPLIER')
    .where('valid_from', '<=', day)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
    .orderBy('name_nl')
    .execute();
}

const withSaver = (db: Db) =>
  db
    .selectFrom('ocmw_config_versions as v')
    .innerJoin('persons as p', 'p.id', 'v.saved_by')
    .select(['v.screen', 'v.version', 'v.data', 'v.saved_at', sql<string>`p.first_name || ' ' || p.last_name`.as('saved_by_name')]);

export type ConfigVersionRow = NonNullable<Awaited<ReturnType<typeof latestVersion>>>;

/** The current (latest) save of one screen of the OCMW; undefined before its first "Bewaren". */
export async function latestVersion(db: Db, organisationId: string, screen: ConfigScreen) {
  return withSaver(db).where('v.organisation_id', '=', organisationId).where('v.screen', '=', screen).orderBy('v.version', 'desc').limit(1).executeTakeFirst();
}

/** The latest save of each screen of the OCMW (a screen never saved has none). */
export async function latestVersions(db: Db, organisationId: string) {
  return withSaver(db)
    .where('v.organisation_id', '=', organisationId)
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('ocmw_config_versions as w')
        .select((w) => w.fn.max('w.version').as('max'))
        .whereRef('w.organisation_id', '=', 'v.organisation_id')
        .whereRef('w.screen', '=', 'v.screen'),
    )
    .execute();
}

/** Every save of one screen of the OCMW, oldest first (the history compares each with the one before). */
export async function screenVersions(db: Db, organisationId: string, screen: ConfigScreen) {
  return withSaver(db).where('v.organisation_id', '=', organisationId).where('v.screen', '=', screen).orderBy('v.version', 'asc').execute();
}

/**
 * Writes version `version` of a screen unless someone wrote it first: the primary key (organisation, screen, version)
 * is the guard, so of two people who read the same version only the first save lands. False: a conflict.
 */
export async function insertVersion(
  tx: Tx,
  row: { organisationId: string; screen: ConfigScreen; version: number; data: ScreenData; at: Date; personId: string },
): Promise<boolean> {
  const inserted = await tx
    .insertInto('ocmw_config_versions')
    .values({
      organisation_id: row.organisationId,
      screen: row.screen,
      version: row.version,
      data: JSON.stringify(row.data),
      saved_at: row.at,
      saved_by: row.personId,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'screen', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** CFG-3: the types whose selection a save changed, each from the save's moment on. */
export async function insertMutationSelections(
  tx: Tx,
  organisationId: string,
  changes: Array<{ code: string; selected: boolean }>,
  at: Date,
  personId: string,
): Promise<void> {
  if (changes.length === 0) return;
  await tx
    .insertInto('mutation_selections')
    .values(changes.map((c) => ({ organisation_id: organisationId, code: c.code, selected: c.selected, effective_from: at, saved_by: personId })))
    .execute();
}

/**
 * Was mutation type `code` selected by the OCMW at moment `at`? The last selection made at or before `at`; none: yes
 * (an organisation receives every type until it unticks one). A mutation sent while the answer was no is never
 * delivered later (CFG-3).
 */
export async function wasMutationSelected(db: Db, organisationId: string, code: string, at: Date): Promise<boolean> {
  const row = await db
    .selectFrom('mutation_selections')
    .select('selected')
    .where('organisation_id', '=', organisationId)
    .where('code', '=', code)
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.selected ?? true;
}

/** The OCMW is the new organisation of a scenario-1 merger (new KBO, new NIS): it must fill every screen (portal.md §6.5). */
export async function isNewMergedOcmw(db: Db, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mergers')
    .select('id')
    .where('merged_organisation_id', '=', organisationId)
    .where('scenario', '=', 'S1_NEW_KBO_NEW_NIS')
    .executeTakeFirst();
  return row !== undefined;
}
