import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { makeKbo } from '../../src/modules/shared/identifiers.ts';
import type { TestApp } from '../support/app.ts';
import { browserSkip, violationReport } from '../support/browser.ts';
import { BrowserSession } from '../support/browser-session.ts';

/**
 * Issue 13's proof in a real browser: POD MI (Marc Lefèvre) records a merger in two steps, runs the copy of access
 * of the demo merger (Demodorp into Demostad), sees the report; a second copy changes nothing. axe on every page of
 * the mergers in Dutch and in French.
 */
const nl = translator('nl');
const fr = translator('fr');

describe('POD MI records a merger and copies access in Chromium', { skip: browserSkip }, () => {
  const session = new BrowserSession();
  const { violations, audited } = session;
  let t: TestApp;
  let base = '';
  const login = (lang: 'nl' | 'fr'): Promise<Page> => session.login('Marc Lefèvre', lang, '/backoffice');
  const axe = (page: Page, label: string) => session.axe(page, label);
  const main = (page: Page) => session.main(page);

  before(async () => {
    await session.start();
    ({ t, base } = session);
  });
  after(() => session.stop());

  it('records a merger, runs the copy and reads the report (Dutch)', { timeout: 120_000 }, async () => {
    const marc = await login('nl');
    await marc.getByRole('link', { name: nl('bo.nav.mergers'), exact: true }).click();
    await marc.waitForURL(`${base}/backoffice/mergers`);
    await axe(marc, 'mergers (nl)');
    assert.match(await main(marc), /Beveren-Kruibeke-Zwijndrecht/);

    // Record a merger: a refusal first (shown next to the field), then the overview and "Bevestigen".
    await marc.getByRole('link', { name: nl('bo.mergers.list.record') }).click();
    await marc.waitForURL(`${base}/backoffice/mergers/new`);
    await axe(marc, 'record form (nl)');
    await marc.locator('#m-partners').fill('11001\n11004');
    await marc.getByRole('radio', { name: nl('bo.mergers.scenario.S1_NEW_KBO_NEW_NIS') }).check();
    await marc.locator('#m-effective').fill('01/01/2027');
    await marc.locator('#m-transition').fill('01/01/2026');
    await marc.locator('#m-new-kbo').fill(makeKbo('08888801'));
    await marc.locator('#m-new-nis').fill('11099');
    await marc.locator('#m-name-nl').fill('OCMW Rupelgem');
    await marc.locator('#m-name-fr').fill('CPAS de Rupelgem');
    await marc.locator('#m-name-de').fill('ÖSHZ Rupelgem');
    await marc.locator('#m-language').selectOption('nl');
    await marc.locator('#m-region').selectOption('VLG');
    await marc.locator('#m-province').fill('Antwerpen');
    await marc.getByRole('button', { name: nl('bo.mergers.save') }).click();
    await marc.locator('.error-summary').waitFor();
    assert.match(await main(marc), new RegExp(nl('bo.mergers.error.transition_not_after_effective')));
    await axe(marc, 'record form with errors (nl)');
    await marc.locator('#m-transition').fill('');
    await marc.getByRole('button', { name: nl('bo.mergers.save') }).click();
    await marc.getByRole('heading', { name: nl('bo.mergers.record.overview_title') }).waitFor();
    await axe(marc, 'record overview (nl)');
    await marc.getByRole('button', { name: nl('bo.mergers.confirm') }).click();
    await marc.waitForURL(/\/backoffice\/mergers\/[0-9a-f-]{36}\?m=recorded$/);
    assert.match(await main(marc), new RegExp(nl('bo.mergers.flash.recorded')));
    assert.match(await main(marc), /OCMW Aartselaar/);
    await axe(marc, 'recorded merger (nl)');

    // The demo merger: Demodorp into Demostad. "Gebruikers kopiëren" → overview → "Bevestigen" → the report.
    await marc.goto('/backoffice/mergers');
    await marc.locator('a', { hasText: 'OCMW Demostad' }).first().click();
    await marc.waitForURL(/\/backoffice\/mergers\/[0-9a-f-]{36}$/);
    await axe(marc, 'demo merger (nl)');
    await marc.getByRole('button', { name: nl('bo.mergers.copy.start') }).click();
    await marc.getByRole('heading', { name: /Overzicht: gebruikers kopiëren/ }).waitFor();
    assert.match(await main(marc), /Rita Aerts/);
    assert.match(await main(marc), new RegExp(nl('bo.mergers.skip.signing_right')));
    await axe(marc, 'copy overview (nl)');
    await marc.getByRole('button', { name: nl('bo.mergers.confirm') }).click();
    await marc.waitForURL(/\?m=copied$/);
    const report = await main(marc);
    assert.match(report, new RegExp(nl('bo.mergers.flash.copied')));
    assert.match(report, /Wim Hermans/);
    assert.match(report, new RegExp(nl('bo.mergers.skip.already_present')));
    await axe(marc, 'copy report (nl)');
    // The transition's end in two steps.
    await marc.locator('#m-transition').fill('30/06/2027');
    await marc.getByRole('button', { name: nl('bo.mergers.save') }).click();
    await marc.getByRole('heading', { name: nl('bo.mergers.transition.overview_title') }).waitFor();
    await axe(marc, 'transition overview (nl)');
    await marc.getByRole('button', { name: nl('bo.mergers.confirm') }).click();
    await marc.waitForURL(/\?m=transition$/);
    assert.match(await main(marc), /30\/06\/2027/);
  });

  it('shows the report in French; a second copy changes nothing', { timeout: 120_000 }, async () => {
    const marc = await login('fr');
    await marc.goto('/backoffice/mergers');
    await axe(marc, 'mergers (fr)');
    assert.match(await main(marc), new RegExp(fr('bo.mergers.scenario.S3_KEEP_KBO_KEEP_NIS')));
    await marc.locator('a', { hasText: 'OCMW Demostad' }).first().click();
    await marc.waitForURL(/\/backoffice\/mergers\/[0-9a-f-]{36}$/);
    assert.match(await main(marc), new RegExp(fr('bo.mergers.skip.signing_right')));
    await axe(marc, 'merger with report (fr)');
    // The copy again (as a stale tab would post it): refused, nothing written.
    const grants = await t.db.selectFrom('access_grants').select('id').execute();
    const url = new URL(marc.url());
    const answer = await marc.request.post(`${url.pathname}/copy/confirm`, { form: {}, headers: { origin: base } });
    assert.equal(answer.status(), 409);
    assert.match(await answer.text(), /ont déjà été copiés le/);
    assert.equal((await t.db.selectFrom('access_grants').select('id').execute()).length, grants.length);
    await marc.goto('/backoffice/mergers/new');
    await axe(marc, 'record form (fr)');
    await marc.getByRole('button', { name: fr('bo.mergers.save') }).click();
    await marc.locator('.error-summary').waitFor();
    await axe(marc, 'record form with errors (fr)');
  });

  it('has no axe (WCAG 2.1 A/AA) violations on any page visited', () => {
    assert.ok(audited.length >= 12, `axe ran on ${audited.length} pages`);
    assert.equal(violations.length, 0, `axe violations:\n${violationReport(violations)}`);
  });
});
