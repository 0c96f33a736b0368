import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { extract } from '../support/pdf-text.ts';

/**
 * A whole campaign in a real browser (Debian's Chromium), issue 4: the beheerder opens a campaign and loads its
 * reference data; Demostad fills the form in, both signers sign; the dossierbeheerder finds it, verifies it and
 * sends it back for correction; the OCMW sees why, both sign again; POD MI accepts, closes and settles; the
 * settlement letter appears in Demostad's e-Box. axe-core on every back-office page, in Dutch and in French.
 */
const nl = translator('nl');
const REASON = 'Het aantal begunstigden wijkt af van onze gegevens; kijk de personeelsleden na.';

describe('a POD MI campaign from opening to settlement in Chromium', { skip: browserSkip }, () => {
  let t: TestApp;
  let base = '';
  let browser: Browser;
  let campaign = '';
  const contexts: BrowserContext[] = [];
  const violations: Violation[] = [];
  const audited: string[] = [];

  async function login(fullName: string, landing: string, lang: 'nl' | 'fr' = 'nl'): Promise<Page> {
    const page = await newBrowserPage(browser, base, contexts, { lang });
    await openLoginPage(page, base, lang);
    await loginThroughProvider(page, fullName);
    names.set(page, fullName);
    await page.waitForURL(landing === '/' ? /\/ocmw\/\d{10}$/ : `${base}${landing}`);
    return page;
  }

  async function axe(page: Page, label: string) {
    violations.push(...(await axeViolations(page, label, base)));
    audited.push(label);
  }

  const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  async function sign(page: Page, expected: 'signed' | 'submitted') {
    const url = `/forms/${campaign}`;
    await page.goto(url);
    // The signing page; the step-up before the first signature: eID at the provider, back, the button again.
    await signFromFormPage(page, names.get(page) ?? '', expected);
    await page.waitForURL(new RegExp(`/ocmw/\\d{10}${url}\\?m=${expected}$`));
  }
  const names = new WeakMap<Page, string>();

  before(async () => {
    browser = await launchChromium();
    ({ t, base } = await startTestServer({ cookieSecure: false }));
    campaign = await campaignId(t.db, 'GPMI_TB', 2026);
    // POD MI prepared next campaign but has not opened it yet.
    await t.db.updateTable('campaigns').set({ status: 'PLANNED' }).where('id', '=', campaign).execute();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  it('runs the campaign: open, reference data, submission, correction, resubmission, settlement', { timeout: 240_000 }, async () => {
    // 1. The beheerder opens the campaign and loads its reference data.
    const marc = await login('Marc Lefèvre', '/backoffice');
    await axe(marc, 'dashboard (nl)');
    await marc.goto('/backoffice/campaigns?year=2026');
    await axe(marc, 'campaigns (nl)');
    await marc.getByRole('link', { name: nl('measure.GPMI_TB') }).click();
    await marc.waitForURL(`${base}/backoffice/campaigns/${campaign}`);
    await axe(marc, 'campaign page (nl)');
    await marc.getByRole('link', { name: nl('bo.campaigns.action.open') }).click();
    await axe(marc, 'open confirmation (nl)');
    await marc.getByRole('button', { name: nl('bo.campaigns.action.open') }).click();
    await marc.waitForURL(/m=opened/);
    assert.match(await main(marc), new RegExp(nl('bo.campaigns.flash.opened').slice(0, 30)));

    await marc.goto('/backoffice/reference-data');
    await marc.locator('#refdata-campaign').selectOption(campaign);
    const csv = join(mkdtempSync(join(tmpdir(), 'uv-e2e-')), 'gpmi-tb-2026.csv');
    writeFileSync(csv, 'nis;supplementReceived;beneficiariesCount\n99001;4.250,00;12\n99002;1.000,00;3\n');
    await marc.locator('#refdata-file').setInputFiles(csv);
    await marc.getByRole('button', { name: nl('refdata.upload') }).click();
    await marc.waitForURL(/\/backoffice\/reference-data\/[0-9a-f-]{36}$/);
    assert.match(await main(marc), new RegExp(nl('refdata.report_none')));
    await marc.getByRole('button', { name: nl('refdata.commit') }).click();
    await marc.waitForURL(/m=committed/);

    // 2. Demostad sees the form, fills it in and both signers sign: submitted.
    const an = await login('An Peeters', '/');
    assert.match(await main(an), new RegExp(nl('measure.GPMI_TB')));
    await an.goto(`/forms/${campaign}/edit`);
    await an
      .getByRole('button', { name: nl('button.save') })
      .last()
      .click();
    await an.waitForURL(new RegExp(`/forms/${campaign}\\?m=saved`));
    assert.match(await main(an), /4\.250,00 €/, 'the loaded reference value');
    const jan = await login('Jan Janssens', '/');
    const els = await login('Els Maes', '/');
    await sign(jan, 'signed');
    await sign(els, 'submitted');

    // 3. The dossierbeheerder finds it in the OCMW list, verifies it and sends it back for correction.
    const nathalie = await login('Nathalie Vermeulen', '/backoffice');
    await nathalie.goto('/backoffice/ocmws?year=2026&q=0212.000.1');
    await axe(nathalie, 'OCMW list (nl)');
    const instance = await t.db.selectFrom('form_instances').select('id').where('campaign_id', '=', campaign).executeTakeFirstOrThrow();
    await nathalie.locator(`a[href="/backoffice/forms/${instance.id}"]`).first().click();
    await nathalie.waitForURL(`${base}/backoffice/forms/${instance.id}`);
    await axe(nathalie, 'submitted form with verification (nl)');
    const reviewText = await main(nathalie);
    assert.match(reviewText, /Jan Janssens/);
    assert.match(reviewText, /Els Maes/);
    await nathalie.getByRole('button', { name: nl('bo.corrections.send_back') }).click();
    await nathalie.waitForURL(`${base}/backoffice/forms/${instance.id}/correction`);
    assert.match(await main(nathalie), new RegExp(nl('bo.corrections.error.required')), 'empty reason refused');
    await axe(nathalie, 'correction refused (nl)');
    await nathalie.getByLabel(nl('bo.corrections.reason')).fill(REASON);
    await nathalie.getByRole('button', { name: nl('bo.corrections.send_back') }).click();
    // a confirmation step says what sending back does (issue 14, item 13)
    await nathalie.getByRole('heading', { name: nl('bo.corrections.confirm_send_back_title') }).waitFor();
    await axe(nathalie, 'send back, confirmation (nl)');
    await nathalie.getByRole('button', { name: nl('bo.corrections.confirm_send_back') }).click();
    await nathalie.waitForURL(/m=correction_requested/);

    // 4. Demostad sees the reason, and both sign again; the contact person got an e-mail.
    await an.goto('/');
    assert.match(await main(an), new RegExp(REASON.slice(0, 40)));
    await an.goto(`/forms/${campaign}`);
    assert.match(await main(an), new RegExp(REASON.slice(0, 40)));
    await axe(an, 'form with correction notice (nl)');
    const mail = await t.db
      .selectFrom('outbox_jobs')
      .select(['payload', 'dedupe_key'])
      .where('dedupe_key', 'like', `correction:${instance.id}:%`)
      .executeTakeFirstOrThrow();
    assert.equal((mail.payload as { to: string }).to, 'an.peeters@ocmw-demostad.be');
    await sign(els, 'signed');
    await sign(jan, 'submitted');
    await an.goto('/');
    assert.doesNotMatch(await main(an), new RegExp(REASON.slice(0, 40)), 'the reason is gone once resubmitted');

    // 5. POD MI accepts, closes the campaign and settles it.
    await nathalie.goto(`/backoffice/forms/${instance.id}`);
    await nathalie.getByRole('button', { name: nl('bo.corrections.accept') }).click();
    await nathalie.waitForURL(`${base}/backoffice/forms/${instance.id}/accept`);
    assert.match(await main(nathalie), /definitief/);
    await nathalie.getByRole('button', { name: nl('bo.corrections.confirm_accept') }).click();
    await nathalie.waitForURL(/m=accepted/);
    await marc.goto(`/backoffice/campaigns/${campaign}`);
    await marc.getByRole('link', { name: nl('bo.campaigns.action.close') }).click();
    await marc.getByRole('button', { name: nl('bo.campaigns.action.close') }).click();
    await marc.waitForURL(/m=closed/);
    await nathalie.goto(`/backoffice/settlements?campaignId=${campaign}`);
    await axe(nathalie, 'settlement preview (nl)');
    await nathalie.getByRole('button', { name: nl('bo.settlement.settle') }).click();
    assert.match(await main(nathalie), new RegExp(nl('bo.settlement.confirm_required')), 'confirmation required');
    await nathalie.getByLabel(nl('bo.settlement.confirm')).check();
    await nathalie.getByRole('button', { name: nl('bo.settlement.settle') }).click();
    await nathalie.waitForURL(/m=settled/);
    await axe(nathalie, 'settled campaign (nl)');

    // 6. The settlement letter is a message in Demostad's e-Box (issue 16), in Dutch, with the amounts.
    const subject = nl('ebox.subject.settlement', { measure: nl('measure.GPMI_TB'), year: 2026 });
    assert.match(subject, /^Uniek Verslag – afrekening /);
    await an.goto('/');
    await an.getByRole('link', { name: nl('ebox.link') }).click();
    await an.waitForURL(/\/ocmw\/\d{10}\/ebox$/);
    await axe(an, 'e-Box (nl)');
    const letter = an.getByRole('link', { name: subject, exact: true });
    assert.equal(await letter.count(), 1, 'the letter in the e-Box, once');
    const href = await letter.getAttribute('href');
    assert.match(href ?? '', /^\/ocmw\/\d{10}\/ebox\/[0-9a-f-]{36}$/, 'the message page');
    await letter.click();
    await an.waitForURL(new RegExp(`${href}$`));
    await axe(an, 'e-Box message (nl)');
    assert.equal((await an.locator('h1').textContent())?.trim(), subject);
    assert.match(await main(an), new RegExp(nl('ebox.type.UV_AFREKENING')));
    const file = an.locator(`a[href="${href}/files/1"]`);
    assert.equal(await file.count(), 1, 'its one file');
    assert.match((await file.textContent()) ?? '', /-afrekening\.pdf/);
    const pdf = await an.request.get(`${href}/files/1`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const text = (await extract(Buffer.from(await pdf.body()))).pages.join('\n');
    assert.match(text, /Jaarlijkse afrekening/);
    assert.match(text, /4\.250,00/);
    // the old address of the letter leads to its file
    const legacy = await an.request.get(href?.replace('/ebox/', '/documents/') ?? '', { maxRedirects: 0 });
    assert.equal(legacy.status(), 301);
    assert.equal(legacy.headers().location, `${href}/files/1`);
  });

  it('shows the back office in French without axe violations', { timeout: 120_000 }, async () => {
    const fr = translator('fr');
    const marc = await login('Marc Lefèvre', '/backoffice', 'fr');
    assert.match(await main(marc), new RegExp(fr('bo.nav.followup')));
    const settled = await campaignId(t.db, 'GPMI_TB', 2026);
    const instance = await t.db.selectFrom('form_instances').select('id').where('campaign_id', '=', settled).executeTakeFirstOrThrow();
    for (const [label, path] of [
      ['dashboard', '/backoffice?year=2026&region=WAL'],
      ['OCMW list', '/backoffice/ocmws?year=2026&sort=name&dir=desc'],
      ['form', `/backoffice/forms/${instance.id}`],
      ['campaigns', '/backoffice/campaigns?year=2026'],
      ['campaign', `/backoffice/campaigns/${settled}`],
      ['new campaign', '/backoffice/campaigns/new'],
      ['reference data', '/backoffice/reference-data'],
      ['settlement', `/backoffice/settlements?campaignId=${settled}`],
      ['exports', '/backoffice/exports'],
      ['outbox', '/backoffice/outbox'],
    ]) {
      const res = await marc.goto(path);
      assert.equal(res?.status(), 200, path);
      await axe(marc, `${label} (fr)`);
    }
    const claire = await login('Claire Martin', '/', 'fr');
    await claire.goto(`${new URL(claire.url()).pathname}/ebox`);
    await claire.waitForURL(/\/ocmw\/\d{10}\/ebox$/);
    assert.match(await main(claire), /documents? trouvés?\./, 'the e-Box list, in French');
    await axe(claire, 'e-Box (fr)');
  });

  it('has no axe (WCAG 2.1 A/AA) violations on any page visited', () => {
    assert.ok(audited.length >= 20, `axe ran on ${audited.length} pages`);
    assert.equal(violations.length, 0, `axe violations:\n${violationReport(violations)}`);
  });
});
