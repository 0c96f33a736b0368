import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../src/access/access.ts';
import type { RightCode } from '../../src/db/types.ts';
import type { RawInput } from '../../src/modules/forms/field-types.ts';
import { loadForm, saveForm, signForm } from '../../src/modules/reports/reports.service.ts';
import { formatKbo } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, Client as Anonymous, campaignId, loginAs, organisationId, personId } from '../support/http.ts';
import { SIGNING, steppedUp } from '../support/signing.ts';

/**
 * POD MI's follow-up: the dashboard counts a prepared set of states of the 2026 forms of the two demo OCMWs, with
 * filters; the OCMW list searches and sorts; any OCMW's form reads as submitted with its verification, which
 * fails once a row is changed behind the application's back. The registry is loaded: report year 2026 is offered
 * to the 564 OCMWs of 2025 (Herstappe has none) and the two demo OCMWs that exist then (Demodorp disappeared on
 * 1 January 2025), whose forms nobody else filled in.
 */
describe(`back-office follow-up (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let nathalie: Client;
  let marc: Client;
  const ids: Record<string, string> = {};
  /** report year 2026: the 564 OCMWs of 2025 with an OCMW, Demostad and Villedemo */
  const OFFERED_2026 = 566;
  const instances: Record<string, string> = {};

  function staff(over: Record<string, string> = {}) {
    return {
      lastName: 'Peeters',
      firstName: 'Eva',
      staffId: '',
      function: 'socialWorker',
      status: 'contractual',
      'period.from': '01/01/2026',
      'period.to': '31/12/2026',
      fte: '0,5',
      allocationRate: '100',
      grossCost: '20.000,00',
      otherFunding: '0',
      ...over,
    };
  }
  const TABLE: Record<string, string> = { GAS_ELEK: 'staffArt4', PERSONEELSKOSTEN: 'staffNorms', GPMI: 'staff', GPMI_TB: 'staff', PSA: 'staffA' };
  const input = (measure: string, over: Record<string, string> = {}): RawInput => ({ fields: {}, tables: { [TABLE[measure]]: [staff(over)] } });

  async function actor(name: string, ocmw: string, role: RightCode): Promise<Actor> {
    const [first, ...rest] = name.split(' ');
    return {
      principalKind: 'PERSON',
      personId: await personId(t.db, first, rest.join(' ')),
      name,
      organisationId: ids[ocmw],
      rights: [role],
      podmiRights: [],
      authMethod: 'demo',
      authenticatedAt: t.clock.now(),
    };
  }
  const ctx = (a: Actor) => ({ actor: a, db: t.db, now: t.clock.now() });

  /** Saves a form (with errors when `broken`) and signs it by the given signers. */
  async function prepare(ocmw: string, measure: string, opts: { broken?: boolean; signers?: Array<[string, RightCode]> }) {
    const encoder = await actor(ocmw === 'demostad' ? 'An Peeters' : 'Claire Martin', ocmw, 'UV_ENCODER');
    const campaign = await campaignId(t.db, measure, 2026);
    const saved = await saveForm(ctx(encoder), campaign, 0, input(measure, opts.broken ? { fte: '7' } : {}));
    assert.equal(saved.kind, 'saved');
    assert.equal(saved.kind === 'saved' && saved.hasErrors, Boolean(opts.broken), `${measure} errors`);
    for (const [name, role] of opts.signers ?? []) {
      const signer = ctx(await actor(name, ocmw, role));
      const signed = await signForm(steppedUp(signer), campaign, (await loadForm(signer, campaign)).contentHash, undefined, SIGNING);
      assert.notEqual(signed.kind, 'refused', `${measure}: ${JSON.stringify(signed)}`);
    }
    const row = await t.db
      .selectFrom('form_instances')
      .select('id')
      .where('organisation_id', '=', ids[ocmw])
      .where('campaign_id', '=', campaign)
      .executeTakeFirstOrThrow();
    instances[`${ocmw}:${measure}`] = row.id;
  }

  const JAN: [string, RightCode] = ['Jan Janssens', 'UV_CHAIR'];
  const ELS: [string, RightCode] = ['Els Maes', 'UV_DIRECTOR'];
  const SOPHIE: [string, RightCode] = ['Sophie Lambert', 'UV_CHAIR'];
  const PIERRE: [string, RightCode] = ['Pierre Dupont', 'UV_DIRECTOR'];

  before(async () => {
    t = await buildTestApp();
    ids.demostad = await organisationId(t.db, 'OCMW Demostad');
    ids.villedemo = await organisationId(t.db, 'OCMW Villedemo');
    await prepare('demostad', 'GAS_ELEK', { signers: [JAN, ELS] });
    await prepare('demostad', 'PERSONEELSKOSTEN', { signers: [JAN] });
    await prepare('demostad', 'PSA', {});
    await prepare('demostad', 'GPMI', { broken: true });
    t.clock.advance(86_400_000);
    await prepare('villedemo', 'GAS_ELEK', { signers: [PIERRE, SOPHIE] });
    await prepare('villedemo', 'PERSONEELSKOSTEN', { signers: [PIERRE] });
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
  });
  after(async () => t.close());

  /** The count of one measure and state in the dashboard table. */
  function count(html: string, measure: string, state: string): number {
    const row = new RegExp(`<tr data-measure="${measure}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
    assert.ok(row, `row of ${measure}`);
    const cell = new RegExp(`data-state="${state}">(?:<a [^>]*>)?(\\d+)<`).exec(row)?.[1];
    assert.ok(cell !== undefined, `${state} of ${measure}`);
    return Number(cell);
  }

  /** Every count of the dashboard's table with its link (a count of 0 has none). */
  function countLinks(html: string): Array<{ measure: string; state: string; count: number; href: string | null }> {
    const links = [];
    for (const row of html.matchAll(/<tr data-measure="([A-Z_]+)">([\s\S]*?)<\/tr>/g)) {
      for (const cell of row[2].matchAll(/data-state="([a-z_]+)">(?:<a href="([^"]+)">)?(\d+)</g)) {
        links.push({ measure: row[1], state: cell[1], count: Number(cell[3]), href: cell[2] ? cell[2].replace(/&amp;/g, '&') : null });
      }
    }
    return links;
  }

  /** Every OCMW the list shows under this URL, over all its pages: the total it announces, ids, and each row's cell of a measure. */
  async function walkList(href: string, measure: string) {
    const first = await nathalie.get(href);
    assert.equal(first.statusCode, 200, href);
    const total = Number(/(\d+) OCMW's gevonden/.exec(first.body)?.[1] ?? Number.NaN);
    const ids: string[] = [];
    const cells: string[] = [];
    for (let page = 1; page <= Math.max(1, Math.ceil(total / 100)); page++) {
      const body = page === 1 ? first.body : (await nathalie.get(`${href}&page=${page}`)).body;
      for (const row of body.matchAll(/<tr><th scope="row"><a href="\/backoffice\/registry\/([0-9a-f-]{36})">[\s\S]*?<\/tr>/g)) {
        ids.push(row[1]);
        cells.push(new RegExp(`<td[^>]*data-measure="${measure}"[^>]*>[\\s\\S]*?</td>`).exec(row[0])?.[0] ?? '');
      }
    }
    return { total, ids, cells, body: first.body };
  }

  /** Each count of the dashboard links to the OCMW list filtered to exactly as many OCMWs, each in that state. */
  async function assertCountsMatchList(dashboard: string) {
    const res = await nathalie.get(dashboard);
    const counts = countLinks(res.body);
    assert.ok(counts.length >= 40, `${counts.length} counts`);
    let followed = 0;
    for (const { measure, state, count, href } of counts) {
      if (count === 0) {
        assert.equal(href, null, `${measure} ${state}: no link to an empty list`);
        continue;
      }
      assert.ok(href, `${measure} ${state}: a link`);
      assert.match(href, new RegExp(`measure=${measure}&state=${state}`));
      const list = await walkList(href, measure);
      assert.equal(list.total, count, `${href}: the total`);
      assert.equal(list.ids.length, count, `${href}: the rows`);
      assert.equal(new Set(list.ids).size, count, `${href}: no OCMW twice`);
      for (const cell of list.cells) {
        if (state === 'late') assert.match(cell, /Te laat/, href);
        else if (state === 'correction') assert.match(cell, /Correctie gevraagd/, href);
        else assert.match(cell, new RegExp(`state-cell--${state}"`), href);
      }
      followed++;
    }
    return followed;
  }

  it('lets anonymous visitors log in first and refuses OCMW users on every follow-up page', async () => {
    const anonymous = new Anonymous(t.app);
    const paths = [
      '/backoffice',
      '/backoffice/ocmws',
      `/backoffice/forms/${instances['demostad:GAS_ELEK']}`,
      `/backoffice/forms/${instances['demostad:GAS_ELEK']}/pdf`,
    ];
    for (const path of paths) {
      const res = await anonymous.get(path);
      assert.equal(res.statusCode, 303, path);
      assert.equal(res.headers.location, '/login');
    }
    for (const [name, ocmw] of [
      ['Jan Janssens', undefined],
      ['Tom De Smet', undefined],
      ['Pierre Dupont', undefined],
    ] as const) {
      const client = await loginAs(t.app, t.db, name, ocmw);
      for (const path of paths) assert.equal((await client.get(path)).statusCode, 403, `${name} ${path}`);
    }
    for (const client of [nathalie, marc]) for (const path of paths) assert.equal((await client.get(path)).statusCode, 200, path);
  });

  it('counts the OCMWs per measure and state, signatures on the present content only', async () => {
    const res = await nathalie.get('/backoffice?year=2026');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /aria-current="page"/);
    assert.match(res.body, new RegExp(`${OFFERED_2026} OCMW's voldoen aan de filter`));
    assert.equal(count(res.body, 'GAS_ELEK', 'submitted'), 2);
    assert.equal(count(res.body, 'GAS_ELEK', 'not_started'), OFFERED_2026 - 2);
    assert.equal(count(res.body, 'PERSONEELSKOSTEN', 'director_missing'), 1, 'Demostad: chair signed');
    assert.equal(count(res.body, 'PERSONEELSKOSTEN', 'chair_missing'), 1, 'Villedemo: director signed');
    assert.equal(count(res.body, 'PSA', 'ready'), 1);
    assert.equal(count(res.body, 'PSA', 'not_started'), OFFERED_2026 - 1);
    assert.equal(count(res.body, 'GPMI', 'in_progress'), 1);
    assert.equal(count(res.body, 'GPMI_TB', 'not_started'), OFFERED_2026);
    assert.equal(count(res.body, 'GPMI_TB', 'late'), 0, 'the deadline is months away');
    // A signature on other content (reference values changed since) no longer counts.
    await t.db
      .updateTable('signatures')
      .set({ content_hash: 'f'.repeat(64) })
      .where('form_instance_id', '=', instances['demostad:PERSONEELSKOSTEN'])
      .execute();
    const after = await nathalie.get('/backoffice?year=2026');
    assert.equal(count(after.body, 'PERSONEELSKOSTEN', 'director_missing'), 0);
    assert.equal(count(after.body, 'PERSONEELSKOSTEN', 'ready'), 1);
  });

  it('filters on region, the German-speaking community, province and language', async () => {
    const wal = await nathalie.get('/backoffice?year=2026&region=WAL');
    assert.match(wal.body, /262 OCMW's voldoen/, 'the 261 Walloon OCMWs of 2025 and Villedemo');
    assert.equal(count(wal.body, 'GAS_ELEK', 'submitted'), 1);
    assert.equal(count(wal.body, 'PERSONEELSKOSTEN', 'chair_missing'), 1);
    assert.equal(count(wal.body, 'PSA', 'ready'), 0);
    const nl = await nathalie.get('/backoffice?year=2026&language=nl');
    assert.match(nl.body, /304 OCMW's voldoen/, 'Flanders but Herstappe, the 19 bilingual OCMWs of Brussels, Demostad');
    assert.equal(count(nl.body, 'PSA', 'ready'), 1);
    assert.equal(count(nl.body, 'PERSONEELSKOSTEN', 'chair_missing'), 0);
    const fr = await nathalie.get('/backoffice?year=2026&language=fr');
    assert.match(fr.body, /272 OCMW's voldoen/, 'Wallonia but the German-speaking, Brussels, Villedemo');
    const namen = await nathalie.get('/backoffice?year=2026&province=Namen');
    assert.match(namen.body, /39 OCMW's voldoen/);
    assert.equal(count(namen.body, 'GAS_ELEK', 'submitted'), 1);
    assert.match(namen.body, /<option value="Namen" selected/);
    const dg = await nathalie.get('/backoffice?year=2026&region=DG');
    assert.match(dg.body, /9 OCMW's voldoen/, 'the nine German-speaking municipalities');
    assert.equal(count(dg.body, 'GAS_ELEK', 'submitted'), 0);
    const unknown = await nathalie.get('/backoffice?year=abc&region=%3Cscript%3E&language=xx');
    assert.equal(unknown.statusCode, 200);
    assert.doesNotMatch(unknown.body, /<script>/);
  });

  it('draws the submissions per day against the deadline, with a table as text alternative', async () => {
    const res = await nathalie.get('/backoffice?year=2026');
    assert.match(res.body, /<svg class="chart"[^>]*role="img"/);
    assert.equal((res.body.match(/class="chart__bar"/g) ?? []).length, 2, 'two days with submissions');
    assert.match(res.body, /class="chart__deadline"/);
    assert.match(res.body, /Uiterste datum 2[68]\/02\/2027/);
    const table = /<table class="data-table"><caption id="chart-table-caption">[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    const cells = [...table.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    assert.deepEqual(cells, [1, 1, 1, 2], 'one per day, running total');
  });

  it('lists the OCMWs, searches by name, KBO with dots and NIS, sorts by links and links each form', async () => {
    const kbo = (await t.db.selectFrom('organisations').select('kbo').where('id', '=', ids.villedemo).executeTakeFirstOrThrow()).kbo;
    const everyone = await nathalie.get('/backoffice/ocmws?year=2026');
    assert.equal(everyone.statusCode, 200);
    assert.match(everyone.body, new RegExp(`${OFFERED_2026} OCMW's gevonden`));
    assert.match(everyone.body, /pagina 1 van 6/);
    // the demo OCMWs offered 2026: Demodorp disappeared on 1 January 2025
    const all = await nathalie.get('/backoffice/ocmws?year=2026&q=demo');
    assert.match(all.body, /2 OCMW's gevonden/);
    assert.doesNotMatch(all.body, /Demodorp/);
    // by the name shown (ADR 0043): Villedemo's official name is French, "CPAS de Villedemo", on a Dutch page too
    assert.ok(all.body.indexOf('CPAS de Villedemo') < all.body.indexOf('OCMW Demostad'), 'by name ascending');
    assert.match(all.body, new RegExp(`href="/backoffice/forms/${instances['villedemo:GAS_ELEK']}">Verzonden<`));
    assert.match(all.body, /Directeur ontbreekt|Voorzitter ontbreekt/);
    assert.match(all.body, /aria-sort="ascending"/);
    const desc = await nathalie.get('/backoffice/ocmws?year=2026&q=demo&sort=name&dir=desc');
    assert.ok(desc.body.indexOf('OCMW Demostad') < desc.body.indexOf('CPAS de Villedemo'), 'by name descending');
    for (const q of ['villedemo', formatKbo(kbo), kbo, '99002']) {
      const res = await nathalie.get(`/backoffice/ocmws?year=2026&q=${encodeURIComponent(q)}`);
      assert.match(res.body, /1 OCMW's gevonden/, q);
      assert.match(res.body, /CPAS de Villedemo/, q);
      assert.doesNotMatch(res.body, /<th scope="row">OCMW Demostad/, q);
    }
    const none = await nathalie.get('/backoffice/ocmws?q=%25');
    assert.match(none.body, /0 OCMW's gevonden/, 'a LIKE wildcard is searched as text');
    const fr = await marc.post('/language', { lang: 'fr', returnTo: '/backoffice/ocmws?year=2026&sort=submitted&dir=desc' });
    const french = await marc.follow(fr);
    assert.match(french.body, /CPAS de Villedemo/);
    assert.match(french.body, /Envoyé/);
  });

  it('links every count of the dashboard to the OCMW list filtered to exactly the OCMWs it counts', async () => {
    assert.ok((await assertCountsMatchList('/backoffice?year=2026')) >= 8, 'the non-zero counts followed');
    // with the dashboard's own filters: they travel with the link
    assert.ok((await assertCountsMatchList('/backoffice?year=2026&region=WAL')) >= 6);
    assert.ok((await assertCountsMatchList('/backoffice?year=2026&language=nl&province=Antwerpen')) >= 5);
    // the number of OCMWs of the filter links to the list of exactly those
    const nl = await nathalie.get('/backoffice?year=2026&language=nl');
    const href = /<a href="([^"]+)">304 OCMW's voldoen/.exec(nl.body)?.[1]?.replace(/&amp;/g, '&') ?? assert.fail('no link on the OCMW count');
    assert.equal(href, '/backoffice/ocmws?year=2026&language=nl');
    const list = await walkList(href, 'GAS_ELEK');
    assert.equal(list.total, 304);
    assert.equal(list.ids.length, 304);
  });

  it('says which filters are active on the list and removes each with a link', async () => {
    const dashboard = await nathalie.get('/backoffice?year=2026&region=WAL');
    const submitted = countLinks(dashboard.body).find((c) => c.measure === 'GAS_ELEK' && c.state === 'submitted')?.href ?? assert.fail('no link');
    const list = await nathalie.get(submitted);
    assert.match(list.body, /1 OCMW's gevonden/);
    assert.match(list.body, /Actieve filters/);
    assert.match(list.body, /Formulier Gas- en elektriciteitsfonds: Verzonden — /);
    assert.match(list.body, /Gewest of gemeenschap: Wallonië — /);
    assert.match(list.body, /<th scope="row"><a href="\/backoffice\/registry\/[0-9a-f-]{36}">CPAS de Villedemo<\/a><\/th>/, 'the name links to the OCMW');
    // a search within the filtered list keeps the filters (hidden fields of the GET form)
    assert.match(list.body, /<input type="hidden" name="state" value="submitted"\/>/);
    assert.match(list.body, /<input type="hidden" name="region" value="WAL"\/>/);
    const removeLinks = [...list.body.matchAll(/<li>([^<]+) — <a href="([^"]+)">Filter verwijderen/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]);
    assert.deepEqual(
      removeLinks.map(([text]) => text),
      ['Formulier Gas- en elektriciteitsfonds: Verzonden', 'Gewest of gemeenschap: Wallonië'],
    );
    const withoutForm = await nathalie.get(removeLinks[0][1]);
    assert.match(withoutForm.body, /262 OCMW's gevonden/, 'the Walloon OCMWs');
    assert.doesNotMatch(withoutForm.body, /Formulier Gas- en elektriciteitsfonds: Verzonden/);
    const withoutRegion = await nathalie.get(removeLinks[1][1]);
    assert.match(withoutRegion.body, /2 OCMW's gevonden/, 'both submitted, wherever they are');
    const all = /<a href="([^"]+)">Alle filters verwijderen/.exec(list.body)?.[1]?.replace(/&amp;/g, '&') ?? assert.fail('no remove-all link');
    const everyone = await nathalie.get(all);
    assert.match(everyone.body, new RegExp(`${OFFERED_2026} OCMW's gevonden`));
    assert.doesNotMatch(everyone.body, /Actieve filters/);
    // invalid filters are no filter (zod at the edge), never an error
    for (const query of [
      'measure=NOPE&state=submitted',
      'measure=GAS_ELEK&state=%3Cscript%3E',
      'state=submitted',
      'measure=GAS_ELEK',
      'region=XX&language=en',
    ]) {
      const res = await nathalie.get(`/backoffice/ocmws?year=2026&${query}`);
      assert.equal(res.statusCode, 200, query);
      assert.match(res.body, new RegExp(`${OFFERED_2026} OCMW's gevonden`), query);
      assert.doesNotMatch(res.body, /Actieve filters|<script>/, query);
    }
    // the OCMW's page behind the name
    const villedemo = await nathalie.get(`/backoffice/registry/${ids.villedemo}`);
    assert.equal(villedemo.statusCode, 200);
    assert.match(villedemo.body, /OCMW Villedemo/);
  });

  it("shows a foreign OCMW's submitted form read-only, verified, with its history; 404 for unknown ids", async () => {
    const id = instances['villedemo:GAS_ELEK'];
    const res = await nathalie.get(`/backoffice/forms/${id}`);
    assert.equal(res.statusCode, 200);
    // its official name, in French, on a Dutch page too (issue 14, item 12)
    assert.match(res.body, /CPAS de Villedemo/);
    assert.match(res.body, /Gecontroleerd: de opgeslagen inhoud/);
    assert.doesNotMatch(res.body, /data-ok="false"/);
    assert.match(res.body, /Sophie Lambert/);
    assert.match(res.body, /Pierre Dupont/);
    assert.doesNotMatch(res.body, /name="f\./, 'no inputs: read-only');
    assert.doesNotMatch(res.body, /\/sign[?"]|\/edit"/);
    assert.match(res.body, /Verzonden naar de POD MI/, 'the history');
    const pdf = await nathalie.get(`/backoffice/forms/${id}/pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    for (const path of [`/backoffice/forms/${randomUUID()}`, '/backoffice/forms/abc', `/backoffice/forms/${randomUUID()}/pdf`, '/backoffice/forms/1/pdf']) {
      assert.equal((await nathalie.get(path)).statusCode, 404, path);
    }
    const draft = await nathalie.get(`/backoffice/forms/${instances['demostad:GPMI']}`);
    assert.equal(draft.statusCode, 200);
    assert.match(draft.body, /Dit formulier is niet verzonden/);
  });

  it("reports a failed verification when the stored content is changed behind the application's back", async () => {
    const id = instances['demostad:GAS_ELEK'];
    await sql`UPDATE form_instances SET input = jsonb_set(input::jsonb, '{tables,staffArt4,0,grossCost}', '"99.000,00"')::json WHERE id = ${id}`.execute(t.db);
    const res = await nathalie.get(`/backoffice/forms/${id}`);
    assert.match(res.body, /De controle is mislukt/);
    assert.equal((res.body.match(/data-ok="false"/g) ?? []).length, 3, 'stored hash and both signatures');
    assert.match(res.body, /Auditspoor van het OCMW: in orde/);
  });

  it('reports a broken audit chain of the OCMW', async () => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(t.db);
    await sql`UPDATE audit_events SET payload = '{"role":"CHAIR"}' WHERE organisation_id = ${ids.villedemo} AND seq = 2`.execute(t.db);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(t.db);
    const res = await nathalie.get(`/backoffice/forms/${instances['villedemo:GAS_ELEK']}`);
    assert.match(res.body, /De controle is mislukt/);
    assert.match(res.body, /Auditspoor van het OCMW: mislukt/);
    assert.match(res.body, /gebeurtenis 2 is gewijzigd/);
  });

  it('counts forms not submitted after the deadline as late', async () => {
    t.clock.advance(120 * 86_400_000);
    nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const res = await nathalie.get('/backoffice?year=2026');
    assert.equal(count(res.body, 'GPMI_TB', 'late'), OFFERED_2026);
    assert.equal(count(res.body, 'GAS_ELEK', 'late'), OFFERED_2026 - 2, 'all but the two submitted');
    assert.equal(count(res.body, 'PSA', 'late'), OFFERED_2026);
    // a correction pending counts too, and links to exactly that OCMW
    await t.db
      .updateTable('form_instances')
      .set({ review_state: 'CORRECTION_REQUESTED', correction_reason: 'Kijk de facturen na.' })
      .where('id', '=', instances['villedemo:GAS_ELEK'])
      .execute();
    const corrected = await nathalie.get('/backoffice?year=2026');
    assert.equal(count(corrected.body, 'GAS_ELEK', 'correction'), 1);
    assert.ok((await assertCountsMatchList('/backoffice?year=2026')) >= 12, 'late and correction counts followed too');
  });
});
