import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { ApiScope } from '../../src/api/api.scope.ts';
import { tokenHash } from '../../src/api/api-clients.ts';
import { jsonResponse } from '../../src/api/problem.ts';
import { security } from '../../src/api/scopes.ts';
import { buildApp } from '../../src/app.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface TestClient {
  id: string;
  clientId: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** A protected operation of the test app: needs a token granting ebox:publish. */
function extend({ api, protect }: ApiScope) {
  api.get(
    '/test/publish',
    {
      onRequest: protect('ebox:publish'),
      schema: {
        security: security('ebox:publish'),
        response: { 200: jsonResponse('Who called', z.object({ client: z.string(), sender: z.string() })) },
      },
    },
    async (request) => ({ client: request.apiClient!.clientId, sender: request.apiClient!.senderApplication }),
  );
}

/**
 * Issue 16, item 3: the API's first clients — OAuth2 client credentials with private_key_jwt (RFC 7523), scopes per
 * operation, short-lived opaque tokens, OAuth2 errors at the token endpoint and problem+json elsewhere in the
 * client's language, a rate limit per client, every call audited. A real client (openid-client) with its own key.
 */
describe(`API clients: OAuth2 client credentials with private_key_jwt (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  /** the app with a protected operation, listening on a real port (openid-client talks HTTP to it) */
  let app: FastifyInstance;
  let base: string;
  /** the same app with a low rate limit (5 a minute) */
  let limited: FastifyInstance;
  let tokenUrl: string;
  let issuer: string;

  async function registerClient(options: { scopes?: string[]; language?: 'nl' | 'fr' | 'de'; sender?: string } = {}): Promise<TestClient> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const id = randomUUID();
    const clientId = `test-client-${id.slice(0, 8)}`;
    await t.db
      .insertInto('api_clients')
      .values({
        id,
        client_id: clientId,
        name: `Test ${clientId}`,
        sender_application: options.sender ?? 'NOVAPRIMA',
        scopes: options.scopes ?? ['ebox:publish', 'ebox:read'],
        jwks: JSON.stringify({ keys: [publicJwk] }),
        jwks_uri: null,
        language: options.language ?? 'nl',
        created_by: null,
        created_at: t.clock.now(),
      })
      .execute();
    return { id, clientId, privateKey, publicJwk };
  }

  /** A client assertion as RFC 7523 2.2 wants it, on the app's clock unless told otherwise. */
  async function assertion(
    client: { clientId: string; privateKey: CryptoKey },
    claims: { aud?: string; iat?: number; exp?: number; jti?: string | null; iss?: string } = {},
  ): Promise<string> {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(claims.iss ?? client.clientId)
      .setSubject(client.clientId)
      .setAudience(claims.aud ?? tokenUrl)
      .setIssuedAt(claims.iat ?? now)
      .setExpirationTime(claims.exp ?? now + 60);
    if (claims.jti !== null) jwt.setJti(claims.jti ?? randomUUID());
    return jwt.sign(client.privateKey);
  }

  function tokenRequest(target: FastifyInstance, form: Record<string, string>, headers: Record<string, string> = {}) {
    return target.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  async function grant(client: TestClient, extra: Record<string, string> = {}, target = app): Promise<LightMyRequestResponse> {
    return tokenRequest(target, {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await assertion(client),
      ...extra,
    });
  }

  async function accessToken(client: TestClient, scope?: string, target = app): Promise<string> {
    const res = await grant(client, scope ? { scope } : {}, target);
    assert.equal(res.statusCode, 200, res.body);
    return JSON.parse(res.body).access_token;
  }

  function assertOAuthError(res: LightMyRequestResponse, status: number, error: string, where: string) {
    assert.equal(res.statusCode, status, `${where}: status (${res.body})`);
    assert.match(String(res.headers['content-type']), /^application\/json/, `${where}: OAuth2 errors are JSON, not problem+json`);
    assert.equal(res.headers['cache-control'], 'no-store', `${where}: no-store`);
    const body = JSON.parse(res.body);
    assert.equal(body.error, error, `${where}: error code`);
    assert.equal(typeof body.error_description, 'string');
    if (status === 401) assert.match(String(res.headers['www-authenticate']), /error="invalid_client"/, `${where}: WWW-Authenticate`);
    return body as { error: string; error_description: string };
  }

  function assertProblem(res: LightMyRequestResponse, status: number, where: string) {
    assert.equal(res.statusCode, status, `${where}: status (${res.body})`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${where}: problem+json`);
    const body = JSON.parse(res.body);
    assert.equal(body.status, status);
    assert.match(body.instance, /^urn:uuid:/);
    return body as { type: string; title: string; detail?: string; status: number };
  }

  const call = (token: string | undefined, target = app, headers: Record<string, string> = {}) =>
    target.inject({ method: 'GET', url: '/api/v1/test/publish', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  before(async () => {
    t = await buildTestApp();
    app = await buildApp({ config: t.config, db: t.db, clock: t.clock }, { logger: false, api: { extend } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    limited = await buildApp({ config: t.config, db: t.db, clock: t.clock }, { logger: false, api: { extend, rateLimitPerMinute: 5 } });
    await limited.ready();
    issuer = `${t.config.publicUrl}/api/v1`;
    tokenUrl = `${issuer}/oauth/token`;
  });
  after(async () => {
    await app?.close();
    await limited?.close();
    await t?.close();
  });

  it('openid-client obtains a token with its own key (client credentials, PrivateKeyJwt) and calls a protected operation', async () => {
    const client = await registerClient({ sender: 'NOVAPRIMA' });
    // The server's clock is the test's (23 November 2026): the client's assertions are dated on it.
    const skew = Math.round((t.clock.now().getTime() - Date.now()) / 1000);
    const config = new oidc.Configuration(
      { issuer, token_endpoint: `${base}/api/v1/oauth/token` },
      client.clientId,
      { [oidc.clockSkew]: skew },
      oidc.PrivateKeyJwt({ key: client.privateKey, kid: 'k1' }),
    );
    oidc.allowInsecureRequests(config);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'ebox:publish' });
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.equal(tokens.expires_in, 600, 'ten minutes');
    assert.equal(tokens.scope, 'ebox:publish');
    assert.match(tokens.access_token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');

    const res = await fetch(`${base}/api/v1/test/publish`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { client: client.clientId, sender: 'NOVAPRIMA' });
    const whoami = await fetch(`${base}/api/v1/whoami`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.deepEqual(await whoami.json(), { clientId: client.clientId, name: `Test ${client.clientId}`, scopes: ['ebox:publish'] });

    // Only the token's SHA-256 is kept.
    const stored = await t.db.selectFrom('api_access_tokens').selectAll().where('client_id', '=', client.id).execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].token_sha256, tokenHash(tokens.access_token));
    assert.ok(!JSON.stringify(stored).includes(tokens.access_token));
  });

  it('answers RFC 6749 JSON with no-store; the default scope is every scope of the client; the issuer is an audience too', async () => {
    const client = await registerClient();
    const res = await grant(client);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers.pragma, 'no-cache');
    const body = JSON.parse(res.body);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.scope, 'ebox:publish ebox:read');
    const viaIssuer = await tokenRequest(app, {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await assertion(client, { aud: issuer }),
      client_id: client.clientId,
    });
    assert.equal(viaIssuer.statusCode, 200, viaIssuer.body);
  });

  it('400: a grant type other than client_credentials, a missing assertion, a body that is not a form', async () => {
    const client = await registerClient();
    const a = await assertion(client);
    assertOAuthError(
      await tokenRequest(app, { grant_type: 'password', client_assertion_type: ASSERTION_TYPE, client_assertion: a }),
      400,
      'unsupported_grant_type',
      'password grant',
    );
    const missing = assertOAuthError(
      await tokenRequest(app, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE }),
      400,
      'invalid_request',
      'no assertion',
    );
    assert.match(missing.error_description, /client_assertion/);
    assertOAuthError(
      await tokenRequest(app, { grant_type: 'client_credentials', client_assertion_type: 'urn:other', client_assertion: a }),
      400,
      'invalid_request',
      'other assertion type',
    );
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: a },
    });
    assertOAuthError(json, 400, 'invalid_request', 'JSON body');
    const twice = await app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: `grant_type=client_credentials&grant_type=client_credentials&client_assertion_type=${encodeURIComponent(ASSERTION_TYPE)}&client_assertion=${a}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assertOAuthError(twice, 400, 'invalid_request', 'a parameter twice');
  });

  it('401 invalid_client: an assertion signed with another key, expired, living too long, for another audience, of an unknown client', async () => {
    const client = await registerClient();
    const { privateKey: otherKey } = await generateKeyPair('ES256');
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const cases: Array<[string, string, RegExp]> = [
      ['another key', await assertion({ clientId: client.clientId, privateKey: otherKey }), /not signed with one of the client's registered keys/],
      ['expired', await assertion(client, { iat: now - 400, exp: now - 100 }), /expired/],
      ['longer than 5 minutes', await assertion(client, { iat: now, exp: now + 600 }), /at most 300 seconds/],
      ['another audience', await assertion(client, { aud: 'https://elsewhere.example/token' }), /"aud"/],
      ['no jti', await assertion(client, { jti: null }), /"jti"/],
      ['unknown client', await assertion({ clientId: 'nobody-knows-me', privateKey: otherKey }), /unknown or revoked/],
      ['not a JWT', 'not-a-jwt', /must be a JWT/],
    ];
    for (const [where, clientAssertion, description] of cases) {
      const body = assertOAuthError(
        await tokenRequest(app, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: clientAssertion }),
        401,
        'invalid_client',
        where,
      );
      assert.match(body.error_description, description, where);
    }
    assertOAuthError(await grant(client, { client_id: 'someone-else' }), 401, 'invalid_client', 'client_id is not the iss');
  });

  it('a replayed client assertion (the same jti) is invalid_grant', async () => {
    const client = await registerClient();
    const form = { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion(client, { jti: 'once-only' }) };
    assert.equal((await tokenRequest(app, form)).statusCode, 200);
    const replay = assertOAuthError(await tokenRequest(app, form), 400, 'invalid_grant', 'replay');
    assert.match(replay.error_description, /used before/);
    const seen = await t.db.selectFrom('api_assertion_ids').selectAll().where('client_id', '=', client.id).execute();
    assert.deepEqual(
      seen.map((s) => s.jti),
      ['once-only'],
    );
  });

  it('invalid_scope: a scope the client was not registered with', async () => {
    const client = await registerClient({ scopes: ['ebox:read'] });
    assertOAuthError(await grant(client, { scope: 'ebox:publish' }), 400, 'invalid_scope', 'scope lacking');
    assertOAuthError(await grant(client, { scope: 'ebox:read admin' }), 400, 'invalid_scope', 'unknown scope');
    assert.equal((await grant(client, { scope: 'ebox:read' })).statusCode, 200);
  });

  it('401 problem+json: no token, an unknown token, an expired token, the token of a revoked client', async () => {
    const none = assertProblem(await call(undefined), 401, 'no token');
    assert.equal(none.type, 'urn:uniek-verslag:problem:unauthorized');
    assertProblem(await call('unknown-token'), 401, 'unknown token');

    const client = await registerClient();
    const token = await accessToken(client);
    assert.equal((await call(token)).statusCode, 200);
    t.clock.advance(10 * 60_000 + 1000);
    try {
      const expired = await call(token);
      assertProblem(expired, 401, 'expired token');
      assert.match(String(expired.headers['www-authenticate']), /error="invalid_token"/);
    } finally {
      t.clock.advance(-(10 * 60_000 + 1000));
    }

    const revoked = await registerClient();
    const revokedToken = await accessToken(revoked);
    assert.equal((await call(revokedToken)).statusCode, 200);
    await t.db.updateTable('api_clients').set({ revoked_at: t.clock.now() }).where('id', '=', revoked.id).execute();
    assertProblem(await call(revokedToken), 401, 'revoked client');
    assertOAuthError(await grant(revoked), 401, 'invalid_client', 'a revoked client gets no new token');
  });

  it("403 problem+json in the client's language when the token lacks the operation's scope", async () => {
    const client = await registerClient({ scopes: ['ebox:read', 'ebox:publish'], language: 'fr' });
    const res = await call(await accessToken(client, 'ebox:read'));
    const body = assertProblem(res, 403, 'scope lacking');
    assert.equal(body.type, 'urn:uniek-verslag:problem:insufficient-scope');
    assert.equal(body.title, 'Scope insuffisant');
    assert.match(String(body.detail), /ebox:publish/);
    assert.equal(res.headers['content-language'], 'fr');
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="uniek-verslag", error="insufficient_scope", scope="ebox:publish"');

    // Before a client is known: Accept-Language, else English.
    const german = assertProblem(await call(undefined, app, { 'accept-language': 'en;q=0.9, de-BE;q=0.8' }), 401, 'German');
    assert.equal(german.title, 'Nicht authentifiziert');
    assert.equal(assertProblem(await call(undefined, app, { 'accept-language': 'en' }), 401, 'English').title, 'Unauthorized');
  });

  it('429 per client: one client over its limit is refused with Retry-After, another client is not', async () => {
    const busy = await registerClient();
    const calm = await registerClient();
    const busyToken = await accessToken(busy, undefined, limited);
    let refused: LightMyRequestResponse | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await call(busyToken, limited);
      if (res.statusCode === 429) refused = res;
    }
    assert.ok(refused, 'the client is limited');
    const body = assertProblem(refused, 429, 'rate limited');
    assert.equal(body.title, 'Te veel verzoeken', "in the client's language");
    assert.match(String(refused.headers['retry-after']), /^\d+$/);
    // The token endpoint counts for the same client.
    const again = await grant(busy, {}, limited);
    assert.equal(again.statusCode, 429);
    // The same address, another client: not concerned.
    const calmToken = await accessToken(calm, undefined, limited);
    assert.equal((await call(calmToken, limited)).statusCode, 200);
  });

  it('writes one api_calls row per call: the client, the route pattern, the status — never the token', async () => {
    const client = await registerClient();
    const token = await accessToken(client);
    await call(token);
    await call('unknown-token-xyz');
    // The row is written once the answer has left.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rows = await t.db.selectFrom('api_calls').selectAll().where('client_id', '=', client.id).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.method, r.route, r.status]),
      [
        ['POST', '/api/v1/oauth/token', 200],
        ['GET', '/api/v1/test/publish', 200],
      ],
    );
    const all = await t.db.selectFrom('api_calls').selectAll().execute();
    assert.ok(
      all.some((r) => r.client_id === null && r.route === '/api/v1/test/publish' && r.status === 401),
      'an unauthenticated call is audited too',
    );
    const text = JSON.stringify(all);
    assert.ok(!text.includes(token) && !text.includes('unknown-token-xyz'), 'no token in the audit');
    assert.ok(
      all.some((r) => (r.detail as { error?: string } | null)?.error === 'invalid_client'),
      'the OAuth2 error is noted',
    );
  });

  it('the OpenAPI document declares the oauth2 client-credentials scheme and each operation its scopes', async () => {
    const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
    const scheme = doc.components.securitySchemes.oauth2;
    assert.equal(scheme.type, 'oauth2');
    assert.equal(scheme.flows.clientCredentials.tokenUrl, tokenUrl);
    assert.deepEqual(Object.keys(scheme.flows.clientCredentials.scopes).sort(), ['ebox:publish', 'ebox:read']);
    assert.deepEqual(doc.paths['/api/v1/test/publish'].get.security, [{ oauth2: ['ebox:publish'] }]);
    const token = doc.paths['/api/v1/oauth/token'].post;
    assert.ok(token.requestBody.content['application/x-www-form-urlencoded'], 'the token request is a form');
    assert.match(token.description, /OAuth2 JSON/);
    assert.ok(token.responses['401'].content['application/json'], 'OAuth2 errors documented as JSON');
  });
});
