import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wasMutationSelected } from '../../src/modules/ocmw-config/config.repository.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, hiddenValue, loginAs, organisationId } from '../support/http.ts';

/** OCMW-configuratie (issue 18): access, the four screens, their messages, history, conflicts and the mergers' banner. */
describe(`OCMW-configuratie (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let bart: Client;
  let demostadKbo: string;

  const VALID_PROVIDERS = {
    networkProvider: 'VERA',
    networkProviderOther: '',
    networkContactName: 'Nina Netwerk',
    networkContactEmail: 'nina@vera.be',
    networkContactPhone: '09 123 45 67',
    softwareSupplier: 'PRIMAWEB',
    softwareSupplierOther: '',
    softwareProduct: '',
    supplierContactName: '',
    supplierContactEmail: '',
    supplierContactPhone: '',
  };
  const VALID_CONTACT = {
    streetNl: 'Markt 2',
    streetFr: 'Markt 2',
    streetDe: 'Markt 2',
    postalCode: '9190',
    cityNl: 'Demostad',
    cityFr: 'Demostad',
    cityDe: 'Demostadt',
    phone: '09 210 45 00',
    email: 'info@ocmw-demostad.be',
    website: 'www.ocmw-demostad.be',
    openingHoursNl: '',
    openingHoursFr: '',
    openingHoursDe: '',
  };

  async function versionOf(client: Client, slug: string): Promise<string> {
    return hiddenValue((await client.get(`${client.base}/configuration/${slug}`)).body, 'version');
  }

  before(async () => {
    t = await buildTestApp();
    bart = await loginAs(t.app, t.db, 'Bart Willems');
    demostadKbo = bart.base.split('/').pop() ?? '';
  });
  after(async () => t.close());

  it('is reached by the TBs, co-TBs and holders of the grant; refused to the other roles; read by POD MI', async () => {
    assert.match((await bart.get(bart.base)).body, new RegExp(`href="${bart.base}/configuration"`));
    for (const person of ['Bart Willems', 'Sarah Jacobs']) {
      const client = await loginAs(t.app, t.db, person);
      const page = await client.get(`${client.base}/configuration/contact`);
      assert.equal(page.statusCode, 200, person);
      assert.match(page.body, /<form method="post" action="\/ocmw\/\d{10}\/configuration\/contact"/, person);
    }
    for (const person of ['An Peeters', 'Hilde Claes', 'Tom De Smet']) {
      const client = await loginAs(t.app, t.db, person);
      assert.doesNotMatch((await client.get(client.base)).body, /\/configuration"/, person);
      assert.equal((await client.get(`${client.base}/configuration`)).statusCode, 403, person);
      assert.equal((await client.post(`${client.base}/configuration/contact`, { version: '1', ...VALID_CONTACT })).statusCode, 403, person);
    }
    const julie = await loginAs(t.app, t.db, 'Julie Dubois');
    const overview = await julie.get(`${julie.base}/configuration`);
    assert.equal(overview.statusCode, 200);
    assert.equal((overview.body.match(/Pas encore complété/g) ?? []).length, 4, 'Villedemo has configured nothing yet');
    // another OCMW's configuration: refused to its people
    assert.equal((await julie.get(`/ocmw/${demostadKbo}/configuration/online`)).statusCode, 403);
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const read = await nathalie.get(`/ocmw/${demostadKbo}/configuration/providers`);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /action="\/ocmw\/\d{10}\/configuration\/providers"/);
    assert.match(read.body, /Demosoft nv/);
    assert.match(read.body, /Publilink/);
    assert.equal((await nathalie.post(`/ocmw/${demostadKbo}/configuration/providers`, { version: '1', ...VALID_PROVIDERS })).statusCode, 403);
    assert.equal((await nathalie.post(`/ocmw/${demostadKbo}/configuration/contact`, { version: '1', ...VALID_CONTACT, copy: 'streetNl' })).statusCode, 403);
  });

  it('shows the demo OCMW configured on its four screens', async () => {
    const overview = await bart.get(`${bart.base}/configuration`);
    assert.equal((overview.body.match(/Bewaard op/g) ?? []).length, 4);
    const online = await bart.get(`${bart.base}/configuration/online`);
    assert.match(online.body, /hulpaanvragen@ocmw-demostad\.be/);
    assert.match(online.body, /ingediend op maandag 3\/3, termijn 2, frequentie 3 → herinneringen op 5\/3, 8\/3, 11\/3/);
  });

  it('refuses the providers screen with every message next to its field, keeping what was typed', async () => {
    const version = await versionOf(bart, 'providers');
    const res = await bart.post(`${bart.base}/configuration/providers`, {
      version,
      ...VALID_PROVIDERS,
      networkProvider: 'OTHER',
      networkContactEmail: 'nina-at-vera',
      networkContactName: 'Nina Netwerk',
      softwareSupplier: 'NO_SUCH_SUPPLIER',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /id="cfg-networkProviderOther-error" class="field__error">Vul dit veld in\./);
    assert.match(res.body, /id="cfg-networkContactEmail-error" class="field__error">Vul een geldig e-mailadres in/);
    assert.match(res.body, /id="cfg-softwareSupplier-error" class="field__error">Kies een waarde uit de lijst\./);
    assert.match(res.body, /value="nina-at-vera"/);
    assert.match(res.body, /value="Nina Netwerk"/);
    assert.equal(await versionOf(bart, 'providers'), version, 'nothing saved');
  });

  it('saves the providers screen and keeps its history, old → new', async () => {
    const version = await versionOf(bart, 'providers');
    const res = await bart.post(`${bart.base}/configuration/providers`, { version, ...VALID_PROVIDERS, networkProviderOther: 'typed before choosing VERA' });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /\/configuration\/providers\?m=saved$/);
    const page = await bart.follow(res);
    assert.match(page.body, /Uw gegevens zijn bewaard\./);
    assert.equal(await versionOf(bart, 'providers'), String(Number(version) + 1));
    const history = await bart.get(`${bart.base}/configuration/providers/history`);
    assert.match(history.body, /Versie \d+, bewaard op .* door Bart Willems/);
    assert.match(history.body, /<th scope="row">Netwerkprovider<\/th><td>Publilink<\/td><td>VERA<\/td>/);
    assert.match(history.body, /<td>Demosoft nv<\/td><td>PrimaWeb \(software van de POD MI\)<\/td>/);
    assert.doesNotMatch(history.body, /typed before choosing VERA/, 'the name of "other" is dropped when a listed provider is chosen');
    // POD MI reads the same history
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    assert.match((await nathalie.get(`/ocmw/${demostadKbo}/configuration/providers/history`)).body, /<td>Publilink<\/td><td>VERA<\/td>/);
  });

  it('requires street and city in the three languages, a Belgian postal code and a web address', async () => {
    const version = await versionOf(bart, 'contact');
    for (const [field, value, message] of [
      ['streetFr', '', /id="cfg-streetFr-error" class="field__error">Vul dit veld in\./],
      ['cityDe', '   ', /id="cfg-cityDe-error" class="field__error">Vul dit veld in\./],
      ['postalCode', '0999', /id="cfg-postalCode-error" class="field__error">Vul een Belgische postcode in/],
      ['postalCode', '10000', /id="cfg-postalCode-error" class="field__error">Vul een Belgische postcode in/],
      ['postalCode', 'NL-1012', /id="cfg-postalCode-error" class="field__error">Vul een Belgische postcode in/],
      ['email', 'info@', /id="cfg-email-error" class="field__error">Vul een geldig e-mailadres in/],
      ['website', 'javascript:alert(1)', /id="cfg-website-error" class="field__error">Vul een geldig webadres in/],
    ] as const) {
      const res = await bart.post(`${bart.base}/configuration/contact`, { version, ...VALID_CONTACT, [field]: value });
      assert.equal(res.statusCode, 422, `${field}=${value}`);
      assert.match(res.body, message, `${field}=${value}`);
      assert.match(res.body, /value="09 210 45 00"/, 'what was typed stays');
    }
  });

  it('copies a value to the other two languages without JavaScript, saving nothing', async () => {
    const version = await versionOf(bart, 'contact');
    const res = await bart.post(`${bart.base}/configuration/contact`, {
      version,
      ...VALID_CONTACT,
      streetNl: 'Grote Markt 7',
      streetFr: '',
      streetDe: 'old',
      phone: '09 999 99 99',
      copy: 'streetNl',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /De waarde is naar de andere talen gekopieerd/);
    for (const l of ['Nl', 'Fr', 'De']) assert.match(res.body, new RegExp(`id="cfg-street${l}" name="street${l}" type="text" value="Grote Markt 7"`));
    assert.match(res.body, /value="09 999 99 99"/, 'the other fields typed stay');
    assert.equal(await versionOf(bart, 'contact'), version, 'nothing saved before Bewaren');
    const saved = await bart.post(`${bart.base}/configuration/contact`, {
      version,
      ...VALID_CONTACT,
      streetNl: 'Grote Markt 7',
      streetFr: 'Grote Markt 7',
      streetDe: 'Grote Markt 7',
    });
    assert.equal(saved.statusCode, 303);
    assert.match((await bart.get(`${bart.base}/configuration/contact`)).body, /value="https:\/\/www\.ocmw-demostad\.be"/);
  });

  it('asks an e-mail address for notifications, and e-mail, term and frequency for reminders, within bounds', async () => {
    const version = await versionOf(bart, 'online');
    const base = {
      version,
      notifyOnNew: 'yes',
      notifyEmail: 'a@ocmw.be',
      remindUnread: 'yes',
      reminderEmail: 'a@ocmw.be',
      reminderTermDays: '2',
      reminderFrequencyDays: '3',
    };
    for (const [field, value, message] of [
      ['notifyEmail', '', /id="cfg-notifyEmail-error" class="field__error">U koos ja: vul het e-mailadres in/],
      ['reminderEmail', '', /id="cfg-reminderEmail-error" class="field__error">U koos ja: vul het e-mailadres in/],
      ['reminderTermDays', '', /id="cfg-reminderTermDays-error" class="field__error">U koos ja: vul de herinneringstermijn in/],
      ['reminderTermDays', '0', /De herinneringstermijn is minstens 1 en hoogstens 60 dagen\./],
      ['reminderTermDays', '-2', /De herinneringstermijn is minstens 1 en hoogstens 60 dagen\./],
      ['reminderTermDays', '61', /De herinneringstermijn is minstens 1 en hoogstens 60 dagen\./],
      ['reminderTermDays', '2,5', /Vul een geheel aantal dagen in/],
      ['reminderFrequencyDays', '31', /De herinneringsfrequentie is minstens 1 en hoogstens 30 dagen\./],
      ['reminderFrequencyDays', 'drie', /Vul een geheel aantal dagen in/],
      ['notifyOnNew', 'maybe', /Kies ja of nee\./],
    ] as const) {
      const res = await bart.post(`${bart.base}/configuration/online`, { ...base, [field]: value });
      assert.equal(res.statusCode, 422, `${field}=${value}`);
      assert.match(res.body, message, `${field}=${value}`);
    }
    // "Nee": what belongs to it is not kept
    const res = await bart.post(`${bart.base}/configuration/online`, { ...base, remindUnread: 'no', reminderTermDays: '0' });
    assert.equal(res.statusCode, 303);
    const page = await bart.get(`${bart.base}/configuration/online`);
    assert.match(page.body, /id="cfg-reminderTermDays" name="reminderTermDays" type="text" value(="")? /);
    assert.match(page.body, /id="cfg-remindUnread-no" name="remindUnread" value="no" checked/);
  });

  it('dates every change of the mutation selection, so that "was X selected at T" has an answer', async () => {
    const demostad = await organisationId(t.db, 'OCMW Demostad');
    const before = t.clock.now();
    assert.equal(await wasMutationSelected(t.db, demostad, 'RN_DEATH', before), true);
    assert.equal(await wasMutationSelected(t.db, demostad, 'PENSION', before), false, 'unticked in the demo');
    const all = (await t.db.selectFrom('mutation_types').select('code').execute()).map((r) => r.code);
    t.clock.advance(60_000);
    const page = await bart.get(`${bart.base}/configuration/mutations`);
    assert.match(page.body, /nooit meer ontvangen/, 'the seed warning');
    const res = await bart.post(`${bart.base}/configuration/mutations`, {
      version: hiddenValue(page.body, 'version'),
      selected: all.filter((c) => c !== 'RN_DEATH'),
    });
    assert.equal(res.statusCode, 303);
    const unticked = t.clock.now();
    t.clock.advance(60_000);
    assert.equal(await wasMutationSelected(t.db, demostad, 'RN_DEATH', before), true, 'before the save');
    assert.equal(await wasMutationSelected(t.db, demostad, 'RN_DEATH', unticked), false, 'from the save on');
    assert.equal(await wasMutationSelected(t.db, demostad, 'PENSION', unticked), true, 'ticked again by the same save');
    const history = await bart.get(`${bart.base}/configuration/mutations/history`);
    assert.match(history.body, /<th scope="row">Overlijden<\/th><td>Aangevinkt \(ontvangen\)<\/td><td>Niet aangevinkt \(niet ontvangen\)<\/td>/);
    // Villedemo never saved: every type selected
    assert.equal(await wasMutationSelected(t.db, await organisationId(t.db, 'OCMW Villedemo'), 'RN_DEATH', unticked), true);
  });

  it('shows a stale save both versions and keeps what was typed; of two saves at once only one lands', async () => {
    const sarah = await loginAs(t.app, t.db, 'Sarah Jacobs');
    const version = await versionOf(bart, 'contact');
    assert.equal((await sarah.post(`${sarah.base}/configuration/contact`, { version, ...VALID_CONTACT, phone: '09 111 11 11' })).statusCode, 303);
    const stale = await bart.post(`${bart.base}/configuration/contact`, { version, ...VALID_CONTACT, phone: '09 222 22 22' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Iemand anders heeft dit scherm intussen bewaard/);
    assert.match(stale.body, /Sarah Jacobs heeft dit scherm bewaard op/);
    assert.match(stale.body, /<td>09 222 22 22<\/td><td>09 111 11 11<\/td>/);
    assert.match(stale.body, /value="09 222 22 22"/, 'what Bart typed stays in the form');
    const again = await bart.post(`${bart.base}/configuration/contact`, {
      version: hiddenValue(stale.body, 'version'),
      ...VALID_CONTACT,
      phone: '09 222 22 22',
    });
    assert.equal(again.statusCode, 303, 'saving again replaces it knowingly');

    const current = await versionOf(bart, 'contact');
    const results = await Promise.all(
      ['09 333 33 33', '09 444 44 44', '09 555 55 55'].map((phone, i) =>
        (i === 1 ? sarah : bart).post(`${(i === 1 ? sarah : bart).base}/configuration/contact`, { version: current, ...VALID_CONTACT, phone }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409, 409]);
    assert.equal(await versionOf(bart, 'contact'), String(Number(current) + 1));
  });

  it('tells a new merged OCMW (scenario 1) which screens it must still fill', async () => {
    const merged = await t.db
      .selectFrom('mergers as m')
      .innerJoin('organisations as o', 'o.id', 'm.merged_organisation_id')
      .select('o.kbo')
      .where('m.scenario', '=', 'S1_NEW_KBO_NEW_NIS')
      .executeTakeFirstOrThrow();
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const page = await nathalie.get(`/ocmw/${merged.kbo}/configuration`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /ontstaan uit een fusie met een nieuw KBO-nummer/);
    for (const slug of ['mutations', 'providers', 'contact', 'online']) assert.match(page.body, new RegExp(`href="/ocmw/${merged.kbo}/configuration/${slug}"`));
    assert.doesNotMatch((await bart.get(`${bart.base}/configuration`)).body, /ontstaan uit een fusie/, 'Demostad (scenario 3) is told nothing');
  });

  it('answers an unknown screen with not found', async () => {
    assert.equal((await bart.get(`${bart.base}/configuration/settings`)).statusCode, 404);
  });
});
