import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, campaignId, hiddenValue, loginAs } from '../support/http.ts';

function staffRow(table: string, i: number, values: Record<string, string>): Record<string, string> {
  const row = {
    lastName: 'Claes',
    firstName: 'Mira',
    staffId: 'P-0042',
    function: 'socialWorker',
    status: 'contractual',
    'period.from': '01/01/2026',
    'period.to': '31/12/2026',
    fte: '1',
    allocationRate: '100',
    grossCost: '60.000,00',
    otherFunding: '0',
    ...values,
  };
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [`t.${table}.${i}.${k}`, v]));
}

/** Long forms are edited one part at a time; checks across forms of the same year (G-STAFF-1). */
describe(`long forms and checks across forms (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let an: Client;

  before(async () => {
    t = await buildTestApp();
    an = await loginAs(t.app, t.db, 'An Peeters');
  });
  after(async () => t.close());

  it('saves one part of a long form and keeps the other parts as they were', async () => {
    const psa = await campaignId(t.db, 'PSA', 2026);
    const partA = await an.get(`${an.base}/forms/${psa}/edit?part=partA`);
    assert.equal(partA.statusCode, 200);
    assert.match(partA.body, /aria-current="page"/, 'the parts navigation marks the current part');
    assert.doesNotMatch(partA.body, /name="t\.modulesB\.rows"/, 'only the fields of part A');
    const savedA = await an.post(`${an.base}/forms/${psa}`, {
      version: hiddenValue(partA.body, 'version'),
      part: 'partA',
      't.activitiesA.rows': '1',
      't.activitiesA.0.category': 'tripsTravel',
      't.activitiesA.0.kind': 'collective',
      't.activitiesA.0.description': 'Daguitstap naar zee',
      't.activitiesA.0.period.from': '12/07/2026',
      't.activitiesA.0.period.to': '12/07/2026',
      't.activitiesA.0.usersReached': '25',
      't.activitiesA.0.amount': '1.250,00',
      't.staffA.rows': '0',
      action: 'save',
    });
    assert.equal(savedA.statusCode, 303);
    const partB = await an.get(`${an.base}/forms/${psa}/edit?part=partB`);
    const savedB = await an.post(`${an.base}/forms/${psa}`, {
      version: hiddenValue(partB.body, 'version'),
      part: 'partB',
      't.staffB.rows': '0',
      't.modulesB.rows': '0',
      't.activitiesA.rows': '0',
      action: 'save',
    });
    assert.equal(savedB.statusCode, 303);
    const stored = await t.db.selectFrom('form_instances').select('input').where('campaign_id', '=', psa).executeTakeFirstOrThrow();
    const input = stored.input as { tables: Record<string, unknown[]> };
    assert.equal(input.tables.activitiesA.length, 1, 'part A kept: a table of another part posted with part B is ignored');
    const view = await an.get(`${an.base}/forms/${psa}`);
    assert.match(view.body, /1\.250,00 €/);
  });

  it('shows the parts as a task list with their state, and "Opslaan en verder" opens the next part (issue 14, item 4)', async () => {
    const psa = await campaignId(t.db, 'PSA', 2026);
    const view = await an.get(`${an.base}/forms/${psa}`);
    const tasks = /<nav class="task-list"[\s\S]*?<\/nav>/.exec(view.body)?.[0] ?? '';
    assert.match(tasks, /href="\/ocmw\/\d{10}\/forms\/[0-9a-f-]+\/edit\?part=partA"/, 'each part leads to its edit page');
    assert.match(tasks, /<span class="tag tag--success">Voltooid<\/span>/, 'part A, saved without errors');
    assert.doesNotMatch(tasks, /<ol/, 'no list numbers before the parts’ own numbers ("1. 1.")');
    const partB = await an.get(`${an.base}/forms/${psa}/edit?part=partB`);
    assert.match(partB.body, /<button type="submit" class="button" name="action" value="next">Opslaan en verder<\/button>/);
    const res = await an.post(`${an.base}/forms/${psa}`, {
      version: hiddenValue(partB.body, 'version'),
      part: 'partB',
      't.staffB.rows': '0',
      't.modulesB.rows': '0',
      action: 'next',
    });
    assert.equal(res.headers.location, `${an.base}/forms/${psa}/edit?part=partC&m=saved`, 'on to part C');
    const partC = await an.get(res.headers.location as string);
    assert.match(partC.body, /Het formulier is opgeslagen\./);
    assert.match(partC.body, /value="save">Dit deel opslaan<\/button>/, 'the last part saves and returns to the form');
  });

  it('says which parameters of the year are assumptions not yet confirmed by POD MI, on the form (item 22)', async () => {
    const gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    const page = await an.get(`${an.base}/forms/${gas}`);
    assert.match(page.body, /<h2 id="assumptions-title">Aanname, nog niet bevestigd door de POD MI<\/h2>/);
    assert.match(page.body, /De klassentabel \(klasse van het OCMW → VTE maatschappelijk werkers\): klasse 1: 0,50 VTE; klasse 2: 1,00 VTE/);
    const psa = await an.get(`${an.base}/forms/${await campaignId(t.db, 'PSA', 2026)}`);
    assert.doesNotMatch(psa.body, /assumptions-title/, 'a measure without assumptions says nothing');
    // POD MI confirms the class table: the label goes
    await t.db.updateTable('campaigns').set({ params: sql`params - 'assumedParams'` }).where('id', '=', gas).execute();
    assert.doesNotMatch((await an.get(`${an.base}/forms/${gas}`)).body, /assumptions-title/);
  });

  it('falls back to the first part for an unknown part and links errors to the part that holds them', async () => {
    const psa = await campaignId(t.db, 'PSA', 2026);
    const odd = await an.get(`${an.base}/forms/${psa}/edit?part=settlement`);
    assert.match(odd.body, /name="part" value="partA"/);
    const edit = await an.get(`${an.base}/forms/${psa}/edit?part=partC`);
    const res = await an.post(`${an.base}/forms/${psa}`, {
      version: hiddenValue(edit.body, 'version'),
      part: 'partC',
      't.activitiesC.rows': '1',
      't.activitiesC.0.description': 'Schoolmateriaal',
      't.activitiesC.0.amount': 'abc',
      't.staffC.rows': '0',
      action: 'save',
    });
    assert.equal(res.headers.location, `${an.base}/forms/${psa}/edit?part=partC&m=saved_errors`, 'back to the part with errors');
    const partA = await an.get(`${an.base}/forms/${psa}/edit?part=partA`);
    assert.match(partA.body, /href="\/ocmw\/\d{10}\/forms\/[0-9a-f-]+\/edit\?part=partC#field-activitiesC-0-amount"/, 'an error of part C links to its field');
    assert.match(partA.body, /tag--error/, 'the parts navigation counts the errors of part C');
  });

  it('warns on every form concerned when one person is charged above their FTE across measures (G-STAFF-1)', async () => {
    const gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    const art40 = await campaignId(t.db, 'PERSONEELSKOSTEN', 2026);
    const gasEdit = await an.get(`${an.base}/forms/${gas}/edit?part=art4`);
    await an.post(`${an.base}/forms/${gas}`, {
      version: hiddenValue(gasEdit.body, 'version'),
      part: 'art4',
      't.staffArt4.rows': '1',
      ...staffRow('staffArt4', 0, { allocationRate: '60' }),
      action: 'save',
    });
    const art40Edit = await an.get(`${an.base}/forms/${art40}/edit`);
    const within = await an.post(`${an.base}/forms/${art40}`, {
      version: hiddenValue(art40Edit.body, 'version'),
      't.staffNorms.rows': '1',
      ...staffRow('staffNorms', 0, { allocationRate: '40', staffId: 'p 0042' }),
      't.reception.rows': '0',
      action: 'save',
    });
    assert.equal(within.statusCode, 303);
    assert.doesNotMatch((await an.get(`${an.base}/forms/${art40}`)).body, /meer dan de tewerkstelling/, '60 % + 40 % of one FTE is fine');
    const again = await an.get(`${an.base}/forms/${art40}/edit`);
    await an.post(`${an.base}/forms/${art40}`, {
      version: hiddenValue(again.body, 'version'),
      't.staffNorms.rows': '1',
      ...staffRow('staffNorms', 0, { allocationRate: '50', 'period.from': '01/07/2026' }),
      't.reception.rows': '0',
      action: 'save',
    });
    const art40Page = (await an.get(`${an.base}/forms/${art40}`)).body;
    assert.match(art40Page, /Mira Claes wordt over alle formulieren van dit verslagjaar voor 1,10 VTE/);
    assert.match(art40Page, /Gas- en elektriciteitsfonds/);
    assert.match((await an.get(`${an.base}/forms/${gas}`)).body, /Mira Claes wordt over alle formulieren/, 'the warning is on the other form too');
  });
});
