import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import type { TestApp } from '../support/app.ts';
import {
  type Violation,
  axeViolations,
  browserSkip,
  chooseAtProvider,
  launchChromium,
  loginThroughProvider,
  startTestServer,
  violationReport,
} from '../support/browser.ts';

/** Where a person lands after login and "Startpagina": the homepage of their OCMW, /ocmw/{kbo}. */
const OCMW_HOME = /\/ocmw\/\d{10}$/;

/**
 * The Covid-19 premium end to end in a real browser (Debian's Chromium): entry with an invalid and a valid
 * amount, signature by the chair, signature dropped by a change, both signatures, submission, PDF, history —
 * once in Dutch and once in French — plus the unsaved-changes guard, a run without JavaScript, and axe
 * (WCAG 2.1 A/AA) on every page visited.
 */

/** PDF text extraction only when pdfjs-dist is a declared dependency. */
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const HAS_PDFJS = 'pdfjs-dist' in { ...packageJson.dependencies, ...packageJson.devDependencies };

const TIMEOUT_MS = 10_000;

type Lang = 'nl' | 'fr';

interface FlowSpec {
  lang: Lang;
  organisation: string;
  staff: string;
  chair: string;
  director: string;
  invalid: string;
  valid: string;
  validShown: string;
  /** label and shown value of the computed amount after the valid entry */
  computed: { key: string; shown: string };
  changed: string;
  changedShown: string;
  /** text of the submitted notice */
  submittedText: string;
}

