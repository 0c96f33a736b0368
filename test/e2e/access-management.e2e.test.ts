import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { formatInsz, makeInsz } from '../../src/modules/shared/identifiers.ts';
import type { TestApp } from '../support/app.ts';
import { type Violation, axeViolations, browserSkip, chooseAtProvider, launchChromium, startTestServer, violationReport } from '../support/browser.ts';

/**
 * Toegangsbeheer in Chromium (issue 12, proof): the HTB appoints a TB; the TB adds a user by INSZ with "voorzitter";
 * that user's open page is refused at the next click once blocked, and works again once unblocked. axe-core (WCAG 2.1
 * A/AA) on every page of Toegangsbeheer, in Dutch and in French. Everything by plain form posts (no JavaScript needed).
 * SCREENSHOTS=dir also saves each page at 1280 px, 390 px and 200 % zoom.
 */
const TIMEOUT_MS = 15_000;
const nl = translator('nl');
const fr = translator('fr');
const KIM_INSZ = makeInsz('950601519');
const NEW_INSZ = makeInsz('770707123');

describe('Toegangsbeheer in Chromium', { skip: browserSkip }, () => {
  let t: TestApp;
  let base = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: Violation[] = [];
  const audited: string[] = [];

  async function login(fullName: string, lang: 'nl' | 'fr' = 'nl'): Promise<Page> {
    const context = await browser.newContext({ baseURL: base, locale: lang === 'fr' ? 'fr-BE' : 'nl-BE' });
    context.setDefaultTimeout(TIMEOUT_MS);
    context.setDefaultNavigationTimeout(TIMEOUT_MS);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/login');
    if (lang === 'fr') {
      await page.getByRole('button', { name: 'Français', exact: true }).click();
      await page.waitForURL(`${base}/login`);
    }
    await page.locator('form[action="/auth/login"] button').click();
    await chooseAtProvider(page, fullName);
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

  it('HTB appoints a TB, the TB adds a chair by INSZ, blocking refuses the chair’s next click, unblocking lets them back', { timeout: 180_000 }, async () => {
    // 1. The HTB opens Toegangsbeheer from the homepage and changes the TB: Kim Vos (no access yet), Bart kept as co-TB.
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
    await hilde.getByLabel(nl('access.insz_label'), { exact: true }).fill('95.06.01-519.00');
    await hilde.getByRole('button', { name: nl('access.next') }).click();
    assert.match(await main(hilde), /controlecijfers/);
    await check(hilde, 'change TB, wrong INSZ (nl)');
    await hilde.getByLabel(nl('access.insz_label'), { exact: true }).fill(formatInsz(KIM_INSZ));
    await hilde.getByRole('button', { name: nl('access.next') }).click();
    await hilde.getByLabel(nl('access.field.email'), { exact: true }).fill('kim.vos@ocmw-demostad.be');
    await hilde.getByLabel(nl('access.keep_as_co_tb', { name: 'Bart Willems' })).check();
    await check(hilde, 'change TB, form (nl)');
    await hilde.getByRole('button', { name: nl('access.save') }).click();
    await hilde.waitForURL(/\/access\/drafts\//);
    assert.match(await main(hilde), /Kim Vos/);
    await check(hilde, 'change TB, overview (nl)');
    await hilde.getByRole('button', { name: nl('access.confirm') }).click();
    await hilde.waitForURL(/m=tb_changed$/);

    // 2. The TB adds a user by INSZ with "voorzitter".
    const kim = await login('Kim Vos');
    await kim.goto(`${ocmwBase}/access`);
    await kim.getByLabel(nl('access.insz_label'), { exact: true }).fill(formatInsz(NEW_INSZ));
    await kim.getByRole('button', { name: nl('access.next') }).click();
    // Saved without an application or e-mail: the messages next to the fields and in the summary.
    await kim.getByRole('button', { name: nl('access.save') }).click();
    assert.match(await main(kim), /minstens één toepassing/);
    await check(kim, 'add user, errors (nl)');
    await kim.getByLabel(nl('access.field.firstName'), { exact: true }).fill('Vera');
    await kim.getByLabel(nl('access.field.lastName'), { exact: true }).fill('Voorzitter');
    await kim.getByLabel(nl('access.field.email'), { exact: true }).fill('vera@ocmw-demostad.be');
    await kim.getByLabel(nl('access.field.language'), { exact: true }).selectOption('nl');
    await kim.getByLabel(nl('right.UV_CHAIR')).check();
    await kim.getByRole('button', { name: nl('access.save') }).click();
    await kim.waitForURL(/\/access\/drafts\//);
    assert.match(await main(kim), /Vera Voorzitter/);
    await check(kim, 'add user, overview (nl)');
    await kim.getByRole('button', { name: nl('access.confirm') }).click();
    await kim.waitForURL(/m=user_added$/);

    // 3. Vera logs in (the demo provider offers her once she is a demo persona) and opens a page.
    await t.db.updateTable('persons').set({ demo: true }).where('insz', '=', NEW_INSZ).execute();
    const vera = await login('Vera Voorzitter');
    await vera.goto(`${ocmwBase}/details`);
    assert.equal(new URL(vera.url()).pathname, `${ocmwBase}/details`);

    // 4. The TB blocks her; her next click is refused with the blocked page.
    await kim.goto(`${ocmwBase}/access`);
    await kim.getByLabel(nl('access.select_person', { name: 'Vera Voorzitter' })).check();
    await kim.getByLabel(nl('access.action_label'), { exact: true }).selectOption('block');
    await kim.getByRole('button', { name: nl('access.execute') }).click();
    await kim.waitForURL(/\/access\/drafts\//);
    await check(kim, 'block, confirmation (nl)');
    await kim.getByRole('button', { name: nl('access.confirm') }).click();
    await kim.waitForURL(/m=users_blocked$/);
    // Her page is still open: pressing "Opslaan" there is her next click.
    await vera.getByRole('button', { name: nl('button.save') }).click();
    await vera.waitForLoadState();
    assert.match(await main(vera), new RegExp(nl('error.blocked_title')));

    // 5. Unblocked: back at the next click.
    await kim.goto(`${ocmwBase}/access`);
    await kim.getByLabel(nl('access.select_person', { name: 'Vera Voorzitter' })).check();
    await kim.getByLabel(nl('access.action_label'), { exact: true }).selectOption('unblock');
    await kim.getByRole('button', { name: nl('access.execute') }).click();
    await kim.getByRole('button', { name: nl('access.confirm') }).click();
    await kim.waitForURL(/m=users_unblocked$/);
    await vera.goto(`${ocmwBase}/details`);
    assert.doesNotMatch(await main(vera), new RegExp(nl('error.blocked_title')));

    // 6. The user page and the audit trail.
    await kim.goto(`${ocmwBase}/access`);
    await kim.getByRole('link', { name: 'Vera Voorzitter' }).click();
    await check(kim, 'user page (nl)');
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
