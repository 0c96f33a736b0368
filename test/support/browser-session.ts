import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Config } from '../../src/config/config.ts';
import type { TestApp } from './app.ts';
import { type Violation, axeViolations, launchChromium, loginThroughProvider, newBrowserPage, openLoginPage, startTestServer } from './browser.ts';

/**
 * One end-to-end suite's browser and server: Chromium, the application on a real port, the pages opened (closed at
 * the end), a login through the embedded provider, and axe's findings gathered over every page audited.
 */
export class BrowserSession {
  t!: TestApp;
  base = '';
  browser!: Browser;
  readonly contexts: BrowserContext[] = [];
  readonly violations: Violation[] = [];
  readonly audited: string[] = [];

  async start(overrides: Partial<Config> = { cookieSecure: false }): Promise<void> {
    this.browser = await launchChromium();
    ({ t: this.t, base: this.base } = await startTestServer(overrides));
  }

  async stop(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => {});
    await this.browser?.close();
    await this.t?.close();
  }

  /** Logs in as this person through the demo provider and waits for the page they land on. */
  async login(fullName: string, lang: 'nl' | 'fr', landing: string | RegExp, javaScriptEnabled = true): Promise<Page> {
    const page = await newBrowserPage(this.browser, this.base, this.contexts, { lang, javaScriptEnabled });
    await openLoginPage(page, this.base, lang);
    await loginThroughProvider(page, fullName);
    await page.waitForURL(typeof landing === 'string' ? `${this.base}${landing}` : landing);
    return page;
  }

  async axe(page: Page, label: string): Promise<void> {
    this.violations.push(...(await axeViolations(page, label, this.base)));
    this.audited.push(label);
  }

  /** The text of the page's main element. */
  async main(page: Page): Promise<string> {
    return (await page.locator('main').textContent()) ?? '';
  }
}