const FLOWS: FlowSpec[] = [
  {
    lang: 'nl',
    organisation: 'OCMW Demostad',
    staff: 'An Peeters',
    chair: 'Jan Janssens',
    director: 'Els Maes',
    invalid: '12,345',
    valid: '1.234,50',
    validShown: '1.234,50 €',
    computed: { key: 'covid.to_pay', shown: '1.234,50 €' },
    changed: '1.250,00',
    changedShown: '1.250,00 €',
    submittedText: 'verzonden naar de POD MI',
  },
  {
    lang: 'fr',
    organisation: 'CPAS de Villedemo',
    staff: 'Claire Martin',
    chair: 'Sophie Lambert',
    director: 'Pierre Dupont',
    invalid: '12,345',
    valid: '1 000,00',
    validShown: '1 000,00 €',
    // advance of 1.500,00 € for Villedemo: 500,00 € to repay
    computed: { key: 'covid.to_repay', shown: '500,00 €' },
    changed: '1 250,00',
    changedShown: '1 250,00 €',
    submittedText: 'envoyé au SPP IS',
  },
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text of a page element with every kind of space made a normal one (amounts use U+0020, but be lenient). */
async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '')
    .replace(/[\u00A0\u202F\u2009]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Does `action` and answers the dialog it raises; the dialog's type, or a failure when none comes in time. */
async function nextDialog(page: Page, action: () => Promise<unknown>, answer: 'accept' | 'dismiss', ms = 5_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const dialog = new Promise<string>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no dialog within ${ms} ms`)), ms);
    page.once('dialog', (d) => {
      resolve(d.type());
      void (answer === 'accept' ? d.accept() : d.dismiss());
    });
  });
  try {
    const [type] = await Promise.all([dialog, action()]);
    return type;
  } finally {
    clearTimeout(timer);
  }
}

describe('Covid-19 premium end to end in Chromium', { skip: browserSkip }, () => {
  let t: TestApp;
  let base = '';
  let browser: Browser;
  let cookieName = '__Host-uv_session';
  const contexts: BrowserContext[] = [];
  const violations: Violation[] = [];
  const audited: string[] = [];

  async function startApp(overrides: { cookieSecure?: boolean } = {}) {
    ({ t, base } = await startTestServer(overrides));
  }

  async function newPage(options: { javaScriptEnabled?: boolean; lang?: Lang } = {}): Promise<Page> {
    const context = await browser.newContext({
      baseURL: base,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      locale: options.lang === 'fr' ? 'fr-BE' : 'nl-BE',
    });
    context.setDefaultTimeout(TIMEOUT_MS);
    context.setDefaultNavigationTimeout(TIMEOUT_MS);
    contexts.push(context);
    return context.newPage();
  }

  /** Runs axe on the current page and keeps its violations (JavaScript-enabled pages only). */
  async function axe(page: Page, label: string) {
    const started = Date.now();
    violations.push(...(await axeViolations(page, label, base)));
    if (process.env.E2E_DEBUG) console.log(`axe ${label}: ${Date.now() - started} ms`);
    audited.push(label);
  }

  /** The demo login: click the person's name; persons of a single OCMW land on the homepage. */
  async function login(page: Page, fullName: string, options: { lang?: Lang; audit?: boolean } = {}) {
    await page.goto('/login');
    if (options.lang === 'fr') {
      await page.getByRole('button', { name: 'Français', exact: true }).click();
      await page.waitForURL(`${base}/login`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    }
    if (options.audit) await axe(page, `login (${options.lang ?? 'nl'})`);
    // "Aanmelden / Se connecter / Anmelden", then the embedded provider's page: the person and the means.
    await page.locator('form[action="/auth/login"] button').click();
    await page.waitForURL(/\/idp\/interaction\//);
    if (options.audit) await axe(page, `provider login page (${options.lang ?? 'nl'})`);
    await chooseAtProvider(page, fullName, 'eid');
    await page.waitForURL(OCMW_HOME);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === cookieName);
    assert.ok(session, `session cookie ${cookieName} set (got ${cookies.map((c) => c.name).join(', ') || 'none'})`);
    assert.equal(session.httpOnly, true);
    assert.equal(session.secure, cookieName.startsWith('__Host-'));
  }

  before(async () => {
    browser = await launchChromium();
    await startApp();
    // Secure (__Host-) cookie on http://localhost: Chromium accepts it; fall back to a plain cookie if not.
    const probe = await newPage();
    await probe.goto('/login');
    const loggedIn = probe.waitForResponse((r) => new URL(r.url()).pathname === '/auth/callback');
    await loginThroughProvider(probe, 'Tom De Smet');
    assert.equal((await loggedIn).status(), 303);
    await probe.waitForLoadState();
    if (!(await probe.context().cookies()).some((c) => c.name === '__Host-uv_session')) {
      console.warn('Chromium refused the Secure __Host- session cookie on http://localhost: falling back to cookieSecure: false');
      await t.close();
      await startApp({ cookieSecure: false });
      cookieName = 'uv_session';
    }
    await probe.context().close();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  it('works without JavaScript: saves the form and shows the saved value', { timeout: 30_000 }, async () => {
    const nl = translator('nl');
    const page = await newPage({ javaScriptEnabled: false });
    await login(page, 'An Peeters');
    await page.goto('/?year=2022');
    await page.getByRole('link', { name: nl('measure.COVID_PREMIE') }).click();
    await page.getByRole('link', { name: nl('button.edit'), exact: true }).click();
    await page.waitForURL(/\/edit$/);
    await page.locator('#field-justifiedTotal').fill('25,00');
    await page.getByRole('button', { name: nl('button.save'), exact: true }).click();
    await page.waitForURL(/\/forms\/[0-9a-f-]+\?m=saved$/);
    assert.equal(await textOf(page, '.notice'), nl('flash.saved'));
    assert.match(await textOf(page, 'dd#field-justifiedTotal'), /^25,00 €/);
    await page.context().close();
  });

  it('warns before leaving the edit page with unsaved changes (JavaScript on)', { timeout: 30_000 }, async () => {
    const nl = translator('nl');
    const page = await newPage();
    await login(page, 'An Peeters');
    await page.goto('/?year=2022');
    await page.getByRole('link', { name: nl('measure.COVID_PREMIE') }).click();
    await page.getByRole('link', { name: nl('button.edit'), exact: true }).click();
    await page.waitForURL(/\/edit$/);
    const editUrl = page.url();
    const input = page.locator('#field-justifiedTotal');
    await input.click();
    await input.press('End');
    await input.pressSequentially('5');
    // The edit page has no "Startpagina" link: leave it through "Annuleren" (back to the form).
    const cancel = page.getByRole('link', { name: nl('button.cancel'), exact: true });
    assert.equal(await nextDialog(page, () => cancel.click(), 'dismiss'), 'beforeunload');
    await page.waitForTimeout(200);
    assert.equal(page.url(), editUrl, 'dismissing the dialog stays on the edit page');
    assert.equal(await input.inputValue(), '25,005');
    assert.equal(await nextDialog(page, () => cancel.click(), 'accept'), 'beforeunload');
    await page.waitForURL(/\/forms\/[0-9a-f-]+$/);
    assert.match(await textOf(page, 'dd#field-justifiedTotal'), /^25,00 €/, 'nothing was saved');
    await page.context().close();
  });

  /** One OCMW's path, screen by screen, with axe on each page. */
  async function runFlow(flow: FlowSpec) {
    const tr = translator(flow.lang);
    const L = flow.lang;
    // the form's card on the Startpagina (a chair's or director's waiting list links the same form)
    const formLink = (page: Page) => page.locator('.form-card__title').getByRole('link', { name: tr('measure.COVID_PREMIE') });
    const editLink = (page: Page) => page.getByRole('link', { name: tr('button.edit'), exact: true });
    // "Ondertekenen" on the form page leads to the signing page (issue 14, item 9), whose button signs
    const signButton = (page: Page) => page.getByRole('link', { name: tr('button.sign'), exact: true });
    const signNow = (page: Page, completes = false) =>
      page.getByRole('button', { name: completes ? tr('signing.sign_and_send') : new RegExp(`^${tr('signing.sign', { role: '.+' })}$`) });
    const signUrl = (role: 'CHAIR' | 'DIRECTOR') => `${formUrl}/sign?role=${role}`;
    const saveButton = (page: Page) => page.getByRole('button', { name: tr('button.save'), exact: true });
    const homeLink = (page: Page) => page.getByRole('link', { name: tr('button.home'), exact: true });
    const input = (page: Page) => page.locator('#field-justifiedTotal');

    // The medewerker logs in and opens the homepage.
    const staff = await newPage({ lang: L });
    await login(staff, flow.staff, { lang: L, audit: true });
    assert.equal(await staff.locator('html').getAttribute('lang'), L);
    assert.match(await textOf(staff, 'h1'), new RegExp(escapeRegExp(flow.organisation)));
    await axe(staff, `homepage (${L})`);

    // The OCMW data edit page and its history.
    await staff.locator('a[href$="/details"]').click();
    await staff.waitForURL(/\/ocmw\/\d{10}\/details$/);
    assert.equal(await textOf(staff, 'h1'), tr('ocmw.edit_title'));
    await axe(staff, `OCMW data edit (${L})`);
    await staff.getByRole('link', { name: tr('button.cancel'), exact: true }).click();
    await staff.waitForURL(OCMW_HOME);
    await staff.locator('a[href$="/details/history"]').click();
    await staff.waitForURL(/\/ocmw\/\d{10}\/details\/history$/);
    await axe(staff, `OCMW data history (${L})`);
    await staff.getByRole('link', { name: tr('button.back'), exact: true }).click();
    await staff.waitForURL(OCMW_HOME);

    // The form, not yet filled in.
    await staff.goto('/?year=2022'); // the Covid-19 premium is a form of report year 2022
    await formLink(staff).click();
    await staff.waitForURL(/\/forms\/[0-9a-f-]+$/);
    const formUrl = staff.url();
    await axe(staff, `form view, not started (${L})`);
    await editLink(staff).click();
    await staff.waitForURL(`${formUrl}/edit`);
    await axe(staff, `form edit (${L})`);

    // An invalid amount: summary, message next to the field, the typed value kept.
    await input(staff).fill(flow.invalid);
    await saveButton(staff).click();
    await staff.waitForURL(`${formUrl}/edit?m=saved_errors`);
    assert.ok(await staff.locator('.error-summary').first().isVisible(), 'error summary shown');
    assert.match(await textOf(staff, '.error-summary'), new RegExp(escapeRegExp(tr('issue.decimals'))));
    assert.ok((await textOf(staff, '#field-justifiedTotal-error')).endsWith(tr('issue.decimals')), 'message next to the field');
    assert.ok(await staff.locator('#field-justifiedTotal-error').isVisible());
    assert.equal(await input(staff).inputValue(), flow.invalid);
    assert.equal(await input(staff).getAttribute('aria-invalid'), 'true');
    assert.match((await input(staff).getAttribute('aria-describedby')) ?? '', /field-justifiedTotal-error/);
    await axe(staff, `form edit with errors (${L})`);

    // A valid amount.
    await input(staff).fill(flow.valid);
    await saveButton(staff).click();
    await staff.waitForURL(`${formUrl}?m=saved`);
    assert.ok((await textOf(staff, 'dd#field-justifiedTotal')).startsWith(flow.validShown), `shows ${flow.validShown}`);
    assert.equal(await textOf(staff, 'dd#field-toPayByPodMi'), flow.computed.shown);
    assert.ok(await staff.getByText(tr(flow.computed.key), { exact: true }).isVisible(), `label "${tr(flow.computed.key)}"`);
    assert.equal(await signButton(staff).count(), 0, 'no signature for a medewerker');
    await axe(staff, `form view, saved (${L})`);

    // The chair signs.
    const chair = await newPage({ lang: L });
    await login(chair, flow.chair, { lang: L });
    await chair.goto('/?year=2022'); // the Covid-19 premium is a form of report year 2022
    await formLink(chair).click();
    await chair.waitForURL(formUrl);
    // Ondertekenen opens the signing page: the key figures, the declaration, "Ondertekenen als voorzitter".
    await signButton(chair).click();
    await chair.waitForURL(signUrl('CHAIR'));
    assert.ok((await textOf(chair, 'main')).includes(tr('signing.declaration_title')), 'the declaration');
    await axe(chair, `signing page (${L})`);
    // Signing asks a fresh eID or itsme authentication: with the security code the signature is refused.
    await signNow(chair).click();
    await chooseAtProvider(chair, flow.chair, 'code');
    await chair.waitForURL(`${signUrl('CHAIR')}&m=step_up_level`);
    assert.equal(await textOf(chair, '.notice'), tr('signing_auth.level'));
    await signNow(chair).click();
    await chooseAtProvider(chair, flow.chair, 'eid');
    await chair.waitForURL(`${signUrl('CHAIR')}&m=stepped_up`);
    await signNow(chair).click();
    await chair.waitForURL(`${formUrl}?m=signed`);
    assert.equal(await textOf(chair, '.notice'), tr('flash.signed'));
    assert.ok((await textOf(chair, 'main')).includes(tr('signing_auth.means.eid')), 'the signature says it was given with eID');
    await axe(chair, `form view, signed by the chair (${L})`);

    // The medewerker changes the amount: the chair's signature is dropped, and the page says so.
    await editLink(staff).click();
    await staff.waitForURL(`${formUrl}/edit`);
    assert.ok(await staff.getByText(tr('form.edit_drops_signatures')).isVisible());
    await axe(staff, `form edit, signed once (${L})`);
    await input(staff).fill(flow.changed);
    await saveButton(staff).click();
    await staff.waitForURL(`${formUrl}?m=dropped`);
    assert.equal(await textOf(staff, '.notice'), tr('flash.signatures_dropped'));
    assert.ok((await textOf(staff, 'dd#field-justifiedTotal')).startsWith(flow.changedShown), `shows ${flow.changedShown}`);
    await axe(staff, `form view, signature dropped (${L})`);

    // The chair signs again, the director signs: submitted. The chair's Startpagina lists what waits for them.
    await homeLink(chair).click();
    await chair.waitForURL(OCMW_HOME);
    await chair.goto('/?year=2022'); // the Covid-19 premium is a form of report year 2022
    assert.ok((await textOf(chair, 'main')).includes(tr('home.waiting_title', { count: 1 })), 'waiting for the chair');
    await axe(chair, `homepage, waiting for the chair's signature (${L})`);
    await formLink(chair).click();
    await chair.waitForURL(formUrl);
    await signButton(chair).click();
    await chair.waitForURL(signUrl('CHAIR'));
    await signNow(chair).click();
    await chair.waitForURL(`${formUrl}?m=signed`);

    const director = await newPage({ lang: L });
    await login(director, flow.director, { lang: L });
    await director.goto('/?year=2022'); // the Covid-19 premium is a form of report year 2022
    await formLink(director).click();
    await director.waitForURL(formUrl);
    await signButton(director).click();
    await director.waitForURL(signUrl('DIRECTOR'));
    // the second signature sends the form: the button says so
    await signNow(director, true).click();
    await chooseAtProvider(director, flow.director, 'itsme');
    await director.waitForURL(`${signUrl('DIRECTOR')}&m=stepped_up`);
    await signNow(director, true).click();
    await director.waitForURL(`${formUrl}?m=submitted`);
    // the confirmation panel (issue 14, item 11): reference, what happens next, Afdrukken
    assert.equal(await textOf(director, '.confirmation-panel h2'), tr('confirmation.title'));
    assert.match(await textOf(director, '.confirmation-panel__reference'), /UV-2022-\d{10}-[0-9A-F]{8}/);
    assert.ok((await textOf(director, 'main')).includes(flow.submittedText), `the page says "${flow.submittedText}"`);
    assert.equal(await signButton(director).count(), 0, 'no Ondertekenen/Signer after submission');
    assert.equal(await editLink(director).count(), 0);
    await axe(director, `form view, submitted (${L})`);

    // Read-only for the medewerker too.
    await staff.goto(formUrl);
    assert.ok((await textOf(staff, 'main')).includes(flow.submittedText));
    assert.equal(await editLink(staff).count(), 0, 'no Wijzigen/Modifier after submission');
    assert.equal(await signButton(staff).count(), 0);
    assert.ok((await textOf(staff, 'dd#field-justifiedTotal')).startsWith(flow.changedShown), `shows ${flow.changedShown}`);

    // The PDF.
    const pdfHref = await staff.getByRole('link', { name: tr('button.print'), exact: true }).getAttribute('href');
    assert.ok(pdfHref);
    const pdf = await staff.request.get(new URL(pdfHref, base).href);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const body = await pdf.body();
    assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
    if (HAS_PDFJS) {
      const { extract } = await import('../support/pdf-text.ts');
      const { text } = await extract(body);
      const squeeze = (s: string) => s.replace(/\s+/g, '');
      assert.ok(squeeze(text).includes(squeeze(flow.changedShown)), `the PDF shows ${flow.changedShown}`);
      assert.ok(text.includes(flow.organisation), `the PDF names ${flow.organisation}`);
    }

    // The history.
    await staff.getByRole('link', { name: tr('button.history'), exact: true }).click();
    await staff.waitForURL(`${formUrl}/history`);
    const history = await textOf(staff, 'main');
    for (const key of ['history.FORM_SUBMITTED', 'history.SIGNATURE_DROPPED', 'history.FORM_SIGNED', 'history.FORM_SAVED']) {
      assert.ok(history.includes(tr(key)), `history shows "${tr(key)}"`);
    }
    assert.ok(history.includes(flow.chair) && history.includes(flow.director));
    await axe(staff, `form history (${L})`);

    // The homepage: four green checks.
    await staff.getByRole('link', { name: tr('button.back'), exact: true }).click();
    await staff.waitForURL(formUrl);
    await homeLink(staff).click();
    await staff.waitForURL(OCMW_HOME);
    await staff.getByLabel(tr('common.report_year'), { exact: true }).selectOption('2022');
    await staff.getByRole('button', { name: tr('button.show'), exact: true }).click();
    await staff.waitForURL(/\/ocmw\/\d{10}\?year=2022$/);
    assert.equal(await staff.locator('.step--done').count(), 4);
    await axe(staff, `homepage, submitted (${L})`);

    for (const page of [staff, chair, director]) await page.context().close();
  }

  // The two OCMWs are independent: their flows run side by side to keep the test short.
  it('entry, signatures, a dropped signature, submission, PDF and history', { concurrency: FLOWS.length, timeout: 120_000 }, async (test) => {
    await Promise.all(FLOWS.map((flow) => test.test(`${flow.organisation} (${flow.lang})`, () => runFlow(flow))));
  });

  it('has no axe (WCAG 2.1 A/AA) violations on any page visited', () => {
    assert.ok(audited.length >= 10, `axe ran on ${audited.length} pages`);
    assert.equal(violations.length, 0, `axe violations:\n${violationReport(violations)}`);
  });
});
