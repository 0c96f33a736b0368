import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { grantValidAt, memberBlockedAt } from '../../access/grants.repository.ts';
import type { Db, Tx } from '../../db/database.ts';
import type { AccessDraftsTable, Language, RightCode } from '../../db/types.ts';

/** Toegangsbeheer's tables: members, grants, drafts (migration 0009 and 0011). */

/** A person known to the organisation, with the rights held now (blocked or not) and the member row's version. */
export interface MemberRow {
  personId: string;
  firstName: string;
  lastName: string;
  insz: string;
  email: string | null;
  phone: string | null;
  language: Language | null;
  rights: RightCode[];
  blocked: boolean;
  blockedUntil: Date | null;
  version: number;
}

interface RawMember {
  person_id: string;
  first_name: string;
  last_name: string;
  insz: string;
  email: string | null;
  phone: string | null;
  language: Language | null;
  rights: RightCode[] | null;
  blocked: boolean | null;
  blocked_until: Date | string | null;
  version: number;
}

function memberOf(row: RawMember): MemberRow {
  return {
    personId: row.person_id,
    firstName: row.first_name,
    lastName: row.last_name,
    insz: row.insz,
    email: row.email,
    phone: row.phone,
    language: row.language,
    rights: row.rights ?? [],
    blocked: row.blocked === true,
    blockedUntil: row.blocked_until ? new Date(row.blocked_until) : null,
    version: Number(row.version),
  };
}

function membersQuery(organisationId: string, now: Date, personId: string | null) {
  return sql<RawMember>`
    SELECT m.person_id, p.first_name, p.last_name, p.insz, COALESCE(m.email, p.email) AS email, m.phone,
      COALESCE(m.language, p.language) AS language, m.version, m.blocked_until, ${memberBlockedAt(now)} AS blocked,
      (SELECT jsonb_agg(g.right_code ORDER BY g.right_code) FROM access_grants g
        WHERE g.organisation_id = m.organisation_id AND g.person_id = m.person_id AND ${grantValidAt(now)}) AS rights
    FROM access_members m
    JOIN persons p ON p.id = m.person_id
    WHERE m.organisation_id = ${organisationId} ${personId ? sql`AND m.person_id = ${personId}` : sql``}
    ORDER BY p.last_name, p.first_name, m.person_id`;
}

/** Every member of the organisation who holds a right now (blocked ones included): the lists of Toegangsbeheer. */
export async function listMembers(db: Db | Tx, organisationId: string, now: Date): Promise<MemberRow[]> {
  const result = await membersQuery(organisationId, now, null).execute(db);
  return result.rows.map(memberOf).filter((m) => m.rights.length > 0);
}

/** One member row (with its rights now), or undefined when the person was never a member. */
export async function findMember(db: Db | Tx, organisationId: string, personId: string, now: Date): Promise<MemberRow | undefined> {
  const result = await membersQuery(organisationId, now, personId).execute(db);
  const row = result.rows[0];
  return row ? memberOf(row) : undefined;
}

export async function findPersonByInsz(db: Db | Tx, insz: string) {
  return db.selectFrom('persons').select(['id', 'first_name', 'last_name', 'language', 'email']).where('insz', '=', insz).executeTakeFirst();
}

export async function findPerson(db: Db | Tx, personId: string) {
  return db.selectFrom('persons').select(['id', 'insz', 'first_name', 'last_name', 'language', 'email']).where('id', '=', personId).executeTakeFirst();
}

export { ensurePerson } from '../../access/grants.repository.ts';

/** The member row's version, locked for the change (0: no member row). */
export async function lockMemberVersion(tx: Tx, organisationId: string, personId: string): Promise<number> {
  const row = await tx
    .selectFrom('access_members')
    .select('version')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}

export interface MemberData {
  email: string;
  phone: string | null;
  language: Language;
}

/** Creates the member row (version 1) or writes its data and counts a new version. */
export async function writeMember(tx: Tx, organisationId: string, personId: string, data: MemberData | null, by: string, now: Date): Promise<void> {
  const existing = await tx
    .selectFrom('access_members')
    .select('version')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!existing) {
    await tx
      .insertInto('access_members')
      .values({
        organisation_id: organisationId,
        person_id: personId,
        email: data?.email ?? null,
        phone: data?.phone ?? null,
        language: data?.language ?? null,
        added_by: by,
        added_at: now,
      })
      .execute();
    return;
  }
  await tx
    .updateTable('access_members')
    .set((eb) => ({ ...(data ? { email: data.email, phone: data.phone, language: data.language } : {}), version: eb('version', '+', 1) }))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

