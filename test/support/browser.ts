import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { Config } from '../../src/config/config.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { type BuildHooks, type TestApp, buildTestApp } from './app.ts';

/** Debian's Chromium (never a downloaded browser); outside CI a missing Chromium skips the browser tests. */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
export const browserSkip = chromiumMissing && !process.env.CI ? `Chromium is missing (${CHROMIUM}): end-to-end test skipped` : false;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation {
  page: string;
  url: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function launchChromium(): Promise<Browser> {
  if (chromiumMissing) throw new Error(`Chromium is missing (${CHROMIUM}): required in CI`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Starts the test app on a free port; returns its base URL (an app built with its public URL: startTestServer). */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://localhost:${(t.app.server.address() as AddressInfo).port}`;
}

/** A port free on the loopback now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Builds the test app with its public URL on a free port and listens there: the embedded provider sends the browser
 * back to the application's public address, so the port is known before the app is built.
 */
export async function startTestServer(overrides: Partial<Config> = {}, hooks: BuildHooks = {}): Promise<{ t: TestApp; base: string }> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const t = await buildTestApp({ publicUrl: base, oidcIssuer: `${base}/idp`, ...overrides }, undefined, hooks);
  await t.app.listen({ port, host: '127.0.0.1' });
  return { t, base };
}

/** How long a step of a browser test may wait (an action, a navigation). */
export const E2E_TIMEOUT_MS = 15_000;

/**
 * A page in a new context of its own (its own cookies: one person), Belgian Dutch or French, with the test's
 * timeouts; the context is kept in `contexts` for the test to close.
 */
export async function newBrowserPage(
  browser: Browser,
  base: string,
  contexts: BrowserContext[],
  options: { lang?: 'nl' | 'fr'; javaScriptEnabled?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: base,
    locale: options.lang === 'fr' ? 'fr-BE' : 'nl-BE',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  context.setDefaultTimeout(E2E_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(E2E_TIMEOUT_MS);
  contexts.push(context);
  return context.newPage();
}

/** Opens the login page, switched to French by its language button when asked. */
export async function openLoginPage(page: Page, base: string, lang: 'nl' | 'fr' = 'nl'): Promise<void> {
  await page.goto('/login');
  if (lang === 'fr') {
    await page.getByRole('button', { name: 'Français', exact: true }).click();
    await page.waitForURL(`${base}/login`);
  }
}

export type BrowserMeans = 'eid' | 'itsme' | 'code';

/**
 * At the embedded provider's page (the browser is there): chooses the persona by name and the means, and submits.
 * Works with JavaScript off (radio buttons, one submit button).
 */
export async function chooseAtProvider(page: Page, fullName: string, means: BrowserMeans = 'eid'): Promise<void> {
  await page.waitForURL(/\/idp\/interaction\//);
  await page.locator('label', { hasText: fullName }).first().click();
  await page.locator(`input[name="means"][value="${means}"]`).check();
  await page.locator('button[name="action"][value="login"]').click();
}

/**
 * "Ondertekenen" from the form page the browser is on (issue 14, item 9): the signing page with its key figures and
 * declaration; its button — "Ondertekenen en verzenden naar de POD MI" for the second signature —; the first time in
 * this OCMW the step-up at the provider (eID), back on the signing page, the button again. Ends on the form page with
 * ?m=signed or ?m=submitted.
 */
export async function signFromFormPage(page: Page, signer: string, expected: 'signed' | 'submitted', lang: 'nl' | 'fr' = 'nl'): Promise<void> {
  const t = translator(lang);
  await page.getByRole('link', { name: t('button.sign'), exact: true }).click();
  await page.waitForURL(/\/sign(\?|$)/);
  const name = expected === 'submitted' ? t('signing.sign_and_send') : new RegExp(`^${t('signing.sign', { role: '.+' })}$`);
  const button = () => page.getByRole('button', { name, exact: typeof name === 'string' });
  await button().click();
  await page.waitForURL(/\/idp\/interaction\/|[?&]m=/);
  if (page.url().includes('/idp/interaction/')) {
    await chooseAtProvider(page, signer, 'eid');
    await page.waitForURL(/\/sign\?role=\w+&m=stepped_up$/);
    await button().click();
  }
  await page.waitForURL(new RegExp(`/forms/[0-9a-f-]+\\?m=${expected}$`));
}

/** Logs in as a person through the login page's button and the embedded provider's page. */
export async function loginThroughProvider(page: Page, fullName: string, means: BrowserMeans = 'eid'): Promise<void> {
  await page.locator('form[action="/auth/login"] button').click();
  await chooseAtProvider(page, fullName, means);
}

/** axe (WCAG 2.1 A/AA) on the page as it is now: its violations, labelled. */
export async function axeViolations(page: Page, label: string, base: string): Promise<Violation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  if (results.passes.length === 0) throw new Error(`axe did not run on ${label}`);
  return results.violations.map((v) => ({
    page: label,
    url: page.url().replace(base, ''),
    id: v.id,
    impact: v.impact ?? '',
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

export function violationReport(violations: Violation[]): string {
  return violations.map((v) => `- ${v.id} (${v.impact}) on ${v.page} [${v.url}]: ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
}
