import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, loginAs, organisationId, personId } from '../support/http.ts';

/** The OCMW's e-Box: its own documents listed and downloaded; another OCMW's document is not found. */
describe(`e-Box of an OCMW (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let demostadDoc: string;
  let villedemoDoc: string;

  async function insertDoc(org: string, language: 'nl' | 'fr', content: Buffer, at: string) {
    const id = randomUUID();
    await t.db
      .insertInto('documents')
      .values({
        id,
        organisation_id: org,
        campaign_id: await campaignId(t.db, 'GAS_ELEK', 2026),
        kind: 'SETTLEMENT_LETTER',
        language,
        file_name: 'gas_elek-2026-afrekening.pdf',
        media_type: 'application/pdf',
        size_bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        created_by: await personId(t.db, 'Nathalie', 'Vermeulen'),
        created_at: new Date(at),
      })
      .execute();
    return id;
  }

  before(async () => {
    t = await buildTestApp();
    demostadDoc = await insertDoc(await organisationId(t.db, 'OCMW Demostad'), 'nl', Buffer.from('%PDF-1.7 demostad'), '2027-03-15T10:00:00Z');
    villedemoDoc = await insertDoc(await organisationId(t.db, 'OCMW Villedemo'), 'fr', Buffer.from('%PDF-1.7 villedemo'), '2027-03-15T10:00:00Z');
  });
  after(async () => t.close());

  it('links the e-Box from the homepage', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    assert.match((await an.get(an.base)).body, new RegExp(`href="${an.base}/documents"`));
  });

  it('lists only the documents of the OCMW of the session, for every OCMW role', async () => {
    for (const person of ['An Peeters', 'Tom De Smet', 'Els Maes']) {
      const client = await loginAs(t.app, t.db, person);
      const page = await client.get(`${client.base}/documents`);
      assert.equal(page.statusCode, 200, person);
      assert.match(page.body, /Jaarlijkse afrekening/);
      assert.match(page.body, /Gas- en elektriciteitsfonds|gas/i);
      assert.match(page.body, /15\/03\/2027/);
      assert.ok(page.body.includes(`/documents/${demostadDoc}`));
      assert.ok(!page.body.includes(villedemoDoc), 'not the document of another OCMW');
    }
    const claire = await loginAs(t.app, t.db, 'Claire Martin');
    const french = await claire.get(`${claire.base}/documents`);
    assert.match(french.body, /Décompte annuel/);
    assert.ok(french.body.includes(`/documents/${villedemoDoc}`));
  });

  it('counts the unread documents on the Startpagina; the first reader of the OCMW marks one read, POD MI does not (issue 14, item 16)', async () => {
    const tom = await loginAs(t.app, t.db, 'Tom De Smet');
    assert.match((await tom.get(tom.base)).body, /e-Box \(documenten van de POD MI\) — 1 nieuw document/);
    assert.match((await tom.get(`${tom.base}/documents`)).body, /<tr class="row--unread">.*Nieuw/s);
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    assert.equal((await nathalie.get(`${tom.base}/documents/${demostadDoc}`)).statusCode, 200);
    assert.match((await tom.get(tom.base)).body, /1 nieuw document/, 'POD MI reading changes nothing');
    assert.equal((await tom.get(`${tom.base}/documents/${demostadDoc}`)).statusCode, 200);
    const home = (await tom.get(tom.base)).body;
    assert.doesNotMatch(home, /nieuw document/);
    const els = await loginAs(t.app, t.db, 'Els Maes');
    assert.equal((await els.get(`${els.base}/documents/${demostadDoc}`)).statusCode, 200);
    const list = (await els.get(`${els.base}/documents`)).body;
    assert.match(list, /Geopend op \d\d\/\d\d\/\d{4} door Tom De Smet/, 'the first reader stays');
    assert.doesNotMatch(list, /row--unread/);
  });

  it('downloads a document as an attachment', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const res = await an.get(`${an.base}/documents/${demostadDoc}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="gas_elek-2026-afrekening.pdf"');
    assert.equal(res.body, '%PDF-1.7 demostad');
  });

  it('answers a foreign id exactly like a missing or malformed one', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const foreign = await an.get(`${an.base}/documents/${villedemoDoc}`);
    const missing = await an.get(`${an.base}/documents/${randomUUID()}`);
    const malformed = await an.get(`${an.base}/documents/` + '12345');
    assert.equal(foreign.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(malformed.statusCode, 404);
    const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    assert.equal(foreign.body.replace(uuids, 'ID'), missing.body.replace(uuids, 'ID'), 'the same page but for the ids');
  });

  it('sends anonymous visitors to the login', async () => {
    const anonymous = new Client(t.app);
    for (const path of ['/documents', `/documents/${demostadDoc}`]) {
      const res = await anonymous.get(path);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/login');
    }
  });

  it('follows the OCMW chosen by a person working for several', async () => {
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Villedemo');
    assert.equal((await luc.get(`${luc.base}/documents/${villedemoDoc}`)).statusCode, 200);
    assert.equal((await luc.get(`${luc.base}/documents/${demostadDoc}`)).statusCode, 404);
  });
});
