import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { formatKbo, makeKbo } from '../../src/modules/shared/identifiers.ts';
import type { TestApp } from '../support/app.ts';
import { browserSkip, violationReport } from '../support/browser.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { organisationId } from '../support/http.ts';

/**
 * The organisation registry in Chromium (issue 13, item 1): the beheerder searches and filters the list without
 * JavaScript's help (a GET form), opens a disappearing OCMW and its successor, edits an OCMW in two steps (an error
 * first, then Opslaan → Bevestigen), loads a KBO/NIS list and commits it; the dossierbeheerder reads in French. axe
 * on every page in Dutch and French.
 */
const nl = translator('nl');
const fr = translator('fr');

describe('the organisation registry in Chromium', { skip: browserSkip }, () => {
  const session = new BrowserSession();
  const { violations, audited } = session;
  let t: TestApp;
  let base = '';
  const login = (fullName: string, lang: 'nl' | 'fr' = 'nl'): Promise<Page> => session.login(fullName, lang, '/backoffice');
  const axe = (page: Page, label: string) => session.axe(page, label);
  const main = (page: Page) => session.main(page);

  before(async () => {
    await session.start();
    ({ t, base } = session);
  });
  after(() => session.stop());

  it('searches, reads, edits in two steps and loads a KBO/NIS list', { timeout: 180_000 }, async () => {
    const marc = await login('Marc Lefèvre');
    await marc.getByRole('link', { name: nl('bo.nav.registry'), exact: true }).click();
    await marc.waitForURL(`${base}/backoffice/registry`);
    await axe(marc, 'registry list (nl)');

    // Search by a former NIS code and filter on status, through the form.
    await marc.getByLabel(nl('bo.registry.list.search')).fill('73040');
    await marc.getByLabel(nl('bo.registry.field.status')).selectOption('DISAPPEARING');
    await marc.getByRole('button', { name: nl('bo.registry.list.search_button') }).click();
    await marc.waitForURL(/status=DISAPPEARING/);
    assert.match(await main(marc), /1 organisatie\(s\) gevonden/);
    await marc.getByRole('link', { name: 'OCMW Kortessem' }).click();
    assert.match(await main(marc), new RegExp(nl('bo.registry.status.DISAPPEARING')));
    await axe(marc, 'disappearing OCMW (nl)');
    await marc.getByRole('link', { name: 'OCMW Hasselt' }).first().click();
    assert.match(await main(marc), new RegExp(nl('bo.registry.detail.partners')));
    await axe(marc, 'merged OCMW (nl)');

    // Edit Villedemo: an error first (what was typed stays), then Opslaan → review → Bevestigen.
    const villedemo = await organisationId(t.db, 'OCMW Villedemo');
    await marc.goto(`/backoffice/registry/${villedemo}/edit`);
    await axe(marc, 'edit form (nl)');
    await marc.getByLabel(nl('bo.registry.field.name_de')).fill('');
    await marc.getByLabel(nl('bo.registry.field.kbo')).fill('0212.000.155');
    await marc.getByRole('button', { name: nl('bo.registry.edit.save') }).click();
    assert.match(await main(marc), new RegExp(nl('bo.registry.error.kbo_checksum')));
    assert.equal(await marc.getByLabel(nl('bo.registry.field.kbo')).inputValue(), '0212.000.155');
    await axe(marc, 'edit form with errors (nl)');
    const real = makeKbo('02079001');
    await marc.getByLabel(nl('bo.registry.field.name_de')).fill('ÖSHZ Villedemo');
    await marc.getByLabel(nl('bo.registry.field.kbo')).fill(formatKbo(real));
    await marc.getByRole('button', { name: nl('bo.registry.edit.save') }).click();
    assert.match(await main(marc), new RegExp(nl('bo.registry.review.kbo_real')));
    await axe(marc, 'edit review (nl)');
    await marc.getByRole('button', { name: nl('bo.registry.review.confirm') }).click();
    await marc.waitForURL(/m=saved/);
    assert.match(await main(marc), new RegExp(nl('bo.registry.flash.saved')));
    assert.match(await main(marc), new RegExp(formatKbo(real).replace(/\./g, '\\.')));

    // A KBO/NIS list: upload, preview, Bevestigen.
    await marc.getByRole('link', { name: nl('bo.registry.nav.imports') }).click();
    await axe(marc, 'lists (nl)');
    const dir = mkdtempSync(join(tmpdir(), 'uv-registry-'));
    const file = join(dir, 'kbo-nis.csv');
    writeFileSync(file, `NIS-code;KBO-nummer\r\n11001;${formatKbo(makeKbo('02079002'))}\r\n73040;${makeKbo('02079003')}\r\n`);
    await marc.getByLabel(nl('bo.registry.import.file')).setInputFiles(file);
    await marc.getByRole('button', { name: nl('bo.registry.import.upload') }).click();
    await marc.waitForURL(/\/backoffice\/registry\/imports\/[0-9a-f-]{36}$/);
    assert.match(await main(marc), new RegExp(nl('bo.registry.import.report_none')));
    await axe(marc, 'list preview (nl)');
    await marc.getByRole('button', { name: nl('bo.registry.review.confirm') }).click();
    await marc.waitForURL(/m=committed/);
    assert.match(await main(marc), new RegExp(nl('bo.registry.flash.committed')));

    // The dossierbeheerder reads in French: no Modifier.
    const nathalie = await login('Nathalie Vermeulen');
    await nathalie.goto('/backoffice/registry?q=li%C3%A8ge');
    await nathalie.getByRole('button', { name: 'Français', exact: true }).click();
    await nathalie.waitForURL(/q=li/);
    assert.match(await main(nathalie), /CPAS de Liège/);
    await axe(nathalie, 'registry list (fr)');
    await nathalie.goto(`/backoffice/registry/${villedemo}`);
    assert.match(await main(nathalie), new RegExp(fr('bo.registry.event.ORGANISATION_CHANGED')));
    assert.equal(await nathalie.getByRole('link', { name: fr('bo.registry.edit.button') }).count(), 0);
    await axe(nathalie, 'organisation page (fr)');

    assert.ok(audited.length >= 10);
    assert.equal(violations.length, 0, `axe violations:\n${violationReport(violations)}`);
  });
});
