import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { buildWorkbook } from '../../src/modules/workbooks/index.ts';
import type { TestApp } from '../support/app.ts';
import { campaignId } from '../support/http.ts';
import {
  type Violation,
  axeViolations,
  browserSkip,
  launchChromium,
  loginThroughProvider,
  newBrowserPage,
  openLoginPage,
  startTestServer,
  violationReport,
  signFromFormPage,
} from '../support/browser.ts';

/**
 * Every current measure in a real browser (Debian's Chromium): axe on every form page, view and each part's
 * edit page, in Dutch and in French; the gas and electricity fund filled by hand and PSA justified by
 * uploading its workbook, each through both signatures to submission.
 */

const CURRENT = ['GAS_ELEK', 'PERSONEELSKOSTEN', 'PSA', 'GPMI', 'GPMI_TB'];
/** Measures of closed report years, read (not filled) here: the forms of 2016 and the Covid-era subsidies. */
const HISTORICAL: ReadonlyArray<readonly [string, number]> = [
  ['HUURWAARBORGEN', 2016],
  ['GROTE_STEDEN', 2016],
  ['CLUSTERS', 2016],
  ['SOC_CULT', 2016],
  ['OVEREENKOMST', 2016],
  ['VOEDSELHULP', 2020],
  ['JONGEREN_STUDENTEN', 2021],
  ['COVID_TOELAGE', 2021],
  ['PSY_WELZIJN', 2021],
];

