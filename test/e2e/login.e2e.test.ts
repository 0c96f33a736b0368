import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PERSONS } from '../../src/seed/demo-data.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { formatInsz, makeInsz } from '../../src/modules/shared/identifiers.ts';
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
} from '../support/browser.ts';

/**
 * Login in Chromium through the embedded OpenID provider (issue 12, proof): every demo person lands where they work
 * (their OCMW, the chooser, the back office, or the page saying whom to ask); the chooser and the no-access page
 * pass axe in Dutch and French; and with JavaScript off a person of two OCMWs filters the chooser, enters one,
 * changes OCMW, and an HTB adds a user in Toegangsbeheer's two steps.
 */
const nl = translator('nl');

describe('login through the provider in Chromium', { skip: browserSkip }, () => {
  let t: TestApp;
  let base = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: Violation[] = [];
  const audited: string[] = [];

  const newPage = (options: { javaScriptEnabled?: boolean; lang?: 'nl' | 'fr' } = {}): Promise<Page> => newBrowserPage(browser, base, contexts, options);

  async function login(page: Page, fullName: string, lang: 'nl' | 'fr' = 'nl') {
    await openLoginPage(page, base, lang);
    await loginThroughProvider(page, fullName);
    await page.waitForURL((url) => !url.pathname.startsWith('/idp') && !url.pathname.startsWith('/auth/'));
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

  it('lands every demo person where they work', { timeout: 180_000 }, async () => {
    for (const person of DEMO_PERSONS) {
      const name = `${person.first} ${person.last}`;
      const page = await newPage();
      await login(page, name);
      const path = new URL(page.url()).pathname;
      const organisations = new Set(person.rights.map(([organisation]) => organisation));
      if (organisations.has('podmi')) assert.equal(path, '/backoffice', name);
      else if (organisations.size === 0) {
        assert.equal(path, '/choose-ocmw', name);
        assert.match(await main(page), /toegangsbeheerder/i, `${name}: whom to ask`);
      } else if (organisations.size > 1) assert.equal(path, '/choose-ocmw', name);
      else assert.match(path, /^\/ocmw\/\d{10}$/, name);
      assert.match((await page.locator('header').textContent()) ?? '', new RegExp(name), `${name} in the header`);
      await page.context().close();
    }
  });

  it('the chooser and the no-access page without axe violations, in Dutch and French', { timeout: 120_000 }, async () => {
    for (const lang of ['nl', 'fr'] as const) {
      const luc = await newPage({ lang });
      await login(luc, 'Luc Wouters', lang);
      assert.equal(new URL(luc.url()).pathname, '/choose-ocmw');
      violations.push(...(await axeViolations(luc, `chooser (${lang})`, base)));
      audited.push(`chooser (${lang})`);
      const kim = await newPage({ lang });
      await login(kim, 'Kim Vos', lang);
      violations.push(...(await axeViolations(kim, `no access (${lang})`, base)));
      audited.push(`no access (${lang})`);
    }
  });

  it('works without JavaScript: the chooser with its filter, another OCMW, and Toegangsbeheer in two steps', { timeout: 120_000 }, async () => {
    const luc = await newPage({ javaScriptEnabled: false });
    await login(luc, 'Luc Wouters');
    await luc.getByLabel(nl('choose.filter_label')).fill('villedemo');
    await luc.getByRole('button', { name: nl('choose.filter_button') }).click();
    assert.doesNotMatch(await main(luc), /OCMW Demostad/);
    await luc.getByRole('button', { name: /CPAS de Villedemo/ }).click();
    await luc.waitForURL(/\/ocmw\/\d{10}$/);
    assert.match(await main(luc), /Villedemo/);
    // Villedemo works in French: Luc, who chose no language, reads its pages in French.
    await luc.getByRole('link', { name: translator('fr')('home.switch_ocmw') }).click();
    await luc.getByRole('button', { name: /Demostad/ }).click();
    await luc.waitForURL(/\/ocmw\/\d{10}$/);
    assert.match(await main(luc), /Demostad/);

    const hilde = await newPage({ javaScriptEnabled: false });
    await login(hilde, 'Hilde Claes');
    const ocmwBase = new URL(hilde.url()).pathname;
    await hilde.goto(`${ocmwBase}/access`);
    await hilde.getByLabel(nl('access.insz_label'), { exact: true }).fill(formatInsz(makeInsz('660505123')));
    await hilde.getByRole('button', { name: nl('access.next') }).click();
    await hilde.getByLabel(nl('access.field.firstName'), { exact: true }).fill('Paula');
    await hilde.getByLabel(nl('access.field.lastName'), { exact: true }).fill('Zonder Script');
    await hilde.getByLabel(nl('access.field.email'), { exact: true }).fill('paula@ocmw-demostad.be');
    await hilde.getByLabel(nl('right.UV_ENCODER')).check();
    await hilde.getByRole('button', { name: nl('access.save') }).click();
    await hilde.waitForURL(/\/access\/drafts\//);
    assert.match(await main(hilde), /Paula Zonder Script/);
    await hilde.getByRole('button', { name: nl('access.confirm') }).click();
    await hilde.waitForURL(/m=user_added$/);
    assert.match(await main(hilde), /Paula Zonder Script/);
  });

  it('POD MI replaces an HTB in two steps; its access pages without axe violations in Dutch and French', { timeout: 120_000 }, async () => {
    const demostad = (await t.db.selectFrom('organisations').select('id').where('name_nl', '=', 'OCMW Demostad').executeTakeFirstOrThrow()).id;
    for (const lang of ['nl', 'fr'] as const) {
      const tr = translator(lang);
      const marc = await newPage({ lang });
      await login(marc, 'Marc Lefèvre', lang);
      for (const path of ['/backoffice/access', '/backoffice/access/imports', '/backoffice/access/podmi', `/backoffice/access/ocmw/${demostad}`]) {
        await marc.goto(path);
        violations.push(...(await axeViolations(marc, `${path} (${lang})`, base)));
        audited.push(`${path} (${lang})`);
      }
      if (lang === 'fr') continue;
      // Dutch: Hilde Claes replaced as HTB of Demostad by Sarah Jacobs, Hilde kept as co-HTB.
      await marc.getByLabel(tr('bo.access_admin.field.insz')).fill(formatInsz(makeInsz('890412375')));
      await marc.getByLabel(tr('bo.access_admin.field.email')).fill('sarah.jacobs@ocmw-demostad.be');
      await marc.locator('#p-keep').check();
      await marc.getByRole('button', { name: tr('bo.access_admin.save') }).click();
      assert.match(await main(marc), /Sarah Jacobs/);
      violations.push(...(await axeViolations(marc, 'HTB overview (nl)', base)));
      audited.push('HTB overview (nl)');
      await marc.getByRole('button', { name: tr('bo.access_admin.confirm') }).click();
      await marc.waitForURL(/\/backoffice\/access\/ocmw\/[0-9a-f-]{36}\?m=/);
      const sarah = await newPage();
      await login(sarah, 'Sarah Jacobs');
      await sarah.goto(`${new URL(sarah.url()).pathname}/access`);
      assert.match(await main(sarah), /Sarah Jacobs/);
    }
  });

  after(() => {
    assert.ok(audited.length >= 4, `axe ran on ${audited.length} pages`);
    assert.deepEqual(violations, [], `axe violations:\n${violationReport(violations)}`);
  });
});
