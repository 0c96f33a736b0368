import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildClient } from '../../scripts/build-client.mjs';
import type { TestApp } from '../support/app.ts';
import { browserSkip, violationReport } from '../support/browser.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { campaignId, organisationId } from '../support/http.ts';

/**
 * Issue 14, item 3 in a real browser (ADR 0039): the computed figures follow the typing before anything is saved — on
 * a staff member's own page (ADR 0042) the amount charged ("Ten laste"), the FTE charged and the table's totals with
 * this member — in Dutch and in French, axe clean; a value that cannot be read shows the figures as not computable;
 * the save computes the same figures for the form ("Verantwoorde personeelskosten", the settlement); without
 * JavaScript the save computes them, as before.
 */

interface Team {
  lang: 'nl' | 'fr';
  person: string;
  organisation: string;
  /** 52 000 euros as typed in this language */
  salary: string;
  charged: string;
  /** the GPMI supplements received (Demostad 94.126,83 €, Villedemo 108.742,15 €) minus the 52 000 € charged */
  toReclaim: string;
  gasCharged: string;
}

const TEAMS: Team[] = [
  {
    lang: 'nl',
    person: 'An Peeters',
    organisation: 'OCMW Demostad',
    salary: '52.000',
    charged: '52.000,00 €',
    toReclaim: '42.126,83 €',
    gasCharged: '58.000,00 €',
  },
  {
    lang: 'fr',
    person: 'Claire Martin',
    organisation: 'OCMW Villedemo',
    salary: '52 000',
    charged: '52 000,00 €',
    toReclaim: '56 742,15 €',
    gasCharged: '58 000,00 €',
  },
];

