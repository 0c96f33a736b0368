import { randomUUID } from 'node:crypto';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import type { Db } from '../../src/db/database.ts';

/** A client of the API as a test registers it: its registration, its own key pair (the private key stays here). */
export interface TestApiClient {
  id: string;
  clientId: string;
  senderApplication: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface ApiClientOptions {
  scopes?: string[];
  language?: 'nl' | 'fr' | 'de';
  sender?: string;
}

/** Registers an API client with a fresh ES256 key pair: its public JWKS in api_clients, as the back office does. */
export async function registerApiClient(db: Db, now: Date, options: ApiClientOptions = {}): Promise<TestApiClient> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const id = randomUUID();
  const clientId = `test-client-${id.slice(0, 8)}`;
  const senderApplication = options.sender ?? 'NOVAPRIMA';
  await db
    .insertInto('api_clients')
    .values({
      id,
      client_id: clientId,
      name: `Test ${clientId}`,
      sender_application: senderApplication,
      scopes: options.scopes ?? ['ebox:publish', 'ebox:read'],
      jwks: JSON.stringify({ keys: [publicJwk] }),
      jwks_uri: null,
      language: options.language ?? 'nl',
      created_by: null,
      created_at: now,
    })
    .execute();
  return { id, clientId, senderApplication, privateKey, publicJwk };
}

/** A client assertion (RFC 7523 2.2) signed with the client's key (or another one), dated on the server's clock. */
export async function clientAssertion(
  client: { clientId: string; privateKey: CryptoKey },
  audience: string,
  now: Date,
  claims: { iat?: number; exp?: number; jti?: string } = {},
): Promise<string> {
  const at = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(audience)
    .setIssuedAt(claims.iat ?? at)
    .setExpirationTime(claims.exp ?? at + 60)
    .setJti(claims.jti ?? randomUUID())
    .sign(client.privateKey);
}

/**
 * An access token as a real client gets it: openid-client's client-credentials grant with PrivateKeyJwt, over HTTP,
 * at the token endpoint of the app listening at `base` (`issuer` is the API's issuer, the assertions' audience).
 * The server's clock may be another day than the machine's: the client's clock is shifted to it.
 */
export async function clientCredentialsToken(client: TestApiClient, endpoint: { base: string; issuer: string; now: Date }, scope?: string): Promise<string> {
  const skew = Math.round((endpoint.now.getTime() - Date.now()) / 1000);
  const config = new oidc.Configuration(
    { issuer: endpoint.issuer, token_endpoint: `${endpoint.base}/api/v1/oauth/token` },
    client.clientId,
    { [oidc.clockSkew]: skew },
    oidc.PrivateKeyJwt({ key: client.privateKey, kid: 'k1' }),
  );
  oidc.allowInsecureRequests(config);
  const tokens = await oidc.clientCredentialsGrant(config, scope ? { scope } : {});
  return tokens.access_token;
}
