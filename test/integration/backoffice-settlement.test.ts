import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { isValidStructuredCommunication } from '../../src/modules/backoffice/settlement/structured-communication.ts';
import { makeKbo } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, loginAs, organisationId, personId as personIdOf } from '../support/http.ts';
import { settlementLetters } from '../support/ebox.ts';
import { extract } from '../support/pdf-text.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';

/**
 * Settlement of the gas and electricity fund 2026 (forms.md §3.3, §4.2): both demo OCMWs submit, a third OCMW
 * with reference values submits nothing; POD MI previews, is refused while the campaign is open, settles the
 * closed campaign once (letters in the e-Box, payment files), and a second settlement changes nothing.
 */
describe(`settlement of a closed campaign (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaign: string;
  let demostad: string;
  let villedemo: string;
  let nowhere: string;
  let nathalie: Client;
  const base = '/backoffice/settlements';

  before(async () => {
    t = await buildTestApp();
    campaign = await campaignId(t.db, 'GAS_ELEK', 2026);
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    // Villedemo received only 10.000,00 in advance, so it is owed the rest of what it justifies.
    const refs = await t.db
      .selectFrom('reference_values')
      .select('data')
      .where('organisation_id', '=', villedemo)
      .where('campaign_id', '=', campaign)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('reference_values')
      .set({ data: JSON.stringify({ ...(refs.data as Record<string, number>), advancesPaid: 1_000_000, compensationFromPreviousYear: 0 }) })
      .where('organisation_id', '=', villedemo)
      .where('campaign_id', '=', campaign)
      .execute();
    // An OCMW that received an advance and submits nothing.
    nowhere = randomUUID();
    await t.db
      .insertInto('organisations')
      .values({
        id: nowhere,
        kbo: makeKbo('02120099'),
        nis: '99099',
        name_nl: 'OCMW Nergensdorp',
        name_fr: 'CPAS de Nergensdorp',
        name_de: 'ÖSHZ Nergensdorp',
        language: 'nl',
        iban: null,
        bic: null,
      })
      .execute();
    await t.db
      .insertInto('reference_values')
      .values({
        organisation_id: nowhere,
        campaign_id: campaign,
        data: JSON.stringify({ allocationArt4: 0, allocationArt6: 300_000, advancesPaid: 250_000, compensationFromPreviousYear: 0, approvedDebtMediation: 0 }),
      })
      .execute();

    const [an, jan, els, claire, sophie, pierre] = await Promise.all(
      ['An Peeters', 'Jan Janssens', 'Els Maes', 'Claire Martin', 'Sophie Lambert', 'Pierre Dupont'].map((name) => loginAs(t.app, t.db, name)),
    );
    await fillGasForm(an, campaign, { bills: [['gas', '10', '8.000,00']] });
    await signTwice(campaign, [jan, els]);
    await fillGasForm(claire, campaign, { bills: [['electricity', '25', '25.000,00']] });
    await signTwice(campaign, [sophie, pierre]);
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
  });
  after(async () => t.close());

  const settlements = () => t.db.selectFrom('settlements').selectAll().where('campaign_id', '=', campaign).execute();
  const version = async () => (await t.db.selectFrom('campaigns').select('version').where('id', '=', campaign).executeTakeFirstOrThrow()).version;

  it('guards every settlement route', async () => {
    const anonymous = new Client(t.app);
    const an = await loginAs(t.app, t.db, 'An Peeters');
    for (const path of [base, `${base}?campaignId=${campaign}`, `${base}/${campaign}/payments.csv`, `${base}/${campaign}/letters/${randomUUID()}`]) {
      const res = await anonymous.get(path);
      assert.equal(res.statusCode, 303, path);
      assert.equal(res.headers.location, '/login');
      assert.equal((await an.get(path)).statusCode, 403, path);
    }
    assert.equal((await an.post(`${base}/${campaign}/settle`, { version: '1', confirm: 'yes' })).statusCode, 403);
    assert.equal((await anonymous.post(`${base}/${campaign}/settle`, { version: '1', confirm: 'yes' })).headers.location, '/login');
    for (const path of [
      `${base}?campaignId=nope`,
      `${base}?campaignId=${randomUUID()}`,
      `${base}/${randomUUID()}/payments.csv`,
      `${base}/nope/payments.xlsx`,
      `${base}/${campaign}/letters/nope`,
    ]) {
      assert.equal((await nathalie.get(path)).statusCode, 404, path);
    }
    assert.equal((await nathalie.post(`${base}/${randomUUID()}/settle`, { version: '1', confirm: 'yes' })).statusCode, 404);
    assert.equal((await nathalie.get(base)).statusCode, 200, 'the dossierbeheerder may settle');
  });

  it('previews per OCMW, the OCMW without a form apart with its advance reclaimed', async () => {
    const page = await nathalie.get(`${base}?campaignId=${campaign}`);
    assert.equal(page.statusCode, 200);
    const [submitted, without] = page.body.split('id="settlement-without-caption"');
    assert.match(submitted, /OCMW Demostad/);
    assert.match(submitted, /CPAS de Villedemo/, 'its official name, in French, on a Dutch page too (issue 14, item 12)');
    assert.match(submitted, /15\.000,00 €/, 'Villedemo: 25.000,00 accepted − 10.000,00 received');
    assert.match(submitted, /Niet gebruikt voor art\. 6/, 'gas fund details');
    assert.match(without, /OCMW Nergensdorp/);
    assert.match(without, /2\.500,00 €/, 'its advance reclaimed');
    assert.match(page.body, /Alleen een gesloten campagne/);
    assert.doesNotMatch(page.body, /name="confirm"/);
  });

  it('refuses to settle while the campaign is open', async () => {
    const res = await nathalie.post(`${base}/${campaign}/settle`, { version: String(await version()), confirm: 'yes' });
    assert.equal(res.headers.location, `${base}?campaignId=${campaign}&m=not_closed`);
    assert.equal((await settlements()).length, 0);
  });

  it('never settles an OCMW whose amounts cannot be computed (reference values missing): the campaign waits', async () => {
    // GPMI's settlement needs the special subsidy received from POD MI (the gas fund counts missing ones as 0).
    const other = await campaignId(t.db, 'GPMI', 2026);
    const empty = randomUUID();
    await t.db
      .insertInto('organisations')
      .values({
        id: empty,
        kbo: makeKbo('02120098'),
        nis: '99098',
        name_nl: 'OCMW Leegdorp',
        name_fr: 'CPAS de Leegdorp',
        name_de: 'ÖSHZ Leegdorp',
        language: 'nl',
        iban: null,
        bic: null,
      })
      .execute();
    await t.db
      .insertInto('reference_values')
      .values({ organisation_id: empty, campaign_id: other, data: JSON.stringify({}) })
      .execute();
    await t.db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', other).execute();
    const page = await nathalie.get(`${base}?campaignId=${other}`);
    assert.match(page.body, /OCMW Leegdorp: referentiegegevens ontbreken/);
    const otherVersion = (await t.db.selectFrom('campaigns').select('version').where('id', '=', other).executeTakeFirstOrThrow()).version;
    const res = await nathalie.post(`${base}/${other}/settle`, { version: String(otherVersion), confirm: 'yes' });
    assert.equal(res.headers.location, `${base}?campaignId=${other}&m=pending`);
    assert.equal((await t.db.selectFrom('settlements').select('id').where('campaign_id', '=', other).execute()).length, 0, 'nothing settled');
  });

  it('asks for the confirmation, then settles the closed campaign all at once', async () => {
    await t.db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', campaign).execute();
    const before = await version();
    const unconfirmed = await nathalie.post(`${base}/${campaign}/settle`, { version: String(before) });
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /class="error-summary"/);
    assert.match(unconfirmed.body, /Vink de bevestiging aan/);
    assert.equal((await settlements()).length, 0);

    const stale = await nathalie.post(`${base}/${campaign}/settle`, { version: String(before - 1), confirm: 'yes' });
    assert.equal(stale.headers.location, `${base}?campaignId=${campaign}&m=changed`, 'the campaign changed since the preview');
    assert.equal((await settlements()).length, 0);

    const res = await nathalie.post(`${base}/${campaign}/settle`, { version: String(before), confirm: 'yes' });
    assert.equal(res.headers.location, `${base}?campaignId=${campaign}&m=settled`);
    const rows = await settlements();
    assert.equal(rows.length, 3);
    const of = (org: string) => rows.find((r) => r.organisation_id === org) ?? assert.fail('no settlement');
    const d = of(demostad);
    // Demostad: 8.000,00 accepted of 143.820,10 received → 134.820,10 withheld next year
    assert.deepEqual(
      [d.accepted_cents, d.advances_cents, d.balance_cents, d.to_pay_cents, d.to_reclaim_cents].map(Number),
      [800_000, 14_282_010, -13_482_010, 0, 13_482_010],
    );
    assert.equal((d.details as { compensatedNextYear: boolean }).compensatedNextYear, true);
    const v = of(villedemo);
    assert.deepEqual([v.accepted_cents, v.advances_cents, v.to_pay_cents, v.to_reclaim_cents].map(Number), [2_500_000, 1_000_000, 1_500_000, 0]);
    assert.match(v.iban ?? '', /^BE\d{14}$/);
    assert.equal(v.bic, 'GKCCBEBB');
    const n = of(nowhere);
    assert.equal(n.form_instance_id, null);
    assert.deepEqual([n.accepted_cents, n.to_reclaim_cents].map(Number), [0, 250_000]);
    for (const row of rows) assert.ok(isValidStructuredCommunication(row.communication), row.communication);
    assert.equal(new Set(rows.map((r) => r.communication)).size, 3);

    const after = await t.db.selectFrom('campaigns').select(['status', 'version']).where('id', '=', campaign).executeTakeFirstOrThrow();
    assert.deepEqual(after, { status: 'SETTLED', version: before + 1 });
    const events = await t.db.selectFrom('campaign_events').selectAll().where('campaign_id', '=', campaign).where('type', '=', 'SETTLED').execute();
    assert.equal(events.length, 1);
    const audits = await t.db.selectFrom('audit_events').select('organisation_id').where('type', '=', 'SETTLEMENT_ISSUED').execute();
    assert.deepEqual(audits.map((a) => a.organisation_id).sort(), [demostad, villedemo, nowhere].sort());
    for (const org of [demostad, villedemo, nowhere]) assert.equal((await verifyAuditChain(t.db, org)).ok, true);
  });

  it('publishes each letter in the OCMW language with its amounts in its e-Box', async () => {
    // a letter per settled OCMW: an UV_AFREKENING message of the campaign with one attachment whose bytes are the PDF
    const letters = await settlementLetters(t.db, { campaignId: campaign });
    assert.equal(letters.length, 3);
    const { createHash } = await import('node:crypto');
    for (const l of letters) {
      assert.equal(l.messageType, 'UV_AFREKENING');
      assert.equal(l.legislation, 'SUBSIDIES');
      assert.equal(l.period, '2026', 'the report year');
      assert.equal(l.publishedBy, await personIdOf(t.db, 'Nathalie', 'Vermeulen'));
      assert.match(l.subjects.nl, /^Uniek Verslag – afrekening .+, verslagjaar 2026$/);
      assert.match(l.subjects.fr, /^Rapport unique – décompte .+, année 2026$/);
      assert.match(l.subjects.de ?? '', /^Einheitlicher Bericht – Abrechnung .+, Berichtsjahr 2026$/);
      assert.equal(l.attachments.length, 1, 'one file: the letter');
      assert.equal(l.attachments[0].isMain, true);
      assert.match(l.fileName, /^gas_elek-2026-\d{10}-afrekening\.pdf$/);
      assert.equal(l.content.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(l.sha256, createHash('sha256').update(l.content).digest('hex'));
      assert.equal(l.sizeBytes, l.content.length);
    }
    const rows = await settlements();
    assert.deepEqual(rows.map((r) => r.document_id).sort(), letters.map((l) => l.id).sort(), 'each settlement names its letter');
    const letter = async (org: string) => {
      const row = rows.find((r) => r.organisation_id === org);
      const doc = letters.find((x) => x.id === row?.document_id) ?? assert.fail('no letter');
      assert.equal(doc.organisationId, org, "in the OCMW's own e-Box");
      return { doc, text: (await extract(doc.content)).text.replace(/\s+/g, ' ') };
    };
    // the OCMW's language (the letter's text; a message has its subject in every language)
    const d = await letter(demostad);
    assert.match(d.text, /Jaarlijkse afrekening/);
    assert.doesNotMatch(d.text, /Décompte annuel/, 'in Dutch only');
    assert.match(d.text, /134\.820,10 €/);
    assert.match(d.text, /afgehouden van de toelage voor 2027/);
    const v = await letter(villedemo);
    assert.match(v.text, /Décompte annuel/);
    assert.doesNotMatch(v.text, /Jaarlijkse afrekening/, 'in French only');
    assert.match(v.text, /15 000,00 €/);
    assert.match(v.text, /BE\d\d \d{4} \d{4} \d{4}/, 'the IBAN paid to');
    assert.match(v.text, /\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+/);
    const n = await letter(nowhere);
    assert.match(n.text, /geen formulier ingediend/);
  });

  it('shows the settled campaign with the letters to download', async () => {
    const page = await nathalie.get(`${base}?campaignId=${campaign}&m=settled`);
    assert.match(page.body, /De campagne is afgerekend/);
    const href = /href="(\/backoffice\/settlements\/[0-9a-f-]+\/letters\/[0-9a-f-]+)"/.exec(page.body)?.[1] ?? assert.fail('no letter link');
    const pdf = await nathalie.get(href);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), /^attachment;/);
    const settlementId = href.split('/').at(-1);
    const row = (await settlements()).find((r) => r.id === settlementId) ?? assert.fail('no such settlement');
    const [stored] = await settlementLetters(t.db, { messageId: row.document_id as string });
    assert.ok(Buffer.from(pdf.rawPayload).equals(stored.content), "the bytes of the letter in the OCMW's e-Box");
    const other = await campaignId(t.db, 'PERSONEELSKOSTEN', 2026);
    assert.equal((await nathalie.get(href.replace(campaign, other))).statusCode, 404, 'a letter under another campaign');
  });

  it('writes the payment files: payments and reclaims apart', async () => {
    const csv = await nathalie.get(`${base}/${campaign}/payments.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFFKBO-nummer;Naam;IBAN;BIC;Bedrag (EUR);Gestructureerde mededeling\r\n'));
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines.length, 2, 'only Villedemo is paid');
    assert.match(lines[1], /^\d{10};OCMW Villedemo;BE\d{14};GKCCBEBB;15000,00;\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    // The gas and electricity fund's reclaims are withheld from next year's allocation (§4.2.6), never invoiced.
    const reclaims = (await nathalie.get(`${base}/${campaign}/reclaims.csv`)).body.trim().split('\r\n');
    assert.equal(reclaims.length, 1, 'nothing to invoice: only the header');
    const compensations = (await nathalie.get(`${base}/${campaign}/compensations.csv`)).body.trim().split('\r\n');
    assert.equal(compensations.length, 3);
    assert.ok(compensations.some((l) => /OCMW Demostad;BE\d{14};GKCCBEBB;134820,10;/.test(l)));
    assert.ok(compensations.some((l) => /OCMW Nergensdorp;;;2500,00;/.test(l)));

    const xlsx = await nathalie.get(`${base}/${campaign}/payments.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['Betalingen', 'Terugvorderingen', 'Compensaties volgend jaar'],
    );
    const pay = workbook.worksheets[0];
    assert.equal(pay.rowCount, 2);
    assert.equal(pay.getRow(2).getCell(2).value, 'OCMW Villedemo');
    assert.equal(pay.getRow(2).getCell(5).value, 15000);
    assert.equal(workbook.worksheets[1].rowCount, 1);
    assert.equal(workbook.worksheets[2].rowCount, 3);
  });

  it('does nothing on a second settlement', async () => {
    const res = await nathalie.post(`${base}/${campaign}/settle`, { version: String(await version()), confirm: 'yes' });
    assert.equal(res.headers.location, `${base}?campaignId=${campaign}&m=already_settled`);
    assert.equal((await settlements()).length, 3);
    const messages = await t.db.selectFrom('ebox_messages').select('id').where('campaign_id', '=', campaign).execute();
    assert.equal(messages.length, 3, 'no letter published again');
    const files = await t.db
      .selectFrom('ebox_attachments')
      .select('message_id')
      .where(
        'message_id',
        'in',
        messages.map((m) => m.id),
      )
      .execute();
    assert.equal(files.length, 3);
  });

  it('does not settle while an OCMW may still submit late, and says why', async () => {
    const other = await campaignId(t.db, 'PERSONEELSKOSTEN', 2026);
    await t.db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', other).execute();
    await t.db
      .insertInto('campaign_extensions')
      .values({
        campaign_id: other,
        organisation_id: demostad,
        until: new Date('2027-06-30T21:59:59Z'),
        reason: 'Brand in het gemeentehuis',
        granted_by: await personIdOf(t.db, 'Marc', 'Lefèvre'),
        granted_at: new Date(),
      })
      .execute();
    const page = await nathalie.get(`${base}?campaignId=${other}`);
    assert.match(page.body, /OCMW Demostad: mag laattijdig indienen tot 30\/06\/2027/);
    assert.doesNotMatch(page.body, /name="confirm"/);
    const v = (await t.db.selectFrom('campaigns').select('version').where('id', '=', other).executeTakeFirstOrThrow()).version;
    const res = await nathalie.post(`${base}/${other}/settle`, { version: String(v), confirm: 'yes' });
    assert.equal(res.headers.location, `${base}?campaignId=${other}&m=pending`);
    assert.equal((await t.db.selectFrom('settlements').select('id').where('campaign_id', '=', other).execute()).length, 0);
    assert.equal((await t.db.selectFrom('campaigns').select('status').where('id', '=', other).executeTakeFirstOrThrow()).status, 'CLOSED');
  });

  it('lets the beheerder in too, and refuses payment files of a campaign not settled', async () => {
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    assert.equal((await marc.get(`${base}?campaignId=${campaign}`)).statusCode, 200);
    const open = await campaignId(t.db, 'PERSONEELSKOSTEN', 2026);
    assert.equal((await marc.get(`${base}/${open}/payments.csv`)).statusCode, 404);
  });
});
