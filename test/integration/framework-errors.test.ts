import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { type TestApp, buildTestApp } from '../support/app.ts';

/**
 * Issue 11, item 5: errors Fastify answers itself (a URL that does not decode, a malformed request, a body too large,
 * a content type the web does not take, an unknown page) go through the application's error page, in the visitor's
 * language, with every security header, and reflect nothing of the request.
 */
describe(`framework errors go through the application (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;

  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t?.close());

  /** The headers every answer carries, whichever path produced it. */
  function assertSecurityHeaders(res: LightMyRequestResponse, where: string, { body = true } = {}) {
    const h = (name: string) => String(res.headers[name] ?? '');
    assert.match(h('content-security-policy'), /default-src 'self'/, `${where}: CSP`);
    assert.match(h('content-security-policy'), /frame-ancestors 'none'/, `${where}: CSP frame-ancestors`);
    assert.equal(h('x-frame-options'), 'DENY', `${where}: X-Frame-Options agrees with frame-ancestors 'none'`);
    assert.equal(h('x-content-type-options'), 'nosniff', `${where}: nosniff`);
    assert.match(h('strict-transport-security'), /max-age=\d+/, `${where}: HSTS`);
    assert.equal(h('referrer-policy'), 'same-origin', `${where}: Referrer-Policy`);
    if (body) assert.match(h('cache-control'), /no-store/, `${where}: no-store`);
  }

  function assertErrorPage(res: LightMyRequestResponse, status: number, where: string) {
    assert.equal(res.statusCode, status, `${where}: status`);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/, `${where}: an HTML page`);
    assert.match(res.body, /^<!doctype html>/, `${where}: the application's page`);
    assert.match(res.body, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, `${where}: a correlation id to quote`);
    assert.doesNotMatch(res.body, /FST_ERR|statusCode|stack|at [\w.]+ \(/, `${where}: nothing of the framework nor a stack trace`);
    assertSecurityHeaders(res, where);
  }

  const MARKER = 'uvprobe';

  it('a URL that does not decode: the error page with every header, not a bare 400 that reflects the path', async () => {
    const urls = ['/%', '/forms/%E0%A4%A', `/${MARKER}/%`, `/${MARKER}%3Cscript%3E/%zz`, `/static/${MARKER}%`, `/ocmw/%E0%A4%A/forms`, `/?x=1&%`];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url });
      // A query string that does not decode is no error for the router; the page it reaches is what answers.
      if (url.startsWith('/?')) {
        assert.notEqual(res.statusCode, 500, url);
        assertSecurityHeaders(res, url, { body: res.statusCode !== 303 });
        continue;
      }
      assertErrorPage(res, 400, url);
      assert.match(res.body, /<h1>Verzoek niet verwerkt<\/h1>/, `${url}: the page says the request was refused`);
      assert.ok(!res.body.includes(MARKER), `${url}: the raw path is not reflected`);
      assert.ok(!res.body.includes('%E0') && !res.body.includes('%zz'), `${url}: no part of the raw path`);
      assert.match(res.body, /name="returnTo" value="\/"/, `${url}: the language switch comes back home, not to the raw path`);
    }
  });

  it('a path parameter longer than the router takes: the error page, not a bare 414', async () => {
    for (const url of [`/ocmw/${MARKER}${'x'.repeat(150)}`, `/ocmw/${MARKER}${'x'.repeat(150)}/forms/1`]) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.ok([404, 414].includes(res.statusCode), `${url.slice(0, 20)}: ${res.statusCode}`);
      assertErrorPage(res, res.statusCode, url.slice(0, 20));
      assert.ok(!res.body.includes(MARKER), 'the raw path is not reflected');
    }
  });

  it('the error page of a malformed URL speaks the language the visitor chose', async () => {
    const fr = await t.app.inject({ method: 'GET', url: '/%', headers: { cookie: 'uv_lang=fr' } });
    assertErrorPage(fr, 400, 'fr');
    assert.match(fr.body, /<html lang="fr"/);
    assert.match(fr.body, /<h1>Demande non traitée<\/h1>/);
    const de = await t.app.inject({ method: 'GET', url: '/forms/%E0%A4%A', headers: { cookie: 'other=1; uv_lang=de' } });
    assert.match(de.body, /<h1>Anfrage nicht verarbeitet<\/h1>/);
    const forged = await t.app.inject({ method: 'GET', url: '/%', headers: { cookie: 'uv_lang=xx' } });
    assert.match(forged.body, /<html lang="nl"/, 'an unknown language falls back to Dutch');
  });

  it('a URL that does not decode under /api/v1: a problem+json with every header', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/${MARKER}/%E0%A4%A` });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assertSecurityHeaders(res, 'api bad url');
    const body = JSON.parse(res.body);
    assert.equal(body.status, 400);
    assert.match(body.instance, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(!res.body.includes(MARKER), 'the raw path is not reflected');
  });

  it('an unknown page on a weird path: the 404 page, no reflection', async () => {
    for (const url of [`/${MARKER}<script>alert(1)</script>`, `/${MARKER}/"onmouseover="x`, `/static/${MARKER}.css`, `//${MARKER}//x`, `/api/${MARKER}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      assertErrorPage(res, 404, url);
      assert.ok(!res.body.includes(MARKER), `${url}: the path is not reflected`);
    }
  });

  it('a body too large, a content type the web does not take, a multipart without boundary: the error page', async () => {
    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/language',
      payload: `lang=${'x'.repeat(1_100_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', cookie: 'uv_lang=fr' },
    });
    assertErrorPage(tooLarge, 413, 'too large');
    assert.match(tooLarge.body, /<h1>Trop de données<\/h1>/);

    for (const type of ['text/plain', 'application/json', 'application/xml', 'text/html;charset=utf-8']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/language',
        payload: `${MARKER}=1`,
        headers: { 'content-type': type, 'sec-fetch-site': 'same-origin' },
      });
      assertErrorPage(res, 415, type);
      assert.ok(!res.body.includes(MARKER), `${type}: the body is not reflected`);
      assert.match(res.body, /class="error-summary__title"/, `${type}: the refusal in an error summary`);
    }

    const noBoundary = await t.app.inject({
      method: 'POST',
      url: '/language',
      payload: 'x',
      headers: { 'content-type': 'multipart/form-data', 'sec-fetch-site': 'same-origin' },
    });
    assertErrorPage(noBoundary, 400, 'multipart without boundary');

    const badField = await t.app.inject({
      method: 'POST',
      url: '/language',
      payload: 'lang=%E0%A4%A',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
    assert.ok(badField.statusCode < 500, 'a form field that does not decode is no server error');
    assertSecurityHeaders(badField, 'form field that does not decode', { body: badField.statusCode !== 303 });
  });

  it('a cross-site post: the 403 error page in the visitor language, not a bare text', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/language',
      payload: 'lang=fr',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie: 'uv_lang=de' },
    });
    assertErrorPage(res, 403, 'cross-site post');
    assert.match(res.body, /<h1>Kein Zugriff<\/h1>/);
    const site = await t.app.inject({ method: 'POST', url: '/logout', headers: { 'sec-fetch-site': 'cross-site' } });
    assertErrorPage(site, 403, 'Sec-Fetch-Site cross-site');
  });

  it('every page says X-Frame-Options DENY, as the CSP says frame-ancestors none', async () => {
    for (const url of ['/login', '/health', '/static/css/app.css']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
    }
  });

  it('a request Node cannot parse: a 400 with the security headers and none of its bytes', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET /${MARKER} HTTP/1.1\r\nHost: x\r\nBad Header ${MARKER}\r\n\r\n`));
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
      });
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
    });
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(answer, /\r\nx-frame-options: DENY\r\n/i);
    assert.match(answer, /\r\ncontent-security-policy: [^\r]*frame-ancestors 'none'/i);
    assert.match(answer, /\r\nx-content-type-options: nosniff\r\n/i);
    assert.ok(!answer.includes(MARKER), 'nothing of the request is reflected');
  });
});
