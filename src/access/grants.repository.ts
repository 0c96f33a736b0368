import { randomUUID } from 'node:crypto';
import { type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { Language, PodMiRole, RightCode } from '../db/types.ts';

/** The POD MI organisation's fixed id (migration 0009). */
export const PODMI_ORGANISATION_ID = '00000000-0000-4000-8000-00000000d0d1';

/** SQL: a grant row `g` valid at `now`. */
export function grantValidAt(now: Date) {
  return sql<boolean>`(g.valid_from <= ${now} AND (g.valid_to IS NULL OR g.valid_to > ${now}))`;
}

/** SQL: the member row `m` is blocked at `now`. */
export function memberBlockedAt(now: Date) {
  return sql<boolean>`(m.blocked_at IS NOT NULL AND (m.blocked_until IS NULL OR m.blocked_until > ${now}))`;
}

/** POD MI's roles of a person now (grants in the POD MI organisation, unblocked): one query per back-office request. */
export async function loadPodMiRights(db: Db | Tx, personId: string, now: Date): Promise<PodMiRole[]> {
  const result = await sql<{ right_code: PodMiRole }>`
    SELECT g.right_code FROM access_members m
    JOIN access_grants g ON g.organisation_id = m.organisation_id AND g.person_id = m.person_id AND ${grantValidAt(now)}
    WHERE m.organisation_id = ${PODMI_ORGANISATION_ID} AND m.person_id = ${personId} AND NOT ${memberBlockedAt(now)}`.execute(db);
  return result.rows.map((r) => r.right_code);
}

/**
 * Does the person hold this right in the organisation now, unblocked? (A signer who was removed, blocked or lost the
 * signing grant since signing: the form warns the other signatory and POD MI, portal.md §3.6.)
 */
export async function holdsRightNow(db: Db | Tx, organisationId: string, personId: string, right: RightCode, now: Date): Promise<boolean> {
  const result = await sql<{ holds: boolean }>`
    SELECT EXISTS (SELECT 1 FROM access_grants g JOIN access_members m ON m.organisation_id = g.organisation_id AND m.person_id = g.person_id
      WHERE g.organisation_id = ${organisationId} AND g.person_id = ${personId} AND g.right_code = ${right}
        AND ${grantValidAt(now)} AND NOT ${memberBlockedAt(now)}) AS holds`.execute(db);
  return result.rows[0]?.holds === true;
}

/** Kysely filter: organisations in which the person holds at least one unblocked, valid right now. */
export function personHoldsRightIn(personId: string, now: Date, alias: 'organisations' | 'o' = 'organisations') {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM access_grants g JOIN access_members m ON m.organisation_id = g.organisation_id AND m.person_id = g.person_id
          WHERE g.organisation_id = ${sql.ref(`${alias}.id`)} AND g.person_id = ${personId} AND ${grantValidAt(now)} AND NOT ${memberBlockedAt(now)})`;
}

export interface MemberInput {
  organisationId: string;
  personId: string;
  email?: string | null;
  phone?: string | null;
  language?: Language | null;
  addedBy: string | null;
  at: Date;
}

/** The person becomes known to the organisation (no-op when already a member). */
export async function ensureMember(tx: Db | Tx, input: MemberInput): Promise<void> {
  await tx
    .insertInto('access_members')
    .values({
      organisation_id: input.organisationId,
      person_id: input.personId,
      email: input.email ?? null,
      phone: input.phone ?? null,
      language: input.language ?? null,
      added_by: input.addedBy,
      added_at: input.at,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doNothing())
    .execute();
}

export interface GrantInput {
  organisationId: string;
  personId: string;
  /** null for HTB and CO_HTB (the whole organisation) */
  domainCode: string | null;
  right: RightCode;
  grantedBy: string | null;
  at: Date;
}

/** Grants one right from `at` (the member row must exist). */
export async function insertGrant(tx: Db | Tx, input: GrantInput): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('access_grants')
    .values({
      id,
      organisation_id: input.organisationId,
      person_id: input.personId,
      domain_code: input.domainCode,
      right_code: input.right,
      valid_from: input.at,
      valid_to: null,
      granted_by: input.grantedBy,
      granted_at: input.at,
    })
    .execute();
  return id;
}

export const OCMW_DOMAIN = 'MAATSCHAPPELIJK_WELZIJN';
export const PODMI_DOMAIN = 'PODMI_BACKOFFICE';

/** The domain a right is granted in: none for HTB/CO_HTB, POD MI's for its roles, Maatschappelijk welzijn otherwise. */
export function domainOfRight(right: RightCode): string | null {
  if (right === 'HTB' || right === 'CO_HTB') return null;
  if (right === 'PODMI_AGENT' || right === 'PODMI_ADMIN') return PODMI_DOMAIN;
  return OCMW_DOMAIN;
}

/** Seeds and tests: the person becomes a member of the organisation with these rights (each in its domain). */
export async function grantRights(
  tx: Db | Tx,
  organisationId: string,
  personId: string,
  rights: readonly RightCode[],
  at: Date,
  grantedBy: string | null = null,
) {
  await ensureMember(tx, { organisationId, personId, addedBy: grantedBy, at });
  for (const right of rights) await insertGrant(tx, { organisationId, personId, domainCode: domainOfRight(right), right, grantedBy, at });
}

/** Creates a person (and its principal row) and returns the id (seeds and tests; use ensurePerson where two may race). */
export async function insertPerson(
  tx: Db | Tx,
  person: { insz: string; firstName: string; lastName: string; language: Language | null; email?: string | null; demo?: boolean; id?: string },
): Promise<string> {
  const id = person.id ?? randomUUID();
  await tx.insertInto('principals').values({ id, kind: 'PERSON' }).execute();
  await tx
    .insertInto('persons')
    .values({
      id,
      insz: person.insz,
      first_name: person.firstName,
      last_name: person.lastName,
      language: person.language,
      email: person.email ?? null,
      demo: person.demo ?? false,
    })
    .execute();
  return id;
}

/** Does someone hold this right in the organisation now (e.g. the domain's TB, portal.md §3.6 point 6)? */
export async function someoneHolds(db: Db | Tx, organisationId: string, right: RightCode, now: Date): Promise<boolean> {
  const result = await sql<{ held: boolean }>`SELECT EXISTS (
    SELECT 1 FROM access_grants g WHERE g.organisation_id = ${organisationId} AND g.right_code = ${right} AND ${grantValidAt(now)}
  ) AS held`.execute(db);
  return result.rows[0]?.held === true;
}

/**
 * The person of an INSZ, created when unknown (added before their first login). Two access managers adding the same
 * new INSZ at once: the second waits for the first's insert and takes its row.
 */
export async function ensurePerson(
  tx: Db | Tx,
  person: { insz: string; firstName: string; lastName: string; language: Language; email: string },
): Promise<{ id: string; created: boolean }> {
  const id = randomUUID();
  await tx.insertInto('principals').values({ id, kind: 'PERSON' }).execute();
  const inserted = await tx
    .insertInto('persons')
    .values({ id, insz: person.insz, first_name: person.firstName, last_name: person.lastName, language: person.language, email: person.email })
    .onConflict((oc) => oc.column('insz').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id, created: true };
  await tx.deleteFrom('principals').where('id', '=', id).execute();
  const existing = await tx.selectFrom('persons').select('id').where('insz', '=', person.insz).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}
