import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { buildWorkbook } from '../../src/modules/workbooks/index.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, hiddenValue, loginAs } from '../support/http.ts';
import { gpmiStaffRow, psaActivity, psaWorkbook } from '../support/measures.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Excel route of PSA (forms.md §2.7): switch, upload, validation by the same rules, the kept file. */
describe(`PSA justified by workbook (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let an: Client;
  let psa: string;
  let params: Record<string, unknown>;

  before(async () => {
    t = await buildTestApp();
    an = await loginAs(t.app, t.db, 'An Peeters');
    const campaign = await t.db
      .selectFrom('campaigns')
      .select(['id', 'params'])
      .where('measure', '=', 'PSA')
      .where('report_year', '=', 2026)
      .executeTakeFirstOrThrow();
    psa = campaign.id;
    params = campaign.params as Record<string, unknown>;
  });
  after(async () => t.close());

  const stored = () => t.db.selectFrom('form_instances').selectAll().where('campaign_id', '=', psa).executeTakeFirst();
  const version = async () => hiddenValue((await an.get(`${an.base}/forms/${psa}`)).body, 'version');

  it('offers the official workbook of the measure and year for download', async () => {
    const res = await an.get(`${an.base}/forms/${psa}/workbook`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], XLSX);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="psa-2026-99001\.xlsx"/);
    assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  it('types part A by hand, then switches to the workbook after confirmation, wiping the typed activity rows', async () => {
    const edit = await an.get(`${an.base}/forms/${psa}/edit?part=partA`);
    await an.post(`${an.base}/forms/${psa}`, {
      version: hiddenValue(edit.body, 'version'),
      part: 'partA',
      't.activitiesA.rows': '1',
      ...Object.fromEntries(Object.entries(psaActivity({ description: 'Getypt', amount: '100' })).map(([k, v]) => [`t.activitiesA.0.${k}`, v])),
      't.staffA.rows': '0',
      action: 'save',
    });
    const early = await psaWorkbook(params, { activitiesA: [psaActivity({ description: 'Te vroeg opgeladen', amount: '10' })] });
    const notYet = await an.postFile(
      `${an.base}/forms/${psa}/workbook`,
      { version: hiddenValue((await an.get(`${an.base}/forms/${psa}/edit?part=partA`)).body, 'version') },
      { name: 'psa.xlsx', type: XLSX, content: early },
    );
    assert.equal(notYet.statusCode, 422, 'a form typed in does not switch to the workbook without its confirmation');
    assert.match(notYet.body, /Schakel eerst over naar het rekenblad/);
    const confirm = await an.get(`${an.base}/forms/${psa}/entry-mode`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /De 1 rij die u in de toepassing invulde/);
    // issue 14, item 8: the tables that are emptied by name, and the workbook (with the typed rows) to download first
    assert.match(confirm.body, /<li>Activiteiten van luik A: 1 rij<\/li>/);
    assert.match(confirm.body, new RegExp(`href="${an.base}/forms/${psa}/workbook" download`));
    const res = await an.post(`${an.base}/forms/${psa}/entry-mode`, { version: hiddenValue(confirm.body, 'version'), mode: 'WORKBOOK' });
    assert.equal(res.headers.location, `${an.base}/forms/${psa}?m=entry_mode_changed`);
    const row = await stored();
    assert.equal(row?.entry_mode, 'WORKBOOK');
    assert.deepEqual((row?.input as { tables: Record<string, unknown[]> } | undefined)?.tables.activitiesA, []);
  });

  it('refuses a file that is not the workbook, and a missing file, changing nothing', async () => {
    const before = await stored();
    const garbage = await an.postFile(
      `${an.base}/forms/${psa}/workbook`,
      { version: await version() },
      { name: 'notes.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.7\n…') },
    );
    assert.equal(garbage.statusCode, 422);
    assert.match(garbage.body, /class="error-summary/);
    const none = await an.postFile(`${an.base}/forms/${psa}/workbook`, { version: await version() }, null);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Kies het ingevulde rekenblad/);
    assert.equal((await stored())?.version, before?.version);
  });

  it('refuses a workbook whose rows break the form rules, naming sheet, row and column', async () => {
    const bad = await psaWorkbook(params, {
      activitiesA: [
        psaActivity({ description: 'Uitstap', amount: '500' }),
        { ...psaActivity({ description: 'Te vroeg', amount: '20' }), 'period.from': '12/07/2025' },
      ],
    });
    const res = await an.postFile(`${an.base}/forms/${psa}/workbook`, { version: await version() }, { name: 'psa.xlsx', type: XLSX, content: bad });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Blad A_Participatie, rij 3, kolom [A-Z]+ \(/);
    // issue 14, item 8: the value found is quoted, and the page says once that nothing was taken over
    assert.match(res.body, /gevonden: «12\/07\/2025 – 12\/07\/2026»/);
    assert.equal(res.body.split('Er is niets uit dit bestand overgenomen').length - 1, 1);
    assert.equal((await stored())?.workbook_attachment_id, null);
  });

  it('takes the rows of a good workbook, keeps the file, and ignores activity rows posted by hand', async () => {
    const good = await psaWorkbook(params, {
      activitiesA: [psaActivity({ description: 'Uitstap naar zee', amount: '1.250,00' }), psaActivity({ description: 'Museumbezoek', amount: '310,40' })],
      modulesB: [],
      activitiesC: [],
    });
    const res = await an.postFile(`${an.base}/forms/${psa}/workbook`, { version: await version() }, { name: 'PSA 2026.xlsx', type: XLSX, content: good });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${an.base}/forms/${psa}?m=workbook_uploaded`);
    const page = (await an.get(`${an.base}/forms/${psa}`)).body;
    assert.match(page, /Uitstap naar zee/);
    assert.match(page, /1\.560,40 €/, 'the total of the uploaded rows');
    const kept = await an.get(`${an.base}/forms/${psa}/workbook/file`);
    assert.equal(createHash('sha256').update(kept.rawPayload).digest('hex'), createHash('sha256').update(good).digest('hex'));
    const edit = await an.get(`${an.base}/forms/${psa}/edit?part=partA`);
    assert.doesNotMatch(edit.body, /name="t\.activitiesA\.0\.amount"/, 'workbook rows are not editable by hand');
    await an.post(`${an.base}/forms/${psa}`, {
      version: hiddenValue(edit.body, 'version'),
      part: 'partA',
      't.activitiesA.rows': '1',
      ...Object.fromEntries(Object.entries(psaActivity({ description: 'Ingeschoven', amount: '9.999' })).map(([k, v]) => [`t.activitiesA.0.${k}`, v])),
      't.staffA.rows': '0',
      action: 'save',
    });
    const tables = ((await stored())?.input as { tables: Record<string, Array<Record<string, string>>> } | undefined)?.tables ?? {};
    assert.deepEqual(
      tables.activitiesA.map((r) => r.description),
      ['Uitstap naar zee', 'Museumbezoek'],
    );
  });

  it('switches back to typing: the workbook rows go, the file stays in the history', async () => {
    const confirm = await an.get(`${an.base}/forms/${psa}/entry-mode`);
    assert.match(confirm.body, /De 2 rijen uit het opgeladen rekenblad/);
    await an.post(`${an.base}/forms/${psa}/entry-mode`, { version: hiddenValue(confirm.body, 'version'), mode: 'MANUAL' });
    const row = await stored();
    assert.equal(row?.entry_mode, 'MANUAL');
    assert.equal(row?.workbook_attachment_id, null);
    assert.equal((await t.db.selectFrom('form_attachments').select('id').execute()).length, 1);
    const history = (await an.get(`${an.base}/forms/${psa}/history`)).body;
    assert.match(history, /Rekenblad opgeladen/);
    assert.match(history, /Invoerwijze gewijzigd/);
  });
});

