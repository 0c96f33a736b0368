import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, demostadTeam, hiddenValue, loginAs } from '../support/http.ts';

/**
 * Issue 14, items 10–12: signers are told (their waiting list, an e-mail when a form becomes ready to sign and when an
 * edit drops their signature), the confirmation panel after the second signature, the Startpagina's summary line and
 * short check labels, "Ander OCMW kiezen" only for people of several organisations, the help desk in the footer.
 */
describe(`Signers told, the confirmation and the Startpagina (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let an: Client;
  let jan: Client;
  let els: Client;

  const mails = async () =>
    (await t.db.selectFrom('outbox_jobs').select(['dedupe_key', 'payload']).where('kind', '=', 'EMAIL').execute()).map((j) => ({
      key: j.dedupe_key,
      ...(typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload),
    })) as Array<{ key: string; to: string; subject: string; body: string }>;

  async function save(client: Client, amount: string) {
    const edit = await client.get(`${client.base}/forms/${campaign}/edit`);
    return client.post(`${client.base}/forms/${campaign}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': amount, action: 'save' });
  }
  async function sign(client: Client) {
    const view = await client.get(`${client.base}/forms/${campaign}/sign`);
    return client.post(`${client.base}/forms/${campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
  }

  before(async () => {
    t = await buildTestApp();
    ({ campaign, an, jan, els } = await demostadTeam(t.app, t.db));
  });
  after(async () => t.close());

  it('shows short check labels, the forms still to send, and no waiting list before a form is ready', async () => {
    const home = await jan.get(`${jan.base}?year=2022`);
    assert.match(home.body, /<span>Ingevoerd<\/span>.*<span>Voorzitter<\/span>.*<span>Directeur<\/span>.*<span>Verzonden<\/span>/s);
    assert.match(home.body, /1 formulier van 2022 is nog niet verzonden — uiterste datum \d\d\/\d\d\/\d{4}\./);
    assert.doesNotMatch(home.body, /Wacht op uw handtekening/);
  });

  it('asks the chair and the director by e-mail once a form is ready, and lists it on their Startpagina', async () => {
    assert.equal((await save(an, '12,345')).statusCode, 303, 'with an error: not ready');
    assert.equal((await mails()).filter((m) => m.key.startsWith('ready:')).length, 0);
    assert.equal((await save(an, '1.250,00')).statusCode, 303);
    const ready = (await mails()).filter((m) => m.key.startsWith('ready:'));
    assert.deepEqual(ready.map((m) => m.to).sort(), ['els.maes@ocmw-demostad.be', 'jan.janssens@ocmw-demostad.be']);
    assert.match(ready[0].subject, /Uniek Verslag 2022: "Covid-19: Tijdelijke premie" is klaar om te ondertekenen/);
    assert.match(ready[0].body, /verslagjaar 2022/);
    assert.match(ready[0].body, /open op de startpagina het formulier "Covid-19: Tijdelijke premie" onder verslagjaar 2022\./, 'no public URL: in words');
    // saving again while ready asks nobody again
    await save(an, '1.300,00');
    assert.equal((await mails()).filter((m) => m.key.startsWith('ready:')).length, 2);
    const home = await jan.get(`${jan.base}?year=2022`);
    assert.match(home.body, /Wacht op uw handtekening \(1\)/);
    assert.match(home.body, new RegExp(`<a href="${jan.base}/forms/${campaign}">Covid-19: Tijdelijke premie</a>`));
    const anHome = await an.get(`${an.base}?year=2022`);
    assert.match(anHome.body, /Klaar om te ondertekenen: vraag de voorzitter en de algemeen directeur om te ondertekenen\./);
    assert.doesNotMatch(anHome.body, /Wacht op uw handtekening/, 'the employee signs nothing');
  });

  it('tells a signer whose signature an edit dropped', async () => {
    assert.equal((await sign(jan)).statusCode, 303);
    assert.doesNotMatch((await jan.get(`${jan.base}?year=2022`)).body, /Wacht op uw handtekening/, 'signed: no longer waiting for Jan');
    assert.match((await els.get(`${els.base}?year=2022`)).body, /Wacht op uw handtekening \(1\)/);
    await save(an, '1.250,00');
    const dropped = (await mails()).filter((m) => m.key.startsWith('dropped:'));
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0].to, 'jan.janssens@ocmw-demostad.be');
    assert.match(dropped[0].subject, /uw handtekening op "Covid-19: Tijdelijke premie" is vervallen/);
  });

  it('confirms the submission with a reference, what happens next and Afdrukken', async () => {
    assert.equal((await sign(jan)).statusCode, 303);
    const res = await sign(els);
    assert.match(String(res.headers.location), /\?m=submitted$/);
    const page = await els.follow(res);
    assert.match(page.body, /class="confirmation-panel"/);
    assert.match(page.body, /Het formulier is verzonden naar de POD MI/);
    assert.match(page.body, /Uw referentie: <strong>UV-2022-\d{10}-[0-9A-F]{8}<\/strong>/);
    assert.match(page.body, /Wat gebeurt er nu\?/);
    assert.match(page.body, new RegExp(`href="${els.base}/forms/${campaign}/pdf">Afdrukken`));
    // the other forms of 2022 are closed: nothing left to send, and not "all sent" either
    const home = (await an.get(`${an.base}?year=2022`)).body;
    assert.doesNotMatch(home, /nog niet verzonden/);
    assert.doesNotMatch(home, /Alle formulieren van 2022/);
  });

  it('offers another OCMW only to people of several organisations, and the help desk on every page', async () => {
    const home = await an.get(an.base);
    assert.doesNotMatch(home.body, /Ander OCMW kiezen/);
    assert.match(home.body, /Helpdesk voor OCMW&#39;s: <a href="mailto:ocmw-cpas@smals\.be">|Helpdesk voor OCMW's: <a href="mailto:ocmw-cpas@smals\.be">/);
    assert.match(home.body, /href="mailto:vraag@mi-is\.be"/);
    const luc = await loginAs(t.app, t.db, 'Luc Wouters', 'OCMW Demostad');
    assert.match((await luc.get(luc.base)).body, /Ander OCMW kiezen/);
    const claire = await loginAs(t.app, t.db, 'Claire Martin');
    assert.match((await claire.get(claire.base)).body, /href="mailto:question@mi-is\.be"/);
  });
});
