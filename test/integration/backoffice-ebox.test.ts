import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { bulkZip, manifestCsv } from '../support/bulk-zip.ts';
import { tinyPdf } from '../support/ebox.ts';
import { type Client, loginAs, organisationId } from '../support/http.ts';

const BASE = '/backoffice/ebox';
const DEMOSTAD_KBO = '0212000131';
const VILLEDEMO_KBO = '0212000230';
const DEMODORP_KBO = '0212000329';

/** The value of the hidden `staged` field of the preview page (HTML-escaped JSON). */
function stagedOf(html: string): string {
  const raw = /name="staged" value="([^"]*)"/.exec(html)?.[1] ?? assert.fail('no staged message on the preview');
  return raw
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * POD MI publishes in the e-Box (issue 16, item 2): one message with a preview, and a bulk ZIP validated whole before
 * anything is published, then published row by row — a second upload of the same ZIP publishes nothing twice.
 */
describe(`back office: publishing in the e-Box (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let nathalie: Client;
  let demostad: string;
  let pdf: Buffer;

  before(async () => {
    t = await buildTestApp();
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    demostad = await organisationId(t.db, 'OCMW Demostad');
    pdf = await tinyPdf('Brief');
  });
  after(async () => t.close());

  const fields = (over: Record<string, string> = {}) => ({
    recipient: 'Demostad',
    messageType: 'BRIEF_LEGALITEIT',
    legislation: 'RMI',
    period: '2026-11',
    subject_nl: 'Brief over dossier 42',
    subject_fr: 'Lettre concernant le dossier 42',
    subject_de: '',
    ...over,
  });

  it('refuses a message with its problems next to the fields, the text kept', async () => {
    const res = await nathalie.postFiles(`${BASE}/new`, fields({ recipient: 'Nergensdorp', legislation: 'SUBSIDIES', period: '2026-13', subject_fr: '' }), [
      { field: 'file1', name: 'brief.pdf', type: 'application/pdf', content: Buffer.from('not a pdf at all') },
    ]);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Geen OCMW gevonden met dit KBO-nummer of deze naam/);
    assert.match(res.body, /Deze wetgeving hoort niet bij dit soort document/);
    assert.match(res.body, /Vul een maand \(2026-11\) of een jaar \(2026\) in/);
    assert.match(res.body, /Vul het onderwerp in/);
    assert.match(res.body, /brief\.pdf wordt geweigerd: het is geen PDF-bestand/);
    assert.match(res.body, /value="Brief over dossier 42"/, 'nothing typed is lost');
    assert.equal(
      Number(
        (
          await t.db
            .selectFrom('ebox_messages')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
    );
  });

  it('shows a preview, then publishes once however often "Publiceren" is posted; the OCMW finds it unread', async () => {
    const preview = await nathalie.postFiles(`${BASE}/new`, fields({ recipient: '0212.000.131' }), [
      { field: 'file1', name: 'brief-42.pdf', type: 'application/pdf', content: pdf },
      { field: 'file2', name: 'bijlage.pdf', type: 'application/pdf', content: await tinyPdf('Bijlage') },
    ]);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Voorbeeld van het bericht/);
    assert.match(preview.body, /OCMW Demostad \(0212000131\)/);
    const staged = stagedOf(preview.body);
    const first = await nathalie.post(`${BASE}/publish`, { staged });
    assert.equal(first.statusCode, 303);
    const again = await nathalie.post(`${BASE}/publish`, { staged });
    assert.equal(again.headers.location, first.headers.location, 'the same message');
    const messages = await t.db.selectFrom('ebox_messages').selectAll().where('organisation_id', '=', demostad).execute();
    assert.equal(messages.length, 1);
    assert.equal(messages[0].sender_application, 'BACKOFFICE');
    const page = await nathalie.follow(first);
    assert.match(page.body, /Het bericht is gepubliceerd/);
    assert.match(page.body, /Nog niet geopend/);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const list = (await an.get(`${an.base}/ebox`)).body;
    assert.match(list, /Brief over dossier 42/);
    await an.get(`${an.base}/ebox/${messages[0].id}`);
    assert.doesNotMatch((await nathalie.get(`${BASE}/messages/${messages[0].id}`)).body, /Nog niet geopend/, 'POD MI sees it read');
  });

  it('publishes a bulk ZIP row by row with a report; the same ZIP again publishes nothing twice', async () => {
    const zip = bulkZip([
      {
        name: 'manifest.csv',
        data: manifestCsv([
          ['r1', DEMOSTAD_KBO, 'MAANDSTAAT', 'RMI', '2026-11', 'Maandstaat november', 'État mensuel novembre', '', 'ms-demostad.pdf', ''],
          ['r2', VILLEDEMO_KBO, 'MAANDSTAAT', 'RMI', '2026-11', 'Maandstaat november', 'État mensuel novembre', '', 'ms-villedemo.pdf', 'detail-villedemo.pdf'],
          ['r3', DEMODORP_KBO, 'LIJST_GEBLOKKEERD', 'WET65', '2026-11', 'Geblokkeerde formulieren', 'Formulaires bloqués', '', 'blok-demodorp.pdf', ''],
        ]),
      },
      { name: 'ms-demostad.pdf', data: await tinyPdf('Demostad') },
      { name: 'ms-villedemo.pdf', data: await tinyPdf('Villedemo') },
      { name: 'detail-villedemo.pdf', data: await tinyPdf('Détail') },
      { name: 'blok-demodorp.pdf', data: await tinyPdf('Demodorp') },
    ]);
    const upload = () => nathalie.postFile(`${BASE}/bulk`, {}, { name: 'november.zip', type: 'application/zip', content: zip });
    const first = await upload();
    assert.equal(first.statusCode, 303);
    const result = await nathalie.follow(first);
    assert.match(result.body, /3 berichten gepubliceerd, 0 waren al eerder gepubliceerd/);
    const report = await nathalie.get(`${first.headers.location}/report.csv`);
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /^\uFEFFrow;reference;recipient_kbo;result;message_id;reasons\r\n1;r1;0212000131;published;[0-9a-f-]{36};\r\n/);
    const second = await nathalie.follow(await upload());
    assert.match(second.body, /0 berichten gepubliceerd, 3 waren al eerder gepubliceerd/);
    const count = await t.db
      .selectFrom('ebox_messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('batch_id', 'is not', null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 3, 'a disappearing OCMW (Demodorp) receives too');
  });

  it('refuses a ZIP with one bad row and publishes nothing of it, naming each problem per row', async () => {
    const before = (await t.db.selectFrom('ebox_messages').select('id').execute()).length;
    const zip = bulkZip([
      {
        name: 'manifest.csv',
        data: manifestCsv([
          ['ok', DEMOSTAD_KBO, 'MAANDSTAAT', 'RMI', '2026-12', 'Maandstaat december', 'État mensuel décembre', '', 'a.pdf', ''],
          ['bad', '0212000132', 'MAANDSTAAT', 'RMI', '2026-12', 'Maandstaat december', 'État mensuel décembre', '', 'b.pdf', 'c.pdf'],
        ]),
      },
      { name: 'a.pdf', data: await tinyPdf('A') },
      { name: 'b.pdf', data: Buffer.from('%PDF-1.7 <</OpenAction <</S /JavaScript /JS (x)>>>> %%EOF') },
      { name: 'extra.pdf', data: await tinyPdf('Extra') },
    ]);
    const res = await nathalie.postFile(`${BASE}/bulk`, {}, { name: 'december.zip', type: 'application/zip', content: zip });
    const page = await nathalie.follow(res);
    assert.match(page.body, /Het ZIP-bestand werd geweigerd: \d+ fouten\. Er werd niets gepubliceerd/);
    assert.match(page.body, /is geen geldig KBO-nummer/);
    assert.match(page.body, /Het bestand c\.pdf staat niet in het ZIP-bestand/);
    assert.match(page.body, /Het bestand extra\.pdf staat in het ZIP-bestand maar in geen enkele rij/);
    assert.equal((await t.db.selectFrom('ebox_messages').select('id').execute()).length, before);
  });

  it('keeps publication to POD MI staff: an OCMW user cannot reach it', async () => {
    const an = await loginAs(t.app, t.db, 'An Peeters');
    for (const path of [BASE, `${BASE}/new`, `${BASE}/bulk`]) assert.equal((await an.get(path)).statusCode, 403, path);
  });
});