describe('computed figures follow the typing in Chromium', { skip: browserSkip }, () => {
  const session = new BrowserSession();
  const { violations, audited } = session;
  let t: TestApp;

  before(async () => {
    // the bundle from these sources, whatever an earlier build left in public/js
    await buildClient();
    await session.start();
    ({ t } = session);
  });
  after(() => session.stop());

  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

  /** Waits until the element shows this text (the figures are written shortly after the typing). */
  async function shows(page: Page, selector: string, expected: string): Promise<void> {
    try {
      await page.waitForFunction(([s, e]) => document.querySelector(s)?.textContent?.trim() === e, [selector, expected] as const, { timeout: 5_000 });
    } catch {
      assert.equal(await text(page, selector), expected, selector);
    }
  }

  /** The stored staff rows of the OCMW's GPMI 2026 form: what a save wrote, nothing typed since. */
  async function storedStaff(organisation: string): Promise<Array<Record<string, string>>> {
    const row = await t.db
      .selectFrom('form_instances')
      .select('input')
      .where('campaign_id', '=', await campaignId(t.db, 'GPMI', 2026))
      .where('organisation_id', '=', await organisationId(t.db, organisation))
      .executeTakeFirst();
    const input = (typeof row?.input === 'string' ? JSON.parse(row.input) : row?.input) as
      | { tables?: Record<string, Array<Record<string, string>>> }
      | undefined;
    return input?.tables?.staff ?? [];
  }

  /** "Personeelslid toevoegen": the page of a new member (ADR 0042). */
  async function addMember(page: Page, table: string): Promise<void> {
    await page.locator(`button[value="person:${table}:new"]`).click();
    await page.waitForURL(new RegExp(`/staff/${table}/new$`));
  }

  async function fillStaff(page: Page, table: string, period: [string, string], fte: string, salary: string): Promise<void> {
    const cell = (column: string) => page.locator(`[name="t.${table}.0.${column}"]`);
    await cell('lastName').fill('Jacobs');
    await cell('firstName').fill('Noor');
    await cell('function').selectOption({ index: 1 });
    await cell('status').selectOption('contractual');
    await cell('period.from').fill(period[0]);
    await cell('period.to').fill(period[1]);
    await cell('fte').fill(fte);
    await cell('allocationRate').fill('100');
    await cell('otherFunding').fill('0');
    await cell('grossCost').fill(salary);
  }

  for (const team of TEAMS) {
    it(`GPMI: "ten laste" and the totals follow a salary typed on the member's page, the settlement its save (${team.lang})`, { timeout: 90_000 }, async () => {
      const page = await session.login(team.person, team.lang, /\/ocmw\/\d{10}$/);
      const gpmi = `/forms/${await campaignId(t.db, 'GPMI', 2026)}`;
      await page.goto(`${gpmi}/edit`);
      assert.equal(await text(page, '[data-computed="settlementJustified"]'), '0,00 €');
      await addMember(page, 'staff');
      assert.equal(await text(page, '[data-total="staff.chargedAmount"]'), '0,00 €');

      await fillStaff(page, 'staff', ['01/01/2026', '31/12/2026'], '0,8', team.salary);
      await shows(page, '[data-figure="staff.0.chargedAmount"]', team.charged);
      await shows(page, '[data-figure="staff.0.fteCharged"]', '0,80');
      await shows(page, '[data-total="staff.chargedAmount"]', team.charged);
      await shows(page, '[data-total="staff.fteCharged"]', '0,80');
      // nothing was saved: the figures came from the page, and a new member is not stored before "Opslaan"
      assert.match(page.url(), /\/staff\/staff\/new$/);
      assert.deepEqual(await storedStaff(team.organisation), []);
      await session.axe(page, `GPMI staff member, typed (${team.lang})`);

      // a value that cannot be read (three decimals): no figure computed without it
      await page.locator('[name="t.staff.0.grossCost"]').fill(`${team.salary},555`);
      await shows(page, '[data-total="staff.chargedAmount"]', '—');
      await shows(page, '[data-figure="staff.0.chargedAmount"]', '—');
      await page.locator('[name="t.staff.0.grossCost"]').fill(team.salary);
      await shows(page, '[data-figure="staff.0.chargedAmount"]', team.charged);

      // the save computes the same figures, and the settlement with them
      await page.locator('.button-bar button[type="submit"]').click();
      await page.waitForURL(new RegExp(`${gpmi}/edit\\?m=saved#row-staff-0$`));
      assert.equal(await text(page, '[data-figure="staff.0.chargedAmount"]'), team.charged);
      assert.equal(await text(page, '[data-computed="settlementJustified"]'), team.charged);
      assert.equal(await text(page, '[data-computed="settlementToReclaim"]'), team.toReclaim);
      assert.deepEqual(
        (await storedStaff(team.organisation)).map((r) => r.grossCost),
        [team.salary],
      );
    });

    it(`GAS_ELEK: a member's "ten laste" follows the typing, "Verantwoorde personeelskosten" the save (${team.lang})`, { timeout: 60_000 }, async () => {
      const page = await session.login(team.person, team.lang, /\/ocmw\/\d{10}$/);
      await page.goto(`/forms/${await campaignId(t.db, 'GAS_ELEK', 2026)}/edit?part=art4`);
      const before = await text(page, '[data-computed="personnelJustified"]');
      await addMember(page, 'staffArt4');
      await fillStaff(page, 'staffArt4', ['01/01/2026', '31/12/2026'], '1', team.salary.replace('52', '58'));
      await shows(page, '[data-figure="staffArt4.0.chargedAmount"]', team.gasCharged);
      await shows(page, '[data-figure="staffArt4.0.fteCharged"]', '1,00');
      await shows(page, '[data-total="staffArt4.chargedAmount"]', team.gasCharged);
      await session.axe(page, `GAS_ELEK art4 staff member, typed (${team.lang})`);
      await page.locator('.button-bar button[type="submit"]').click();
      await page.waitForURL(/\/edit\?part=art4&m=saved#row-staffArt4-0$/);
      assert.equal(await text(page, '[data-computed="personnelJustified"]'), team.gasCharged);
      assert.equal(await text(page, '[data-computed="fteChargedTotal"]'), '1,00');
      assert.notEqual(before, team.gasCharged);
    });
  }

  it('without JavaScript the figures are computed on saving, as before', { timeout: 60_000 }, async () => {
    // Demostad's GPMI form holds the row saved above (52 000 €); the salary becomes 60 000 € without JavaScript
    const page = await session.login('An Peeters', 'nl', /\/ocmw\/\d{10}$/, false);
    const gpmi = `/forms/${await campaignId(t.db, 'GPMI', 2026)}`;
    await page.goto(`${gpmi}/edit`);
    // "Wijzigen" on the member's card, a submit button: it works without JavaScript
    await page.locator('button[value="person:staff:0"]').click();
    await page.waitForURL(new RegExp(`${gpmi}/staff/staff/0$`));
    await page.locator('[name="t.staff.0.grossCost"]').fill('60.000');
    // nothing follows the typing without JavaScript
    await page.waitForTimeout(300);
    assert.equal(await text(page, '[data-figure="staff.0.chargedAmount"]'), '52.000,00 €');
    await page.locator('.button-bar button[type="submit"]').click();
    await page.waitForURL(new RegExp(`${gpmi}/edit\\?m=saved#row-staff-0$`));
    assert.equal(await text(page, '[data-computed="settlementJustified"]'), '60.000,00 €');
    assert.equal(await text(page, '[data-computed="settlementToReclaim"]'), '34.126,83 €');
  });

  it('has no axe violations on the pages visited', () => {
    assert.equal(audited.length, 4, `${audited.length} pages audited`);
    assert.equal(violations.length, 0, violationReport(violations));
  });
});
