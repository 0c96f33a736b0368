import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { LANGUAGES, loadLanguage } from '../../src/i18n/i18n.ts';
import { mailBaseUrl } from '../../src/config/config.ts';
import { formWhere } from '../../src/modules/shared/mail-link.ts';
import { translator } from '../../src/i18n/i18n.ts';

/**
 * Issue 14, item 14 (ADR 0043): e-mails carry a full link when a public URL is configured and say where to go in words
 * otherwise; one word for the report year; no doubled punctuation, also after a value that ends with punctuation.
 */

type Tree = { [key: string]: string | Tree };

/** Every text of the e-mails the application queues (signer mails, receipt, reminders, corrections, the "where"). */
const MAIL_PREFIXES = ['signer_mail.', 'receipt.mail.', 'bo.reminders.', 'bo.corrections.mail.', 'mail.where.'];

function flatten(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}

const mailTexts = (lang: (typeof LANGUAGES)[number]) =>
  flatten(loadLanguage(lang) as Tree).filter(([key]) => MAIL_PREFIXES.some((p) => key.startsWith(p)) && key !== 'bo.reminders.history_event');

/**
 * Values typed by people or built from other texts that may end with punctuation: a reason, an OCMW's name, a whole
 * sentence. (A person's name, a year, a date or a measure's title does not; nor do the reminder's states: tested below.)
 */
const FREE_VALUES = new Set(['reason', 'ocmw', 'where']);

/** Two punctuation marks in a row ("..", ". .", "?.", ":.", ",."), but not the colon of a URL's "://". */
const DOUBLED = /[.!?:;,]\s*[.!?;,]|[.!?;,]\s*:(?!\/\/)/;

describe('e-mail texts', () => {
  for (const lang of LANGUAGES) {
    it(`have no doubled punctuation in ${lang}, also after a value that ends with a full stop`, () => {
      const texts = mailTexts(lang);
      assert.ok(texts.length >= 20, `found the mail texts of ${lang} (${texts.length})`);
      for (const [key, text] of texts) {
        assert.doesNotMatch(text, DOUBLED, `${lang} ${key}: ${text}`);
        // every free value ends with a full stop; the texts' own values (a year, a date, a measure) do not
        const rendered = text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (FREE_VALUES.has(name) ? 'Waarde.' : 'W'));
        assert.doesNotMatch(rendered, DOUBLED, `${lang} ${key} after a value ending with a full stop: ${rendered}`);
      }
    });

    it(`use one word for the report year in ${lang}`, () => {
      const word = { nl: /verslagjaar/i, fr: /année du rapport/i, de: /Berichtsjahr/i }[lang];
      const other = { nl: /rapportjaar|rapporteringsjaar/i, fr: /année de rapport/i, de: /Rapportjahr|Meldejahr/i }[lang];
      const all = flatten(loadLanguage(lang) as Tree);
      for (const [key, text] of all) assert.doesNotMatch(text, other, `${lang} ${key}`);
      for (const key of ['signer_mail.ready.body', 'receipt.mail.body', 'bo.reminders.intro', 'bo.corrections.mail.body', 'mail.where.form_words']) {
        const text = all.find(([k]) => k === key)?.[1] ?? '';
        assert.match(text, word, `${lang} ${key}`);
      }
    });
  }

  it('the state lines a reminder puts into "Wat ontbreekt: {{state}}." end without punctuation', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of mailTexts(lang).filter(([k]) => k.startsWith('bo.reminders.state.'))) assert.doesNotMatch(text, /[.!?:;,]$/, `${lang} ${key}`);
    }
  });

  it('say where to go: a full link on a line of its own with a public URL, the way there in words without', () => {
    const form = {
      kbo: '0212000154',
      campaignId: 'c0ffee00-0000-4000-8000-000000000001',
      measure: 'Gas- en elektriciteitsfonds',
      year: 2026,
      ocmw: 'CPAS de Villedemo',
    };
    const url = 'https://uniek-verslag.example.be/ocmw/0212000154/forms/c0ffee00-0000-4000-8000-000000000001';
    for (const lang of LANGUAGES) {
      const linked = formWhere(translator(lang), 'https://uniek-verslag.example.be', form);
      assert.ok(linked.endsWith(`\n${url}`), `${lang}: ${linked}`);
      const words = formWhere(translator(lang), undefined, form);
      assert.doesNotMatch(words, /https?:|\/ocmw\//, lang);
      assert.match(words, /CPAS de Villedemo/, lang);
      assert.match(words, /2026\.$/, lang);
    }
  });
});

describe('the public URL of the e-mails', () => {
  const issuer = { OIDC_ISSUER: 'https://idp.example.be', OIDC_CLIENT_SECRET: 's' };
  it('is used only when PUBLIC_URL is set and, in production, not a loopback address', () => {
    assert.equal(mailBaseUrl(loadConfig({})), undefined, 'the default http://localhost:3000 leads nowhere from an e-mail');
    assert.equal(mailBaseUrl(loadConfig({ PUBLIC_URL: 'https://uniek-verslag.example.be/' })), 'https://uniek-verslag.example.be');
    assert.equal(mailBaseUrl(loadConfig({ PUBLIC_URL: 'http://localhost:8080' })), 'http://localhost:8080', 'set on purpose, in development');
    assert.equal(mailBaseUrl(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:8080', ...issuer })), undefined);
    assert.equal(mailBaseUrl(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1:8080', ...issuer })), undefined);
    assert.equal(mailBaseUrl(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://uv.mi-is.be', ...issuer })), 'https://uv.mi-is.be');
    assert.equal(mailBaseUrl(loadConfig({}, { publicUrl: 'http://localhost:3000' })), 'http://localhost:3000', 'given by a test');
    assert.equal(mailBaseUrl(loadConfig({ PUBLIC_URL: 'https://x.example' }, { publicUrlConfigured: false })), undefined);
  });
});
