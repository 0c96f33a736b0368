import type { Db } from '../../../db/database.ts';

/**
 * The configuration room's queries (issue 18): POD MI reads the configuration of every OCMW at once, on purpose
 * (behind BackofficeRead and OcmwConfigRead). About 600 OCMWs × 4 screens: read whole, filtered in memory as the
 * registry's list is.
 */

/** Every OCMW of the registry (not a municipality without one), with what its status and the scenario-1 mark need. */
export async function listConfigurableOcmws(db: Db) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('mergers as m', 'm.id', 'o.merger_id')
    .select((eb) => [
      'o.id',
      'o.kbo',
      'o.nis',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      'o.valid_from',
      'o.valid_to',
      'o.merger_id',
      'm.transition_ends_on',
      eb
        .exists(eb.selectFrom('mergers as s').select('s.id').whereRef('s.merged_organisation_id', '=', 'o.id').where('s.scenario', '=', 'S1_NEW_KBO_NEW_NIS'))
        .as('new_merged'),
    ])
    .where('o.type', '=', 'OCMW')
    .where('o.has_ocmw', '=', true)
    .execute();
}

/** The current save (highest version) of every screen of every OCMW: the data and when. */
export async function unsafeLatestConfigurations(db: Db) {
  return db
    .selectFrom('ocmw_config_versions')
    .distinctOn(['organisation_id', 'screen'])
    .select(['organisation_id', 'screen', 'data', 'saved_at'])
    .orderBy('organisation_id')
    .orderBy('screen')
    .orderBy('version', 'desc')
    .execute();
}

export type LatestConfigurationRow = Awaited<ReturnType<typeof unsafeLatestConfigurations>>[number];

/** Every software supplier of the registry, ended ones included (an OCMW may still name one), by Dutch name. */
export async function listAllSuppliers(db: Db) {
  return db.selectFrom('organisations').select(['kbo', 'name_nl', 'name_fr', 'name_de']).where('type', '=', 'SUPPLIER').orderBy('name_nl').execute();
}

/** Every network provider of POD MI's list, inactive ones included (an OCMW may still name one). */
export async function listAllNetworkProviders(db: Db) {
  return db.selectFrom('network_providers').select(['code', 'name']).orderBy('position').execute();
}
