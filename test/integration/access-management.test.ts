import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { formatInsz, makeInsz } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, covidCampaignId, hiddenValue, loginAs, organisationId, personId } from '../support/http.ts';

/**
 * Toegangsbeheer of an OCMW (issue 12, items 5, 6 and 8; portal.md §3, ACC-1…ACC-10): every flow in two steps
 * (nothing changes before "Bevestigen"), every rule of who may act on whom, bad input, a stale overview, two access
 * managers confirming at once, and the immediate effect of a removal or a block on the person's next request.
 */
describe(`Toegangsbeheer (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let demostad: string;
  let kbo: string;
  let access: string;

  before(async () => {
    // Sessions that outlive the clock moves of the tests (an overview expiring, a block lifting two days later).
    t = await buildTestApp({ sessionIdleMinutes: 7 * 24 * 60, sessionAbsoluteHours: 7 * 24 });
    demostad = await organisationId(t.db, 'OCMW Demostad');
    kbo = (await t.db.selectFrom('organisations').select('kbo').where('id', '=', demostad).executeTakeFirstOrThrow()).kbo;
    access = `/ocmw/${kbo}/access`;
  });
  after(async () => t.close());

  let inszCounter = 0;
  /** A fresh, checksum-valid INSZ of nobody. */
  const freshInsz = () => makeInsz(`6001${String(10000 + inszCounter++).slice(-5)}`);

  /** Posts a form with repeated fields (ticked checkboxes), with the client's session. */
  async function postPairs(client: Client, url: string, pairs: Array<[string, string]>): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(pairs).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  }

  const draftOf = (res: LightMyRequestResponse) => {
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const location = String(res.headers.location);
    assert.match(location, /\/access\/drafts\/[0-9a-f-]{36}$/);
    return location;
  };

  async function rightsOf(person: string): Promise<string[]> {
    const rows = await t.db
      .selectFrom('access_grants')
      .select('right_code')
      .where('organisation_id', '=', demostad)
      .where('person_id', '=', person)
      .where('valid_to', 'is', null)
      .orderBy('right_code')
      .execute();
    return rows.map((r) => r.right_code);
  }

  async function events(type: string) {
    return t.db
      .selectFrom('audit_events')
      .select(['subject_id', 'payload', 'actor_person_id'])
      .where('organisation_id', '=', demostad)
      .where('type', '=', type)
      .execute();
  }

  /** Step 1 and 2 of adding a user: INSZ → form → "Opslaan"; returns the overview's address. */
  async function draftNewUser(client: Client, insz: string, applications: string[], extra: Record<string, string> = {}) {
    const form = await client.post(`${access}/start/user`, { insz });
    assert.equal(form.statusCode, 200, form.body.slice(0, 300));
    const pairs: Array<[string, string]> = [
      ['version', hiddenValue(form.body, 'version')],
      ['insz', insz],
      ['firstName', 'Nieuwe'],
      ['lastName', 'Gebruiker'],
      ['email', 'nieuw@ocmw-demostad.be'],
      ['phone', ''],
      ['language', 'nl'],
      ...applications.map((a): [string, string] => ['applications', a]),
      ...Object.entries(extra),
    ];
    return draftOf(await postPairs(client, `${access}/save/user`, pairs));
  }

  /** A person added through Toegangsbeheer, offered by the demo provider so that the test can log in as them. */
  async function demoPersona(fullName: string): Promise<string> {
    const [first, last] = fullName.split(' ');
    await t.db.updateTable('persons').set({ demo: true }).where('first_name', '=', first).where('last_name', '=', last).execute();
    return fullName;
  }

  let hilde: Client;
  beforeEach(async () => {
    hilde = await loginAs(t.app, t.db, 'Hilde Claes');
  });

  it('shows the HTB the organisation, its roles, the domain and its users with masked INSZ, filtered by name', async () => {
    const home = await hilde.get(access);
    assert.equal(home.statusCode, 200);
    for (const name of ['Hilde Claes', 'Bart Willems', 'Sarah Jacobs', 'An Peeters', 'Jan Janssens', 'Els Maes', 'Tom De Smet'])
      assert.match(home.body, new RegExp(name));
    assert.match(home.body, /Maatschappelijk welzijn/);
    assert.match(home.body, /85\.07\.30-\*\*\*\.\*\*/, 'An Peeters’s INSZ masked');
    assert.doesNotMatch(home.body, new RegExp(formatInsz(makeInsz('850730033')).replace(/\./g, '\\.')), 'never in full in the list');
    assert.doesNotMatch(home.body, /Michel Renard|Claire Martin/, 'nobody of another OCMW');
    const filtered = await hilde.get(`${access}?q=${encodeURIComponent('JANSSENS')}`);
    assert.match(filtered.body, /Jan Janssens/);
    assert.doesNotMatch(filtered.body, /Els Maes/);
    const accents = await hilde.get(`${access}?q=${encodeURIComponent('ëls')}`);
    assert.match(accents.body, /Els Maes/, 'accent-insensitive');
  });

  it('adds a user by INSZ before they ever log in: nothing exists before Bevestigen, then the person, grants and audit', async () => {
    const insz = freshInsz();
    const overview = await draftNewUser(hilde, formatInsz(insz), ['UV_CHAIR', 'EBOX']);
    const page = await hilde.get(overview);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Nieuwe Gebruiker/);
    assert.match(page.body, /voorzitter \(ondertekening\)/);
    assert.match(page.body, /Bevestigen/);
    assert.equal(await t.db.selectFrom('persons').select('id').where('insz', '=', insz).executeTakeFirst(), undefined, 'nothing before Bevestigen');
    const confirmed = await hilde.post(`${overview}/confirm`, {});
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, `${access}?m=user_added`);
    const person = await t.db.selectFrom('persons').select(['id', 'first_name', 'email']).where('insz', '=', insz).executeTakeFirstOrThrow();
    assert.equal(person.first_name, 'Nieuwe');
    assert.deepEqual(await rightsOf(person.id), ['EBOX', 'UV_CHAIR']);
    const added = (await events('USER_ADDED')).filter((e) => e.subject_id === person.id);
    assert.equal(added.length, 1);
    assert.equal((await events('APP_GRANTED')).filter((e) => e.subject_id === person.id).length, 2);
    assert.doesNotMatch(JSON.stringify(added[0].payload), new RegExp(insz), 'the audit keeps the INSZ masked');
    // The overview is gone once confirmed.
    assert.equal((await hilde.get(overview)).statusCode, 404);
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
  });

  it('opens the page of a person already present instead of adding them again', async () => {
    const res = await hilde.post(`${access}/start/user`, { insz: makeInsz('850730033') });
    assert.equal(res.statusCode, 303);
    const an = await personId(t.db, 'An', 'Peeters');
    assert.equal(res.headers.location, `${access}/users/${an}`);
    const page = await hilde.get(String(res.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /An Peeters/);
    assert.match(page.body, /85\.07\.30-033\.28/, 'the access manager sees the full INSZ on the person’s own page');
  });

  it('refuses bad input next to the field, keeps what was typed and changes nothing', async () => {
    const before = await t.db.selectFrom('access_drafts').select('id').execute();
    const format = await hilde.post(`${access}/start/user`, { insz: '12345' });
    assert.equal(format.statusCode, 422);
    assert.match(format.body, /11 cijfers/);
    assert.match(format.body, /value="12345"/);
    const checksum = await hilde.post(`${access}/start/user`, { insz: '85073003329' });
    assert.equal(checksum.statusCode, 422);
    assert.match(checksum.body, /controlecijfers/);
    assert.match(checksum.body, /class="error-summary"/);

    const insz = freshInsz();
    const form = await hilde.post(`${access}/start/user`, { insz });
    const bad = await postPairs(hilde, `${access}/save/user`, [
      ['version', hiddenValue(form.body, 'version')],
      ['insz', insz],
      ['firstName', 'Piet'],
      ['lastName', ''],
      ['email', 'geen-e-mail'],
      ['phone', '12'],
      ['language', 'xx'],
    ]);
    assert.equal(bad.statusCode, 422);
    for (const message of ['Dit veld is verplicht', 'geldig e-mailadres', 'telefoonnummer', 'Kies een taal', 'minstens één toepassing'])
      assert.match(bad.body, new RegExp(message));
    assert.match(bad.body, /value="Piet"/, 'typed first name kept');
    assert.match(bad.body, /value="geen-e-mail"/, 'typed e-mail kept');
    assert.deepEqual(await t.db.selectFrom('access_drafts').select('id').execute(), before, 'no draft');
    assert.equal(await t.db.selectFrom('persons').select('id').where('insz', '=', insz).executeTakeFirst(), undefined);

    // In French for a French-speaking OCMW's HTB.
    const michel = await loginAs(t.app, t.db, 'Michel Renard');
    const fr = await michel.post(`${michel.base}/access/start/user`, { insz: '85073003329' });
    assert.equal(fr.statusCode, 422);
    assert.match(fr.body, /chiffres de contrôle/);
  });

  it('changes a user’s applications and data in two steps', async () => {
    const tom = await personId(t.db, 'Tom', 'De Smet');
    const page = await hilde.get(`${access}/users/${tom}`);
    const overview = draftOf(
      await postPairs(hilde, `${access}/save/user`, [
        ['version', hiddenValue(page.body, 'version')],
        ['insz', hiddenValue(page.body, 'insz')],
        ['email', 'tom.nieuw@ocmw-demostad.be'],
        ['phone', '050 11 22 33'],
        ['language', 'fr'],
        ['applications', 'UV_ENCODER'],
      ]),
    );
    const shown = await hilde.get(overview);
    assert.match(shown.body, /tom\.nieuw@ocmw-demostad\.be/);
    assert.match(shown.body, /Verliest/);
    assert.deepEqual(await rightsOf(tom), ['UV_READER'], 'nothing before Bevestigen');
    assert.equal((await hilde.post(`${overview}/confirm`, {})).headers.location, `${access}?m=user_changed`);
    assert.deepEqual(await rightsOf(tom), ['UV_ENCODER']);
    const member = await t.db
      .selectFrom('access_members')
      .selectAll()
      .where('organisation_id', '=', demostad)
      .where('person_id', '=', tom)
      .executeTakeFirstOrThrow();
    assert.equal(member.email, 'tom.nieuw@ocmw-demostad.be');
    assert.equal(member.language, 'fr');
    const changed = (await events('USER_CHANGED')).filter((e) => e.subject_id === tom);
    assert.equal(changed.length, 1);
    assert.match(JSON.stringify(changed[0].payload), /"before"/);
    assert.equal((await events('APP_REVOKED')).filter((e) => e.subject_id === tom).length, 1);
    // Saving the same again: nothing changes, no overview.
    const again = await hilde.get(`${access}/users/${tom}`);
    const same = await postPairs(hilde, `${access}/save/user`, [
      ['version', hiddenValue(again.body, 'version')],
      ['insz', hiddenValue(again.body, 'insz')],
      ['email', 'tom.nieuw@ocmw-demostad.be'],
      ['phone', '050 11 22 33'],
      ['language', 'fr'],
      ['applications', 'UV_ENCODER'],
    ]);
    assert.equal(same.headers.location, `${access}?m=unchanged`);
  });

  it('a stale overview changes nothing and says so; the refused attempt is in the audit trail', async () => {
    const bart = await loginAs(t.app, t.db, 'Bart Willems');
    const els = await personId(t.db, 'Els', 'Maes');
    const edit = async (client: Client, email: string) => {
      const page = await client.get(`${access}/users/${els}`);
      return draftOf(
        await postPairs(client, `${access}/save/user`, [
          ['version', hiddenValue(page.body, 'version')],
          ['insz', hiddenValue(page.body, 'insz')],
          ['email', email],
          ['language', 'nl'],
          ['applications', 'UV_DIRECTOR'],
        ]),
      );
    };
    const first = await edit(hilde, 'els.1@ocmw-demostad.be');
    const second = await edit(bart, 'els.2@ocmw-demostad.be');
    assert.equal((await hilde.post(`${first}/confirm`, {})).statusCode, 303);
    const refusedBefore = (await events('ACCESS_CHANGE_REFUSED')).length;
    const stale = await bart.post(`${second}/confirm`, {});
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Er is niets veranderd/);
    const member = await t.db
      .selectFrom('access_members')
      .select('email')
      .where('organisation_id', '=', demostad)
      .where('person_id', '=', els)
      .executeTakeFirstOrThrow();
    assert.equal(member.email, 'els.1@ocmw-demostad.be');
    const refused = await events('ACCESS_CHANGE_REFUSED');
    assert.equal(refused.length, refusedBefore + 1);
    assert.match(JSON.stringify(refused.at(-1)?.payload), /"stale"/);
  });

  it('an expired overview changes nothing', async () => {
    const insz = freshInsz();
    const overview = await draftNewUser(hilde, insz, ['UV_READER']);
    t.clock.advance(31 * 60_000);
    try {
      const late = await hilde.post(`${overview}/confirm`, {});
      assert.equal(late.headers.location, `${access}?m=expired`);
    } finally {
      t.clock.advance(-31 * 60_000);
    }
    assert.equal(await t.db.selectFrom('persons').select('id').where('insz', '=', insz).executeTakeFirst(), undefined);
  });

  it('removes several users at once: a confirmation with their names, then their next click is refused', async () => {
    const a = await draftNewUser(hilde, freshInsz(), ['UV_ENCODER']);
    await hilde.post(`${a}/confirm`, {});
    const newest = await t.db.selectFrom('persons').select('id').where('first_name', '=', 'Nieuwe').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const tom = await personId(t.db, 'Tom', 'De Smet');
    const tomClient = await loginAs(t.app, t.db, 'Tom De Smet');
    assert.equal((await tomClient.get(tomClient.base)).statusCode, 200, 'Tom’s page open');
    const session = await t.db.selectFrom('sessions').select('organisation_id').where('person_id', '=', tom).execute();
    assert.ok(
      session.some((s) => s.organisation_id === demostad),
      'the session remembers Demostad',
    );

    const none = await postPairs(hilde, `${access}/users/action`, [['action', 'remove']]);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /minstens één gebruiker/);

    const overview = draftOf(
      await postPairs(hilde, `${access}/users/action`, [
        ['personIds', tom],
        ['personIds', newest.id],
        ['action', 'remove'],
      ]),
    );
    const shown = await hilde.get(overview);
    assert.match(shown.body, /Tom De Smet/);
    assert.match(shown.body, /Nieuwe Gebruiker/);
    assert.equal((await tomClient.get(tomClient.base)).statusCode, 200, 'still in before Bevestigen');
    assert.equal((await hilde.post(`${overview}/confirm`, {})).headers.location, `${access}?m=users_removed`);
    assert.deepEqual(await rightsOf(tom), []);
    assert.deepEqual(await rightsOf(newest.id), []);
    const refused = await tomClient.get(tomClient.base);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Toegang ingetrokken/);
    const sessions = await t.db.selectFrom('sessions').select('organisation_id').where('person_id', '=', tom).execute();
    assert.ok(
      sessions.every((s) => s.organisation_id !== demostad),
      'no session remembers Demostad any more',
    );
    assert.equal((await events('USER_REMOVED')).filter((e) => e.subject_id === tom).length, 1);
    // A removed person pressing a button in a page still open: refused, nothing changes.
    const post = await tomClient.post(`${tomClient.base}/details`, { version: '1', iban: 'x' });
    assert.equal(post.statusCode, 403);
  });

  it('blocks with an optional end date (never in the past), denies every page at the next click, unblocks', async () => {
    const jan = await personId(t.db, 'Jan', 'Janssens');
    const janClient = await loginAs(t.app, t.db, 'Jan Janssens');
    assert.equal((await janClient.get(janClient.base)).statusCode, 200);
    const past = await postPairs(hilde, `${access}/users/action`, [
      ['personIds', jan],
      ['action', 'block'],
      ['until', '01/01/2020'],
    ]);
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /niet in het verleden/);
    assert.match(past.body, /value="01\/01\/2020"/, 'the typed date kept');
    assert.match(past.body, new RegExp(`value="${jan}"[^>]*checked`), 'the ticked box kept');

    const overview = draftOf(
      await postPairs(hilde, `${access}/users/action`, [
        ['personIds', jan],
        ['action', 'block'],
        ['until', ''],
      ]),
    );
    assert.match((await hilde.get(overview)).body, /Jan Janssens/);
    assert.equal((await hilde.post(`${overview}/confirm`, {})).headers.location, `${access}?m=users_blocked`);
    assert.deepEqual(await rightsOf(jan), ['UV_CHAIR'], 'blocking keeps the grants');
    const blocked = await janClient.get(`${janClient.base}/details`);
    assert.equal(blocked.statusCode, 403);
    assert.match(blocked.body, /Toegang geblokkeerd/);

    const unblock = draftOf(
      await postPairs(hilde, `${access}/users/action`, [
        ['personIds', jan],
        ['action', 'unblock'],
      ]),
    );
    assert.equal((await hilde.post(`${unblock}/confirm`, {})).headers.location, `${access}?m=users_unblocked`);
    assert.equal((await janClient.get(`${janClient.base}/details`)).statusCode, 200, 'back');
    assert.equal((await events('USER_BLOCKED')).filter((e) => e.subject_id === jan).length, 1);
    assert.equal((await events('USER_UNBLOCKED')).filter((e) => e.subject_id === jan).length, 1);

    // Blocked until a day: the block lifts by itself after that day (Brussels time).
    const until = draftOf(
      await postPairs(hilde, `${access}/users/action`, [
        ['personIds', jan],
        ['action', 'block'],
        ['until', '24/11/2026'],
      ]),
    );
    await hilde.post(`${until}/confirm`, {});
    assert.equal((await janClient.get(janClient.base)).statusCode, 403);
    t.clock.advance(2 * 24 * 3_600_000);
    try {
      assert.equal((await janClient.get(janClient.base)).statusCode, 200, 'the block lifted after 24/11/2026');
    } finally {
      t.clock.advance(-2 * 24 * 3_600_000);
    }
    const lift = draftOf(
      await postPairs(hilde, `${access}/users/action`, [
        ['personIds', jan],
        ['action', 'unblock'],
      ]),
    );
    await hilde.post(`${lift}/confirm`, {});
  });

  it('HTB changes the TB (the previous one kept as co-TB), adds and removes a co-HTB; the TB adds a co-TB', async () => {
    const tbInsz = freshInsz();
    const step = await hilde.get(`${access}/appoint/tb`);
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /Van Toegangsbeheerder veranderen/);
    const form = await hilde.post(`${access}/start/tb`, { insz: tbInsz });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Bart Willems/, 'the current TB named');
    const overview = draftOf(
      await hilde.post(`${access}/save/tb`, {
        version: hiddenValue(form.body, 'version'),
        insz: tbInsz,
        firstName: 'Tina',
        lastName: 'Toegang',
        email: 'tina@ocmw-demostad.be',
        language: 'nl',
        keepAsCoTb: 'yes',
      }),
    );
    assert.match((await hilde.get(overview)).body, /co-toegangsbeheerder/);
    assert.equal((await hilde.post(`${overview}/confirm`, {})).headers.location, `${access}?m=tb_changed`);
    const tina = (await t.db.selectFrom('persons').select('id').where('insz', '=', tbInsz).executeTakeFirstOrThrow()).id;
    const bart = await personId(t.db, 'Bart', 'Willems');
    assert.deepEqual(await rightsOf(tina), ['TB']);
    assert.deepEqual(await rightsOf(bart), ['CO_TB']);
    assert.equal((await events('TB_CHANGED')).length, 1);

    // Co-HTB: the HTB adds one; the co-HTB may change the TB but adds no co-HTB (Q-ACC-1).
    const coHtbInsz = freshInsz();
    const coForm = await hilde.post(`${access}/start/co-htb`, { insz: coHtbInsz });
    const coOverview = draftOf(
      await hilde.post(`${access}/save/co-htb`, {
        version: hiddenValue(coForm.body, 'version'),
        insz: coHtbInsz,
        firstName: 'Cor',
        lastName: 'Hoofd',
        email: 'cor@ocmw-demostad.be',
        language: 'nl',
      }),
    );
    assert.equal((await hilde.post(`${coOverview}/confirm`, {})).headers.location, `${access}?m=role_granted`);
    const cor = (await t.db.selectFrom('persons').select('id').where('insz', '=', coHtbInsz).executeTakeFirstOrThrow()).id;
    assert.deepEqual(await rightsOf(cor), ['CO_HTB']);
    const corClient = await loginAs(t.app, t.db, await demoPersona('Cor Hoofd'));
    assert.equal((await corClient.get(`${access}/appoint/co-htb`)).statusCode, 403, 'a co-HTB appoints no co-HTB');
    assert.equal((await corClient.get(`${access}/appoint/tb`)).statusCode, 200, 'a co-HTB changes the TB');
    // The co-HTB may not remove the HTB nor act on themself.
    const hildeId = await personId(t.db, 'Hilde', 'Claes');
    const onHtb = await postPairs(corClient, `${access}/users/action`, [
      ['personIds', hildeId],
      ['action', 'remove'],
    ]);
    assert.equal(onHtb.statusCode, 422);
    assert.match(onHtb.body, /alleen de POD MI/);
    const onSelf = await postPairs(corClient, `${access}/users/action`, [
      ['personIds', cor],
      ['action', 'block'],
    ]);
    assert.equal(onSelf.statusCode, 422);
    assert.match(onSelf.body, /eigen toegang/);

    // The TB (Tina) adds a co-TB; a co-TB (Bart now) may add no co-TB and may not block the TB.
    const tinaClient = await loginAs(t.app, t.db, await demoPersona('Tina Toegang'));
    const coTbForm = await tinaClient.post(`${access}/start/co-tb`, { insz: makeInsz('910105367') });
    assert.equal(coTbForm.statusCode, 200, 'Tom De Smet (removed before) as co-TB');
    const coTb = draftOf(
      await tinaClient.post(`${access}/save/co-tb`, {
        version: hiddenValue(coTbForm.body, 'version'),
        insz: makeInsz('910105367'),
        email: 'tom.desmet@ocmw-demostad.be',
        language: 'nl',
      }),
    );
    assert.equal((await tinaClient.post(`${coTb}/confirm`, {})).headers.location, `${access}?m=role_granted`);
    const bartClient = await loginAs(t.app, t.db, 'Bart Willems');
    assert.equal((await bartClient.get(`${access}/appoint/co-tb`)).statusCode, 403);
    assert.equal((await bartClient.get(`${access}/appoint/tb`)).statusCode, 403);
    const onTb = await postPairs(bartClient, `${access}/users/action`, [
      ['personIds', tina],
      ['action', 'block'],
    ]);
    assert.equal(onTb.statusCode, 422);
    assert.match(onTb.body, /hogere rol/);

    // The HTB removes the co-HTB (two steps); the HTB cannot be appointed to anything by a TB.
    const removal = draftOf(await hilde.post(`${access}/roles/co-htb/${cor}/remove`, {}));
    assert.deepEqual(await rightsOf(cor), ['CO_HTB'], 'nothing before Bevestigen');
    assert.equal((await hilde.post(`${removal}/confirm`, {})).headers.location, `${access}?m=role_revoked`);
    assert.deepEqual(await rightsOf(cor), []);
    assert.equal((await corClient.get(access)).statusCode, 403, 'the former co-HTB is refused at the next click');
    assert.equal((await hilde.post(`${access}/roles/co-htb/${hildeId}/remove`, {})).statusCode, 404, 'the HTB is no co-HTB');
    const selfTb = await hilde.post(`${access}/start/tb`, { insz: makeInsz('700815201') });
    assert.equal(selfTb.statusCode, 422, 'the HTB does not change their own roles');
    assert.match(selfTb.body, /eigen rollen/);
  });

  it('refuses Toegangsbeheer to users, to another OCMW’s access manager, and a draft to anyone but its maker', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(access)).statusCode, 403);
    assert.equal((await an.post(`${access}/start/user`, { insz: freshInsz() })).statusCode, 403);
    const michel = await loginAs(t.app, t.db, 'Michel Renard');
    assert.equal((await michel.get(access)).statusCode, 403);
    const overview = await draftNewUser(hilde, freshInsz(), ['UV_READER']);
    const sarah = await loginAs(t.app, t.db, 'Sarah Jacobs');
    assert.equal((await sarah.get(overview)).statusCode, 404, 'another access manager’s draft names nothing');
    assert.equal((await sarah.post(`${overview}/confirm`, {})).headers.location, `${access}?m=expired`);
    assert.equal((await hilde.get(overview)).statusCode, 200, 'still there for its maker');
    await hilde.post(`${overview}/cancel`, {});
    assert.equal((await hilde.get(overview)).statusCode, 404);
  });

  it('shows the access events: the HTB and POD MI all, a co-TB those of the domain; exports them as CSV', async () => {
    const page = await hilde.get(`${access}/audit`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Gebruiker toegevoegd/);
    assert.match(page.body, /Rol toegekend/);
    assert.match(page.body, /co-hoofdtoegangsbeheerder/);
    const sarah = await loginAs(t.app, t.db, 'Sarah Jacobs');
    const domain = await sarah.get(`${access}/audit`);
    assert.equal(domain.statusCode, 200);
    assert.match(domain.body, /Gebruiker toegevoegd/);
    assert.doesNotMatch(domain.body, /co-hoofdtoegangsbeheerder/, 'the organisation’s own roles are not the domain’s');
    const csv = await hilde.get(`${access}/audit.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFF'), 'UTF-8 with BOM');
    assert.match(csv.body.split('\r\n')[0], /^\uFEFFWanneer;Wie;Wat;/);
    assert.match(csv.body, /Gebruiker toegevoegd/);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(`${access}/audit`)).statusCode, 403);
    // POD MI reads them all (its read written in the OCMW's trail), but manages nothing here
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const podmi = await nathalie.get(`${access}/audit`);
    assert.equal(podmi.statusCode, 200);
    assert.match(podmi.body, /co-hoofdtoegangsbeheerder/);
    assert.equal((await nathalie.get(`${access}/audit.csv`)).statusCode, 200);
    assert.equal((await nathalie.get(access)).statusCode, 403);
  });

  it('a signature given stays valid when the signer is blocked; the other signatory and POD MI are warned', async () => {
    const covid = await covidCampaignId(t.db);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const form = `/ocmw/${kbo}/forms/${covid}`;
    const edit = await an.get(`${form}/edit`);
    assert.equal((await an.post(form, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': '75,00' })).statusCode, 303);
    const jan = await loginAs(t.app, t.db, 'Jan Janssens');
    const signed = await jan.post(`${form}/sign`, { contentHash: hiddenValue((await jan.get(`${form}/sign`)).body, 'contentHash') });
    assert.match(String(signed.headers.location), /m=signed/);
    const els = await loginAs(t.app, t.db, 'Els Maes');
    assert.doesNotMatch((await els.get(form)).body, /Let op: Jan Janssens/);

    const janId = await personId(t.db, 'Jan', 'Janssens');
    const block = draftOf(
      await postPairs(hilde, `${access}/users/action`, [
        ['personIds', janId],
        ['action', 'block'],
      ]),
    );
    await hilde.post(`${block}/confirm`, {});
    const warned = await els.get(form);
    assert.match(warned.body, /Let op: Jan Janssens ondertekende dit formulier/);
    assert.equal((await t.db.selectFrom('signatures').select('id').where('person_id', '=', janId).execute()).length, 1, 'the signature stays');
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen', 'OCMW Demostad');
    assert.match((await nathalie.get(form)).body, /Let op: Jan Janssens/, 'POD MI reading the form is warned too');

    const unblock = draftOf(
      await postPairs(hilde, `${access}/users/action`, [
        ['personIds', janId],
        ['action', 'unblock'],
      ]),
    );
    await hilde.post(`${unblock}/confirm`, {});
    assert.doesNotMatch((await els.get(form)).body, /Let op: Jan Janssens/);
  });

  it('two access managers confirming changes to the same user at once: one wins, the other sees the conflict, both attempts audited', async () => {
    const rounds = t.kind === 'postgres' ? 8 : 3;
    const sarah = await loginAs(t.app, t.db, 'Sarah Jacobs');
    const els = await personId(t.db, 'Els', 'Maes');
    for (let round = 0; round < rounds; round++) {
      const drafts = await Promise.all(
        [hilde, sarah].map(async (client, i) => {
          const page = await client.get(`${access}/users/${els}`);
          return draftOf(
            await postPairs(client, `${access}/save/user`, [
              ['version', hiddenValue(page.body, 'version')],
              ['insz', hiddenValue(page.body, 'insz')],
              ['email', `els.race${round}.${i}@ocmw-demostad.be`],
              ['language', 'nl'],
              ['applications', 'UV_DIRECTOR'],
            ]),
          );
        }),
      );
      const refusedBefore = (await events('ACCESS_CHANGE_REFUSED')).length;
      const changedBefore = (await events('USER_CHANGED')).filter((e) => e.subject_id === els).length;
      const results = await Promise.all([hilde.post(`${drafts[0]}/confirm`, {}), sarah.post(`${drafts[1]}/confirm`, {})]);
      const statuses = results.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [303, 409], `round ${round}: one wins, the other sees the conflict`);
      assert.match(results.find((r) => r.statusCode === 409)?.body ?? '', /Er is niets veranderd/);
      assert.equal((await events('ACCESS_CHANGE_REFUSED')).length, refusedBefore + 1, `round ${round}: the losing attempt audited`);
      assert.equal((await events('USER_CHANGED')).filter((e) => e.subject_id === els).length, changedBefore + 1, `round ${round}: one change`);
    }
    assert.equal((await verifyAuditChain(t.db, demostad)).ok, true);
  });
});
