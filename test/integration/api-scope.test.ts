import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import type { BearerVerifier } from '../../src/api/bearer.ts';
import { jsonResponse } from '../../src/api/problem.ts';
import { buildApp } from '../../src/app.ts';
import { sessionCookieName } from '../../src/platform/sessions.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { loginAs } from '../support/http.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** A verifier that knows one token, standing in for the OAuth2 clients of a later issue. */
const testVerifier: BearerVerifier = {
  async verify(token) {
    return token === 'test-token-1'
      ? {
          id: '00000000-0000-4000-8000-000000000001',
          clientId: 'client-1',
          name: 'Test supplier',
          scopes: ['ebox:read'],
          senderApplication: 'TEST',
          language: 'nl',
        }
      : null;
  },
};

/**
 * Issue 11, item 8: the API scope under /api/v1 — JSON only, RFC 9457 problems, bearer tokens as an opt-in hook, its
 * own rate limit, an OpenAPI document from the zod schemas — and none of the web scope's cookies, sessions, form
 * bodies, origin check or HTML pages.
 */
describe(`API scope /api/v1 (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  /** the same application with a verifier that knows a token, a low rate limit and a test-only operation */
  let custom: FastifyInstance;
  let sessionCookie: string;

  before(async () => {
    t = await buildTestApp();
    custom = await buildApp(
      { config: t.config, db: t.db, clock: t.clock },
      {
        logger: false,
        api: {
          verifier: testVerifier,
          rateLimitPerMinute: 20,
          extend: ({ api, authenticate }) => {
            api.post(
              '/test/echo',
              {
                onRequest: authenticate,
                schema: {
                  body: z.strictObject({ message: z.string().max(20) }),
                  response: { 200: jsonResponse('The message back', z.object({ message: z.string(), client: z.string() })) },
                },
              },
              async (request) => ({ message: request.body.message, client: request.apiClient!.clientId }),
            );
          },
        },
      },
    );
    await custom.ready();
    // A browser logged in through the provider: its session cookie is no API credential.
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const value = an.cookies.get(sessionCookieName(t.config));
    assert.ok(value, 'the login gives a session cookie');
    const cookie = { name: sessionCookieName(t.config), value };
    sessionCookie = `${cookie.name}=${cookie.value}`;
  });
  after(async () => {
    await custom?.close();
    await t?.close();
  });

  function assertProblem(res: LightMyRequestResponse, status: number, where: string) {
    assert.equal(res.statusCode, status, `${where}: status`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${where}: problem+json`);
    const body = JSON.parse(res.body);
    assert.equal(typeof body.type, 'string', `${where}: type`);
    assert.equal(typeof body.title, 'string', `${where}: title`);
    assert.equal(body.status, status, `${where}: status member`);
    assert.match(body.instance, /^urn:uuid:[0-9a-f-]{36}$/, `${where}: instance names the occurrence, not the path`);
    assertApiHeaders(res, where);
    return body as {
      type: string;
      title: string;
      status: number;
      detail?: string;
      instance: string;
      errors?: Array<{ in: string; pointer: string; message: string }>;
    };
  }

  function assertApiHeaders(res: LightMyRequestResponse, where: string) {
    assert.equal(res.headers['set-cookie'], undefined, `${where}: no cookie set`);
    assert.equal(res.headers['cache-control'], 'no-store', `${where}: no-store`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', `${where}: nosniff`);
    assert.equal(res.headers['x-frame-options'], 'DENY', `${where}: X-Frame-Options`);
    assert.match(String(res.headers['x-ratelimit-limit'] ?? ''), /^\d+$/, `${where}: the API's rate limit applies`);
  }

  it('GET /api/v1/health checks the database and answers JSON, without any cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(res.body), { status: 'ok', database: 'ok' });
    assertApiHeaders(res, 'health');
  });

  it('GET /api/v1/version names the application and its version from package.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/version' });
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body);
    assert.equal(body.name, pkg.name);
    assert.equal(body.version, pkg.version);
    if (body.commit !== undefined) assert.match(body.commit, /^[0-9a-f]{40}$/);
    assertApiHeaders(res, 'version');
  });

  it('the web health check stays where it was', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { ok: true });
  });

  it('an unknown operation inside /api/v1 is a problem+json 404, not the HTML page', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/no-such-operation'],
      ['GET', '/api/v1'],
      ['GET', '/api/v1/health/extra'],
      ['DELETE', '/api/v1/health'],
      ['POST', '/api/v1/version'],
    ] as const) {
      const body = assertProblem(await t.app.inject({ method, url }), 404, `${method} ${url}`);
      assert.equal(body.type, 'about:blank');
      assert.equal(body.title, 'Not Found');
      assert.ok(!JSON.stringify(body).includes('no-such-operation'), 'the path is not reflected');
    }
    // Outside /api/v1 the web answers, with its HTML page.
    const web = await t.app.inject({ method: 'GET', url: '/api/v2/health' });
    assert.equal(web.statusCode, 404);
    assert.match(String(web.headers['content-type']), /^text\/html/);
  });

  it('an operation that needs a bearer token answers 401 problem+json with a WWW-Authenticate challenge', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/whoami' });
    const body = assertProblem(none, 401, 'no token');
    assert.equal(body.type, 'urn:uniek-verslag:problem:unauthorized');
    assert.equal(none.headers['www-authenticate'], 'Bearer realm="uniek-verslag"');

    // The default verifier knows no token at all.
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: 'Bearer test-token-1' } });
    assertProblem(unknown, 401, 'unknown token');
    assert.match(String(unknown.headers['www-authenticate']), /^Bearer realm="uniek-verslag", error="invalid_token"/);

    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', `Bearer ${'x'.repeat(5000)}`]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization } });
      assertProblem(res, 401, authorization.slice(0, 20));
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="uniek-verslag"');
    }
  });

  it('a verifier that knows the token lets the operation through, with the client on the request', async () => {
    const res = await custom.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: 'Bearer test-token-1' } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { clientId: 'client-1', name: 'Test supplier', scopes: ['ebox:read'] });
    assertProblem(await custom.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: 'Bearer other' } }), 401, 'other token');
  });

  it('the API does not accept the cookie session: a logged-in browser is no API client', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/choose-ocmw', headers: { cookie: sessionCookie } });
    assert.notEqual(page.headers.location, '/login', 'the cookie is a live session for the web');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { cookie: sessionCookie } });
    assertProblem(res, 401, 'session cookie');
  });

  it('a query parameter the schema does not know is a 400 problem+json naming it, from the zod schema', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health?verbose=yes' });
    const body = assertProblem(res, 400, 'unknown query parameter');
    assert.equal(body.type, 'urn:uniek-verslag:problem:invalid-request');
    assert.equal(body.errors?.[0]?.in, 'query');
    assert.match(String(body.errors?.[0]?.message), /verbose/);
    assert.ok(!res.body.includes('yes'), 'the value is not reflected');
  });

  it('the web scope origin check does not apply to the API, and the API takes JSON only', async () => {
    const crossSite = { origin: 'https://supplier.example', 'sec-fetch-site': 'cross-site', authorization: 'Bearer test-token-1' };
    const ok = await custom.inject({ method: 'POST', url: '/api/v1/test/echo', payload: { message: 'hello' }, headers: crossSite });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(JSON.parse(ok.body), { message: 'hello', client: 'client-1' });

    const form = await custom.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: 'message=hello',
      headers: { ...crossSite, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assertProblem(form, 415, 'form body');
    const text = await custom.inject({ method: 'POST', url: '/api/v1/test/echo', payload: 'hello', headers: { ...crossSite, 'content-type': 'text/plain' } });
    assertProblem(text, 415, 'text body');
    const malformed = await custom.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: '{"message":',
      headers: { ...crossSite, 'content-type': 'application/json' },
    });
    assertProblem(malformed, 400, 'malformed JSON');
    const invalid = assertProblem(
      await custom.inject({ method: 'POST', url: '/api/v1/test/echo', payload: { message: 'x'.repeat(30), extra: 1 }, headers: crossSite }),
      400,
      'invalid body',
    );
    assert.equal(
      invalid.errors?.every((e) => e.in === 'body'),
      true,
    );
    assert.ok((invalid.errors?.length ?? 0) >= 2, 'both the too long message and the unknown member');
  });

  it('the OpenAPI document is generated from the zod schemas and lists the operations', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const doc = JSON.parse(res.body);
    assert.match(doc.openapi, /^3\./);
    assert.equal(doc.info.version, pkg.version);
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/v1/ebox/messages',
      '/api/v1/ebox/messages/{id}',
      '/api/v1/health',
      '/api/v1/oauth/token',
      '/api/v1/organisations/{kbo}/ebox',
      '/api/v1/version',
      '/api/v1/whoami',
    ]);
    assert.ok(doc.paths['/api/v1/health'].get.responses['200'].content['application/json'].schema, 'health response schema');
    assert.deepEqual(doc.paths['/api/v1/whoami'].get.security, [{ oauth2: [] }]);
    assert.ok(doc.paths['/api/v1/whoami'].get.responses['401'].content['application/problem+json'], '401 documented as problem+json');
    assert.equal(doc.components.securitySchemes.oauth2.type, 'oauth2');
    assert.deepEqual(doc.components.schemas.Problem.required, ['type', 'title', 'status', 'instance']);
    assert.ok(doc.components.schemas.Version.properties.commit, 'the version schema, from zod');
    assertApiHeaders(res, 'openapi');
    // A test-only operation appears in the document of its app: the document follows the routes.
    const customDoc = JSON.parse((await custom.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
    assert.equal(customDoc.paths['/api/v1/test/echo'].post.requestBody.content['application/json'].schema.properties.message.maxLength, 20);
  });

  it('the API has its own rate limit, answered as problem+json with Retry-After', async () => {
    let limited: LightMyRequestResponse | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      const res = await custom.inject({ method: 'GET', url: '/api/v1/version', remoteAddress: '203.0.113.9' });
      if (res.statusCode === 429) limited = res;
    }
    assert.ok(limited, 'the 21st request of a minute is refused');
    assertProblem(limited, 429, 'rate limited');
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
    // Another address, and the web, are not concerned.
    assert.equal((await custom.inject({ method: 'GET', url: '/api/v1/version', remoteAddress: '203.0.113.10' })).statusCode, 200);
    assert.equal((await custom.inject({ method: 'GET', url: '/login', remoteAddress: '203.0.113.9' })).statusCode, 200);
  });
});
