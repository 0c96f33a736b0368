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
      'persons.first_name',
      'persons.last_name',
      'persons.language as person_language',
      'organisations.language as organisation_language',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function insertSession(db: Db, row: { idHash: string; personId: string; authMethod: string; now: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: row.idHash,
      person_id: row.personId,
      organisation_id: null,
      language: null,
      auth_method: row.authMethod,
      authenticated_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute();
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
