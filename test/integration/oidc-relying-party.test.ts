import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { PODMI_ORGANISATION_ID } from '../../src/access/grants.repository.ts';
import { loadConfig } from '../../src/config/config.ts';
import { FAS_LEVEL } from '../../src/modules/shared/fas-levels.ts';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { HOSTILE_CLIENT, HOSTILE_ISSUER, HostileProvider } from '../support/hostile-provider.ts';
import { Client, type Means, covidCampaignId, hiddenValue, loginAs, organisationId, personId } from '../support/http.ts';

const SESSION = '__Host-uv_session';

/** Follows the provider's redirects as a browser, chooses persona and means, and stops before the callback: its path. */
async function toCallback(client: Client, start: LightMyRequestResponse, persona: string, means: Means): Promise<string> {
  let res = start;
  let url = '';
  for (let hops = 0; hops < 10; hops++) {
    if (res.statusCode === 200 && url.includes('/idp/interaction/')) {
      res = await client.post(url, { persona, means, action: 'login' });
      continue;
    }
    const location = String(res.headers.location ?? '');
    assert.ok(res.statusCode >= 300 && res.statusCode < 400, `redirect expected at ${url}: ${res.statusCode}`);
    url = location.replace('http://localhost:3000', '');
    if (url.startsWith('/auth/callback')) return url;
    res = await client.get(url);
  }
  throw new Error('no callback');
}

