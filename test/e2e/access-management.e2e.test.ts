import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { formatInsz, makeInsz } from '../../src/modules/shared/identifiers.ts';
import type { TestApp } from '../support/app.ts';
import { covidCampaignId, hiddenValue, loginAs } from '../support/http.ts';
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
 * Toegangsbeheer in Chromium (issue 12, proof): the HTB appoints a TB; the TB adds a user by INSZ with "voorzitter",
 * who logs in and signs after a step-up; that user's open page is refused at the next click once blocked, and works
 * again once unblocked. axe-core (WCAG 2.1 A/AA) on every page of Toegangsbeheer, in Dutch and in French. Everything
 * by plain form posts (test/e2e/login.e2e.test.ts goes through them with JavaScript off).
 * SCREENSHOTS=dir also saves each page at 1280 px, 390 px and 200 % zoom.
 */
const nl = translator('nl');
const fr = translator('fr');
const KIM_INSZ = makeInsz('950601519');
const TOM_INSZ = makeInsz('910105367');

describe('Toegangsbeheer in Chromium', { skip: browserSkip }, () => {
  let t: TestApp;
  let base = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: Violation[] = [];
  const audited: string[] = [];

  async function login(fullName: string, lang: 'nl' | 'fr' = 'nl'): Promise<Page> {
    const page = await newBrowserPage(browser, base, contexts, { lang });
    await openLoginPage(page, base, lang);
    await loginThroughProvider(page, fullName);
    await page.waitForURL(/\/ocmw\/\d{10}$/);
    return page;
  }

  async function check(page: Page, label: string) {
    violations.push(...(await axeViolations(page, label, base)));
    audited.push(label);
    const dir = process.env.SCREENSHOTS;
    if (dir) {
      const name = label.replace(/[^\w]+/g, '-');
      const size = page.viewportSize() ?? { width: 1280, height: 800 };
      await page.screenshot({ path: `${dir}/${name}-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${dir}/${name}-390.png`, fullPage: true });
      // 200 % zoom: half the CSS width at twice the density.
      await page.setViewportSize({ width: 640, height: 400 });
      await page.evaluate(() => {
        document.body.style.zoom = '2';
      });
      await page.screenshot({ path: `${dir}/${name}-zoom200.png`, fullPage: true });
      await page.evaluate(() => {
        document.body.style.zoom = '';
      });
      await page.setViewportSize(size);
    }
  }

  const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  before(async () => {
    browser = await launchChromium();
    ({ t, base } = await startTestServer({ cookieSecure: false }));
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  it('HTB appoints a TB, the TB adds a chair by INSZ who logs in and signs, blocking refuses her next click, unblocking lets her back', {
    timeout: 180_000,
  }, async () => {
    // 0. An Peeters fills in the Covid-19 premium form (so that there is something to sign).
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const covid = await covidCampaignId(t.db);
    const edit = await an.get(`${an.base}/forms/${covid}/edit`);
    const saved = await an.post(`${an.base}/forms/${covid}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': '1000', action: 'save' });
    assert.equal(saved.statusCode, 303);

    // 1. The HTB opens Toegangsbeheer from the homepage and changes the TB: Tom De Smet (a reader), Bart kept as co-TB.
    const hilde = await login('Hilde Claes');
    const ocmwBase = new URL(hilde.url()).pathname;
    await hilde
      .getByRole('link', { name: nl('home.access_management') })
      .first()
      .click();
    await hilde.waitForURL(`${base}${ocmwBase}/access`);
    await check(hilde, 'access home (nl)');
    await hilde.getByRole('link', { name: nl('access.change_tb'), exact: true }).click();
    await check(hilde, 'change TB, INSZ (nl)');
    // A wrong INSZ first: the message next to the field, the typed value kept.
    await hilde.getByLabel(nl('access.insz_label'), { exact: true }).fill('91.01.05-367.00');
    await hilde.getByRole('button', { name: nl('access.next') }).click();
    assert.match(await main(hilde), /controlecijfers/);
    await check(hilde, 'change TB, wrong INSZ (nl)');
    await hilde.getByLabel(nl('access.insz_label'), { exact: true }).fill(formatInsz(TOM_INSZ));
    await hilde.getByRole('button', { name: nl('access.next') }).click();
    await hilde.getByLabel(nl('access.field.email'), { exact: true }).fill('tom.desmet@ocmw-demostad.be');
    await hilde.getByLabel(nl('access.keep_as_co_tb', { name: 'Bart Willems' })).check();
    await check(hilde, 'change TB, form (nl)');
    await hilde.getByRole('button', { name: nl('access.save') }).click();
    await hilde.waitForURL(/\/access\/drafts\//);
    assert.match(await main(hilde), /Tom De Smet/);
    await check(hilde, 'change TB, overview (nl)');
    await hilde.getByRole('button', { name: nl('access.confirm') }).click();
    await hilde.waitForURL(/m=tb_changed$/);

    // 2. The new TB adds Kim Vos (no access anywhere yet) by INSZ with "voorzitter".
    const tom = await login('Tom De Smet');
    await tom.goto(`${ocmwBase}/access`);
    await tom.getByLabel(nl('access.insz_label'), { exact: true }).fill(formatInsz(KIM_INSZ));
    await tom.getByRole('button', { name: nl('access.next') }).click();
    // Saved without an application or e-mail: the messages next to the fields and in the summary.
    await tom.getByRole('button', { name: nl('access.save') }).click();
    assert.match(await main(tom), /minstens één toepassing/);
    await check(tom, 'add user, errors (nl)');
    await tom.getByLabel(nl('access.field.email'), { exact: true }).fill('kim.vos@ocmw-demostad.be');
    await tom.getByLabel(nl('access.field.language'), { exact: true }).selectOption('nl');
    await tom.getByLabel(nl('right.UV_CHAIR')).check();
    await tom.getByRole('button', { name: nl('access.save') }).click();
    await tom.waitForURL(/\/access\/drafts\//);
    assert.match(await main(tom), /Kim Vos/);
    await check(tom, 'add user, overview (nl)');
    await tom.getByRole('button', { name: nl('access.confirm') }).click();
    await tom.waitForURL(/m=user_added$/);

    // 3. Kim logs in, lands on Demostad's homepage and signs the form as chair, after a step-up with eID.
    const kim = await login('Kim Vos');
    await kim.goto('/?year=2022');
    await kim
      .locator('.form-card__title')
      .getByRole('link', { name: nl('measure.COVID_PREMIE') })
      .click();
    const formUrl = new URL(kim.url()).pathname;
    await signFromFormPage(kim, 'Kim Vos', 'signed');
    await kim.waitForURL(`${base}${formUrl}?m=signed`);
    assert.ok((await main(kim)).includes(nl('signing_auth.means.eid')), 'the signature says it was given with eID');
    await kim.goto(`${ocmwBase}/details`);
    assert.equal(new URL(kim.url()).pathname, `${ocmwBase}/details`);

    // 4. The TB blocks her; her next click is refused with the blocked page.
    await tom.goto(`${ocmwBase}/access`);
    await tom.getByLabel(nl('access.select_person', { name: 'Kim Vos' })).check();
    await tom.getByLabel(nl('access.action_label'), { exact: true }).selectOption('block');
    await tom.getByRole('button', { name: nl('access.execute') }).click();
    await tom.waitForURL(/\/access\/drafts\//);
    await check(tom, 'block, confirmation (nl)');
    await tom.getByRole('button', { name: nl('access.confirm') }).click();
    await tom.waitForURL(/m=users_blocked$/);
    // Her page is still open: pressing "Opslaan" there is her next click.
    await kim.getByRole('button', { name: nl('button.save') }).click();
    await kim.waitForLoadState();
    assert.match(await main(kim), new RegExp(nl('error.blocked_title')));

    // 5. Unblocked: back at the next click.
    await tom.goto(`${ocmwBase}/access`);
    await tom.getByLabel(nl('access.select_person', { name: 'Kim Vos' })).check();
    await tom.getByLabel(nl('access.action_label'), { exact: true }).selectOption('unblock');
    await tom.getByRole('button', { name: nl('access.execute') }).click();
    await tom.getByRole('button', { name: nl('access.confirm') }).click();
    await tom.waitForURL(/m=users_unblocked$/);
    await kim.goto(`${ocmwBase}/details`);
    assert.doesNotMatch(await main(kim), new RegExp(nl('error.blocked_title')));

    // 6. The user page and the audit trail.
    await tom.goto(`${ocmwBase}/access`);
    await tom.getByRole('link', { name: 'Kim Vos' }).click();
    await check(tom, 'user page (nl)');
    await hilde.goto(`${ocmwBase}/access/audit`);
    assert.match(await main(hilde), /Gebruiker geblokkeerd/);
    await check(hilde, 'audit (nl)');
  });

  it('the pages in French (CPAS de Villedemo’s HTB)', { timeout: 120_000 }, async () => {
    const michel = await login('Michel Renard', 'fr');
    const ocmwBase = new URL(michel.url()).pathname;
    await michel.goto(`${ocmwBase}/access`);
    assert.match(await main(michel), new RegExp(fr('access.title')));
    await check(michel, 'access home (fr)');
    await michel.getByRole('link', { name: fr('access.add_co_tb'), exact: true }).click();
    await michel.getByLabel(fr('access.insz_label')).fill('123');
    await michel.getByRole('button', { name: fr('access.next') }).click();
    assert.match(await main(michel), /11 chiffres/);
    await check(michel, 'co-TB, wrong INSZ (fr)');
    await michel.goto(`${ocmwBase}/access`);
    await michel.getByLabel(fr('access.insz_label')).fill(formatInsz(makeInsz('880101321')));
    await michel.getByRole('button', { name: fr('access.next') }).click();
    await check(michel, 'add user, form (fr)');
    await michel.getByLabel(fr('access.field.firstName'), { exact: true }).fill('Paul');
    await michel.getByLabel(fr('access.field.lastName'), { exact: true }).fill('Lecteur');
    await michel.getByLabel(fr('access.field.email')).fill('paul@cpas-villedemo.be');
    await michel.getByLabel(fr('right.UV_READER')).check();
    await michel.getByRole('button', { name: fr('access.save') }).click();
    await michel.waitForURL(/\/access\/drafts\//);
    await check(michel, 'add user, overview (fr)');
    await michel.getByRole('button', { name: fr('access.confirm') }).click();
    await michel.waitForURL(/m=user_added$/);
    await michel.goto(`${ocmwBase}/access/audit`);
    await check(michel, 'audit (fr)');
  });

  after(() => {
    assert.deepEqual(violations, [], `axe violations:\n${violationReport(violations)}`);
    assert.ok(audited.length >= 12, `axe ran on ${audited.length} pages`);
  });
});
