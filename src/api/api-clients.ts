import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Db } from '../db/database.ts';
import type { ApiClient, BearerVerifier } from './bearer.ts';

/**
 * The scopes of the API, one per family of operations (ADR 0046). A client is registered with some of them; a token
 * grants those it asked for; an operation names those it needs (`requireScopes`, `security`).
 */
export const API_SCOPES = {
  'ebox:publish': 'publish messages in the e-Box of an organisation',
  'ebox:read': 'read the state of published messages (read, visited)',
} as const;
export type ApiScopeName = keyof typeof API_SCOPES;
export const API_SCOPE_NAMES = Object.keys(API_SCOPES) as ApiScopeName[];

export function isApiScope(value: string): value is ApiScopeName {
  return Object.hasOwn(API_SCOPES, value);
}

/** How long an access token lives: short, a client asks a new one with a new assertion. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 600;

/** A new opaque access token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The verifier of the API's bearer tokens: the access tokens the token endpoint issued (api_access_tokens), of a
 * client that is not revoked, until they expire. One indexed query per request (the token's hash is the key).
 */
export function databaseVerifier(deps: { db: Db; clock: { now(): Date } }): BearerVerifier {
  return {
    async verify(token: string): Promise<ApiClient | null> {
      const row = await deps.db
        .selectFrom('api_access_tokens as t')
        .innerJoin('api_clients as c', 'c.id', 't.client_id')
        .select(['c.id', 'c.client_id', 'c.name', 'c.sender_application', 'c.language', 't.scopes'])
        .where('t.token_sha256', '=', tokenHash(token))
        .where('t.expires_at', '>', deps.clock.now())
        .where('c.revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      return { id: row.id, clientId: row.client_id, name: row.name, scopes: row.scopes, senderApplication: row.sender_application, language: row.language };
    },
  };
}

/** How long a JWKS fetched from a client's jwks_uri is kept, and how long its fetch may take. */
const REMOTE_JWKS = { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 };
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

/** The keys a client signs its assertions with: its registered JWKS, or the one it publishes (fetched, cached). */
export function clientKeySet(client: { jwks: unknown; jwks_uri: string | null }): JWTVerifyGetKey {
  if (client.jwks_uri) {
    let keySet = remoteKeySets.get(client.jwks_uri);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(client.jwks_uri), REMOTE_JWKS);
      if (remoteKeySets.size > 1000) remoteKeySets.clear();
      remoteKeySets.set(client.jwks_uri, keySet);
    }
    return keySet;
  }
  const jwks = typeof client.jwks === 'string' ? JSON.parse(client.jwks) : client.jwks;
  return createLocalJWKSet(jwks as JSONWebKeySet);
}