async function auditCount(t: TestApp, type: string, organisation = PODMI_ORGANISATION_ID): Promise<number> {
  const row = await t.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', organisation)
    .where('type', '=', type as never)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function lastAuditPayload(t: TestApp, type: string, organisation = PODMI_ORGANISATION_ID): Promise<Record<string, unknown>> {
  const row = await t.db
    .selectFrom('audit_events')
    .select('payload')
    .where('organisation_id', '=', organisation)
    .where('type', '=', type as never)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>;
}

async function sessions(t: TestApp): Promise<number> {
  const row = await t.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`OpenID Connect relying party against the embedded provider (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  it('logs in through the provider: discovery, PKCE, state and nonce; the session records acr and provider', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.ok(an.cookies.get(SESSION));
    assert.match(an.base, /^\/ocmw\/\d{10}$/);
    const home = await an.get(an.base);
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /class="demo-banner"/, 'every page says DEMO while the demo provider runs');
    const row = await t.db
      .selectFrom('sessions')
      .select(['acr', 'provider', 'auth_method', 'id_token'])
      .where('person_id', '=', await personId(t.db, 'An', 'Peeters'))
      .executeTakeFirstOrThrow();
    assert.equal(row.acr, FAS_LEVEL.EID);
    assert.equal(row.provider, 'http://localhost:3000/idp');
    assert.equal(row.auth_method, 'eid');
    assert.ok(row.id_token && row.id_token.split('.').length === 3);
  });

  it('asks the provider for the login level, PKCE S256, state and nonce, and the FAS scopes', async () => {
    const start = await new Client(t.app).post('/auth/login', {});
    assert.equal(start.statusCode, 303);
    const url = new URL(String(start.headers.location), 'http://localhost:3000');
    assert.equal(url.pathname, '/idp/auth');
    assert.equal(url.searchParams.get('scope'), 'openid profile egovnrn');
    assert.equal(url.searchParams.get('acr_values'), FAS_LEVEL.SECURITY_CODE);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok((url.searchParams.get('state') ?? '').length >= 32);
    assert.ok((url.searchParams.get('nonce') ?? '').length >= 32);
    assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:3000/auth/callback');
  });

  it('offers only the seeded demo personas on the provider page', async () => {
    const client = new Client(t.app);
    let res = await client.post('/auth/login', {});
    for (let i = 0; i < 3 && res.statusCode === 303; i++) res = await client.get(String(res.headers.location));
    assert.equal(res.statusCode, 200);
    const offered = [...res.body.matchAll(/id="persona-([^"]+)"/g)].map((m) => m[1]).sort();
    const demo = (await t.db.selectFrom('persons').select('id').where('demo', '=', true).execute()).map((r) => r.id).sort();
    assert.deepEqual(offered, demo);
    assert.match(res.body, /value="code"/);
    assert.match(res.body, /class="demo-banner"/);
  });

  it('refuses a callback with a wrong state: no session, an audit event', async () => {
    const client = new Client(t.app);
    const callback = await toCallback(client, await client.post('/auth/login', {}), await personId(t.db, 'Jan', 'Janssens'), 'eid');
    const before = { refusals: await auditCount(t, 'LOGIN_REFUSED'), sessions: await sessions(t) };
    const res = await client.get(callback.replace(/state=[^&]+/, 'state=forged-state-value'));
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Aanmelden is niet gelukt/);
    assert.doesNotMatch(res.body, /Error|at .*\.ts/, 'no stack trace');
    assert.equal(client.cookies.get(SESSION), undefined);
    assert.equal(await sessions(t), before.sessions);
    assert.equal(await auditCount(t, 'LOGIN_REFUSED'), before.refusals + 1);
    assert.equal((await lastAuditPayload(t, 'LOGIN_REFUSED')).reason, 'validation_failed');
  });

  it('refuses a replayed callback and a replayed code', async () => {
    const client = new Client(t.app);
    const jan = await personId(t.db, 'Jan', 'Janssens');
    const callback = await toCallback(client, await client.post('/auth/login', {}), jan, 'eid');
    assert.equal((await client.get(callback)).statusCode, 303, 'the first use logs in');
    const refusals = await auditCount(t, 'LOGIN_REFUSED');
    // The same callback again (the browser's back button, or a stolen URL): its login is used up.
    const again = new Client(t.app);
    again.cookies = new Map([...client.cookies].filter(([name]) => name !== SESSION));
    const replay = await again.get(callback);
    assert.equal(replay.statusCode, 403);
    assert.match(replay.body, /verlopen of werd al gebruikt/);
    // The code inside a new login of this browser: the provider refuses the code a second time (and PKCE differs).
    const other = new Client(t.app);
    const start = await other.post('/auth/login', {});
    const state = new URL(String(start.headers.location), 'http://localhost:3000').searchParams.get('state') ?? '';
    const code = new URL(callback, 'http://localhost:3000').searchParams.get('code') ?? '';
    const reused = await other.get(`/auth/callback?code=${encodeURIComponent(code)}&state=${state}&iss=${encodeURIComponent('http://localhost:3000/idp')}`);
    assert.equal(reused.statusCode, 403);
    assert.equal(other.cookies.get(SESSION), undefined);
    assert.equal(await auditCount(t, 'LOGIN_REFUSED'), refusals + 2);
  });

  it('ends on a clear page when the person cancels at the provider', async () => {
    const client = new Client(t.app);
    let res = await client.post('/auth/login', {});
    let url = '';
    for (let i = 0; i < 3 && res.statusCode === 303; i++) {
      url = String(res.headers.location).replace('http://localhost:3000', '');
      res = await client.get(url);
    }
    res = await client.post(url, { action: 'cancel' });
    for (let i = 0; i < 3 && res.statusCode === 303; i++) res = await client.get(String(res.headers.location));
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /afgebroken of door de aanmelddienst geweigerd/);
    assert.equal(client.cookies.get(SESSION), undefined);
  });

  it('a security-code login can fill in but not sign: the step-up asks eID or itsme and refuses a security code', async () => {
    const campaign = await covidCampaignId(t.db);
    const an = await loginAs(t.app, t.db, 'An Peeters', undefined, 'code');
    const saved = await an.post(`${an.base}/forms/${campaign}`, { version: '0', 'f.justifiedTotal': '25000', 'f.premiumCount': '10' });
    assert.equal(saved.statusCode, 303, 'a security code may fill in');
    const jan = await loginAs(t.app, t.db, 'Jan Janssens', undefined, 'code');
    jan.autoStepUp = false;
    const page = await jan.get(`${jan.base}/forms/${campaign}/sign`);
    const contentHash = hiddenValue(page.body, 'contentHash');
    const sign = await jan.post(`${jan.base}/forms/${campaign}/sign`, { contentHash });
    assert.equal(sign.statusCode, 303);
    const stepUp = String(sign.headers.location);
    assert.match(stepUp, /^\/auth\/step-up\?ocmw=\d{10}&returnTo=/);
    const toProvider = await jan.get(stepUp);
    const url = new URL(String(toProvider.headers.location), 'http://localhost:3000');
    assert.equal(url.searchParams.get('acr_values'), `${FAS_LEVEL.EID} ${FAS_LEVEL.ITSME}`);
    assert.equal(url.searchParams.get('prompt'), 'login');
    assert.equal(url.searchParams.get('max_age'), '0');
    const demostad = await organisationId(t.db, 'OCMW Demostad');
    const refusedBefore = await auditCount(t, 'STEP_UP_REFUSED', demostad);
    // At the provider's page the step-up is announced, and the security code is still offered.
    const back = await jan.authenticateAtProvider(toProvider, 'code');
    assert.match(String(back.headers.location), /m=step_up_level/);
    const refused = await jan.get(String(back.headers.location));
    assert.match(refused.body, /Met een beveiligingscode kunt u invullen, maar niet ondertekenen/);
    assert.equal(await auditCount(t, 'STEP_UP_REFUSED', demostad), refusedBefore + 1);
    assert.equal((await lastAuditPayload(t, 'STEP_UP_REFUSED', demostad)).reason, 'acr_not_signing');
    assert.equal(await t.db.selectFrom('signatures').select('id').executeTakeFirst(), undefined, 'nothing signed');
    // With eID: the step-up counts and the signature records it.
    jan.autoStepUp = true;
    jan.means = 'eid';
    const signed = await jan.post(`${jan.base}/forms/${campaign}/sign`, { contentHash });
    assert.match(String(signed.headers.location), /m=signed/);
    const row = await t.db.selectFrom('signatures').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.acr, FAS_LEVEL.EID);
    assert.equal(row.auth_method, 'eid');
    assert.equal(row.provider, 'http://localhost:3000/idp');
    assert.ok(row.authenticated_at);
    const form = await jan.get(`${jan.base}/forms/${campaign}`);
    assert.match(form.body, /ondertekend met eID op/);
    assert.ok((await auditCount(t, 'STEP_UP_OK', demostad)) >= 1);
  });

  it('refuses a step-up that returns another person, and asks again after the step-up window', async () => {
    const campaign = await covidCampaignId(t.db);
    const els = await loginAs(t.app, t.db, 'Els Maes');
    els.autoStepUp = false;
    const page = await els.get(`${els.base}/forms/${campaign}/sign`);
    const contentHash = hiddenValue(page.body, 'contentHash');
    const sign = await els.post(`${els.base}/forms/${campaign}/sign`, { contentHash });
    const toProvider = await els.get(String(sign.headers.location));
    const own = els.personaId;
    els.personaId = await personId(t.db, 'Tom', 'De Smet');
    const back = await els.authenticateAtProvider(toProvider, 'eid');
    els.personaId = own;
    assert.match(String(back.headers.location), /m=step_up_refused/);
    const demostad = await organisationId(t.db, 'OCMW Demostad');
    assert.equal((await lastAuditPayload(t, 'STEP_UP_REFUSED', demostad)).reason, 'other_person');
    assert.ok(els.cookies.get(SESSION), 'the session stays, without a step-up');
    // Her own eID step-up: fresh for STEP_UP_MINUTES (10) in this OCMW; after that, asked again.
    const done = await els.authenticateAtProvider(await els.get(String(sign.headers.location)), 'eid');
    assert.match(String(done.headers.location), /m=stepped_up/);
    t.clock.advance(11 * 60_000);
    const page2 = await els.get(`${els.base}/forms/${campaign}/sign`);
    const late = await els.post(`${els.base}/forms/${campaign}/sign`, { contentHash: hiddenValue(page2.body, 'contentHash') });
    assert.match(String(late.headers.location), /^\/auth\/step-up/);
  });

  it('logs out: our session ends and the browser goes to the provider’s end-session endpoint with the ID token', async () => {
    const tom = await loginAs(t.app, t.db, 'Tom De Smet');
    const res = await tom.post('/logout', {});
    assert.equal(res.statusCode, 303);
    const url = new URL(String(res.headers.location), 'http://localhost:3000');
    assert.equal(url.pathname, '/idp/session/end');
    assert.ok(url.searchParams.get('id_token_hint'));
    assert.equal(url.searchParams.get('post_logout_redirect_uri'), 'http://localhost:3000/login');
    assert.equal(tom.cookies.get(SESSION), undefined);
    const confirm = await tom.get(url.href);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Ja, afmelden/);
  });

  it('rotates the session id when another OCMW is chosen', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    const first = luc.cookies.get(SESSION);
    await luc.post('/choose-ocmw', { organisationId: await organisationId(t.db, 'OCMW Villedemo') });
    const second = luc.cookies.get(SESSION);
    assert.ok(second && second !== first);
    const stale = new Client(t.app);
    stale.cookies.set(SESSION, first as string);
    assert.equal((await stale.get('/')).headers.location, '/login');
  });
});

describe('the embedded provider refuses to start where it must not run', () => {
  it('in a production configuration and beside an external issuer', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DEMO_IDP: 'true' }), /cannot run with NODE_ENV=production/);
    assert.throws(() => loadConfig({ DEMO_IDP: 'true', OIDC_ISSUER: 'https://idp.iamfas.belgium.be/fas/oauth2' }), /cannot run beside an external OIDC_ISSUER/);
    assert.equal(loadConfig({ OIDC_ISSUER: 'https://idp.iamfas.belgium.be/fas/oauth2' }).demoIdentityProvider, false);
    assert.equal(loadConfig({}).demoIdentityProvider, true);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demoIdentityProvider, false);
  });
});

describe(`OpenID Connect relying party against a hostile provider (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let hostile: HostileProvider;
  before(async () => {
    hostile = await HostileProvider.create();
    t = await buildTestApp(
      { demoIdentityProvider: false, oidcIssuer: HOSTILE_ISSUER, oidcClientId: HOSTILE_CLIENT.id, oidcClientSecret: HOSTILE_CLIENT.secret },
      undefined,
      { oidcFetch: hostile.fetch },
    );
  });
  after(async () => t.close());

  /** A login started by a fresh browser and answered by the hostile provider with `token`. */
  async function loginWith(token: Parameters<HostileProvider['issueCode']>[1], state?: string) {
    const client = new Client(t.app);
    const start = await client.post('/auth/login', {});
    assert.equal(start.statusCode, 303);
    const auth = hostile.authorize(String(start.headers.location));
    const res = await client.get(hostile.callbackPath(hostile.issueCode(auth, token), state ?? auth.state));
    return { client, res };
  }

  async function assertRefused(token: Parameters<HostileProvider['issueCode']>[1], reason: string | RegExp) {
    const before = { refusals: await auditCount(t, 'LOGIN_REFUSED'), sessions: await sessions(t) };
    const { client, res } = await loginWith(token);
    assert.equal(res.statusCode, 403, res.body.slice(0, 200));
    assert.match(res.body, /Aanmelden is niet gelukt/);
    assert.equal(client.cookies.get(SESSION), undefined, 'no session cookie');
    assert.equal(await sessions(t), before.sessions, 'no session row');
    assert.equal(await auditCount(t, 'LOGIN_REFUSED'), before.refusals + 1, 'an audit event');
    const payload = await lastAuditPayload(t, 'LOGIN_REFUSED');
    if (typeof reason === 'string') assert.equal(payload.reason, reason);
    else assert.match(`${payload.reason} ${payload.detail ?? ''}`, reason);
  }

  const jan = makeInsz('720412123');

  it('accepts an honest answer (the control)', async () => {
    const { client, res } = await loginWith({ insz: jan });
    assert.equal(res.statusCode, 303);
    assert.ok(client.cookies.get(SESSION));
  });

  it('refuses a wrong state', async () => {
    const before = await auditCount(t, 'LOGIN_REFUSED');
    const { client, res } = await loginWith({ insz: jan }, 'not-the-state');
    assert.equal(res.statusCode, 403);
    assert.equal(client.cookies.get(SESSION), undefined);
    assert.equal(await auditCount(t, 'LOGIN_REFUSED'), before + 1);
  });

  it('refuses a replayed code (the provider would answer it twice; the login it belonged to is used up)', async () => {
    const client = new Client(t.app);
    const auth = hostile.authorize(String((await client.post('/auth/login', {})).headers.location));
    const path = hostile.callbackPath(hostile.issueCode(auth, { insz: jan }), auth.state);
    assert.equal((await client.get(path)).statusCode, 303);
    const thief = new Client(t.app);
    const before = await auditCount(t, 'LOGIN_REFUSED');
    const replay = await thief.get(path);
    assert.equal(replay.statusCode, 403);
    assert.equal(thief.cookies.get(SESSION), undefined);
    assert.equal(await auditCount(t, 'LOGIN_REFUSED'), before + 1);
  });

  it('refuses a wrong nonce', () => assertRefused({ insz: jan, claims: { nonce: 'another-nonce' } }, 'validation_failed'));
  it('refuses a wrong audience', () => assertRefused({ insz: jan, claims: { aud: 'another-client' } }, 'validation_failed'));
  it('refuses a wrong issuer', () => assertRefused({ insz: jan, claims: { iss: 'https://evil.test' } }, 'validation_failed'));
  it('refuses an expired ID token', () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    return assertRefused({ insz: jan, claims: { iat: past - 300, exp: past, auth_time: past - 300 } }, 'validation_failed');
  });
  it('refuses an unsigned ID token (alg none)', () => assertRefused({ insz: jan, signing: 'none' }, /validation_failed|provider_unreachable/));
  it('refuses an ID token signed by another key', () => assertRefused({ insz: jan, signing: 'other-key' }, /validation_failed|provider_unreachable/));
  it('refuses a missing INSZ claim', () => assertRefused({ claims: { egovNRN: undefined } }, 'insz_missing'));
  it('refuses an INSZ with a wrong checksum', () => assertRefused({ insz: '72041212300' }, 'insz_invalid'));
  it('refuses a level below the login minimum', () => assertRefused({ insz: jan, claims: { acr: 'urn:be:fedict:iam:fas:Level200' } }, 'acr_too_low'));

  it('says "no access yet" to a person nobody added, without a session', async () => {
    const before = await auditCount(t, 'LOGIN_REFUSED');
    const { client, res } = await loginWith({ insz: makeInsz('990101123') });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /U hebt nog geen toegang/);
    assert.match(res.body, /toegangsbeheerder van uw centrum/);
    assert.doesNotMatch(res.body, /Demostad|Villedemo/, 'nothing about any OCMW');
    assert.equal(client.cookies.get(SESSION), undefined);
    assert.equal(await auditCount(t, 'LOGIN_REFUSED'), before + 1);
    assert.equal((await lastAuditPayload(t, 'LOGIN_REFUSED')).reason, 'unknown_person');
  });

  it('refuses a step-up that returns another person', async () => {
    const campaign = await covidCampaignId(t.db);
    // An (through this provider too) fills in the form; Jan, the chair, signs it.
    const an = (await loginWith({ insz: makeInsz('850730033') })).client;
    await an.get('/choose-ocmw');
    assert.equal((await an.post(`${an.base}/forms/${campaign}`, { version: '0', 'f.justifiedTotal': '25000', 'f.premiumCount': '10' })).statusCode, 303);
    const { client } = await loginWith({ insz: jan });
    await client.get('/choose-ocmw');
    client.autoStepUp = false;
    const page = await client.get(`${client.base}/forms/${campaign}/sign`);
    const sign = await client.post(`${client.base}/forms/${campaign}/sign`, { contentHash: hiddenValue(page.body, 'contentHash') });
    assert.match(String(sign.headers.location), /^\/auth\/step-up/);
    const toProvider = await client.get(String(sign.headers.location));
    const auth = hostile.authorize(String(toProvider.headers.location));
    assert.equal(auth.prompt, 'login');
    const back = await client.get(hostile.callbackPath(hostile.issueCode(auth, { insz: makeInsz('850730033') }), auth.state));
    assert.match(String(back.headers.location), /m=step_up_refused/);
    const demostad = await organisationId(t.db, 'OCMW Demostad');
    assert.equal((await lastAuditPayload(t, 'STEP_UP_REFUSED', demostad)).reason, 'other_person');
    // A step-up whose authentication is older than the step-up itself (no re-authentication): refused too.
    const again = await client.get(String(sign.headers.location));
    const auth2 = hostile.authorize(String(again.headers.location));
    const old = Math.floor(Date.now() / 1000) - 600;
    const stale = await client.get(hostile.callbackPath(hostile.issueCode(auth2, { insz: jan, claims: { auth_time: old } }), auth2.state));
    assert.match(String(stale.headers.location), /m=step_up_refused/);
    assert.equal((await lastAuditPayload(t, 'STEP_UP_REFUSED', demostad)).reason, 'not_fresh');
    assert.equal(await t.db.selectFrom('signatures').select('id').executeTakeFirst(), undefined);
  });
});
