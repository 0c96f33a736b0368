import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { campaignId } from '../support/http.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { browserSkip, signFromFormPage, violationReport } from '../support/browser.ts';

/**
 * The Covid-era subsidies in Chromium (issue 15): report year 2021 is long closed; POD MI allows Villedemo a late
 * submission of its Covid-19 subsidy (F13), Claire Martin fills its three parts and the report in French, Sophie
 * Lambert and Pierre Dupont sign and send it. Demostad's F11–F14 of the demo data are read in Dutch. axe on every page.
 */
const fr = translator('fr');
const nl = translator('nl');

describe('the Covid-19 subsidy of report year 2021 in Chromium', { skip: browserSkip }, () => {
  const session = new BrowserSession();
  let url = '';

  before(async () => {
    await session.start({ cookieSecure: false, seedDemoReports: true });
    url = `/forms/${await campaignId(session.t.db, 'COVID_TOELAGE', 2021)}`;
  });
  after(() => session.stop());

  const cell = (page: Page, table: string, row: number, column: string) => page.locator(`[name="t.${table}.${row}.${column}"]`);
  const main = (page: Page) => session.main(page);

  it('POD MI allows a late submission; Villedemo fills F13 in French, both sign and send it', { timeout: 240_000 }, async () => {
    // Closed: Claire reads the form, she cannot change it.
    const claire = await session.login('Claire Martin', 'fr', /\/ocmw\/\d{10}$/);
    await claire.goto(url);
    assert.equal(await claire.locator('h1').first().textContent(), fr('measure.COVID_TOELAGE'));
    assert.equal(await claire.getByRole('link', { name: fr('button.edit') }).count(), 0);

    // The beheerder allows Villedemo a late submission on the campaign's page.
    const marc = await session.login('Marc Lefèvre', 'fr', '/backoffice');
    await marc.goto(`/backoffice/campaigns/${url.split('/').pop()}`);
    await marc.getByLabel(fr('bo.campaigns.late.search')).fill('Villedemo');
    await marc.getByRole('button', { name: fr('bo.campaigns.late.search_button') }).click();
    const villedemo = await marc.locator('select[name="organisationId"] option', { hasText: 'Villedemo' }).first().getAttribute('value');
    await marc.locator('select[name="organisationId"]').selectOption(villedemo ?? '');
    await marc.locator('input[name="untilDate"]').fill('31/12/2027');
    await marc.locator('textarea[name="reason"]').fill('Rapport COVID-19 introduit tardivement à la demande du CPAS.');
    await marc.getByRole('button', { name: fr('bo.campaigns.late.grant') }).click();
    await marc.waitForURL(/m=late_allowed/);
    await session.axe(marc, 'campaign COVID_TOELAGE 2021 with a late submission (fr)');

    // Part 1: the expenses, one row per aid.
    await claire.goto(`${url}/edit?part=aid`);
    await session.axe(claire, 'F13 part 1 (fr)');
    for (const [i, [date, kind, ref, type, amount]] of [
      ['15/03/2021', 'individual', 'C-2021/0101', 'housing', '12.000,00'],
      ['28/02/2022', 'collective', '', 'digital', '8.000,00'],
    ].entries()) {
      await claire.getByRole('button', { name: fr('form.add_row') }).click();
      await claire.waitForURL(new RegExp(`#row-aid-${i}$`));
      await cell(claire, 'aid', i, 'date').fill(date);
      await cell(claire, 'aid', i, 'kind').selectOption(kind);
      await cell(claire, 'aid', i, 'beneficiaryRef').fill(ref);
      await cell(claire, 'aid', i, 'aidType').selectOption(type);
      await cell(claire, 'aid', i, 'amount').fill(amount);
    }
    // A national number instead of a file number: refused next to the field, nothing typed is lost.
    await cell(claire, 'aid', 0, 'beneficiaryRef').fill('85.07.30-033.28');
    await claire
      .getByRole('button', { name: fr('form.save_next') })
      .last()
      .click();
    await claire.getByText(fr('covidsub.beneficiary_not_insz')).first().waitFor();
    assert.match(claire.url(), /part=aid/);
    assert.equal(await cell(claire, 'aid', 1, 'amount').inputValue(), '8.000,00');
    await session.axe(claire, 'F13 part 1 with an error (fr)');
    await cell(claire, 'aid', 0, 'beneficiaryRef').fill('C-2021/0101');
    await claire
      .getByRole('button', { name: fr('form.save_next') })
      .last()
      .click();
    await claire.waitForURL(new RegExp(`${url}/edit\\?part=personnel&m=saved`));

    // Part 3: one operating cost (the staff card page is covered by the staff-page tests).
    await session.axe(claire, 'F13 part 3 (fr)');
    const addCost = claire.getByRole('button', { name: fr('form.add_row') });
    await addCost.last().click();
    await claire.waitForURL(/#row-costs-0$/);
    await cell(claire, 'costs', 0, 'category').selectOption('operating');
    await cell(claire, 'costs', 0, 'description').fill('Location d’un local de permanence');
    await cell(claire, 'costs', 0, 'period.from').fill('01/01/2021');
    await cell(claire, 'costs', 0, 'period.to').fill('31/03/2022');
    await cell(claire, 'costs', 0, 'amount').fill('9.500,00');
    await claire
      .getByRole('button', { name: fr('form.save_next') })
      .last()
      .click();
    await claire.waitForURL(new RegExp(`${url}/edit\\?part=report&m=saved`));

    // The activity report.
    await claire.getByLabel(fr('covidsub.persons_helped')).fill('37');
    await claire.getByLabel(fr('covidsub.activities')).fill('Aide au logement et soutien numérique pour les ménages touchés par la crise.');
    await claire.getByLabel(fr('covidsub.controls')).fill('Enquête sociale et décision du comité spécial pour chaque aide individuelle.');
    await session.axe(claire, 'F13 report (fr)');
    // The last part: "Enregistrer cette partie", back to the form.
    await claire
      .getByRole('button', { name: fr('form.save_part') })
      .last()
      .click();
    await claire.waitForURL(new RegExp(`${url}\\?m=saved`));

    // Villedemo was paid 27.500,00 for social aid and 9.000,00 for personnel: 20.000,00 of social aid accepted, the
    // 9.500,00 of operating costs capped at 9.000,00, so 36.500,00 − 29.000,00 = 7.500,00 reclaimed.
    await claire.goto(url);
    const page = await main(claire);
    assert.match(page, /36\s500,00\s€/);
    assert.match(page, /29\s000,00\s€/);
    assert.match(page, /7\s500,00\s€/);
    await session.axe(claire, 'F13 filled (fr)');

    const sophie = await session.login('Sophie Lambert', 'fr', /\/ocmw\/\d{10}$/);
    await sophie.goto(url);
    await session.axe(sophie, 'F13 to sign (fr)');
    await signFromFormPage(sophie, 'Sophie Lambert', 'signed', 'fr');
    const pierre = await session.login('Pierre Dupont', 'fr', /\/ocmw\/\d{10}$/);
    await pierre.goto(url);
    await signFromFormPage(pierre, 'Pierre Dupont', 'submitted', 'fr');
    await session.axe(pierre, 'F13 submitted (fr)');
    assert.match(await main(pierre), /SPP IS/);
  });

  it('Demostad reads its submitted F11–F14 in Dutch', { timeout: 120_000 }, async () => {
    const an = await session.login('An Peeters', 'nl', /\/ocmw\/\d{10}$/);
    for (const [measure, year] of [
      ['VOEDSELHULP', 2020],
      ['JONGEREN_STUDENTEN', 2021],
      ['COVID_TOELAGE', 2021],
      ['PSY_WELZIJN', 2021],
    ] as const) {
      await an.goto(`/forms/${await campaignId(session.t.db, measure, year)}`);
      assert.equal(await an.locator('h1').first().textContent(), nl(`measure.${measure}`));
      assert.match(await main(an), /verzonden naar de POD MI/, `${measure} ${year} is submitted`);
      await session.axe(an, `${measure} ${year} submitted (nl)`);
    }
  });

  it('finds no axe violation (WCAG 2.1 A/AA) on any page visited, in French and in Dutch', () => {
    assert.ok(session.audited.length >= 12, session.audited.join(', '));
    assert.equal(session.violations.length, 0, violationReport(session.violations));
  });
});
