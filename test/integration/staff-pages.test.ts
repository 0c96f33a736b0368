import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { formValues } from '../support/form-values.ts';
import { type Client, campaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';

/**
 * Issue 14, item 2 (ADR 0042): the staff tables as one card per person and one page per person. The part's page lists
 * the members with "Wijzigen"/"Verwijderen"; a member is added, changed and removed on a page of their own, which
 * saves that row only (a narrower merge than a part), with the version's compare-and-set; a blank member is never
 * stored; workbook rows stay read-only; the read-only form shows a card per member.
 */
describe(`staff members on their own pages (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let an: Client;
  let gas: string;
  let gasUrl: string;

  const EVA = {
    lastName: 'Wouters',
    firstName: 'Eva',
    staffId: '',
    function: 'debtMediator',
    status: 'contractual',
    'period.from': '01/01/2026',
    'period.to': '31/12/2026',
    fte: '1',
    allocationRate: '80',
    grossCost: '58.000,00',
    otherFunding: '0',
  };

  async function stored(): Promise<
    { version: number; input: { fields: Record<string, string>; tables: Record<string, Array<Record<string, string>>> } } | undefined
  > {
    const row = await t.db
      .selectFrom('form_instances')
      .select(['version', 'input'])
      .where('campaign_id', '=', gas)
      .where('organisation_id', '=', await organisationId(t.db, 'OCMW Demostad'))
      .executeTakeFirst();
    return row as never;
  }

  /** Posts the person page as a browser would: its own values (version, the other rows) and these cells. */
  async function postMember(row: string, cells: Record<string, string>, extra: Record<string, string> = {}) {
    const page = await an.get(`${gasUrl}/staff/staffArt4/${row}`);
    assert.equal(page.statusCode, 200);
    const action = `${gasUrl}/staff/staffArt4/${row}`;
    const values = formValues(page.body, action);
    const index = row === 'new' ? Number(values['t.staffArt4.rows']) - 1 : Number(row);
    // a new member's drop-downs show "— Kies —" (<option value>, which formValues does not read as empty)
    if (row === 'new') for (const key of ['function', 'status']) values[`t.staffArt4.${index}.${key}`] = '';
    for (const [k, v] of Object.entries(cells)) values[`t.staffArt4.${index}.${k}`] = v;
    return an.post(action, { ...values, action: 'save', ...extra });
  }

  before(async () => {
    t = await buildTestApp();
    an = await loginAs(t.app, t.db, 'An Peeters');
    gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    gasUrl = `${an.base}/forms/${gas}`;
  });
  after(async () => t.close());

  it('lists no staff table of a dozen columns, and "Personeelslid toevoegen" opens a new member\'s page without storing anything', async () => {
    const edit = await an.get(`${gasUrl}/edit?part=art4`);
    assert.equal(edit.statusCode, 200);
    assert.doesNotMatch(edit.body, /<table[^>]*>\s*<caption>Personeel/, 'no wide table');
    assert.match(edit.body, /Nog geen personeelsleden ingevuld\./);
    const values = formValues(edit.body, gasUrl);
    const res = await an.post(gasUrl, { ...values, action: 'person:staffArt4:new' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${gasUrl}/staff/staffArt4/new`);
    assert.equal(await stored(), undefined, 'opening the page of a new member does not create the form');

    const page = await an.get(`${gasUrl}/staff/staffArt4/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>Personeelslid toevoegen<\/h1>/);
    // stacked fields with their labels and the hints a value needs
    assert.match(page.body, /<label class="field__label" for="field-staffArt4-0-allocationRate">Percentage toegewezen aan de maatregel<\/label>/);
    assert.match(page.body, /80 betekent 80 %/);
    assert.match(page.body, /1 is voltijds/);
    assert.match(page.body, /aria-describedby="field-staffArt4-0-fte-hint"/);
    assert.match(page.body, /name="t\.staffArt4\.0\.lastName"/);
  });

  it('never stores a member without any value: the page again, saying so', async () => {
    const res = await postMember('new', {});
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Een personeelslid zonder gegevens wordt niet bewaard\./);
    assert.equal(await stored(), undefined);
  });

  it('saves a new member into the stored input, next to the other parts, and lists them on a card', async () => {
    // something in another part first: the member's save must leave it as it is
    const curative = await an.get(`${gasUrl}/edit?part=art6Curative`);
    const bills = await an.post(gasUrl, {
      ...formValues(curative.body, gasUrl),
      't.unpaidBills.rows': '1',
      't.unpaidBills.0.energy': 'electricity',
      't.unpaidBills.0.householdsHelped': '14',
      't.unpaidBills.0.amount': '9.850,25',
      action: 'save',
    });
    assert.equal(bills.statusCode, 303);
    const before = await stored();
    const res = await postMember('new', EVA);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${gasUrl}/edit?part=art4&m=saved#row-staffArt4-0`);
    const after = await stored();
    assert.equal(after?.version, (before?.version ?? 0) + 1);
    assert.deepEqual(after?.input.tables.staffArt4, [EVA]);
    assert.deepEqual(after?.input.tables.unpaidBills, before?.input.tables.unpaidBills, 'the other part untouched');
    assert.equal(after?.input.tables.unpaidBills?.[0]?.amount, '9.850,25');

    const edit = await an.get(String(res.headers.location).replace(/#.*$/, ''));
    assert.match(edit.body, /<h4 class="record-card__title" id="row-staffArt4-0-title">Eva Wouters<\/h4>/);
    assert.match(edit.body, /value="person:staffArt4:0"/);
    assert.match(edit.body, /value="confirm-remove:staffArt4:0"/);
    // 58 000 € at 80 %: 46 400,00 € charged, 0,80 FTE
    assert.match(edit.body, /data-figure="staffArt4\.0\.chargedAmount">46\.400,00 €</);
    assert.match(edit.body, /data-figure="staffArt4\.0\.fteCharged">0,80</);
    // the row goes back unchanged with a save of the part
    assert.match(edit.body, /<input type="hidden" name="t\.staffArt4\.0\.grossCost" value="58\.000,00"\/>/);

    const view = await an.get(gasUrl);
    assert.match(view.body, /id="row-staffArt4-0"/);
    assert.match(view.body, /<dt>Andere subsidies \(APE, Maribel, …\)<\/dt><dd>0,00 €<\/dd>/);
    assert.match(view.body, /<dt>Statuut<\/dt><dd>Contractueel<\/dd>/);
    assert.doesNotMatch(view.body, /<caption>Personeel/);
  });

  it('keeps the rows when the part is saved, and opens a member without saving when nothing changed', async () => {
    const before = await stored();
    const edit = await an.get(`${gasUrl}/edit?part=art4`);
    const res = await an.post(gasUrl, { ...formValues(edit.body, gasUrl), action: 'person:staffArt4:0' });
    assert.equal(res.headers.location, `${gasUrl}/staff/staffArt4/0`);
    assert.equal((await stored())?.version, before?.version, 'nothing saved: no new version');
    const saved = await an.post(gasUrl, { ...formValues(edit.body, gasUrl), action: 'next' });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual((await stored())?.input.tables.staffArt4, [EVA], 'a save of the part keeps the member');
  });

  it('brings the member page back with the error and the typed values when a value is wrong', async () => {
    const res = await postMember('0', { fte: 'anderhalf' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${gasUrl}/staff/staffArt4/0?m=saved_errors`);
    const page = await an.get(String(res.headers.location));
    assert.match(page.body, /value="anderhalf"/);
    assert.match(page.body, /class="error-summary"/);
    assert.match(page.body, /href="#field-staffArt4-0-fte"/);
    // on the part's page the card says so, and the summary links to the member's page
    const edit = await an.get(`${gasUrl}/edit?part=art4`);
    assert.match(edit.body, /record-card record-card--error/);
    assert.match(edit.body, new RegExp(`href="${gasUrl}/staff/staffArt4/0#field-staffArt4-0-fte"`));
    const fixed = await postMember('0', { fte: '1' });
    assert.match(String(fixed.headers.location), /edit\?part=art4&m=saved#row-staffArt4-0$/);
  });

  it('answers a stale version with the conflict page and changes nothing', async () => {
    const before = await stored();
    const res = await postMember('0', { lastName: 'Peeters' }, { version: String((before?.version ?? 0) - 1) });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /value="Peeters"/, 'what this person typed is kept on the conflict page');
    assert.deepEqual(await stored(), before);
  });

  it('asks before removing a member, then removes them', async () => {
    const edit = await an.get(`${gasUrl}/edit?part=art4`);
    const ask = await an.post(gasUrl, { ...formValues(edit.body, gasUrl), action: 'confirm-remove:staffArt4:0' });
    assert.equal(ask.headers.location, `${gasUrl}/staff/staffArt4/0?action=remove`);
    const page = await an.get(String(ask.headers.location));
    assert.match(page.body, /<h1>Wilt u Eva Wouters verwijderen\?<\/h1>/);
    assert.deepEqual((await stored())?.input.tables.staffArt4, [EVA], 'asking removes nothing');
    const res = await an.post(`${gasUrl}/staff/staffArt4/0`, { ...formValues(page.body, `${gasUrl}/staff/staffArt4/0`), action: 'remove' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${gasUrl}/edit?part=art4&m=removed#table-staffArt4`);
    assert.deepEqual((await stored())?.input.tables.staffArt4, []);
    assert.match((await an.get(String(res.headers.location))).body, /Het personeelslid is verwijderd/);
  });

  it('names no row that does not exist, no table that is not a staff table, and no workbook rows', async () => {
    assert.equal((await an.get(`${gasUrl}/staff/staffArt4/3`)).statusCode, 404);
    assert.equal((await an.get(`${gasUrl}/staff/unpaidBills/new`)).statusCode, 404);
    assert.equal((await an.get(`${gasUrl}/staff/staffArt4/0?action=remove`)).statusCode, 404);
    const gpmi = `${an.base}/forms/${await campaignId(t.db, 'GPMI', 2026)}`;
    assert.equal((await an.get(`${gpmi}/staff/staff/new`)).statusCode, 200);
    const confirm = await an.get(`${gpmi}/entry-mode`);
    const switched = await an.post(`${gpmi}/entry-mode`, { version: hiddenValue(confirm.body, 'version'), mode: 'WORKBOOK' });
    assert.equal(switched.statusCode, 303);
    assert.equal((await an.get(`${gpmi}/staff/staff/new`)).statusCode, 404, 'workbook rows change by uploading a file only');
    const edit = await an.get(`${gpmi}/edit`);
    assert.doesNotMatch(edit.body, /Personeelslid toevoegen/);
    const version = hiddenValue(edit.body, 'version');
    const post = await an.post(`${gpmi}/staff/staff/new`, { version, 't.staff.rows': '1', 't.staff.0.lastName': 'Janssens', action: 'save' });
    assert.equal(post.statusCode, 404);
  });
});
