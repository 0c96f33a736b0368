import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { browserSkip, violationReport } from '../support/browser.ts';
import { BrowserSession } from '../support/browser-session.ts';

/**
 * OCMW-configuratie in Chromium (issue 18, proof): with JavaScript, "set for all languages" copies in place, leaving
 * with unsaved changes warns, the conditional errors of OCMW Online show next to their fields and the history lists
 * the save; without JavaScript the copy is a round trip that keeps everything typed, and a screen is saved. axe-core
 * (WCAG 2.1 A/AA) on every screen in Dutch, French and German.
 */
describe('OCMW-configuratie in Chromium', { skip: browserSkip }, () => {
  const s = new BrowserSession();

  before(async () => s.start());
  after(async () => {
    await s.stop();
  });

  it('copies, warns, checks and keeps history with JavaScript (Dutch, TB of Demostad)', async () => {
    const page = await s.login('Bart Willems', 'nl', /\/ocmw\/\d{10}$/);
    const home = page.url();
    await page.getByRole('link', { name: 'OCMW-configuratie' }).click();
    await page.waitForURL(`${home}/configuration`);
    assert.match(await s.main(page), /Bewaard op/);
    await s.axe(page, 'configuratie: overzicht (nl)');

    await page.getByRole('navigation', { name: 'OCMW-configuratie' }).getByRole('link', { name: 'Contactgegevens' }).click();
    await page.waitForURL(`${home}/configuration/contact`);
    await s.axe(page, 'configuratie: contactgegevens (nl)');
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await page.getByLabel('Straat en nummer — Nederlands').fill('Stationsstraat 5');
    await page.getByRole('button', { name: 'Stel deze waarde in voor alle talen (Straat en nummer — Nederlands)' }).click();
    assert.equal(await page.getByLabel('Straat en nummer — Frans').inputValue(), 'Stationsstraat 5');
    assert.equal(await page.getByLabel('Straat en nummer — Duits').inputValue(), 'Stationsstraat 5');
    assert.equal(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true, 'copied in place, no round trip');

    // leaving with unsaved changes asks first; staying keeps what was typed
    const dialog = new Promise<string>((resolve) =>
      page.once('dialog', async (d) => {
        const type = d.type();
        await d.dismiss();
        resolve(type);
      }),
    );
    await page.getByRole('navigation', { name: 'OCMW-configuratie' }).getByRole('link', { name: 'OCMW Online' }).click();
    assert.equal(await dialog, 'beforeunload');
    assert.equal(await page.getByLabel('Straat en nummer — Duits').inputValue(), 'Stationsstraat 5');

    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.waitForURL(`${home}/configuration/contact?m=saved`);
    assert.match(await s.main(page), /Uw gegevens zijn bewaard\./);

    await page.goto(`${home}/configuration/online`);
    await page.getByLabel('Herinneringstermijn (dagen)').fill('0');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.waitForURL(`${home}/configuration/online`);
    const error = page.locator('#cfg-reminderTermDays-error');
    assert.equal((await error.textContent())?.trim(), 'De herinneringstermijn is minstens 1 en hoogstens 60 dagen.');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, 'the summary takes the focus');
    await s.axe(page, 'configuratie: OCMW Online met fout (nl)');
    await page.getByLabel('Herinneringstermijn (dagen)').fill('4');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.waitForURL(`${home}/configuration/online?m=saved`);
    assert.match(
      await s.main(page),
      /Met uw instellingen: Voorbeeld: ingediend op maandag 3\/3, termijn 4, frequentie 3 → herinneringen op 7\/3, 10\/3, 13\/3/,
    );

    await page.getByRole('link', { name: 'Geschiedenis' }).click();
    await page.waitForURL(`${home}/configuration/online/history`);
    assert.match(await s.main(page), /Herinneringstermijn \(dagen\)\s*2\s*4/);
    await s.axe(page, 'configuratie: geschiedenis (nl)');
    // Type mutaties: untick one type and save; the history says so
    await page.goto(`${home}/configuration/mutations`);
    await s.axe(page, 'configuratie: mutations (nl)');
    await page.getByLabel('Overlijden').uncheck();
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.waitForURL(`${home}/configuration/mutations?m=saved`);
    assert.equal(await page.getByLabel('Overlijden').isChecked(), false);
    await page.goto(`${home}/configuration/mutations/history`);
    assert.match(await s.main(page), /Overlijden\s*Aangevinkt \(ontvangen\)\s*Niet aangevinkt \(niet ontvangen\)/);

    // Technische dienstverleners: "Andere" asks its name, then saves
    await page.goto(`${home}/configuration/providers`);
    await s.axe(page, 'configuratie: providers (nl)');
    await page.getByLabel('Netwerkprovider', { exact: true }).selectOption('OTHER');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.waitForURL(`${home}/configuration/providers`);
    assert.equal((await page.locator('#cfg-networkProviderOther-error').textContent())?.trim(), 'Vul dit veld in.');
    await page.getByLabel('Naam van de andere netwerkprovider').fill('Eigen glasvezelnet Demostad');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.waitForURL(`${home}/configuration/providers?m=saved`);
    assert.equal(await page.getByLabel('Naam van de andere netwerkprovider').inputValue(), 'Eigen glasvezelnet Demostad');
  });

  it('copies by a round trip and saves without JavaScript (French, Villedemo, nothing configured yet)', async () => {
    const page = await s.login('Julie Dubois', 'fr', /\/ocmw\/\d{10}$/, false);
    const home = page.url();
    await page.goto(`${home}/configuration`);
    assert.equal((await s.main(page)).match(/Pas encore complété/g)?.length, 4);

    await page.goto(`${home}/configuration/contact`);
    await page.locator('#cfg-streetFr').fill('Rue de la Gare 12');
    await page.locator('#cfg-postalCode').fill('4000');
    await page.locator('#cfg-phone').fill('04 123 45 67');
    await page.locator('button[name="copy"][value="streetFr"]').click();
    await page.waitForURL(`${home}/configuration/contact`);
    assert.match(await s.main(page), /La valeur a été copiée vers les autres langues/);
    for (const id of ['#cfg-streetNl', '#cfg-streetDe']) assert.equal(await page.locator(id).inputValue(), 'Rue de la Gare 12');
    assert.equal(await page.locator('#cfg-phone').inputValue(), '04 123 45 67', 'what was typed stays');

    await page.locator('#cfg-cityFr').fill('Villedemo');
    await page.locator('button[name="copy"][value="cityFr"]').click();
    await page.waitForURL(`${home}/configuration/contact`);
    await page.locator('#cfg-email').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Sauvegarder' }).click();
    assert.equal((await page.locator('#cfg-email-error').textContent())?.trim(), 'Indiquez une adresse e-mail valide, par exemple nom@cpas.be.');
    assert.equal(await page.locator('#cfg-cityDe').inputValue(), 'Villedemo');
    await page.locator('#cfg-email').fill('info@cpas-villedemo.be');
    await page.getByRole('button', { name: 'Sauvegarder' }).click();
    await page.waitForURL(`${home}/configuration/contact?m=saved`);
    assert.match(await s.main(page), /Vos données ont été sauvegardées\./);

    await page.goto(`${home}/configuration/online`);
    await page.locator('#cfg-notifyOnNew').check();
    await page.locator('#cfg-remindUnread-no').check();
    await page.getByRole('button', { name: 'Sauvegarder' }).click();
    assert.match((await page.locator('#cfg-notifyEmail-error').textContent()) ?? '', /Vous avez choisi oui/);
    assert.equal(await page.locator('#cfg-notifyOnNew').isChecked(), true, 'the choice stays');

    // Types de mutations and prestataires without JavaScript
    await page.goto(`${home}/configuration/mutations`);
    await page.locator('#cfg-PENSION').uncheck();
    await page.getByRole('button', { name: 'Sauvegarder' }).click();
    await page.waitForURL(`${home}/configuration/mutations?m=saved`);
    assert.equal(await page.locator('#cfg-PENSION').isChecked(), false);
    assert.equal(await page.locator('#cfg-RN_DEATH').isChecked(), true, 'the others stay selected');
    await page.goto(`${home}/configuration/providers`);
    await page.locator('#cfg-networkProvider').selectOption('IRISNET');
    await page.locator('#cfg-networkContactName').fill('Marc Réseau');
    await page.locator('#cfg-networkContactEmail').fill('reseau@cpas-villedemo.be');
    await page.locator('#cfg-networkContactPhone').fill('04 222 33 44');
    await page.locator('#cfg-softwareSupplier').selectOption({ label: 'LogiCPAS Démo SA' });
    await page.locator('#cfg-supplierContactName').fill('Aline Support');
    await page.locator('#cfg-supplierContactEmail').fill('support@logicpas.be');
    await page.locator('#cfg-supplierContactPhone').fill('081 55 66 77');
    await page.getByRole('button', { name: 'Sauvegarder' }).click();
    await page.waitForURL(`${home}/configuration/providers?m=saved`);
    assert.match(await s.main(page), /Vos données ont été sauvegardées\./);
  });

  it('passes axe in French and German, with their error pages', async () => {
    const page = await s.login('Julie Dubois', 'fr', /\/ocmw\/\d{10}$/);
    const home = page.url();
    for (const slug of ['', '/mutations', '/providers', '/contact', '/contact/history']) {
      await page.goto(`${home}/configuration${slug}`);
      await s.axe(page, `configuration${slug} (fr)`);
    }
    await page.goto(`${home}/configuration/online`);
    await page.locator('#cfg-remindUnread').check();
    await page.getByRole('button', { name: 'Sauvegarder' }).click();
    await page.waitForURL(`${home}/configuration/online`);
    assert.match((await page.locator('#cfg-reminderTermDays-error').textContent()) ?? '', /Vous avez choisi oui/);
    await s.axe(page, 'configuration : CPAS Online avec erreurs (fr)');

    // German: the language switch on the page
    await page.getByRole('button', { name: 'Deutsch', exact: true }).click();
    await page.waitForURL(`${home}/configuration/online`);
    assert.match(await s.main(page), /Erinnerungen für ungelesene Hilfeanträge/);
    await s.axe(page, 'Konfiguration: ÖSHZ Online (de)');
    for (const slug of ['', '/mutations', '/providers', '/contact', '/contact/history']) {
      await page.goto(`${home}/configuration${slug}`);
      await s.axe(page, `Konfiguration${slug} (de)`);
    }
  });

  it('finds no WCAG 2.1 A/AA violation on any screen in Dutch, French and German', () => {
    assert.ok(s.audited.length >= 15, `audited ${s.audited.length} pages`);
    assert.equal(s.violations.length, 0, violationReport(s.violations));
  });
});
