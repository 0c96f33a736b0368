import type { Db } from '../db/database.ts';

export async function findSessionWithPerson(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('persons', 'persons.id', 'sessions.person_id')
    .leftJoin('organisations', 'organisations.id', 'sessions.organisation_id')
    .select([
      'sessions.id_hash',
      'sessions.person_id',
      'sessions.organisation_id',
      'sessions.language',
      'sessions.auth_method',
      'sessions.authenticated_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.acr',
      'sessions.provider',
      'sessions.step_up_acr',
      'sessions.step_up_auth_time',
      'sessions.step_up_at',
      'sessions.step_up_organisation_id',
      'persons.first_name',
      'persons.last_name',
      'persons.language as person_language',
      'organisations.language as organisation_language',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

/** What a session knows of its person's authentication (ADR 0030, 0033, 0034); written whole at every new session id. */
export interface SessionRow {
  idHash: string;
  personId: string;
  organisationId: string | null;
  language: 'nl' | 'fr' | 'de' | null;
  authMethod: string;
  authenticatedAt: Date;
  acr: string | null;
  provider: string | null;
  idToken: string | null;
  stepUp: { acr: string; authTime: Date; at: Date; organisationId: string } | null;
  now: Date;
  expiresAt: Date;
}

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: row.idHash,
      person_id: row.personId,
      organisation_id: row.organisationId,
      language: row.language,
      auth_method: row.authMethod,
      authenticated_at: row.authenticatedAt,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
      acr: row.acr,
      provider: row.provider,
      id_token: row.idToken,
      step_up_acr: row.stepUp?.acr ?? null,
      step_up_auth_time: row.stepUp?.authTime ?? null,
      step_up_at: row.stepUp?.at ?? null,
      step_up_organisation_id: row.stepUp?.organisationId ?? null,
    })
    .execute();
}

/** The whole row of a session (to carry it over to a new id). */
export async function findSession(db: Db, idHash: string) {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function touchSession(db: Db, idHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function setSessionOrganisation(db: Db, idHash: string, organisationId: string): Promise<void> {
  await db.updateTable('sessions').set({ organisation_id: organisationId }).where('id_hash', '=', idHash).execute();
}
