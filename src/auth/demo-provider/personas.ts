import type { Db } from '../../db/database.ts';
import type { Language } from '../../i18n/language.ts';
import { listDemoPersons } from '../demo.repository.ts';

/** A person the demo provider may authenticate: a seeded demo persona (persons.demo), never any other person. */
export interface DemoPersona {
  id: string;
  insz: string;
  firstName: string;
  lastName: string;
  language: Language | null;
  email: string | null;
}

/** The demo personas, by name. Only persons seeded as demo personas (persons.demo): never every person of the database. */
export async function listDemoPersonas(db: Db): Promise<DemoPersona[]> {
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'insz', 'first_name', 'last_name', 'language', 'email'])
    .where('demo', '=', true)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  return rows.map((r) => ({ id: r.id, insz: r.insz, firstName: r.first_name, lastName: r.last_name, language: r.language, email: r.email }));
}

/** One demo persona by its id (the provider's account id, its `sub`); undefined for any other person. */
export async function findDemoPersona(db: Db, id: string): Promise<DemoPersona | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await db
    .selectFrom('persons')
    .select(['id', 'insz', 'first_name', 'last_name', 'language', 'email'])
    .where('id', '=', id)
    .where('demo', '=', true)
    .executeTakeFirst();
  return r && { id: r.id, insz: r.insz, firstName: r.first_name, lastName: r.last_name, language: r.language, email: r.email };
}

/** The demo personas with what they may do now (for the provider's page: the tester chooses whom to be). */
export async function listDemoPersonasWithRights(db: Db, now: Date) {
  const [personas, withGrants] = await Promise.all([listDemoPersonas(db), listDemoPersons(db, now)]);
  const grants = new Map(withGrants.map((p) => [p.id, p.grants]));
  return personas.map((p) => ({ ...p, grants: grants.get(p.id) ?? [] }));
}
