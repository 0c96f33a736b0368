import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildClient } from '../../scripts/build-client.mjs';
import { translator } from '../../src/i18n/i18n.ts';
import type { TestApp } from '../support/app.ts';
import { browserSkip, violationReport } from '../support/browser.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { campaignId, organisationId } from '../support/http.ts';

/**
 * Issue 14, item 2 in Chromium (ADR 0042): the staff tables as one card per person and one page per person. A member
 * is added on a page of their own (fields stacked, with hints), listed on a card, changed and removed after a
 * question — in Dutch and in French, axe clean, with JavaScript and without.
 */

const TEAMS = [
  { lang: 'nl', person: 'An Peeters', organisation: 'OCMW Demostad', salary: '48.000', charged: '38.400,00 €', hint: /80 betekent 80 %/ },
  { lang: 'fr', person: 'Claire Martin', organisation: 'OCMW Villedemo', salary: '48 000', charged: '38 400,00 €', hint: /80 signifie 80 %/ },
] as const;

describe('staff members on their own pages in Chromium', { skip: browserSkip }, () => {
  const session = new BrowserSession();
  const { violations, audited } = session;
  let t: TestApp;

  before(async () => {
    await buildClient();
    await session.start();
    ({ t } = session);
  });
  after(() => session.stop());

  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

  async function storedStaff(organisation: string): Promise<Array<Record<string, string>>> {
    const row = await t.db
      .selectFrom('form_instances')
      .select('input')
      .where('campaign_id', '=', await campaignId(t.db, 'PERSONEELSKOSTEN', 2026))
      .where('organisation_id', '=', await organisationId(t.db, organisation))
      .executeTakeFirst();
    const input = (typeof row?.input === 'string' ? JSON.parse(row.input) : row?.input) as
      | { tables?: Record<string, Array<Record<string, string>>> }
      | undefined;
    return input?.tables?.staffNorms ?? [];
  }

  /** Fills the member's page by its visible labels, as a person does. */
  async function fillMember(page: Page, lang: 'nl' | 'fr', lastName: string, salary: string): Promise<void> {
    const tr = translator(lang);
    await page.getByLabel(tr('staff.last_name'), { exact: true }).fill(lastName);
    await page.getByLabel(tr('staff.first_name'), { exact: true }).fill('Noor');
    await page.getByLabel(tr('staff.function'), { exact: true }).selectOption({ index: 1 });
    await page.getByLabel(tr('staff.status'), { exact: true }).selectOption('contractual');
    await page.locator('[name$=".period.from"]').last().fill('01/01/2026');
    await page.locator('[name$=".period.to"]').last().fill('31/12/2026');
    await page.getByLabel(tr('staff.fte'), { exact: true }).fill('1');
    await page.getByLabel(tr('staff.allocation_rate'), { exact: true }).fill('80');
    await page.getByLabel(tr('staff.gross_cost'), { exact: true }).fill(salary);
    await page.getByLabel(tr('staff.other_funding'), { exact: true }).fill('0');
  }

  for (const team of TEAMS) {
    it(`adds, changes and removes a staff member on their own page (${team.lang})`, { timeout: 120_000 }, async () => {
      const tr = translator(team.lang);
      const page = await session.login(team.person, team.lang, /\/ocmw\/\d{10}$/);
      const form = `/forms/${await campaignId(t.db, 'PERSONEELSKOSTEN', 2026)}`;
      await page.goto(`${form}/edit`);
      await page.getByRole('button', { name: tr('records.add') }).click();
      await page.waitForURL(/\/staff\/staffNorms\/new$/);
      assert.equal(await text(page, 'h1'), tr('records.add'));
      assert.match((await page.locator('main').textContent()) ?? '', team.hint);
      await fillMember(page, team.lang, 'Jacobs', team.salary);
      // what the member is charged follows the typing: 80 % of the salary
      await page.waitForFunction((e) => document.querySelector('[data-figure="staffNorms.0.chargedAmount"]')?.textContent?.trim() === e, team.charged);
      await session.axe(page, `PERSONEELSKOSTEN new staff member, typed (${team.lang})`);
      await page.getByRole('button', { name: tr('button.save'), exact: true }).click();
      await page.waitForURL(/\/edit\?m=saved#row-staffNorms-0$/);
      const card = page.locator('#row-staffNorms-0');
      assert.match((await card.textContent()) ?? '', new RegExp(`Noor Jacobs[\\s\\S]*${team.charged.replace(/[.]/g, '\\.')}`));
      await session.axe(page, `PERSONEELSKOSTEN edit with a staff card (${team.lang})`);

      // Wijzigen: the member's page with the stored values
      await card.getByRole('button', { name: `${tr('button.edit')} Noor Jacobs` }).click();
      await page.waitForURL(/\/staff\/staffNorms\/0$/);
      await page.getByLabel(tr('staff.last_name'), { exact: true }).fill('Jacobs-Claes');
      await page.getByRole('button', { name: tr('button.save'), exact: true }).click();
      await page.waitForURL(/#row-staffNorms-0$/);
      assert.deepEqual(
        (await storedStaff(team.organisation)).map((r) => r.lastName),
        ['Jacobs-Claes'],
      );

      // the read-only form: a card with every value, no wide table
      await page.goto(form);
      assert.equal(await page.locator('table caption', { hasText: tr('personeelskosten.staff_table') }).count(), 0);
      assert.match((await page.locator('#row-staffNorms-0').textContent()) ?? '', new RegExp(tr('staff.other_funding').replace(/[()…]/g, '.')));
      await session.axe(page, `PERSONEELSKOSTEN read-only with a staff card (${team.lang})`);

      // Verwijderen asks first
      await page.goto(`${form}/edit`);
      await page
        .locator('#row-staffNorms-0')
        .getByRole('button', { name: `${tr('records.remove')} Noor Jacobs-Claes` })
        .click();
      await page.waitForURL(/\/staff\/staffNorms\/0\?action=remove$/);
      assert.equal(await text(page, 'h1'), tr('staff_page.remove_title', { name: 'Noor Jacobs-Claes' }));
      await session.axe(page, `staff member removal question (${team.lang})`);
      await page.getByRole('button', { name: tr('staff_page.remove_yes') }).click();
      await page.waitForURL(/m=removed#table-staffNorms$/);
      assert.deepEqual(await storedStaff(team.organisation), []);
    });
  }

  it('works without JavaScript: add, change on its own page, remove after the question', { timeout: 90_000 }, async () => {
    const nl = translator('nl');
    const page = await session.login('An Peeters', 'nl', /\/ocmw\/\d{10}$/, false);
    const form = `/forms/${await campaignId(t.db, 'PERSONEELSKOSTEN', 2026)}`;
    await page.goto(`${form}/edit`);
    await page.getByRole('button', { name: nl('records.add') }).click();
    await page.waitForURL(/\/staff\/staffNorms\/new$/);
    await fillMember(page, 'nl', 'Maes', '48.000');
    // no figure follows the typing: computed on saving
    assert.equal(await text(page, '[data-figure="staffNorms.0.chargedAmount"]'), '—');
    await page.getByLabel(nl('staff.fte'), { exact: true }).fill('anderhalf');
    await page.getByRole('button', { name: nl('button.save'), exact: true }).click();
    // a value that cannot be read: the page again with the error, what was typed kept
    await page.waitForURL(/\/staff\/staffNorms\/0\?m=saved_errors$/);
    assert.equal(await page.getByLabel(nl('staff.fte'), { exact: true }).inputValue(), 'anderhalf');
    assert.ok((await page.locator('.error-summary a[href="#field-staffNorms-0-fte"]').count()) === 1);
    await page.getByLabel(nl('staff.fte'), { exact: true }).fill('1');
    await page.getByRole('button', { name: nl('button.save'), exact: true }).click();
    await page.waitForURL(/\/edit\?m=saved#row-staffNorms-0$/);
    assert.equal(await text(page, '[data-figure="staffNorms.0.chargedAmount"]'), '38.400,00 €');
    await page
      .locator('#row-staffNorms-0')
      .getByRole('button', { name: `${nl('records.remove')} Noor Maes` })
      .click();
    await page.waitForURL(/\?action=remove$/);
    await page.getByRole('button', { name: nl('staff_page.remove_yes') }).click();
    await page.waitForURL(/m=removed#table-staffNorms$/);
    assert.deepEqual(await storedStaff('OCMW Demostad'), []);
  });

  it('has no axe violations on the pages visited', () => {
    assert.equal(audited.length, 8, `${audited.length} pages audited`);
    assert.equal(violations.length, 0, violationReport(violations));
  });
});
