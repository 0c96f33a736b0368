/**
 * The screenshots of docs/user-guide.md, taken in Chromium on the demo data (fixed clock of the tests, 1280 px wide):
 * `CI=1 npx tsx scripts/user-guide-screenshots.ts`. Writes docs/images/*.png; run it again after changing a page shown.
 */
import type { Page } from 'playwright-core';
import { BrowserSession } from '../test/support/browser-session.ts';
import { campaignId, covidCampaignId, hiddenValue, loginAs } from '../test/support/http.ts';

const OUT = new URL('../docs/images/', import.meta.url).pathname;
const s = new BrowserSession();
await s.start();
try {
  const shot = async (page: Page, name: string, selector = 'main') => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page
      .locator(selector)
      .first()
      .screenshot({ path: `${OUT}${name}.png` });
    console.log(`docs/images/${name}.png`);
  };
  // the medewerker: Startpagina, the task list of a long form, a staff member's own page
  const an = await s.login('An Peeters', 'nl', /\/ocmw\/\d+$/);
  const ocmw = new URL(an.url()).pathname;
  await shot(an, 'startpagina');
  const gas = await campaignId(s.t.db, 'GAS_ELEK', 2026);
  await an.goto(`${s.base}${ocmw}/forms/${gas}/edit?part=art4`);
  await an.getByRole('button', { name: 'Opslaan en verder' }).last().click();
  await an.waitForURL(/part=art6Curative/);
  await an.goto(`${s.base}${ocmw}/forms/${gas}`);
  await shot(an, 'takenlijst', '.task-list');
  const art40 = await campaignId(s.t.db, 'PERSONEELSKOSTEN', 2026);
  await an.goto(`${s.base}${ocmw}/forms/${art40}/edit`);
  await an
    .getByRole('button', { name: /Personeelslid toevoegen/ })
    .first()
    .click();
  await an.waitForURL(/\/staff\//);
  await shot(an, 'personeelslid');
  // the chair: the signing page of the Covid-19 premium, filled in by the medewerker
  const covid = await covidCampaignId(s.t.db);
  const client = await loginAs(s.t.app, s.t.db, 'An Peeters');
  const edit = await client.get(`${client.base}/forms/${covid}/edit`);
  await client.post(`${client.base}/forms/${covid}`, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': '1.250,00', action: 'save' });
  const jan = await s.login('Jan Janssens', 'nl', /\/ocmw\/\d+/);
  await jan.goto(`${s.base}${ocmw}/forms/${covid}`);
  await shot(jan, 'te-ondertekenen', '.to-sign');
  await jan.goto(`${s.base}${ocmw}/forms/${covid}/sign?role=CHAIR`);
  await shot(jan, 'ondertekenen');
  // POD MI: the follow-up dashboard
  const podmi = await s.login('Nathalie Vermeulen', 'nl', /\/backoffice/);
  await shot(podmi, 'backoffice-opvolging');
} finally {
  await s.stop();
}
