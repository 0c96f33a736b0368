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

/** The order a tester meets them in: per OCMW, the form roles as the manual introduces them, then the access managers. */
const RIGHT_ORDER = ['UV_ENCODER', 'UV_CHAIR', 'UV_DIRECTOR', 'UV_READER', 'HTB', 'CO_HTB', 'TB', 'CO_TB'];

type WithGrants = DemoPersona & { grants: Awaited<ReturnType<typeof listDemoPersons>>[number]['grants'] };

/** OCMW staff by OCMW and role; a person of several OCMWs after them; a person without access; POD MI last. */
function personaKey(p: WithGrants): string {
  const g = p.grants[0];
  if (!g) return 'x';
  const several = new Set(p.grants.map((x) => x.name_nl)).size > 1;
  return `${g.type === 'PODMI' ? 'z' : several ? 'w' : 'a'}${g.name_nl}${String(RIGHT_ORDER.indexOf(g.right_code) + 1).padStart(2, '0')}`;
}

/** The demo personas with what they may do now (for the provider's page: the tester chooses whom to be). */
export async function listDemoPersonasWithRights(db: Db, now: Date): Promise<WithGrants[]> {
  const [personas, withGrants] = await Promise.all([listDemoPersonas(db), listDemoPersons(db, now)]);
  const grants = new Map(withGrants.map((p) => [p.id, p.grants]));
  return personas.map((p) => ({ ...p, grants: grants.get(p.id) ?? [] })).sort((a, b) => personaKey(a).localeCompare(personaKey(b)));
}
