import type { ComponentChildren } from 'preact';
import type { Language } from '../i18n/language.ts';
import { LANGUAGES, type T } from '../i18n/i18n.ts';
import { formatIsoDate } from '../i18n/format.ts';

/** A disappearing (or, for POD MI, merged) OCMW: its last legal day and its successor, for the banner of its pages. */
export interface OcmwTransition {
  status: 'DISAPPEARING' | 'MERGED';
  /** YYYY-MM-DD: its last legal day, and the merger's effective date (the day after) */
  lastDay: string;
  mergedOn: string;
  successor: { kbo: string; name_nl: string; name_fr: string; name_de: string } | null;
}

export interface PageContext {
  t: T;
  lang: Language;
  /** current path, to come back to after a language switch */
  path: string;
  personName?: string;
  organisationName?: string;
  /** POD MI staff: link to the back office */
  canUseBackoffice?: boolean;
  /** on an OCMW page: the prefix of its pages, /ocmw/{kbo} (links are built on it) */
  ocmwBase?: string;
  /** POD MI staff reading an OCMW's pages: read only, and every read is in the OCMW's audit trail */
  podmiReadOnly?: boolean;
  /** the embedded demo identity provider runs: every page says DEMO (portal.md ID-6) */
  demo?: boolean;
  /** the person works for more than one organisation (or is POD MI staff): "Ander OCMW kiezen" in the header */
  canSwitchOcmw?: boolean;
  /** a disappearing or merged OCMW: every page of it says what can still be done there (issue 13) */
  transition?: OcmwTransition | null;
  /** on an OCMW page, for someone who reads its e-Box: the number of unread messages (the header links to the e-Box) */
  eboxUnread?: number;
}

/** The homepage of the OCMW of the page (or "/", which leads to the last OCMW opened). */
export function homeHref(ctx: PageContext): string {
  return ctx.ocmwBase ?? '/';
}

/** The address of a form of the page's OCMW. */
export function formHref(ctx: PageContext, campaignId: string): string {
  return `${ctx.ocmwBase ?? ''}/forms/${campaignId}`;
}

/**
 * On every page of a disappearing OCMW: it merged into its successor, and what can still be done here "for the time
 * being" (portal.md §1.2: access management, the e-Box, the Uniek Verslag of the years it existed); once merged, only
 * POD MI reads it.
 */
function TransitionBanner({ ctx, transition }: { ctx: PageContext; transition: OcmwTransition }) {
  const { t, lang } = ctx;
  const s = transition.successor;
  const successor = s ? (lang === 'fr' ? s.name_fr : lang === 'de' ? s.name_de : s.name_nl) : t('transition.no_successor');
  const year = Number(transition.lastDay.slice(0, 4));
  const params = { successor, date: formatIsoDate(transition.mergedOn), year, next: year + 1 };
  return (
    <div class="notice notice--warning transition-banner" role="note">
      <p>
        <strong>{t(transition.status === 'MERGED' ? 'transition.merged_title' : 'transition.disappearing_title')}</strong>{' '}
        {t(transition.status === 'MERGED' ? 'transition.merged_text' : 'transition.disappearing_text', params)}
      </p>
      {s && transition.status === 'DISAPPEARING' && (
        <p>
          <a href={`/ocmw/${s.kbo}`}>{t('transition.to_successor', { successor })}</a>
        </p>
      )}
    </div>
  );
}

const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch' };

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  return (
    <form method="post" action="/language" class="language-switch">
      <input type="hidden" name="returnTo" value={ctx.path} />
      <span class="visually-hidden">{ctx.t('layout.language')}</span>
      {LANGUAGES.map((lang) => (
        <button type="submit" name="lang" value={lang} lang={lang} aria-current={lang === ctx.lang ? 'true' : undefined} class="link-button">
          {LANGUAGE_NAMES[lang]}
        </button>
      ))}
    </form>
  );
}

/** The circular's help desk (technical problems) and POD MI's FrontOffice (content), and where the manuals are. */
function HelpDesk({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const frontOffice = t('layout.help.frontoffice_email');
  return (
    <div class="site-footer__help">
      <p class="site-footer__title">{t('layout.help.title')}</p>
      <p>
        {`${t('layout.help.technical')}: `}
        <a href="mailto:ocmw-cpas@smals.be">ocmw-cpas@smals.be</a>
        {', '}
        <a href="tel:+3227875827">02 787 58 27</a>
      </p>
      <p>
        {`${t('layout.help.content')}: `}
        <a href={`mailto:${frontOffice}`}>{frontOffice}</a>
        {', '}
        <a href="tel:+3225088585">02 508 85 85</a>
      </p>
      <p>
        <a href={t('layout.help.guides_url')}>{t('layout.help.guides')}</a>
      </p>
    </div>
  );
}

export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/css/app.css" />
        <script src="/static/js/app.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          {/* inside the banner landmark, so that every text of the page is in a landmark */}
          {ctx.demo && (
            <p class="demo-banner" role="note">
              <strong>DEMO</strong> — {t('layout.demo_banner')}
            </p>
          )}
          <div class="site-header__inner">
            <div class="site-header__brand">
              <span class="site-header__owner">{t('app.owner')}</span>
              <span class="site-header__app">{t('app.name')}</span>
            </div>
            <nav class="site-header__tools" aria-label={t('layout.tools')}>
              {ctx.personName && (
                <span class="site-header__person">
                  {ctx.personName}
                  {ctx.organisationName ? ` — ${ctx.organisationName}` : ''}
                </span>
              )}
              {ctx.personName && ctx.ocmwBase && ctx.canSwitchOcmw && (
                <a class="site-header__link" href="/choose-ocmw">
                  {t('home.switch_ocmw')}
                </a>
              )}
              {ctx.ocmwBase && ctx.eboxUnread !== undefined && (
                <a class="site-header__link" href={`${ctx.ocmwBase}/ebox`}>
                  {ctx.eboxUnread > 0 ? t('layout.ebox_unread', { count: ctx.eboxUnread }) : t('layout.ebox')}
                </a>
              )}
              {ctx.canUseBackoffice && (
                <a class="site-header__link" href="/backoffice">
                  {t('layout.backoffice')}
                </a>
              )}
              <LanguageSwitch ctx={ctx} />
              {ctx.personName && (
                <form method="post" action="/logout">
                  <button type="submit" class="link-button">
                    {t('layout.logout')}
                  </button>
                </form>
              )}
            </nav>
          </div>
        </header>
        <main id="main" class="page">
          {ctx.transition && <TransitionBanner ctx={ctx} transition={ctx.transition} />}
          {ctx.podmiReadOnly && (
            <p class="notice notice--info podmi-banner" role="note">
              {t('layout.podmi_read_only')}
            </p>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <HelpDesk ctx={ctx} />
          <p>{t('app.footer')}</p>
        </footer>
      </body>
    </html>
  );
}
