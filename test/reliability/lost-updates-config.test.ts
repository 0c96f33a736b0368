import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grantRights, insertPerson } from '../../src/access/grants.repository.ts';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, hiddenValue, loginAs, organisationId } from '../support/http.ts';

/**
 * Lost updates on OCMW-configuratie (issue 18): EDITORS people of OCMW Demostad holding OCMW-configuratie, each in a
 * session of their own, press "Bewaren" on the contact screen with the same version at the same moment, ROUNDS times.
 * Each round exactly one save wins (303); every other one gets the conflict page (409) with their own phone number
 * still in the form; the stored screen moves one version per round and holds exactly the winner's post.
 *
 * PostgreSQL only: PGlite has one connection, so its requests never overlap (test/integration/ocmw-config.test.ts
 * checks the same rule there with three saves).
 */
const EDITORS = 10;
const ROUNDS = 20;
const POSTGRES = process.env.TEST_DB === 'postgres';

const CONTACT = {
  streetNl: 'Kerkstraat 1',
  streetFr: 'Kerkstraat 1',
  streetDe: 'Kerkstraat 1',
  postalCode: '9190',
  cityNl: 'Demostad',
  cityFr: 'Demostad',
  cityDe: 'Demostadt',
  email: 'info@ocmw-demostad.be',
  website: '',
  openingHoursNl: '',
  openingHoursFr: '',
  openingHoursDe: '',
};
const phoneOf = (round: number, editor: number) => `09 ${String(100 + round).padStart(3, '0')} ${String(10 + editor).padStart(2, '0')} 00`;

describe('lost updates on OCMW-configuratie (PostgreSQL)', { skip: POSTGRES ? false : 'PostgreSQL only' }, () => {
  let t: TestApp;
  let demostad: string;
  let editors: Client[] = [];

  const stored = async () =>
    t.db
      .selectFrom('ocmw_config_versions')
      .select(['version', 'data'])
      .where('organisation_id', '=', demostad)
      .where('screen', '=', 'CONTACT')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  before(async () => {
    t = await buildTestApp({}, 'postgres', { schemaPrefix: 'uv_lostcfg' });
    demostad = await organisationId(t.db, 'OCMW Demostad');
    for (let i = 1; i < EDITORS; i++) {
      const id = await insertPerson(t.db, {
        insz: makeInsz(String(710101000 + i * 7)),
        firstName: 'Configurator',
        lastName: `Nummer ${i}`,
        language: 'nl',
        demo: true,
      });
      await grantRights(t.db, demostad, id, ['OCMW_CONFIG'], t.clock.now());
    }
    editors = await Promise.all([
      loginAs(t.app, t.db, 'Bart Willems'),
      ...Array.from({ length: EDITORS - 1 }, (_, i) => loginAs(t.app, t.db, `Configurator Nummer ${i + 1}`)),
    ]);
    for (const e of editors) assert.equal((await e.get(`${e.base}/configuration/contact`)).statusCode, 200);
  });
  after(async () => t?.close());

  it(`${EDITORS} people × ${ROUNDS} rounds of "Bewaren": one winner per round, the others see both versions with their own kept`, async () => {
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await stored();
      const version = hiddenValue((await editors[0].get(`${editors[0].base}/configuration/contact`)).body, 'version');
      assert.equal(version, String(before.version));
      const answers = await Promise.all(editors.map((e, i) => e.post(`${e.base}/configuration/contact`, { version, ...CONTACT, phone: phoneOf(round, i) })));
      const won = answers.flatMap((r, i) => (r.statusCode === 303 ? [i] : []));
      const lost = answers.flatMap((r, i) => (r.statusCode === 409 ? [i] : []));
      if (won.length !== 1 || lost.length !== EDITORS - 1) problems.push(`round ${round}: ${answers.map((r) => r.statusCode).join(',')}`);
      for (const i of lost) {
        const body = answers[i].body;
        if (!body.includes('Iemand anders heeft dit scherm intussen bewaard') || !body.includes(`value="${phoneOf(round, i)}"`)) {
          problems.push(`round ${round}: editor ${i}'s conflict page lacks both versions or their input`);
        }
      }
      const after = await stored();
      if (after.version !== before.version + 1) problems.push(`round ${round}: version ${before.version} → ${after.version}`);
      if (won.length === 1 && after.data.phone !== phoneOf(round, won[0]))
        problems.push(`round ${round}: stored ${after.data.phone}, winner posted ${phoneOf(round, won[0])}`);
    }
    assert.deepEqual(problems, []);
    const events = await t.db.selectFrom('audit_events').select('id').where('type', '=', 'OCMW_CONFIG_SAVED').where('organisation_id', '=', demostad).execute();
    assert.equal(events.length, ROUNDS, 'one audit event per save that landed');
  });
});
