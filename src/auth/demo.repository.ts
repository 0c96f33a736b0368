import type { Db } from '../db/database.ts';

/** Demo persons with their roles, for the demo login page only. */
export async function listDemoPersons(db: Db) {
  const persons = await db.selectFrom('persons').select(['id', 'first_name', 'last_name', 'podmi_role']).orderBy('last_name').orderBy('first_name').execute();
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['memberships.person_id', 'memberships.role', 'organisations.name_nl', 'organisations.name_fr', 'organisations.name_de'])
    .execute();
  return persons.map((p) => ({ ...p, memberships: memberships.filter((m) => m.person_id === p.id) }));
}

export async function findPerson(db: Db, personId: string) {
  return db.selectFrom('persons').select(['id', 'podmi_role']).where('id', '=', personId).executeTakeFirst();
}

export async function setPersonLanguage(db: Db, personId: string, language: 'nl' | 'fr' | 'de') {
  await db.updateTable('persons').set({ language }).where('id', '=', personId).execute();
}
