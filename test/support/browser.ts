import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { TestApp } from './app.ts';

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

/** Starts the test app on a free port; returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://localhost:${(t.app.server.address() as AddressInfo).port}`;
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
