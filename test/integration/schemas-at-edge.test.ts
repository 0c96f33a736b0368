import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { OptionalVersion, PositiveInt, PostedId, ReportYear, Version, oneOf } from '../../src/platform/schemas.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, covidCampaignId, hiddenValue, loginAs } from '../support/http.ts';

/** Issue 11, item 7 (ADR 0027): the lenient schemas of queries and bodies, the strict ones of paths. */
describe('the shared schemas at the edge', () => {
  it('reads a version as a whole number; absent, malformed or negative is a stale version (-1)', () => {
    assert.equal(Version.parse('3'), 3);
    assert.equal(Version.parse(' 12 '), 12);
    assert.equal(Version.parse(['4', '5']), 4, 'a repeated field: its first value');
    for (const bad of [undefined, '', 'x', '3abc', '-1', '1e3', '9999999999', {}, ['x']]) assert.equal(Version.parse(bad), -1, String(bad));
    assert.equal(OptionalVersion.parse(undefined), null);
    assert.equal(OptionalVersion.parse('7'), 7);
  });

  it('reads a year or a page leniently: anything else is none', () => {
    assert.equal(ReportYear.parse('2024'), 2024);
    for (const bad of [undefined, 'abc', '20245', '-2024', '']) assert.equal(ReportYear.parse(bad), null, String(bad));
    assert.equal(PositiveInt.parse('3'), 3);
    assert.equal(PositiveInt.parse('0'), null);
  });

  it('keeps a closed list closed (no prototype keys), and ids as ids', () => {
    const m = oneOf(['saved', 'signed']);
    assert.equal(m.parse('saved'), 'saved');
    for (const bad of ['constructor', '__proto__', 'toString', 'unknown', 1]) assert.equal(m.parse(bad), undefined, String(bad));
    const id = randomUUID();
    assert.equal(PostedId.parse(id), id);
    assert.equal(PostedId.parse(id.toUpperCase()), id.toUpperCase(), 'either case, as PostgreSQL reads it');
    for (const bad of ['', ' ', `${id} `, `{${id}}`, 'not-a-uuid']) assert.equal(PostedId.parse(bad), undefined, bad);
    assert.equal(z.object({ personId: PostedId }).parse({}).personId, undefined);
  });
});

describe(`schemas at the edge of the web scope (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let covid: string;
  let an: Client;
  let marc: Client;

  before(async () => {
    t = await buildTestApp();
    covid = await covidCampaignId(t.db);
    an = await loginAs(t.app, t.db, 'An Peeters');
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
  });
  after(async () => t.close());

  it('answers a malformed id in a path exactly like a missing one: the not-found page', async () => {
    for (const path of [
      `${an.base}/forms/not-a-uuid`,
      `${an.base}/forms/${'a'.repeat(36)}/edit`,
      `${an.base}/ebox/12345`,
      `${an.base}/ebox/12345/files/1`,
      `${an.base}/ebox/${randomUUID()}/files/x`,
      `${an.base}/ebox/${randomUUID()}/files/7`,
      `${an.base}/documents/12345`,
    ]) {
      const res = await an.get(path);
      assert.equal(res.statusCode, 404, path);
      assert.match(String(res.headers['content-type'] ?? ''), /text\/html/);
    }
    const missing = await an.get(`${an.base}/forms/${randomUUID()}`);
    assert.equal(missing.statusCode, 404);
    for (const path of [
      '/backoffice/forms/not-a-uuid',
      '/backoffice/campaigns/x/edit',
      '/backoffice/outbox/1',
      '/backoffice/reference-data/x',
      '/backoffice/exports/x.csv',
    ]) {
      assert.equal((await marc.get(path)).statusCode, 404, path);
    }
    assert.equal((await marc.post('/backoffice/outbox/jobs/not-a-uuid/retry', {})).statusCode, 404);
  });

  it('checks who asks before the shape of the URL: the login first, 403 for a person without the permission', async () => {
    const anonymous = await loginAs(t.app, t.db, 'An Peeters');
    await anonymous.post('/logout', {});
    const login = await anonymous.get(`${an.base}/forms/not-a-uuid`);
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, '/login');
    assert.equal((await anonymous.get('/backoffice/forms/not-a-uuid')).headers.location, '/login');
    assert.equal((await an.get('/backoffice/forms/not-a-uuid')).statusCode, 403, 'OCMW staff in the back office');
    assert.equal((await an.get('/backoffice/reference-data/not-a-uuid')).statusCode, 403);
  });

  it('normalises a query it cannot use instead of refusing it', async () => {
    for (const query of ['?year=abc', '?year=2024&year=abc', '?m=constructor', '?m=__proto__', '?m=saved&m=x']) {
      assert.equal((await an.get(`${an.base}${query}`)).statusCode, 200, query);
    }
    assert.equal((await an.get(`${an.base}/forms/${covid}?m=toString`)).statusCode, 200);
    assert.equal((await marc.get('/backoffice/campaigns?year=x')).statusCode, 200);
    assert.equal((await marc.get('/backoffice/ocmws?page=-1&sort=evil&dir=sideways')).statusCode, 200);
    assert.equal((await marc.get('/backoffice/outbox?page=abc&m=sent&failed=x')).statusCode, 200);
    // A query parameter that names an object: a malformed one names nothing (404), an empty one none (200).
    assert.equal((await marc.get('/backoffice/settlements?campaignId=not-a-uuid')).statusCode, 404);
    assert.equal((await marc.get(`/backoffice/settlements?campaignId=${randomUUID()}`)).statusCode, 404);
    assert.equal((await marc.get('/backoffice/settlements?campaignId=')).statusCode, 200);
  });

  it('treats a missing or malformed version as a stale one (the conflict page), and a repeated one by its first value', async () => {
    const form = `${an.base}/forms/${covid}`;
    const edit = await an.get(`${form}/edit`);
    assert.equal(edit.statusCode, 200);
    const conflict = await an.post(form, { 'f.justifiedTotal': '1.000,00', action: 'save' });
    assert.equal(conflict.statusCode, 409, 'no version');
    assert.equal((await an.post(form, { version: 'abc', 'f.justifiedTotal': '1.000,00', action: 'save' })).statusCode, 409);
    const version = hiddenValue(edit.body, 'version');
    const res = await t.app.inject({
      method: 'POST',
      url: form,
      payload: `version=${version}&version=999&f.justifiedTotal=1.234,00&action=save`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie: [...an.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    assert.equal(res.statusCode, 303, 'the first version is the one read');
  });

  it('reads a post without any body as an empty form', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${an.base}/forms/${covid}/entry-mode`,
      headers: { 'sec-fetch-site': 'same-origin', cookie: [...an.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.ok(res.statusCode < 500, `no 5xx (${res.statusCode})`);
    const language = await t.app.inject({ method: 'POST', url: '/language', headers: { 'sec-fetch-site': 'same-origin' } });
    assert.equal(language.statusCode, 303);
    assert.equal(language.headers.location, '/');
  });
});
