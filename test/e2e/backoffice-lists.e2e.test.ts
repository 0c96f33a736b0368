import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import type { TestApp } from '../support/app.ts';
import { browserSkip, violationReport } from '../support/browser.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { campaignId, loginAs, organisationId } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';

/**
 * The dashboard's counts, the OCMW list and the exports in Chromium (issue 14, item 15): a count leads to the list
 * of exactly those OCMWs, which says its filters and removes them; the OCMW's name opens its page; the exports are
 * chosen by report year and measure and the XLSX opens with date cells and a frozen header. In Dutch with
 * JavaScript, in French without it; axe on every page.
 */
const nl = translator('nl');
const fr = translator('fr');

describe('the back-office dashboard, OCMW list and exports in Chromium', { skip: browserSkip }, () => {
  const session = new BrowserSession();
  const { violations, audited } = session;
  let t: TestApp;
  let base = '';
  let gas = '';
  const axe = (page: Page, label: string) => session.axe(page, label);
  const main = (page: Page) => session.main(page);
  /** The rows of the OCMW list on the page. */
  const rows = (page: Page) => page.locator('#ocmw-list tbody tr').count();

  before(async () => {
    await session.start();
    ({ t, base } = session);
    // Both demo OCMWs submit the gas and electricity fund of 2026.
    gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    const [an, jan, els, claire, sophie, pierre] = await Promise.all(
      ['An Peeters', 'Jan Janssens', 'Els Maes', 'Claire Martin', 'Sophie Lambert', 'Pierre Dupont'].map((name) => loginAs(t.app, t.db, name)),
    );
    await fillGasForm(an, gas, { bills: [['gas', '10', '8.000,00']], other: [['guidance', 'Budgetbegeleiding', '500,00']] });
    await signTwice(gas, [jan, els]);
    await fillGasForm(claire, gas, { bills: [['both', '25', '2.500,00']] });
    await signTwice(gas, [sophie, pierre]);
  });
  after(() => session.stop());

  /** The link of one count of the dashboard: its number, then what it counts (for assistive technology). */
  const countLink = (page: Page, lang: typeof nl, count: number, measure: string, state: string) =>
    page.getByRole('link', { name: `${count} ${lang('bo.followup.count_link', { measure: lang(`measure.${measure}`), state: lang(state) })}`, exact: true });

  it('follows a count to its OCMWs, opens one, removes the filters and exports a year (Dutch, JavaScript)', { timeout: 180_000 }, async () => {
    const nathalie = await session.login('Nathalie Vermeulen', 'nl', '/backoffice');
    await nathalie.goto('/backoffice?year=2026');
    assert.match(await main(nathalie), /Opvolging verslagjaar 2026/);
    await axe(nathalie, 'dashboard (nl)');

    // The dashboard's own filter first (Wallonia), then the count of submitted gas forms: Villedemo only.
    await nathalie.getByLabel(nl('bo.followup.filter.region')).selectOption('WAL');
    await nathalie.getByRole('button', { name: nl('button.show') }).click();
    await nathalie.waitForURL(/region=WAL/);
    await countLink(nathalie, nl, 1, 'GAS_ELEK', 'bo.followup.state.submitted').click();
    await nathalie.waitForURL(`${base}/backoffice/ocmws?year=2026&region=WAL&measure=GAS_ELEK&state=submitted`);
    assert.equal(await rows(nathalie), 1);
    const filtered = await main(nathalie);
    assert.match(filtered, /1 OCMW's gevonden/);
    assert.match(filtered, /Actieve filters/);
    assert.match(filtered, /Formulier Gas- en elektriciteitsfonds: Verzonden/);
    assert.match(filtered, /Gewest of gemeenschap: Wallonië/);
    await axe(nathalie, 'OCMW list filtered by a count (nl)');

    // The name opens the OCMW's page.
    await nathalie.getByRole('link', { name: 'CPAS de Villedemo', exact: true }).click();
    const villedemo = await organisationId(t.db, 'OCMW Villedemo');
    await nathalie.waitForURL(`${base}/backoffice/registry/${villedemo}`);
    assert.match(await main(nathalie), /CPAS de Villedemo/, 'its official name, also on a Dutch page');
    await nathalie.goBack();

    // Remove the region: both submitted forms; then every filter: all OCMWs of the year.
    await nathalie.getByRole('link', { name: `${nl('bo.followup.list.remove_filter')} (Gewest of gemeenschap: Wallonië)` }).click();
    await nathalie.waitForURL(`${base}/backoffice/ocmws?year=2026&measure=GAS_ELEK&state=submitted`);
    assert.equal(await rows(nathalie), 2);
    assert.match(await main(nathalie), /2 OCMW's gevonden/);
    await nathalie.getByRole('link', { name: `${nl('bo.followup.list.remove_filter')} (Formulier Gas- en elektriciteitsfonds: Verzonden)` }).click();
    await nathalie.waitForURL(`${base}/backoffice/ocmws?year=2026`);
    assert.doesNotMatch(await main(nathalie), /Actieve filters/);
    assert.equal(await rows(nathalie), 100, 'the first page of all OCMWs');

    // Each non-zero count of the year leads to a list of exactly that many OCMWs.
    await nathalie.goto('/backoffice?year=2026');
    const counts = await nathalie
      .locator('#dashboard-counts td a')
      .evaluateAll((links) => links.map((a) => ({ href: a.getAttribute('href') ?? '', count: Number(a.firstChild?.textContent ?? Number.NaN) })));
    assert.ok(counts.length >= 6, `${counts.length} count links`);
    for (const { href, count } of counts) {
      await nathalie.goto(href);
      const found = Number(/(\d+) OCMW's gevonden/.exec(await main(nathalie))?.[1]);
      assert.equal(found, count, href);
      assert.equal(await rows(nathalie), Math.min(count, 100), href);
    }

    // Exports: a year and a measure, then the XLSX of the campaign.
    await nathalie.getByRole('link', { name: nl('bo.nav.exports'), exact: true }).click();
    await nathalie.waitForURL(`${base}/backoffice/exports`);
    await axe(nathalie, 'exports (nl)');
    await nathalie.getByLabel(nl('common.report_year'), { exact: true }).selectOption('2026');
    await nathalie.getByLabel(nl('bo.exports.measure')).selectOption('GAS_ELEK');
    await nathalie.getByRole('button', { name: nl('button.show') }).click();
    await nathalie.waitForURL(`${base}/backoffice/exports?year=2026&measure=GAS_ELEK`);
    assert.equal(await nathalie.locator('#exports tbody tr').count(), 1);
    await axe(nathalie, 'exports of one measure (nl)');
    const [download] = await Promise.all([
      nathalie.waitForEvent('download'),
      nathalie.getByRole('link', { name: `${nl('bo.exports.xlsx')} — ${nl('measure.GAS_ELEK')}` }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'export-gas_elek-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const summary = workbook.worksheets[0];
    assert.equal(summary.name, 'Overzicht');
    assert.equal(summary.rowCount, 3);
    assert.equal(summary.views[0]?.state, 'frozen');
    assert.ok(summary.autoFilter, 'a filter on the header');
    assert.equal(summary.getRow(2).getCell(5).type, ExcelJS.ValueType.Date, 'Ingediend op: a date cell');
  });

  it('does the same without JavaScript, in French', { timeout: 120_000 }, async () => {
    const marc = await session.login('Marc Lefèvre', 'fr', '/backoffice', false);
    marc.setDefaultTimeout(20_000);
    // axe needs JavaScript in the page: the pages seen without it are audited afterwards in a page with it
    const seen: Array<[string, string]> = [];
    const axe = async (page: Page, label: string) => {
      seen.push([label, page.url()]);
    };
    await marc.goto('/backoffice?year=2026');
    assert.match(await main(marc), /Suivi de l'année du rapport 2026/);
    await axe(marc, 'dashboard (fr, no JavaScript)');
    await countLink(marc, fr, 2, 'GAS_ELEK', 'bo.followup.state.submitted').click();
    await marc.waitForURL(`${base}/backoffice/ocmws?year=2026&measure=GAS_ELEK&state=submitted`);
    assert.equal(await rows(marc), 2);
    assert.match(await main(marc), /CPAS — année du rapport 2026/);
    assert.match(await main(marc), /Filtres actifs/);
    await axe(marc, 'OCMW list filtered by a count (fr, no JavaScript)');
    // a search within the filtered list keeps the filter (the GET form's hidden fields)
    await marc.getByLabel(fr('bo.followup.list.search')).fill('Villedemo');
    await marc.getByRole('button', { name: fr('bo.followup.list.search_button') }).click();
    await marc.waitForURL(/q=Villedemo/);
    assert.match(marc.url(), /measure=GAS_ELEK&state=submitted/);
    assert.equal(await rows(marc), 1);
    const formFilter = fr('bo.followup.list.filter_form', { measure: fr('measure.GAS_ELEK'), state: fr('bo.followup.state.submitted') });
    await marc.getByRole('link', { name: `${fr('bo.followup.list.remove_filter')} (${formFilter})` }).click();
    await marc.waitForURL(`${base}/backoffice/ocmws?year=2026&q=Villedemo`);
    assert.doesNotMatch(await main(marc), /Filtres actifs/);
    await axe(marc, 'OCMW list searched (fr, no JavaScript)');

    await marc.goto('/backoffice/exports');
    await marc.getByLabel(fr('common.report_year'), { exact: true }).selectOption('2025');
    await marc.getByRole('button', { name: fr('button.show') }).click();
    await marc.waitForURL(`${base}/backoffice/exports?year=2025&measure=`);
    assert.match(await main(marc), /Campagnes de l'année du rapport 2025/);
    const of2025 = await t.db.selectFrom('campaigns').select('id').where('report_year', '=', 2025).execute();
    assert.equal(await marc.locator('#exports tbody tr').count(), of2025.length);
    await axe(marc, 'exports of a year (fr, no JavaScript)');

    const audit = await session.login('Marc Lefèvre', 'fr', '/backoffice');
    for (const [label, url] of seen) {
      await audit.goto(url);
      await session.axe(audit, label.replace('no JavaScript', 'as seen without JavaScript'));
    }
  });

  it('has no axe (WCAG 2.1 A/AA) violations on any page visited', () => {
    assert.ok(audited.length >= 8, `axe ran on ${audited.length} pages`);
    assert.equal(violations.length, 0, `axe violations:\n${violationReport(violations)}`);
  });
});
