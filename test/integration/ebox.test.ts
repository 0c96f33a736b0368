import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { grantRights } from '../../src/access/grants.repository.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { publishTestMessage, tinyPdf } from '../support/ebox.ts';
import { Client, loginAs, organisationId, personId } from '../support/http.ts';

/**
 * The OCMW's e-Box (issue 16, portal.md §4.5, §4.8): messages listed with their type, legislation, period, read state
 * and expiry; filters, search and pages; opening a message makes it read for the organisation (first reader kept,
 * logged); downloads streamed; another OCMW's message is not found; a grant limited to some types shows only those.
 */
describe(`e-Box of an OCMW (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let demostad: string;
  let villedemo: string;
  let statement: string;
  let letter: string;
  let foreign: string;
  let statementPdf: Buffer;

  before(async () => {
    t = await buildTestApp();
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    statementPdf = await tinyPdf('Maandstaat november 2026');
    statement = await publishTestMessage(t, demostad, {
      subject: 'Maandstaat november 2026',
      files: [
        { name: 'maandstaat-2026-11.pdf', bytes: statementPdf },
        { name: 'détail état € 2026-11.pdf', bytes: await tinyPdf('Detail') },
      ],
    });
    letter = await publishTestMessage(t, demostad, {
      type: 'BRIEF_LEGALITEIT',
      legislation: 'WET65',
      period: '2026-10',
      subject: 'Brief over de legaliteit van dossier 12',
    });
    for (let i = 0; i < 30; i++) {
      await publishTestMessage(t, demostad, {
        type: 'LIJST_AANVAARD',
        period: '2025-12',
        subject: `Lijst aanvaarde formulieren ${i + 1}`,
        at: new Date(Date.parse('2026-01-05T08:00:00Z') + i * 60_000),
      });
    }
    foreign = await publishTestMessage(t, villedemo, { subject: 'État mensuel de Villedemo' });
  });
  after(async () => t.close());

  it('links the e-Box from the homepage with the unread count', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const home = (await an.get(an.base)).body;
    assert.match(home, new RegExp(`href="${an.base}/ebox"`));
    assert.match(home, /e-Box \(documenten van de POD MI\) — 32 nieuwe documenten/);
    assert.match(home, new RegExp(`<a class="site-header__link" href="${an.base}/ebox">e-Box \\(32 nieuw\\)</a>`), 'the header says it on every page');
  });

  it('lists the OCMW’s messages newest first, 25 a page, with their type, legislation, period and expiry', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const page = (await an.get(`${an.base}/ebox`)).body;
    assert.match(page, /32 documenten gevonden/);
    assert.match(page, /32 documenten nog door niemand van uw OCMW geopend/);
    assert.ok(page.indexOf('Brief over de legaliteit') < page.indexOf('Lijst aanvaarde formulieren 30'), 'newest first');
    assert.match(page, /Brief in verband met illegaliteit of legaliteit/);
    assert.match(page, /Wet van 2 april 1965/);
    assert.match(page, /10\/2026/);
    assert.match(page, /Pagina 1 van 2/);
    assert.ok(!page.includes(foreign), 'not the message of another OCMW');
    const second = (await an.get(`${an.base}/ebox?page=2`)).body;
    assert.match(second, /Pagina 2 van 2/);
    assert.match(second, /Lijst aanvaarde formulieren 1</);
    assert.match(second, /rel="prev"/);
  });

  it('filters on type, legislation, period, read state and words of the subject', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const count = async (query: string) => /(\d+) document(?:en)? gevonden/.exec((await an.get(`${an.base}/ebox?${query}`)).body)?.[1];
    assert.equal(await count('type=LIJST_AANVAARD'), '30');
    assert.equal(await count('legislation=WET65'), '1');
    assert.equal(await count('period=2026'), '2', 'a year finds its months');
    assert.equal(await count('period=2025-12'), '30');
    assert.equal(await count('q=legaliteit'), '1');
    assert.equal(await count('q=FR%20Brief'), '1', 'the French subject too');
    assert.equal(await count('q=%25'), '0', 'a % is searched as such');
    assert.equal(await count('type=NOPE&period=garbage'), '32', 'a value that is no choice filters nothing');
    assert.equal(await count('state=read'), '0');
  });

  it('opens a message: read for the whole OCMW, the first reader kept and logged; POD MI’s reads change nothing', async () => {
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const tom = await loginAs(t.app, t.db, 'Tom De Smet');
    assert.equal((await nathalie.get(`${tom.base}/ebox/${letter}`)).statusCode, 200);
    assert.match((await tom.get(tom.base)).body, /32 nieuwe documenten/, 'POD MI reading changes nothing');
    const page = await tom.get(`${tom.base}/ebox/${letter}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Brief over de legaliteit van dossier 12<\/h1>/);
    assert.match(page.body, /Geopend op \d\d\/\d\d\/\d{4} door Tom De Smet/);
    const els = await loginAs(t.app, t.db, 'Els Maes');
    await els.get(`${els.base}/ebox/${letter}`);
    const list = (await els.get(`${els.base}/ebox?state=read`)).body;
    assert.match(list, /1 document gevonden/);
    assert.match((await els.get(`${els.base}/ebox/${letter}`)).body, /door Tom De Smet/, 'the first reader stays');
    const events = await t.db
      .selectFrom('audit_events')
      .select(['type', 'actor_person_id'])
      .where('subject_id', '=', letter)
      .where('type', '=', 'EBOX_MESSAGE_OPENED')
      .execute();
    assert.equal(events.length, 3, 'each opening by the OCMW is logged');
    const read = await t.db.selectFrom('ebox_reads').selectAll().where('message_id', '=', letter).executeTakeFirstOrThrow();
    assert.equal(read.first_read_by, await personId(t.db, 'Tom', 'De Smet'));
  });

  it('shows the files with their hash and streams them with a safe name', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const page = (await an.get(`${an.base}/ebox/${statement}`)).body;
    assert.match(page, /maandstaat-2026-11\.pdf/);
    assert.match(page, /hoofddocument/);
    assert.match(page, /[0-9a-f]{64}/);
    const res = await an.get(`${an.base}/ebox/${statement}/files/1`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="maandstaat-2026-11\.pdf"/);
    assert.ok(Buffer.from(res.rawPayload).equals(statementPdf));
    const second = await an.get(`${an.base}/ebox/${statement}/files/2`);
    assert.match(String(second.headers['content-disposition']), /filename\*=UTF-8''d%C3%A9tail/);
    assert.equal((await an.get(`${an.base}/ebox/${statement}/files/3`)).statusCode, 404);
  });

  it('answers a foreign id exactly like a missing or malformed one', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const other = await an.get(`${an.base}/ebox/${foreign}`);
    const missing = await an.get(`${an.base}/ebox/${randomUUID()}`);
    const malformed = await an.get(`${an.base}/ebox/12345`);
    assert.equal(other.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(malformed.statusCode, 404);
    const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    assert.equal(other.body.replace(uuids, 'ID'), missing.body.replace(uuids, 'ID'));
    assert.equal((await an.get(`${an.base}/ebox/${foreign}/files/1`)).statusCode, 404);
  });

  it('sends anonymous visitors to the login, and old addresses to the e-Box', async () => {
    const anonymous = new Client(t.app);
    for (const path of ['/ebox', `/ebox/${statement}`, '/documents']) {
      const res = await anonymous.get(path);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/login');
    }
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.equal((await an.get(`${an.base}/documents`)).headers.location, `${an.base}/ebox`);
    assert.equal((await an.get(`${an.base}/documents/${letter}`)).headers.location, `${an.base}/ebox/${letter}/files/1`);
  });

  it('shows a person whose e-Box grant is limited only the types of the grant; refuses who has no grant', async () => {
    const kim = await personId(t.db, 'Kim', 'Vos');
    await grantRights(t.db, demostad, kim, ['EBOX'], new Date('2000-01-01T00:00:00Z'));
    await t.db.insertInto('ebox_grant_types').values({ organisation_id: demostad, person_id: kim, message_type: 'BRIEF_LEGALITEIT' }).execute();
    const client = await loginAs(t.app, t.db, 'Kim Vos');
    const list = (await client.get(`${client.base}/ebox`)).body;
    assert.match(list, /1 document gevonden/);
    assert.equal((await client.get(`${client.base}/ebox/${statement}`)).statusCode, 404, 'a type outside the grant is not found');
    assert.equal((await client.get(`${client.base}/ebox/${letter}`)).statusCode, 200);
    const sarahLess = await loginAs(t.app, t.db, 'Hilde Claes');
    assert.equal((await sarahLess.get(`${sarahLess.base}/ebox`)).statusCode, 200, 'an access manager reads the e-Box implicitly');
  });

  it('follows the OCMW chosen by a person working for several: two separate e-Boxes', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Villedemo');
    assert.equal((await luc.get(`${luc.base}/ebox/${foreign}`)).statusCode, 200);
    assert.equal((await luc.get(`${luc.base}/ebox/${statement}`)).statusCode, 404);
  });
});
