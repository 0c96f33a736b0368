import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type CryptoKey, SignJWT, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { PODMI_ORGANISATION_ID } from '../../src/access/grants.repository.ts';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, loginAs } from '../support/http.ts';

const BASE = '/backoffice/api-clients';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The form as a browser posts it: the scopes once per ticked box. */
function form(values: Partial<Record<'name' | 'clientId' | 'senderApplication' | 'language' | 'publicKey' | 'jwksUri', string>> & { scopes?: string[] }) {
  return {
    name: values.name ?? '',
    clientId: values.clientId ?? '',
    senderApplication: values.senderApplication ?? '',
    language: values.language ?? 'nl',
    publicKey: values.publicKey ?? '',
    jwksUri: values.jwksUri ?? '',
    ...(values.scopes ? { scopes: values.scopes } : {}),
  };
}

/** The message shown next to a field (the Field component's error paragraph). */
function fieldError(html: string, id: string): string | undefined {
  return new RegExp(`<p id="${id}-error" class="field__error">([^<]*)</p>`).exec(html)?.[1];
}

/** Issue 16, item 3: POD MI's beheerder registers the API's clients and revokes them; the dossierbeheerder reads the list. */
describe(`API clients in the back office (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let marc: Client;
  let nathalie: Client;
  let an: Client;

  async function token(clientId: string, key: CryptoKey) {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(`${t.config.publicUrl}/api/v1/oauth/token`)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setJti(randomUUID())
      .sign(key);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  const whoami = (accessToken: string) => t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: `Bearer ${accessToken}` } });
  const stored = (clientId: string) => t.db.selectFrom('api_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();

  before(async () => {
    t = await buildTestApp();
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    an = await loginAs(t.app, t.db, 'An Peeters');
  });
  after(async () => {
    await t?.close();
  });

  it('the beheerder registers a client with a PEM public key; the client then gets a token with its private key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const page = await marc.get(`${BASE}/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Nieuwe API-client/);
    const res = await marc.post(
      `${BASE}/new`,
      form({
        name: 'NovaPRIMA',
        clientId: 'novaprima',
        senderApplication: 'novaprima',
        scopes: ['ebox:publish', 'ebox:read'],
        publicKey: await exportSPKI(publicKey),
      }),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, `${BASE}?m=registered`);
    const row = await stored('novaprima');
    assert.ok(row);
    assert.equal(row.sender_application, 'NOVAPRIMA', 'upper-cased');
    assert.deepEqual(row.scopes, ['ebox:publish', 'ebox:read']);
    const jwks = (typeof row.jwks === 'string' ? JSON.parse(row.jwks) : row.jwks) as { keys: Array<Record<string, string>> };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].kty, 'EC');
    assert.equal(jwks.keys[0].crv, 'P-256');
    assert.equal(jwks.keys[0].d, undefined);
    assert.ok(jwks.keys[0].kid, 'a kid (the JWK thumbprint)');

    const list = await marc.follow(res);
    assert.match(list.body, /De API-client is geregistreerd/);
    assert.match(list.body, /<code>novaprima<\/code>/);
    assert.match(list.body, /Nog nooit/, 'no call yet');

    const granted = await token('novaprima', privateKey);
    assert.equal(granted.statusCode, 200, granted.body);
    const me = await whoami(JSON.parse(granted.body).access_token);
    assert.equal(me.statusCode, 200);
    assert.equal(JSON.parse(me.body).clientId, 'novaprima');
    assert.doesNotMatch((await marc.get(BASE)).body, /Nog nooit/, 'the last call is listed');

    const event = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organisation_id', '=', PODMI_ORGANISATION_ID)
      .where('type', '=', 'API_CLIENT_REGISTERED')
      .executeTakeFirstOrThrow();
    assert.equal(event.subject_id, row.id);
    assert.equal((await verifyAuditChain(t.db, PODMI_ORGANISATION_ID)).ok, true);
  });

  it('takes a JWKS in JSON, or a JWKS URL over https', async () => {
    const { publicKey } = await generateKeyPair('ES384');
    const jwk = await exportJWK(publicKey);
    const viaJwks = await marc.post(
      `${BASE}/new`,
      form({
        name: 'JWKS client',
        clientId: 'jwks-client',
        senderApplication: 'JWKS',
        scopes: ['ebox:read'],
        language: 'fr',
        publicKey: JSON.stringify({ keys: [{ ...jwk, kid: 'mine' }] }),
      }),
    );
    assert.equal(viaJwks.statusCode, 303, viaJwks.body.slice(0, 300));
    assert.equal((await stored('jwks-client'))?.language, 'fr');
    const viaUrl = await marc.post(
      `${BASE}/new`,
      form({
        name: 'URL client',
        clientId: 'url-client',
        senderApplication: 'URL',
        scopes: ['ebox:read'],
        jwksUri: 'https://supplier.example/.well-known/jwks.json',
      }),
    );
    assert.equal(viaUrl.statusCode, 303);
    const row = await stored('url-client');
    assert.equal(row?.jwks_uri, 'https://supplier.example/.well-known/jwks.json');
    assert.equal(row?.jwks, null);
  });

  it('refuses a bad form with each message next to its field, keeping what was typed', async () => {
    const empty = await marc.post(`${BASE}/new`, form({ language: 'nl' }));
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /error-summary/);
    assert.equal(fieldError(empty.body, 'c-name'), 'Vul dit veld in.');
    assert.equal(fieldError(empty.body, 'c-client-id'), 'Vul dit veld in.');
    assert.equal(fieldError(empty.body, 'c-sender'), 'Vul dit veld in.');
    assert.equal(fieldError(empty.body, 'c-scopes'), 'Kies minstens één scope.');
    assert.equal(fieldError(empty.body, 'c-public-key'), 'Geef de publieke sleutel of de JWKS-URL.');

    const typed = { name: 'Typed name', clientId: 'typed-client', senderApplication: 'TYPED', scopes: ['ebox:read'] };
    const badPem = await marc.post(`${BASE}/new`, form({ ...typed, publicKey: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----' }));
    assert.equal(badPem.statusCode, 422);
    assert.match(String(fieldError(badPem.body, 'c-public-key')), /geen geldige publieke sleutel in PEM/);
    assert.match(badPem.body, /value="Typed name"/, 'the name is kept');
    assert.match(badPem.body, /value="typed-client"/, 'the client id is kept');
    assert.match(badPem.body, /name="scopes" value="ebox:read" checked/, 'the ticked scope is kept');
    assert.match(badPem.body, /not a key/, 'the key as typed is kept');

    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privatePem = await marc.post(`${BASE}/new`, form({ ...typed, publicKey: await exportPKCS8(privateKey) }));
    assert.match(String(fieldError(privatePem.body, 'c-public-key')), /privésleutel/);

    const http = await marc.post(`${BASE}/new`, form({ ...typed, jwksUri: 'http://supplier.example/jwks.json' }));
    assert.equal(http.statusCode, 422);
    assert.equal(fieldError(http.body, 'c-jwks-uri'), 'Het adres moet met https:// beginnen.');

    const both = await marc.post(`${BASE}/new`, form({ ...typed, jwksUri: 'https://supplier.example/jwks.json', publicKey: '{}' }));
    assert.match(String(fieldError(both.body, 'c-public-key')), /niet allebei/);

    const duplicate = await marc.post(`${BASE}/new`, form({ ...typed, clientId: 'NovaPrima', jwksUri: 'https://supplier.example/jwks.json' }));
    assert.equal(duplicate.statusCode, 422);
    assert.equal(fieldError(duplicate.body, 'c-client-id'), 'Er bestaat al een API-client met deze client-ID.');

    const format = await marc.post(
      `${BASE}/new`,
      form({ ...typed, clientId: 'a b', senderApplication: 'bad-sender!', jwksUri: 'https://supplier.example/jwks.json' }),
    );
    assert.match(String(fieldError(format.body, 'c-client-id')), /3 tot 100/);
    assert.match(String(fieldError(format.body, 'c-sender')), /hoofdletters/);
    assert.equal(await stored('typed-client'), undefined, 'nothing stored');
  });

  it('"Intrekken" asks for a confirmation, then stops the client\'s tokens at once', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    await marc.post(
      `${BASE}/new`,
      form({ name: 'To revoke', clientId: 'to-revoke', senderApplication: 'GONE', scopes: ['ebox:read'], publicKey: await exportSPKI(publicKey) }),
    );
    const row = await stored('to-revoke');
    assert.ok(row);
    const granted = await token('to-revoke', privateKey);
    const accessToken = JSON.parse(granted.body).access_token;
    assert.equal((await whoami(accessToken)).statusCode, 200);

    const confirm = await marc.get(`${BASE}/revoke?client=${row.id}`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Ja, intrekken/);
    assert.equal((await stored('to-revoke'))?.revoked_at, null, 'nothing changed by the confirmation page');

    const revoked = await marc.post(`${BASE}/revoke`, { client: row.id });
    assert.equal(revoked.statusCode, 303);
    assert.equal(revoked.headers.location, `${BASE}?m=revoked`);
    assert.equal((await whoami(accessToken)).statusCode, 401, 'the token stops at once');
    assert.equal((await token('to-revoke', privateKey)).statusCode, 401, 'no new token');
    const list = await marc.follow(revoked);
    assert.match(list.body, /Ingetrokken/);
    assert.equal((await marc.post(`${BASE}/revoke`, { client: row.id })).headers.location, `${BASE}?m=already_revoked`);
    const events = await t.db
      .selectFrom('audit_events')
      .select('type')
      .where('organisation_id', '=', PODMI_ORGANISATION_ID)
      .where('subject_id', '=', row.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['API_CLIENT_REGISTERED', 'API_CLIENT_REVOKED'],
    );
  });

  it('the dossierbeheerder reads the list but registers and revokes nothing; OCMW users and visitors do not get in', async () => {
    const row = await stored('novaprima');
    assert.ok(row);
    const list = await nathalie.get(BASE);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /novaprima/);
    assert.doesNotMatch(list.body, /Nieuwe API-client/);
    assert.doesNotMatch(list.body, /\/revoke\?client=/);
    assert.equal((await nathalie.get(`${BASE}/new`)).statusCode, 403);
    assert.equal(
      (
        await nathalie.post(
          `${BASE}/new`,
          form({ name: 'X', clientId: 'agent-client', senderApplication: 'X', scopes: ['ebox:read'], jwksUri: 'https://x.example/jwks' }),
        )
      ).statusCode,
      403,
    );
    assert.equal(await stored('agent-client'), undefined);
    assert.equal((await nathalie.get(`${BASE}/revoke?client=${row.id}`)).statusCode, 403);
    assert.equal((await nathalie.post(`${BASE}/revoke`, { client: row.id })).statusCode, 403);
    assert.equal((await stored('novaprima'))?.revoked_at, null);

    for (const url of [BASE, `${BASE}/new`, `${BASE}/revoke?client=${row.id}`]) assert.equal((await an.get(url)).statusCode, 403, `OCMW user: ${url}`);
    assert.equal((await an.post(`${BASE}/revoke`, { client: row.id })).statusCode, 403);
    const anonymous = await t.app.inject({ method: 'GET', url: BASE });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/login');
    assert.equal((await marc.get(`${BASE}/revoke?client=${randomUUID()}`)).statusCode, 404, 'an unknown client');
  });
});
