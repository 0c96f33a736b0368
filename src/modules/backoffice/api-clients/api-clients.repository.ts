import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/database.ts';
import type { ApiClientRecord } from './api-client-input.ts';
import type { ApiClientRow } from './api-clients.model.ts';

const personName = (alias: 'cp' | 'rp') =>
  sql<string | null>`nullif(trim(coalesce(${sql.ref(`${alias}.first_name`)}, '') || ' ' || coalesce(${sql.ref(`${alias}.last_name`)}, '')), '')`;

/** The clients, newest first, with the moment of their last call (api_calls_client index: one probe per client). */
export async function listApiClients(db: Db, id?: string): Promise<ApiClientRow[]> {
  let query = db
    .selectFrom('api_clients as c')
    .leftJoin('persons as cp', 'cp.id', 'c.created_by')
    .leftJoin('persons as rp', 'rp.id', 'c.revoked_by')
    .select([
      'c.id',
      'c.client_id',
      'c.name',
      'c.sender_application',
      'c.scopes',
      'c.language',
      'c.jwks_uri',
      'c.created_at',
      'c.revoked_at',
      personName('cp').as('created_by'),
      personName('rp').as('revoked_by'),
      sql<Date | null>`(SELECT max(a.at) FROM api_calls a WHERE a.client_id = c.id)`.as('last_call_at'),
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.client_id');
  if (id) query = query.where('c.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    name: r.name,
    senderApplication: r.sender_application,
    scopes: r.scopes,
    language: r.language,
    keySource: r.jwks_uri ? 'jwks_uri' : 'jwks',
    jwksUri: r.jwks_uri,
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    revokedBy: r.revoked_by,
    lastCallAt: r.last_call_at ? new Date(r.last_call_at) : null,
  }));
}

export async function clientIdTaken(db: Db | Tx, clientId: string): Promise<boolean> {
  return (await db.selectFrom('api_clients').select('id').where(sql`lower(client_id)`, '=', clientId.toLowerCase()).executeTakeFirst()) !== undefined;
}

export async function insertApiClient(tx: Tx, id: string, record: ApiClientRecord, by: string, at: Date): Promise<void> {
  await tx
    .insertInto('api_clients')
    .values({
      id,
      client_id: record.clientId,
      name: record.name,
      sender_application: record.senderApplication,
      scopes: record.scopes,
      jwks: record.jwks ? JSON.stringify(record.jwks) : null,
      jwks_uri: record.jwksUri,
      language: record.language as 'nl' | 'fr' | 'de',
      created_by: by,
      created_at: at,
    })
    .execute();
}

/** Revokes a client that is not revoked yet, and drops its tokens; false when it was revoked already (or is unknown). */
export async function revokeApiClientRow(tx: Tx, id: string, by: string, at: Date): Promise<boolean> {
  const revoked = await tx
    .updateTable('api_clients')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!revoked) return false;
  await tx.deleteFrom('api_access_tokens').where('client_id', '=', id).execute();
  return true;
}
