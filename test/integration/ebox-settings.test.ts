import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import type { Config } from '../../src/config/config.ts';
import type { Db } from '../../src/db/database.ts';
import { eboxSettingsRoutes } from '../../src/modules/ebox/ebox-settings.routes.tsx';
import type { AppDeps } from '../../src/platform/deps.ts';
import { TEST_DB, type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, loginAs, organisationId } from '../support/http.ts';

/**
 * Until src/app.ts registers the page, the test registers it in the web scope (with the app's own database, clock and
 * configuration, read when a request comes).
 */
const registeredByApp = readFileSync(new URL('../../src/app.ts', import.meta.url), 'utf8').includes('eboxSettingsRoutes');

async function buildWithSettings(): Promise<TestApp> {
  const holder: { t?: TestApp; db?: Db } = {};
  const deps: AppDeps = {
    get db() {
      return holder.t?.db ?? (holder.db as Db);
    },
    get config() {
      return holder.t?.config as Config;
    },
    get clock() {
      return (holder.t as TestApp).clock;
    },
  };
  holder.t = await buildTestApp(
    {},
    TEST_DB,
    registeredByApp
      ? {}
      : {
          extend: (web: FastifyInstance, db: Db) => {
            holder.db = db;
            void web.register(async (scope) => eboxSettingsRoutes(scope, deps));
          },
        },
  );
  return holder.t;
}

/** "Beheer e-Box" (EBX-5): the access managers of the OCMW keep its one notification address; anyone else gets 403. */
describe(`e-Box notification address (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let demostad: string;
  let hilde: Client;

  const address = () => t.db.selectFrom('ebox_notification_addresses').selectAll().where('organisation_id', '=', demostad).executeTakeFirst();

  before(async () => {
    t = await buildWithSettings();
    demostad = await organisationId(t.db, 'OCMW Demostad');
    hilde = await loginAs(t.app, t.db, 'Hilde Claes', 'OCMW Demostad');
  });
  after(async () => t.close());

  it('shows the page to the HTB: one address, a shared mailbox advised, never content in the mails', async () => {
    const page = await hilde.get(`${hilde.base}/ebox-settings`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Beheer e-Box: meldingsadres/);
    assert.match(page.body, /gedeelde mailbox/);
    assert.match(page.body, /nooit de inhoud, het onderwerp of de afzender/);
    assert.match(page.body, /Er is nog geen meldingsadres/);
  });

  it('refuses a bad address with a message next to the field, keeping what was typed', async () => {
    const res = await hilde.post(`${hilde.base}/ebox-settings`, { email: 'e-box@ocmw-demostad' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /value="e-box@ocmw-demostad"/);
    assert.match(res.body, /Vul een geldig e-mailadres in/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.equal(await address(), undefined);
  });

  it('saves the address (trimmed, lower case) with who and when, audited', async () => {
    const res = await hilde.post(`${hilde.base}/ebox-settings`, { email: '  E-Box@OCMW-Demostad.be ' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${hilde.base}/ebox-settings?m=saved`);
    const page = await hilde.follow(res);
    assert.match(page.body, /Het meldingsadres is bewaard/);
    assert.match(page.body, /Huidig meldingsadres: e-box@ocmw-demostad\.be/);
    const row = await address();
    assert.equal(row?.email, 'e-box@ocmw-demostad.be');
    assert.equal(new Date(row?.changed_at as Date).getTime(), t.clock.now().getTime());

    const events = await t.db
      .selectFrom('audit_events')
      .select(['payload', 'actor_person_id'])
      .where('organisation_id', '=', demostad)
      .where('type', '=', 'EBOX_NOTIFICATION_ADDRESS_CHANGED')
      .execute();
    assert.equal(events.length, 1);
    const payload = typeof events[0].payload === 'string' ? JSON.parse(events[0].payload) : events[0].payload;
    assert.deepEqual(payload, { from: null, to: 'e-box@ocmw-demostad.be' });
    assert.equal(events[0].actor_person_id, row?.changed_by);
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
  });

  it('the TB and the co-TB change it; the same address again changes nothing', async () => {
    const bart = await loginAs(t.app, t.db, 'Bart Willems', 'OCMW Demostad');
    assert.equal((await bart.post(`${bart.base}/ebox-settings`, { email: 'ebox@ocmw-demostad.be' })).statusCode, 303);
    const sarah = await loginAs(t.app, t.db, 'Sarah Jacobs', 'OCMW Demostad');
    assert.equal((await sarah.get(`${sarah.base}/ebox-settings`)).statusCode, 200);
    const same = await sarah.post(`${sarah.base}/ebox-settings`, { email: 'ebox@ocmw-demostad.be' });
    assert.equal(same.headers.location, `${sarah.base}/ebox-settings?m=unchanged`);
    assert.equal((await address())?.email, 'ebox@ocmw-demostad.be');
    const count = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organisation_id', '=', demostad)
      .where('type', '=', 'EBOX_NOTIFICATION_ADDRESS_CHANGED')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
  });

  it('refuses anyone else with 403: an encoder, POD MI staff', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters', 'OCMW Demostad');
    assert.equal((await an.get(`${an.base}/ebox-settings`)).statusCode, 403);
    assert.equal((await an.post(`${an.base}/ebox-settings`, { email: 'an@example.be' })).statusCode, 403);
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    assert.equal((await marc.get(`${hilde.base}/ebox-settings`)).statusCode, 403);
    assert.equal((await marc.post(`${hilde.base}/ebox-settings`, { email: 'marc@example.be' })).statusCode, 403);
    assert.equal((await address())?.email, 'ebox@ocmw-demostad.be');
  });

  it('an empty field removes the address: no more notifications', async () => {
    const res = await hilde.post(`${hilde.base}/ebox-settings`, { email: '' });
    assert.equal(res.headers.location, `${hilde.base}/ebox-settings?m=removed`);
    assert.equal(await address(), undefined);
  });
});