describe('every measure in Chromium', { skip: browserSkip }, () => {
  let t: TestApp;
  let base = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: Violation[] = [];
  const audited: string[] = [];

  const newPage = (): Promise<Page> => newBrowserPage(browser, base, contexts);

  async function axe(page: Page, label: string) {
    violations.push(...(await axeViolations(page, label, base)));
    audited.push(label);
  }

  async function login(fullName: string, lang: 'nl' | 'fr' = 'nl'): Promise<Page> {
    const page = await newPage();
    await openLoginPage(page, base, lang);
    // "Aanmelden", then the embedded provider's page: the person and the means (eID).
    await loginThroughProvider(page, fullName);
    await page.waitForURL(/\/ocmw\/\d{10}$/);
    return page;
  }

  const campaignOf = (measure: string, year: number) => campaignId(t.db, measure, year);

  /** Ondertekenen: the first time a fresh eID authentication at the provider (the step-up), then Ondertekenen again. */
  async function sign(page: Page, url: string, signer: string, expected: 'signed' | 'submitted') {
    await page.goto(url);
    await signFromFormPage(page, signer, expected);
    assert.match(page.url(), new RegExp(`/ocmw/\\d{10}${url}\\?m=${expected}$`));
  }

  before(async () => {
    browser = await launchChromium();
    ({ t, base } = await startTestServer({ cookieSecure: false }));
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  for (const [lang, person] of [
    ['nl', 'An Peeters'],
    ['fr', 'Claire Martin'],
  ] as const) {
    it(`shows every form page without axe violations (${lang})`, { timeout: 180_000 }, async () => {
      const page = await login(person, lang);
      await axe(page, `homepage (${lang})`);
      for (const measure of CURRENT) {
        const url = `/forms/${await campaignOf(measure, 2026)}`;
        await page.goto(url);
        assert.equal(await page.locator('h1').first().textContent(), translator(lang)(`measure.${measure}`));
        await axe(page, `${measure} (${lang})`);
        const definition = getDefinition(measure, 1);
        const parts = definition.paged
          ? definition.sections.filter((s) => s.items.some((i) => i.kind === 'table' || i.kind === 'input')).map((s) => `?part=${s.key}`)
          : [''];
        for (const part of parts) {
          await page.goto(`${url}/edit${part}`);
          // A staff table: the page of a new member (ADR 0042), opened and left without storing anything.
          const addMember = page.getByRole('button', { name: translator(lang)('records.add') });
          if ((await addMember.count()) > 0) {
            await addMember.first().click();
            await page.waitForURL(/\/staff\/[A-Za-z0-9]+\/new$/);
            await axe(page, `${measure} new staff member${part} (${lang})`);
            await page.goto(`${url}/edit${part}`);
          }
          // One empty row in the first table, so that a row of inputs is audited too.
          const addButtons = page.getByRole('button', { name: translator(lang)('form.add_row') });
          const added = (await addButtons.count()) > 0;
          if (added) {
            await addButtons.first().click();
            await page.waitForURL(/#row-/);
          }
          await axe(page, `${measure} edit${part} (${lang})`);
          if (added) {
            // and removed again: the forms are filled in by the tests below
            await page
              .getByRole('button', { name: translator(lang)('form.remove_row', { n: 1 }) })
              .first()
              .click();
            await page.waitForURL(/#table-/);
          }
        }
      }
      await page.goto('/?year=2016');
      for (const [measure, year] of HISTORICAL) {
        await page.goto(`/forms/${await campaignOf(measure, year)}`);
        assert.equal(await page.locator('h1').first().textContent(), translator(lang)(`measure.${measure}`));
        await axe(page, `${measure} ${year} (${lang})`);
      }
    });
  }

  it('the gas and electricity fund filled by hand, signed twice and submitted', { timeout: 90_000 }, async () => {
    const nl = translator('nl');
    const url = `/forms/${await campaignOf('GAS_ELEK', 2026)}`;
    const an = await login('An Peeters');
    await an.goto(`${url}/edit?part=art4`);
    // One staff member per page (ADR 0042): "Personeelslid toevoegen", the member's fields, "Opslaan" back to the part.
    await an.getByRole('button', { name: nl('records.add') }).click();
    await an.waitForURL(/\/staff\/staffArt4\/new$/);
    const cell = (table: string, column: string) => an.locator(`[name="t.${table}.0.${column}"]`);
    await cell('staffArt4', 'lastName').fill('Wouters');
    await cell('staffArt4', 'firstName').fill('Eva');
    await cell('staffArt4', 'function').selectOption('debtMediator');
    await cell('staffArt4', 'status').selectOption('contractual');
    await cell('staffArt4', 'period.from').fill('01/01/2026');
    await cell('staffArt4', 'period.to').fill('31/12/2026');
    await cell('staffArt4', 'fte').fill('1');
    await cell('staffArt4', 'allocationRate').fill('100');
    await cell('staffArt4', 'grossCost').fill('58.000,00');
    await cell('staffArt4', 'otherFunding').fill('0');
    // With JavaScript what the member is charged follows the typing.
    await an.waitForFunction(() => /58\.000,00/.test(document.querySelector('[data-figure="staffArt4.0.chargedAmount"]')?.textContent ?? ''));
    await axe(an, 'GAS_ELEK staff member typed (nl)');
    await an.getByRole('button', { name: nl('button.save') }).click();
    await an.waitForURL(new RegExp(`${url}/edit\\?part=art4&m=saved#row-staffArt4-0$`));
    assert.match((await an.locator('#row-staffArt4-0').textContent()) ?? '', /Eva Wouters[\s\S]*58\.000,00 €/);
    // "Opslaan en verder" (issue 14, item 4): saved, and on to the next part.
    await an
      .getByRole('button', { name: nl('form.save_next') })
      .last()
      .click();
    await an.waitForURL(new RegExp(`${url}/edit\\?part=art6Curative&m=saved`));
    await an.getByRole('button', { name: nl('form.add_row') }).click();
    await an.waitForURL(/#row-unpaidBills-0$/);
    await cell('unpaidBills', 'energy').selectOption('electricity');
    await cell('unpaidBills', 'householdsHelped').fill('14');
    await cell('unpaidBills', 'amount').fill('9.850,25');
    await an
      .getByRole('button', { name: nl('form.save_next') })
      .last()
      .click();
    await an.waitForURL(new RegExp(`${url}/edit\\?part=art6Preventive&m=saved`));
    await an.goto(url);
    assert.match((await an.locator('.task-list').textContent()) ?? '', new RegExp(nl('form.part_state.completed')));
    await axe(an, 'GAS_ELEK filled (nl)');
    assert.match((await an.locator('main').textContent()) ?? '', /9\.850,25 €/);
    await sign(await login('Jan Janssens'), url, 'Jan Janssens', 'signed');
    await sign(await login('Els Maes'), url, 'Els Maes', 'submitted');
    await an.goto(url);
    assert.match((await an.locator('main').textContent()) ?? '', /verzonden naar de POD MI/);
  });

  it('PSA justified by uploading its workbook, signed twice and submitted', { timeout: 90_000 }, async () => {
    const nl = translator('nl');
    const url = `/forms/${await campaignOf('PSA', 2026)}`;
    const an = await login('An Peeters');
    await an.goto(url);
    const download = an.waitForEvent('download');
    await an.getByRole('link', { name: nl('entry.download_template') }).click();
    assert.match((await download).suggestedFilename(), /^psa-2026-99001\.xlsx$/);
    await an.getByRole('link', { name: nl('entry.switch_to_workbook') }).click();
    await axe(an, 'PSA entry-mode confirmation (nl)');
    await an.getByRole('button', { name: nl('entry.confirm_yes') }).click();
    await an.waitForURL(new RegExp(`/ocmw/\\d{10}${url}\\?m=entry_mode_changed$`));
    const campaign = await t.db.selectFrom('campaigns').select('params').where('measure', '=', 'PSA').where('report_year', '=', 2026).executeTakeFirstOrThrow();
    const activity = (description: string, amount: string) => ({
      category: 'holidayActivities',
      kind: 'collective',
      description,
      'period.from': '01/08/2026',
      'period.to': '05/08/2026',
      usersReached: '18',
      amount,
    });
    const workbook = await buildWorkbook({
      definition: getDefinition('PSA', 1),
      measure: 'PSA',
      reportYear: 2026,
      templateVersion: 1,
      params: campaign.params as Record<string, unknown>,
      lang: 'nl',
      t: nl,
      rows: { activitiesA: [activity('Vakantiekamp Ardennen', '4.200,00'), activity('Zwembadbeurten', '640,50')] },
    });
    const file = join(mkdtempSync(join(tmpdir(), 'uv-e2e-')), 'PSA 2026 Demostad.xlsx');
    writeFileSync(file, workbook);
    await an.locator('#workbook-file').setInputFiles(file);
    await an.getByRole('button', { name: nl('entry.upload') }).click();
    await an.waitForURL(new RegExp(`/ocmw/\\d{10}${url}\\?m=workbook_uploaded$`));
    await axe(an, 'PSA after upload (nl)');
    const text = (await an.locator('main').textContent()) ?? '';
    assert.match(text, /Vakantiekamp Ardennen/);
    assert.match(text, /PSA 2026 Demostad\.xlsx/);
    await sign(await login('Els Maes'), url, 'Els Maes', 'signed');
    await sign(await login('Jan Janssens'), url, 'Jan Janssens', 'submitted');
    await an.goto(url);
    assert.match((await an.locator('main').textContent()) ?? '', /verzonden naar de POD MI/);
  });

  it('has no axe (WCAG 2.1 A/AA) violations on any page visited', () => {
    assert.ok(audited.length >= 40, `axe ran on ${audited.length} pages`);
    assert.equal(violations.length, 0, `axe violations:\n${violationReport(violations)}`);
  });
});
