import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generateKeyPair } from 'jose';
import { buildApp } from '../../src/app.ts';
import { type TestApiClient, clientAssertion, clientCredentialsToken, registerApiClient } from '../support/api-client.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { publishTestMessage, tinyPdf } from '../support/ebox.ts';
import { loginAs, organisationId } from '../support/http.ts';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface Part {
  part: string;
  name: string;
  bytes: Buffer;
  type?: string;
}

interface Publication {
  token?: string;
  key?: string | null;
  /** the JSON part: an object (sent as text), or raw text */
  json?: unknown;
  /** send the JSON part as a file part of type application/json (as e-Box Enterprise clients do) */
  jsonAsFile?: boolean;
  files?: Part[];
  headers?: Record<string, string>;
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  errors?: Array<{ in: string; pointer: string; message: string; code?: string }>;
  messageId?: string;
  successor?: { enterpriseNumber: string; name?: string };
}

/** A hand-written PDF (objects 1…, 1 the catalog) with a correct cross-reference table. */
function handPdf(objects: Record<number, string>): Buffer {
  const numbers = Object.keys(objects).map(Number);
  const size = Math.max(...numbers) + 1;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const n of numbers.sort((a, b) => a - b)) {
    offsets[n] = Buffer.byteLength(out, 'latin1');
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) out += offsets[n] === undefined ? '0000000000 65535 f \n' : `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const JAVASCRIPT_PDF = handPdf({
  1: '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>',
  2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  4: '<< /Length 0 >>\nstream\n\nendstream',
});

/** The first bytes of a PNG: not a PDF, whatever its name says. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

/**
 * Issue 16, item 3: the e-Box publication API as e-Box Enterprise's document-sender API does it, and the reading
 * operations of POD MI — a real client (openid-client, its own ES256 key) over HTTP, every status code.
 */
describe(`API: e-Box publication and reading (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let base: string;
  let issuer: string;
  /** the same app with a rate limit of 4 calls a minute */
  let limited: FastifyInstance;
  let limitedBase: string;
  let demostadKbo: string;
  let demostadId: string;
  let demodorpKbo: string;
  let client: TestApiClient;
  let token: string;
  let pdf: Buffer;
  let annex: Buffer;

  const endpoint = () => ({ base, issuer, now: t.clock.now() });

  function message(overrides: Record<string, unknown> = {}) {
    return {
      recipient: { enterpriseNumber: demostadKbo },
      messageTypeId: 'MAANDSTAAT',
      legislation: 'RMI',
      period: '2026-11',
      subject: { nl: 'Maandstaat november 2026', fr: 'État mensuel novembre 2026' },
      attachments: [{ httpPartName: 'main', fileName: 'maandstaat-2026-11.pdf', isMainContent: true }],
      ...overrides,
    };
  }

  async function publish(p: Publication = {}, at = base): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
    const form = new FormData();
    const json = p.json === undefined ? message() : p.json;
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    if (p.jsonAsFile) form.append('messageToPublish', new Blob([text], { type: 'application/json' }), 'message.json');
    else form.append('messageToPublish', text);
    for (const f of p.files ?? [{ part: 'main', name: 'maandstaat-2026-11.pdf', bytes: pdf }]) {
      form.append(f.part, new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/pdf' }), f.name);
    }
    const headers: Record<string, string> = { ...p.headers };
    if (p.token !== undefined || token) headers.authorization = `Bearer ${p.token ?? token}`;
    if (p.key !== null) headers['idempotency-key'] = p.key ?? randomUUID();
    const res = await fetch(`${at}/api/v1/ebox/messages`, { method: 'POST', body: form, headers });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, headers: res.headers, body };
  }

  function assertProblem(res: { status: number; headers: Headers; body: Record<string, unknown> }, status: number, where: string): Problem {
    assert.equal(res.status, status, `${where}: status (${JSON.stringify(res.body)})`);
    assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/, `${where}: problem+json`);
    const body = res.body as unknown as Problem;
    assert.equal(body.status, status, `${where}: status member`);
    assert.match(body.instance, /^urn:uuid:/);
    assert.equal(typeof body.title, 'string');
    return body;
  }

  async function get(path: string, bearer = token) {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  const countMessages = async () =>
    Number(
      (
        await t.db
          .selectFrom('ebox_messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    issuer = `${t.config.publicUrl}/api/v1`;
    limited = await buildApp({ config: t.config, db: t.db, clock: t.clock }, { logger: false, api: { rateLimitPerMinute: 4 } });
    await limited.listen({ port: 0, host: '127.0.0.1' });
    limitedBase = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}`;
    demostadId = await organisationId(t.db, 'OCMW Demostad');
    const kbo = async (name: string) => (await t.db.selectFrom('organisations').select('kbo').where('name_nl', '=', name).executeTakeFirstOrThrow()).kbo;
    demostadKbo = await kbo('OCMW Demostad');
    demodorpKbo = await kbo('OCMW Demodorp');
    client = await registerApiClient(t.db, t.clock.now(), { sender: 'NOVAPRIMA' });
    token = await clientCredentialsToken(client, endpoint());
    pdf = await tinyPdf('Maandstaat november 2026');
    annex = await tinyPdf('Detail november 2026');
  });
  after(async () => {
    await limited?.close();
    await t?.close();
  });

  it("201: publishes in the OCMW's e-Box — the message, its files, the sender and client; the OCMW sees it", async () => {
    const key = randomUUID();
    const res = await publish({
      key,
      json: message({
        attachments: [
          { httpPartName: 'main', fileName: 'maandstaat-2026-11.pdf', isMainContent: true },
          { httpPartName: 'detail', fileName: 'détail état € 2026-11.pdf', isMainContent: false },
        ],
      }),
      files: [
        { part: 'main', name: 'maandstaat-2026-11.pdf', bytes: pdf },
        { part: 'detail', name: 'detail.pdf', bytes: annex },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const id = String(res.body.id);
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.get('location'), `/api/v1/ebox/messages/${id}`);
    assert.equal(res.body.publishedAt, t.clock.now().toISOString());
    assert.equal(res.body.expiresAt, '2028-11-23T10:00:00.000Z', 'a monthly statement is kept 24 months');

    const row = await t.db.selectFrom('ebox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.organisation_id, demostadId);
    assert.equal(row.sender_application, 'NOVAPRIMA', "the client's sender application");
    assert.equal(row.published_by_client, client.id);
    assert.equal(row.idempotency_key, key);
    assert.equal(row.subject_fr, 'État mensuel novembre 2026');
    assert.equal(row.subject_de, null);
    const attachments = await t.db.selectFrom('ebox_attachments').selectAll().where('message_id', '=', id).orderBy('position').execute();
    assert.deepEqual(
      attachments.map((a) => [a.position, a.file_name, a.is_main, Number(a.size_bytes)]),
      [
        [1, 'maandstaat-2026-11.pdf', true, pdf.length],
        [2, 'détail état € 2026-11.pdf', false, annex.length],
      ],
    );
    const stored = await t.db.selectFrom('ebox_files').select('content').where('sha256', '=', attachments[0].sha256!).executeTakeFirstOrThrow();
    assert.ok(stored.content && Buffer.from(stored.content).equals(pdf), 'the bytes as sent');
    const event = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_id', '=', id)
      .where('type', '=', 'EBOX_MESSAGE_PUBLISHED')
      .executeTakeFirstOrThrow();
    assert.equal(event.actor_kind, 'CLIENT');

    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal(an.base, `/ocmw/${demostadKbo}`);
    const list = (await an.get(`${an.base}/ebox`)).body;
    assert.match(list, /Maandstaat november 2026/);
    assert.ok(list.includes(id), 'the OCMW page lists it');

    // Audited: the call with its client, route, status and the message id.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const calls = await t.db.selectFrom('api_calls').selectAll().where('client_id', '=', client.id).where('route', '=', '/api/v1/ebox/messages').execute();
    assert.ok(calls.some((c) => c.status === 201 && (c.detail as { message?: string }).message === id));
  });

  it('201: the JSON part as a file part of type application/json, the key as a quoted RFC 8941 string', async () => {
    const key = randomUUID();
    const res = await publish({ key: `"${key}"`, jsonAsFile: true, json: message({ subject: { nl: 'Als bestand', fr: 'Comme fichier', de: 'Als Datei' } }) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const row = await t.db.selectFrom('ebox_messages').selectAll().where('id', '=', String(res.body.id)).executeTakeFirstOrThrow();
    assert.equal(row.idempotency_key, key, 'the sf-string unquoted');
    assert.equal(row.subject_de, 'Als Datei');
  });

  it('400: a missing or invalid Idempotency-Key, in the client’s language', async () => {
    const before = await countMessages();
    const missing = assertProblem(await publish({ key: null }), 400, 'no key');
    assert.equal(missing.type, 'urn:uniek-verslag:problem:idempotency-key');
    assert.match(String(missing.detail), /header Idempotency-Key/);
    assert.equal(missing.title, 'Idempotency-Key ontbreekt of is ongeldig', "the client's language (nl)");
    assertProblem(await publish({ key: '"not closed' }), 400, 'unterminated sf-string');
    assertProblem(await publish({ key: 'x'.repeat(201) }), 400, 'too long');
    assertProblem(await publish({ key: 'sleutel-é' }), 400, 'not ASCII');
    assert.equal(await countMessages(), before);
  });

  it('400: bad JSON, a body that is not multipart, unknown keys, every metadata error listed', async () => {
    const badJson = assertProblem(await publish({ json: '{"recipient": ' }), 400, 'bad JSON');
    assert.equal(badJson.type, 'urn:uniek-verslag:problem:invalid-request');
    assert.match(String(badJson.detail), /messageToPublish is geen geldige JSON/);

    const json = await fetch(`${base}/api/v1/ebox/messages`, {
      method: 'POST',
      body: JSON.stringify(message()),
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
    });
    const notMultipart = assertProblem({ status: json.status, headers: json.headers, body: (await json.json()) as Record<string, unknown> }, 400, 'JSON body');
    assert.match(String(notMultipart.detail), /multipart\/form-data/);

    const unknownKey = assertProblem(await publish({ json: { ...message(), isReplyAuthorized: true, recipient: { enterpriseNumber: '123' } } }), 400, 'schema');
    assert.match(String(unknownKey.detail), /schema MessageToPublish: 2 fout/);
    assert.deepEqual(unknownKey.errors?.map((e) => [e.pointer, e.code]).sort(), [
      ['/messageToPublish', 'unrecognized_keys'],
      ['/messageToPublish/recipient/enterpriseNumber', 'invalid_format'],
    ]);
    assert.ok(
      unknownKey.errors?.some((e) => e.message.includes('Onbekende key: "isReplyAuthorized"')),
      "zod's message in the client's language",
    );

    const metadata = assertProblem(
      await publish({ json: message({ messageTypeId: 'NOPE', period: '2026-13', subject: { nl: '', fr: 'x'.repeat(251) } }) }),
      400,
      'metadata',
    );
    assert.deepEqual(metadata.errors?.map((e) => e.pointer).sort(), [
      '/messageToPublish/messageTypeId',
      '/messageToPublish/period',
      '/messageToPublish/subject/fr',
      '/messageToPublish/subject/nl',
    ]);
    assert.ok(metadata.errors?.some((e) => /NOPE is geen soort document/.test(e.message)));
    assert.ok(metadata.errors?.some((e) => /telt 251 tekens, hoogstens 250/.test(e.message)));
  });

  it('400: a seventh attachment, a part not referenced, a referenced part missing, two main files, a part twice', async () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ part: `file${i + 1}`, name: `bijlage-${i + 1}.pdf`, bytes: pdf }));
    const seventh = assertProblem(
      await publish({
        json: message({ attachments: seven.map((f, i) => ({ httpPartName: f.part, fileName: f.name, isMainContent: i === 0 })) }),
        files: seven,
      }),
      400,
      'seventh file',
    );
    assert.match(String(seventh.detail), /hoogstens 6 bijlagen: het bestandsdeel file7 is bijlage 7/);

    const unreferenced = assertProblem(
      await publish({
        files: [
          { part: 'main', name: 'a.pdf', bytes: pdf },
          { part: 'stowaway', name: 'b.pdf', bytes: annex },
        ],
      }),
      400,
      'unreferenced',
    );
    assert.match(String(unreferenced.detail), /bestandsdeel stowaway wordt door geen enkele bijlage/);

    const missing = assertProblem(
      await publish({
        json: message({
          attachments: [
            { httpPartName: 'main', fileName: 'a.pdf', isMainContent: true },
            { httpPartName: 'annex', fileName: 'bijlage.pdf', isMainContent: false },
          ],
        }),
      }),
      400,
      'missing part',
    );
    assert.match(String(missing.detail), /bijlage bijlage\.pdf noemt het bestandsdeel annex/);

    const twoMain = assertProblem(
      await publish({
        json: message({
          attachments: [
            { httpPartName: 'main', fileName: 'a.pdf', isMainContent: true },
            { httpPartName: 'other', fileName: 'b.pdf', isMainContent: true },
          ],
        }),
        files: [
          { part: 'main', name: 'a.pdf', bytes: pdf },
          { part: 'other', name: 'b.pdf', bytes: annex },
        ],
      }),
      400,
      'two main files',
    );
    assert.deepEqual(
      twoMain.errors?.map((e) => [e.code, e.pointer]),
      [['main_file_one', '/messageToPublish/attachments']],
    );

    const twice = assertProblem(
      await publish({
        files: [
          { part: 'main', name: 'a.pdf', bytes: pdf },
          { part: 'main', name: 'a.pdf', bytes: pdf },
        ],
      }),
      400,
      'a part twice',
    );
    assert.match(String(twice.detail), /deel main komt meer dan eens voor/);
  });

  it('401: no token, an unknown token, the token of a revoked client; the token endpoint refuses another key and a replay', async () => {
    const none = await fetch(`${base}/api/v1/ebox/messages`, { method: 'POST', headers: { 'idempotency-key': randomUUID() } });
    assert.equal(none.status, 401);
    assert.match(String(none.headers.get('content-type')), /^application\/problem\+json/);
    assertProblem(await publish({ token: 'not-a-known-token' }), 401, 'unknown token');

    const revoked = await registerApiClient(t.db, t.clock.now());
    const revokedToken = await clientCredentialsToken(revoked, endpoint());
    await t.db.updateTable('api_clients').set({ revoked_at: t.clock.now() }).where('id', '=', revoked.id).execute();
    assertProblem(await publish({ token: revokedToken }), 401, 'revoked client');

    const tokenUrl = `${issuer}/oauth/token`;
    const grant = async (assertion: string) => {
      const res = await fetch(`${base}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }),
      });
      return { status: res.status, body: (await res.json()) as { error: string; error_description: string } };
    };
    const { privateKey: otherKey } = await generateKeyPair('ES256');
    const signedElsewhere = await grant(await clientAssertion({ clientId: client.clientId, privateKey: otherKey }, tokenUrl, t.clock.now()));
    assert.equal(signedElsewhere.status, 401);
    assert.equal(signedElsewhere.body.error, 'invalid_client');
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const expired = await grant(await clientAssertion(client, tokenUrl, t.clock.now(), { iat: now - 400, exp: now - 100 }));
    assert.equal(expired.status, 401);
    assert.match(expired.body.error_description, /expired/);
    const once = await clientAssertion(client, tokenUrl, t.clock.now(), { jti: randomUUID() });
    assert.equal((await grant(once)).status, 200);
    const replay = await grant(once);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
  });

  it('403: a token without ebox:publish, in the client’s language', async () => {
    const reader = await registerApiClient(t.db, t.clock.now(), { scopes: ['ebox:read'], language: 'fr' });
    const readerToken = await clientCredentialsToken(reader, endpoint());
    const res = await publish({ token: readerToken });
    const body = assertProblem(res, 403, 'no ebox:publish');
    assert.equal(body.title, 'Scope insuffisant');
    assert.match(String(body.detail), /ebox:publish/);
    // And a publisher cannot read.
    const publisher = await registerApiClient(t.db, t.clock.now(), { scopes: ['ebox:publish'] });
    const publisherToken = await clientCredentialsToken(publisher, endpoint());
    assert.equal((await get(`/api/v1/organisations/${demostadKbo}/ebox`, publisherToken)).status, 403);
  });

  it('409: the same sender application and key again — whatever the content — names the first message; nothing published', async () => {
    const key = randomUUID();
    const first = await publish({ key });
    assert.equal(first.status, 201);
    const before = await countMessages();
    const again = assertProblem(
      await publish({ key, json: message({ messageTypeId: 'INFO', legislation: 'GENERAL', period: null, subject: { nl: 'Iets anders', fr: 'Autre chose' } }) }),
      409,
      'same key',
    );
    assert.equal(again.type, 'urn:uniek-verslag:problem:idempotency-key-reused');
    assert.equal(again.messageId, first.body.id);
    assert.ok(String(again.detail).includes(String(first.body.id)));
    // Even a body that would be refused: the key is checked first.
    assert.equal((await publish({ key, json: '{broken' })).status, 409);
    assert.equal(await countMessages(), before);
    // Another sender application may use the same key.
    const other = await registerApiClient(t.db, t.clock.now(), { sender: 'OTHER_APP' });
    assert.equal((await publish({ key, token: await clientCredentialsToken(other, endpoint()) })).status, 201);
  });

  it('409: two publications with the same key at once — one is published, the other names it', async () => {
    const key = randomUUID();
    const before = await countMessages();
    const both = await Promise.all([publish({ key }), publish({ key })]);
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
    const [won, lost] = both[0].status === 201 ? both : [both[1], both[0]];
    assert.equal(lost.body.messageId, won.body.id);
    assert.equal(await countMessages(), before + 1);
  });

  it('413: a file of 20 MB and one byte', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    const body = assertProblem(await publish({ files: [{ part: 'main', name: 'groot.pdf', bytes: big }] }), 413, 'too large');
    assert.equal(body.type, 'urn:uniek-verslag:problem:file-too-large');
    assert.match(String(body.detail), /bestandsdeel main is groter dan 20 MB/);
  });

  it('415: a PNG named .pdf and declared application/pdf', async () => {
    const body = assertProblem(await publish({ files: [{ part: 'main', name: 'maandstaat.pdf', bytes: PNG, type: 'application/pdf' }] }), 415, 'PNG');
    assert.equal(body.type, 'urn:uniek-verslag:problem:not-a-pdf');
    assert.match(String(body.detail), /maandstaat-2026-11\.pdf \(bestandsdeel main\) is geen PDF/);
  });

  it('422: a PDF with JavaScript, one that does not parse', async () => {
    const js = assertProblem(await publish({ files: [{ part: 'main', name: 'a.pdf', bytes: JAVASCRIPT_PDF }] }), 422, 'JavaScript');
    assert.equal(js.type, 'urn:uniek-verslag:problem:pdf-refused');
    assert.match(String(js.detail), /bevat JavaScript/);
    const damaged = Buffer.from('%PDF-1.7\nthis is no PDF at all\n%%EOF\n', 'latin1');
    const broken = assertProblem(await publish({ files: [{ part: 'main', name: 'a.pdf', bytes: damaged }] }), 422, 'damaged');
    assert.match(String(broken.detail), /beschadigd/);
  });

  it('422: an unknown recipient; a MERGED OCMW names its successor; a DISAPPEARING one is accepted', async () => {
    const unknown = assertProblem(await publish({ json: message({ recipient: { enterpriseNumber: '0999999999' } }) }), 422, 'unknown');
    assert.equal(unknown.type, 'urn:uniek-verslag:problem:recipient-unknown');
    assert.match(String(unknown.detail), /0999999999 is geen OCMW/);

    // Demodorp merged into Demostad on 2025-01-01: DISAPPEARING until POD MI ends the transition.
    const disappearing = await publish({ json: message({ recipient: { enterpriseNumber: demodorpKbo } }) });
    assert.equal(disappearing.status, 201, JSON.stringify(disappearing.body));
    const demodorp = await t.db.selectFrom('organisations').select('merger_id').where('kbo', '=', demodorpKbo).executeTakeFirstOrThrow();
    const merger = await t.db.selectFrom('mergers').select('transition_ends_on').where('id', '=', demodorp.merger_id!).executeTakeFirstOrThrow();
    await t.db.updateTable('mergers').set({ transition_ends_on: '2026-01-01' }).where('id', '=', demodorp.merger_id!).execute();
    try {
      const merged = assertProblem(await publish({ json: message({ recipient: { enterpriseNumber: demodorpKbo } }) }), 422, 'merged');
      assert.equal(merged.type, 'urn:uniek-verslag:problem:recipient-merged');
      assert.equal(merged.successor?.enterpriseNumber, demostadKbo);
      assert.equal(merged.successor?.name, 'OCMW Demostad');
      assert.ok(String(merged.detail).includes(demostadKbo), 'the detail names the successor');
    } finally {
      await t.db.updateTable('mergers').set({ transition_ends_on: merger.transition_ends_on }).where('id', '=', demodorp.merger_id!).execute();
    }
  });

  it('429: a client over its limit is refused in its language with Retry-After; another client is not', async () => {
    const busy = await registerApiClient(t.db, t.clock.now(), { language: 'de' });
    const calm = await registerApiClient(t.db, t.clock.now());
    const busyToken = await clientCredentialsToken(busy, { base: limitedBase, issuer, now: t.clock.now() });
    let refused: Awaited<ReturnType<typeof publish>> | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      const res = await publish({ token: busyToken }, limitedBase);
      if (res.status === 429) refused = res;
      else assert.equal(res.status, 201);
    }
    assert.ok(refused, 'limited');
    const body = assertProblem(refused, 429, 'rate limited');
    assert.equal(body.title, 'Zu viele Anfragen');
    assert.match(String(refused.headers.get('retry-after')), /^\d+$/);
    const calmToken = await clientCredentialsToken(calm, { base: limitedBase, issuer, now: t.clock.now() });
    assert.equal((await publish({ token: calmToken }, limitedBase)).status, 201);
  });

  it("reads a message's metadata and read state — read once an OCMW user opens it, no reader named; another sender's is not found", async () => {
    const published = await publish({ json: message({ subject: { nl: 'Te lezen', fr: 'À lire' } }) });
    const id = String(published.body.id);
    const unread = await get(`/api/v1/ebox/messages/${id}`);
    assert.equal(unread.status, 200, JSON.stringify(unread.body));
    assert.equal(unread.body.read, false);
    assert.equal(unread.body.firstReadAt, null);
    assert.deepEqual(unread.body.recipient, { enterpriseNumber: demostadKbo });
    assert.deepEqual(unread.body.subject, { nl: 'Te lezen', fr: 'À lire', de: null });
    assert.equal(unread.body.messageTypeId, 'MAANDSTAAT');
    assert.equal(unread.body.senderApplication, 'NOVAPRIMA');
    assert.deepEqual(
      (unread.body.attachments as Array<Record<string, unknown>>).map((a) => [a.position, a.fileName, a.isMainContent, a.sizeBytes]),
      [[1, 'maandstaat-2026-11.pdf', true, pdf.length]],
    );

    t.clock.advance(60_000);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(`${an.base}/ebox/${id}`)).statusCode, 200);
    const read = await get(`/api/v1/ebox/messages/${id}`);
    assert.equal(read.body.read, true);
    assert.equal(read.body.firstReadAt, t.clock.now().toISOString());
    assert.ok(!JSON.stringify(read.body).includes('Peeters'), 'no reader named');

    // Another sender application's message, a missing one: the same 404.
    const foreign = await publishTestMessage(t, demostadId, { sender: 'UNIEK_VERSLAG' });
    const other = assertProblem(await get(`/api/v1/ebox/messages/${foreign}`), 404, 'foreign');
    const missing = assertProblem(await get(`/api/v1/ebox/messages/${randomUUID()}`), 404, 'missing');
    assert.equal(other.detail, missing.detail);
    assert.equal((await get('/api/v1/ebox/messages/not-a-uuid')).status, 400);
  });

  it("reads an organisation's last e-Box visit and unread count", async () => {
    const villedemoKbo = (await t.db.selectFrom('organisations').select('kbo').where('name_nl', '=', 'OCMW Villedemo').executeTakeFirstOrThrow()).kbo;
    const before = await get(`/api/v1/organisations/${villedemoKbo}/ebox`);
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.equal(before.body.enterpriseNumber, villedemoKbo);
    assert.equal(before.body.lastVisitAt, null);
    const unreadBefore = Number(before.body.unread);
    const published = await publish({ json: message({ recipient: { enterpriseNumber: villedemoKbo } }) });
    assert.equal(published.status, 201);
    assert.equal((await get(`/api/v1/organisations/${villedemoKbo}/ebox`)).body.unread, unreadBefore + 1);

    t.clock.advance(60_000);
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Villedemo');
    assert.equal((await luc.get(`${luc.base}/ebox`)).statusCode, 200);
    const after = await get(`/api/v1/organisations/${villedemoKbo}/ebox`);
    assert.equal(after.body.lastVisitAt, t.clock.now().toISOString());
    assert.ok(!JSON.stringify(after.body).includes('Wouters'), 'no visitor named');

    assertProblem(await get('/api/v1/organisations/0999999999/ebox'), 404, 'unknown OCMW');
    assert.equal((await get('/api/v1/organisations/12/ebox')).status, 400);
  });
});
