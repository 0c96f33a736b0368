import { sql } from 'kysely';
import { grantValidAt } from '../access/grants.repository.ts';
import type { Db } from '../db/database.ts';

/** Demo persons with the rights they hold now, for the demo login page only: only persons seeded as demo personas. */
export async function listDemoPersons(db: Db, now: Date) {
  const persons = await db
    .selectFrom('persons')
    .select(['id', 'first_name', 'last_name'])
    .where('demo', '=', true)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  const grants = await db
    .selectFrom('access_grants as g')
    .innerJoin('organisations', 'organisations.id', 'g.organisation_id')
    .select([
      'g.person_id',
      'g.right_code',
      'organisations.type',
      'organisations.name_nl',
      'organisations.name_fr',
      'organisations.name_de',
      'organisations.language',
      'organisations.administration_language',
    ])
    .where(sql<boolean>`${grantValidAt(now)}`)
    .execute();
  return persons.map((p) => ({ ...p, grants: grants.filter((g) => g.person_id === p.id) }));
}

export async function findDemoPerson(db: Db, personId: string) {
  return db.selectFrom('persons').select(['id']).where('id', '=', personId).where('demo', '=', true).executeTakeFirst();
}

export async function setPersonLanguage(db: Db, personId: string, language: 'nl' | 'fr' | 'de') {
  await db.updateTable('persons').set({ language }).where('id', '=', personId).execute();
}
