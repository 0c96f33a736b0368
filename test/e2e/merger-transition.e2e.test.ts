import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import type { TestApp } from '../support/app.ts';
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
import { campaignId } from '../support/http.ts';

/**
 * Issue 13 end to end in Chromium: Wim works for the disappearing OCMW Demodorp and for Demostad, into which it merged
 * on 1 January 2025. He chooses Demodorp at login (marked as disappearing), fills its 2024 gas and electricity fund
 * report, Demodorp's chair and general director sign it, and he then goes on in Demostad — axe on every page, in
 * Dutch and French.
 */
describe('a disappearing OCMW files its last report, in Chromium', { skip: browserSkip }, () => {
  let t: TestApp;
  let base = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: Violation[] = [];
  const nl = translator('nl');

  async function axe(page: Page, label: string) {
    violations.push(...(await axeViolations(page, label, base)));
  }

  async function login(fullName: string, lang: 'nl' | 'fr' = 'nl'): Promise<Page> {
    const page = await newBrowserPage(browser, base, contexts, { lang });
    await openLoginPage(page, base, lang);
    await loginThroughProvider(page, fullName);
    return page;
  }

  async function sign(page: Page, url: string, signer: string, expected: 'signed' | 'submitted') {
    await page.goto(url);
    await signFromFormPage(page, signer, expected);
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

  it('chooses the disappearing OCMW, files and signs its 2024 report, then goes on in the merged OCMW', { timeout: 120_000 }, async () => {
    const wim = await login('Wim Hermans');
    await wim.waitForURL(/\/choose-ocmw$/);
    const demodorpButton = wim.getByRole('button', { name: /OCMW Demodorp/ });
    assert.match((await demodorpButton.textContent()) ?? '', /Verdwijnend OCMW[\s\S]*Opgegaan in OCMW Demostad/);
    await axe(wim, 'chooser with a disappearing OCMW (nl)');
    await demodorpButton.click();
    await wim.waitForURL(/\/ocmw\/\d{10}$/);
    const demodorpHome = wim.url();
    assert.match((await wim.locator('.transition-banner').textContent()) ?? '', /opgegaan in OCMW Demostad/);
    assert.match(
      (await wim
        .locator('h2')
        .filter({ hasText: /verslagjaar/ })
        .first()
        .textContent()) ?? '',
      /2024/,
    );
    await axe(wim, 'disappearing OCMW homepage (nl)');

    const url = `/forms/${await campaignId(t.db, 'GAS_ELEK', 2024)}`;
    const formUrl = `${demodorpHome}${url}`;
    await wim.goto(`${formUrl}/edit?part=art4`);
    // one staff member per page (ADR 0042)
    await wim.getByRole('button', { name: nl('records.add') }).click();
    await wim.waitForURL(/\/staff\/staffArt4\/new$/);
    const cell = (table: string, column: string) => wim.locator(`[name="t.${table}.0.${column}"]`);
    await cell('staffArt4', 'lastName').fill('Hermans');
    await cell('staffArt4', 'firstName').fill('Lien');
    await cell('staffArt4', 'function').selectOption('debtMediator');
    await cell('staffArt4', 'status').selectOption('contractual');
    await cell('staffArt4', 'period.from').fill('01/01/2024');
    await cell('staffArt4', 'period.to').fill('31/12/2024');
    await cell('staffArt4', 'fte').fill('1');
    await cell('staffArt4', 'allocationRate').fill('100');
    await cell('staffArt4', 'grossCost').fill('52.000,00');
    await cell('staffArt4', 'otherFunding').fill('0');
    await wim.getByRole('button', { name: nl('button.save') }).click();
    await wim.waitForURL(/\/edit\?part=art4&m=saved#row-staffArt4-0$/);
    await wim
      .getByRole('button', { name: nl('form.save_next') })
      .last()
      .click();
    await wim.waitForURL(/\/edit\?part=art6Curative&m=saved/);
    await wim.getByRole('button', { name: nl('form.add_row') }).click();
    await wim.waitForURL(/#row-unpaidBills-0$/);
    await cell('unpaidBills', 'energy').selectOption('electricity');
    await cell('unpaidBills', 'householdsHelped').fill('6');
    await cell('unpaidBills', 'amount').fill('4.120,40');
    await wim
      .getByRole('button', { name: nl('form.save_next') })
      .last()
      .click();
    await wim.waitForURL(/\/edit\?part=art6Preventive&m=saved/);
    await wim.goto(formUrl);
    assert.match((await wim.locator('main').textContent()) ?? '', /4\.120,40 €/);
    await axe(wim, 'disappearing OCMW 2024 form filled (nl)');

    // Demodorp's own signatories (a person of one OCMW lands on its homepage).
    const rita = await login('Rita Aerts');
    await rita.waitForURL(/\/ocmw\/\d{10}$/);
    assert.equal(rita.url(), demodorpHome);
    await sign(rita, formUrl, 'Rita Aerts', 'signed');
    const koen = await login('Koen Mertens');
    await koen.waitForURL(/\/ocmw\/\d{10}$/);
    await sign(koen, formUrl, 'Koen Mertens', 'submitted');
    await wim.goto(formUrl);
    assert.match((await wim.locator('main').textContent()) ?? '', /verzonden naar de POD MI/);

    // Then Demostad: no banner, its current report year.
    await wim.getByRole('link', { name: nl('home.switch_ocmw') }).click();
    await wim.waitForURL(/\/choose-ocmw$/);
    await wim.getByRole('button', { name: /^OCMW Demostad/ }).click();
    await wim.waitForURL(/\/ocmw\/\d{10}$/);
    assert.notEqual(wim.url(), demodorpHome);
    assert.equal(await wim.locator('.transition-banner').count(), 0);
    assert.match((await wim.locator('h1').textContent()) ?? '', /OCMW Demostad/);
  });

  it('says the same in French, axe clean', { timeout: 60_000 }, async () => {
    const wim = await login('Wim Hermans', 'fr');
    await wim.waitForURL(/\/choose-ocmw$/);
    // Wim's own language is Dutch: he switches the pages to French (kept for him).
    await wim.getByRole('button', { name: 'Français', exact: true }).click();
    await wim.waitForURL(/\/choose-ocmw$/);
    const button = wim.getByRole('button', { name: /OCMW Demodorp/ });
    assert.match((await button.textContent()) ?? '', /CPAS disparaissant[\s\S]*Intégré dans OCMW Demostad/);
    await axe(wim, 'chooser with a disappearing OCMW (fr)');
    await button.click();
    await wim.waitForURL(/\/ocmw\/\d{10}$/);
    assert.match((await wim.locator('.transition-banner').textContent()) ?? '', /CPAS disparaissant\.[\s\S]*intégré le 01\/01\/2025 dans CPAS de Demostad/);
    await axe(wim, 'disappearing OCMW homepage (fr)');
  });

  it('has no axe (WCAG 2.1 A/AA) violations on the pages visited', () => {
    assert.equal(violations.length, 0, violationReport(violations));
  });
});
