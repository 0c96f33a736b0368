import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { type TestApp, TEST_DB, buildTestApp } from '../support/app.ts';

/** The routes of /api/v1 that are not operations of the document: the document itself and its rendered page. */
const NOT_DOCUMENTED = new Set(['GET /api/v1/openapi.json', 'GET /api/v1/docs']);

/**
 * Issue 16, item 3: the OpenAPI 3.1 document, generated from the zod schemas that validate the requests, is valid
 * for a standard validator and lists every route of /api/v1 — a route added without a schema fails here.
 */
describe(`API: the OpenAPI document and its reference page (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  const routes = new Set<string>();
  let doc: {
    openapi: string;
    paths: Record<
      string,
      Record<string, { security?: unknown; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown> }>
    >;
  };

  before(async () => {
    t = await buildTestApp({}, TEST_DB, {
      onRoute: (route) => {
        if (!route.url.startsWith('/api/v1')) return;
        for (const method of [route.method].flat()) if (method !== 'HEAD') routes.add(`${method} ${route.url}`);
      },
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = JSON.parse(res.body);
  });
  after(async () => t?.close());

  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });

  it('lists every route of /api/v1 (but the document and its page)', () => {
    assert.ok(routes.size >= 6, `routes seen: ${[...routes].join(', ')}`);
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)));
    const missing = [...routes]
      .filter((r) => !NOT_DOCUMENTED.has(r))
      .map((r) => r.replace(/:([A-Za-z0-9_]+)/g, '{$1}'))
      .filter((r) => !documented.has(r));
    assert.deepEqual(missing, [], 'undocumented routes');
    for (const hidden of NOT_DOCUMENTED) assert.ok(routes.has(hidden), `${hidden} exists`);
  });

  it('describes the e-Box operations: multipart body, Idempotency-Key, scopes, every status', () => {
    const post = doc.paths['/api/v1/ebox/messages'].post as unknown as {
      parameters: Array<{ name: string; in: string; required: boolean }>;
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; additionalProperties: Record<string, unknown> } }> };
      responses: Record<string, unknown>;
      security: unknown;
    };
    assert.deepEqual(post.security, [{ oauth2: ['ebox:publish'] }]);
    const key = post.parameters.find((p) => p.name === 'idempotency-key');
    assert.deepEqual([key?.in, key?.required], ['header', true]);
    const body = post.requestBody.content['multipart/form-data'].schema;
    assert.ok(body.properties.messageToPublish, 'the JSON part');
    assert.equal(body.additionalProperties.format, 'binary', 'the file parts');
    assert.deepEqual(Object.keys(post.responses).sort(), ['201', '400', '401', '403', '409', '413', '415', '422', '429']);
    assert.deepEqual(doc.paths['/api/v1/ebox/messages/{id}'].get.security, [{ oauth2: ['ebox:read'] }]);
    assert.deepEqual(doc.paths['/api/v1/organisations/{kbo}/ebox'].get.security, [{ oauth2: ['ebox:read'] }]);
  });

  it('renders a self-contained reference page without scripts, allowed by its CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/docs' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const html = res.body;
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/(src|href)="https?:/i.test(html), 'nothing external');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the stylesheet allowed by its hash');
    for (const path of Object.keys(doc.paths)) assert.ok(html.includes(`<code>${path}</code>`), `${path} on the page`);
    assert.match(html, /messageToPublish/);
    assert.match(html, /ebox:publish/);
    assert.match(html, /id="schema-MessageToPublish"/);
  });
});