/** GPMI justified entirely by its workbook (staff and other costs), then both signatures: submitted. */
describe(`GPMI justified by workbook through submission (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;

  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  it('uploads, signs twice and submits', async () => {
    const [an, jan, els] = await Promise.all(['An Peeters', 'Jan Janssens', 'Els Maes'].map((name) => loginAs(t.app, t.db, name)));
    const campaign = await t.db
      .selectFrom('campaigns')
      .select(['id', 'params'])
      .where('measure', '=', 'GPMI')
      .where('report_year', '=', 2026)
      .executeTakeFirstOrThrow();
    const url = `${an.base}/forms/${campaign.id}`;
    const confirm = await an.get(`${url}/entry-mode`);
    await an.post(`${url}/entry-mode`, { version: hiddenValue(confirm.body, 'version'), mode: 'WORKBOOK' });
    const staff = gpmiStaffRow();
    const workbook = await buildWorkbook({
      definition: getDefinition('GPMI', 1),
      measure: 'GPMI',
      reportYear: 2026,
      templateVersion: 1,
      params: campaign.params as Record<string, unknown>,
      lang: 'nl',
      t: translator('nl'),
      rows: { staff: [staff] },
    });
    const view = await an.get(url);
    const res = await an.postFile(`${url}/workbook`, { version: hiddenValue(view.body, 'version') }, { name: 'gpmi.xlsx', type: XLSX, content: workbook });
    assert.equal(res.headers.location, `${url}?m=workbook_uploaded`, res.body.slice(0, 2000));
    const page = (await an.get(url)).body;
    assert.match(page, /26\.000,00 €/, 'charged: 50 % of € 52.000');
    for (const [signer, expected] of [
      [jan, 'signed'],
      [els, 'submitted'],
    ] as const) {
      const before = await signer.get(`${url}/sign`);
      const signed = await signer.post(`${url}/sign`, { contentHash: hiddenValue(before.body, 'contentHash') });
      assert.equal(signed.headers.location, `${url}?m=${expected}`);
    }
    const row = await t.db.selectFrom('form_instances').select(['submitted_at', 'entry_mode']).where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow();
    assert.ok(row.submitted_at);
    assert.equal(row.entry_mode, 'WORKBOOK');
  });
});
