import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { publishTestMessage } from '../support/ebox.ts';
import { type Client, loginAs, organisationId, personId } from '../support/http.ts';

const validity = (t: TestApp, code: string) =>
  t.db.selectFrom('ebox_message_types').select(['validity_months', 'changed_by', 'changed_at']).where('code', '=', code).executeTakeFirstOrThrow();

/** The validity per document type (EBX-6): the POD MI beheerder changes it for what is published from then on; the dossierbeheerder reads it. */
describe(`back office: validity of the e-Box's document types (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let marc: Client;
  let nathalie: Client;
  let demostad: string;
  let before24: string;

  /** Every type's field as the page shows it, with one changed. */
  async function form(client: Client, changes: Record<string, string>): Promise<Record<string, string>> {
    const page = await client.get('/backoffice/ebox/types');
    const fields = Object.fromEntries([...page.body.matchAll(/name="(validity_[A-Z_]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    return { ...fields, ...changes };
  }

  before(async () => {
    t = await buildTestApp();
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    demostad = await organisationId(t.db, 'OCMW Demostad');
  });
  after(async () => t.close());

  it('lists the types with their legislations and validity; says a change applies from now on', async () => {
    const page = await marc.get('/backoffice/ebox/types');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Maandstaat/);
    assert.match(page.body, /name="validity_MAANDSTAAT"[^>]*value="24"/);
    assert.match(page.body, /name="validity_JAARAFREKENING"[^>]*value="120"/);
    assert.match(page.body, /vanaf nu gepubliceerd/);
    assert.match(page.body, /href="\/backoffice\/ebox\/types" aria-current="page"/);
  });

  it('refuses a validity out of range or not whole, each message next to its field, keeping what was typed', async () => {
    const res = await marc.post('/backoffice/ebox/types', await form(marc, { validity_MAANDSTAAT: '0', validity_INFO: '6,5', validity_LIJST_AANVAARD: '241' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /name="validity_MAANDSTAAT"[^>]*value="0"/);
    assert.match(res.body, /name="validity_INFO"[^>]*value="6,5"/);
    assert.match(res.body, /Een bewaartermijn ligt tussen 1 en 240 maanden/);
    assert.match(res.body, /Vul een geheel aantal maanden in/);
    assert.equal((await validity(t, 'MAANDSTAAT')).validity_months, 24);
  });

  it('the beheerder changes MAANDSTAAT from 24 to 6 months, with who and when', async () => {
    before24 = await publishTestMessage(t, demostad, { subject: 'Voor de wijziging' });
    const res = await marc.post('/backoffice/ebox/types', await form(marc, { validity_MAANDSTAAT: ' 6 ' }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/backoffice/ebox/types?m=saved');
    const row = await validity(t, 'MAANDSTAAT');
    assert.equal(row.validity_months, 6);
    assert.equal(row.changed_by, await personId(t.db, 'Marc', 'Lefèvre'));
    assert.equal(new Date(row.changed_at as Date).getTime(), t.clock.now().getTime());
    assert.equal((await validity(t, 'INFO')).changed_by, null, 'an unchanged type is not touched');
    const page = await marc.follow(res);
    assert.match(page.body, /De bewaartermijnen zijn bewaard/);
    assert.match(page.body, /Marc Lefèvre/);
    // the same values again: nothing to save
    assert.equal((await marc.post('/backoffice/ebox/types', await form(marc, {}))).headers.location, '/backoffice/ebox/types?m=unchanged');
  });

  it('a message published after the change expires in 6 months; one published before keeps 24', async () => {
    t.clock.advance(60_000);
    const after6 = await publishTestMessage(t, demostad, { subject: 'Na de wijziging' });
    const rows = await t.db.selectFrom('ebox_messages').select(['id', 'published_at', 'expires_at']).where('id', 'in', [before24, after6]).execute();
    const months = (id: string) => {
      const r = rows.find((x) => x.id === id);
      const from = new Date(r?.published_at as Date);
      const to = new Date(r?.expires_at as Date);
      return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
    };
    assert.equal(months(after6), 6);
    assert.equal(months(before24), 24);
  });

  it('the dossierbeheerder reads the validities but cannot save', async () => {
    const page = await nathalie.get('/backoffice/ebox/types');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /6 maanden/);
    assert.doesNotMatch(page.body, /name="validity_/);
    assert.match(page.body, /Alleen de beheerder van de POD MI/);
    const res = await nathalie.post('/backoffice/ebox/types', { validity_MAANDSTAAT: '12' });
    assert.equal(res.statusCode, 403);
    assert.equal((await validity(t, 'MAANDSTAAT')).validity_months, 6);
  });

  it('an OCMW user gets 403', async () => {
    const hilde = await loginAs(t.app, t.db, 'Hilde Claes', 'OCMW Demostad');
    assert.equal((await hilde.get('/backoffice/ebox/types')).statusCode, 403);
  });
});