/** Blocks (until the moment, or until unblocked) or unblocks a member, counting a new version. */
export async function writeBlock(tx: Tx, organisationId: string, personId: string, block: { until: Date | null } | null, by: string, now: Date) {
  await tx
    .updateTable('access_members')
    .set((eb) => ({
      blocked_at: block ? now : null,
      blocked_until: block ? block.until : null,
      blocked_by: block ? by : null,
      version: eb('version', '+', 1),
    }))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

/** Withdraws the person's valid grants of these rights (all when null): valid_to = now, the history stays. */
export async function withdrawGrants(tx: Tx, organisationId: string, personId: string, rights: readonly RightCode[] | null, by: string, now: Date) {
  if (rights && rights.length === 0) return;
  let query = tx
    .updateTable('access_grants as g')
    .set({ valid_to: now, withdrawn_by: by })
    .where('g.organisation_id', '=', organisationId)
    .where('g.person_id', '=', personId)
    .where(grantValidAt(now));
  if (rights) query = query.where('g.right_code', 'in', [...rights]);
  await query.execute();
}

/**
 * What a removed or blocked person loses at once in this organisation (portal.md §3.6): the sessions forget it as
 * their last OCMW, a step-up completed for it no longer counts, a step-up under way for it is dropped, and their own
 * unconfirmed drafts of Toegangsbeheer there are cancelled. (Every page of the OCMW refuses them from the next request
 * on anyway: the rights are read per request.)
 */
export async function revokeSessionsIn(tx: Tx, organisationId: string, personId: string): Promise<void> {
  await tx.updateTable('sessions').set({ organisation_id: null }).where('person_id', '=', personId).where('organisation_id', '=', organisationId).execute();
  await tx
    .updateTable('sessions')
    .set({ step_up_acr: null, step_up_auth_time: null, step_up_at: null, step_up_organisation_id: null })
    .where('person_id', '=', personId)
    .where('step_up_organisation_id', '=', organisationId)
    .execute();
  await tx.deleteFrom('oidc_logins').where('person_id', '=', personId).where('organisation_id', '=', organisationId).execute();
  await tx.deleteFrom('access_drafts').where('actor_person_id', '=', personId).where('organisation_id', '=', organisationId).execute();
}

// ------------------------------------------------------------------------------------------------- drafts

export type DraftKind = AccessDraftsTable['kind'];

export async function insertDraft(
  db: Db | Tx,
  draft: { organisationId: string; actorPersonId: string; kind: DraftKind; payload: Record<string, unknown>; now: Date; expiresAt: Date },
): Promise<string> {
  const id = randomUUID();
  // One draft under way per access manager and organisation: a new "Opslaan" replaces the one left behind.
  await db.deleteFrom('access_drafts').where('organisation_id', '=', draft.organisationId).where('actor_person_id', '=', draft.actorPersonId).execute();
  await db.deleteFrom('access_drafts').where('expires_at', '<=', draft.now).execute();
  await db
    .insertInto('access_drafts')
    .values({
      id,
      organisation_id: draft.organisationId,
      actor_person_id: draft.actorPersonId,
      kind: draft.kind,
      payload: JSON.stringify(draft.payload),
      created_at: draft.now,
      expires_at: draft.expiresAt,
    })
    .execute();
  return id;
}

/** The actor's own draft in this organisation, locked when read in a transaction; undefined when missing or expired. */
export async function findDraft(db: Db | Tx, id: string, organisationId: string, actorPersonId: string, now: Date, lock = false) {
  let query = db
    .selectFrom('access_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('actor_person_id', '=', actorPersonId)
    .where('expires_at', '>', now);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function deleteDraft(db: Db | Tx, id: string): Promise<void> {
  await db.deleteFrom('access_drafts').where('id', '=', id).execute();
}

// ------------------------------------------------------------------------------------------------- audit

/** The organisation's access events, newest first, with the actor's name. */
export async function listAccessEvents(db: Db, organisationId: string, types: readonly string[], limit: number) {
  return db
    .selectFrom('audit_events')
    .leftJoin('persons as actor', 'actor.id', 'audit_events.actor_person_id')
    .leftJoin('persons as subject', 'subject.id', 'audit_events.subject_id')
    .select([
      'audit_events.seq',
      'audit_events.occurred_at',
      'audit_events.type',
      'audit_events.payload',
      'actor.first_name as actor_first_name',
      'actor.last_name as actor_last_name',
      'subject.first_name as subject_first_name',
      'subject.last_name as subject_last_name',
    ])
    .where('audit_events.organisation_id', '=', organisationId)
    .where('audit_events.type', 'in', [...types])
    .orderBy('audit_events.seq', 'desc')
    .limit(limit)
    .execute();
}
