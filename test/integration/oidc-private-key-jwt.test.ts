import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, type TestApp, buildTestApp } from '../support/app.ts';
import { loginAs } from '../support/http.ts';

/**
 * Client authentication by private_key_jwt (issue 12, item 1; ADR 0033): with a private key and no secret configured,
 * the relying party signs its client assertion with the key and the provider (registered with the public key) accepts
 * it — the whole login goes through.
 */
describe(`OpenID Connect client authentication by private_key_jwt (${TEST_DB})`, () => {
  let t: TestApp;

  before(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    t = await buildTestApp({ oidcClientSecret: undefined, oidcClientPrivateKey: pem });
  });
  after(() => t.close());

  it('logs in with a client assertion signed by the configured key', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.match(an.base, /^\/ocmw\/\d{10}$/);
    assert.equal((await an.get(an.base)).statusCode, 200);
    const session = await t.db.selectFrom('sessions').select(['acr', 'provider']).orderBy('last_seen_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(session.acr, 'urn:be:fedict:iam:fas:Level500');
  });
});
