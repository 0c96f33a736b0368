import { render } from 'preact-render-to-string';
import type { T } from '../../../i18n/i18n.ts';
import type { Language } from '../../../i18n/language.ts';
import { Layout, type PageContext } from '../../../views/layout.tsx';

const MEANS_LABELS: Record<string, string> = { eid: 'idp.means.eid', itsme: 'idp.means.itsme', code: 'idp.means.code' };

export interface PersonaChoice {
  id: string;
  name: string;
  detail: string;
}

export interface InteractionPageProps {
  ctx: PageContext;
  action: string;
  personas: PersonaChoice[];
  /** the means offered, in order, with the one chosen before (or eID) */
  means: Array<{ value: string; acr: string }>;
  chosenPersona?: string;
  chosenMeans: string;
  /** the relying party asks for a signing level (a step-up): say so, but still offer every means */
  stepUp: boolean;
  error?: string;
}

/**
 * The demo provider's login page: the tester chooses the person and the means, as on FAS's page one chooses eID,
 * itsme or a security code. Radio buttons in fieldsets, one submit button: it works without JavaScript.
 */
export function InteractionPage({ ctx, action, personas, means, chosenPersona, chosenMeans, stepUp, error }: InteractionPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('idp.title')}>
      <h1>{t('idp.title')}</h1>
      <p>{t('idp.intro')}</p>
      {stepUp && (
        <div class="notice notice--info" role="note">
          {t('idp.step_up')}
        </div>
      )}
      {error && (
        <div class="notice notice--warning" role="alert" id="idp-error">
          {t(error)}
        </div>
      )}
      <form method="post" action={action}>
        <fieldset class="choice">
          <legend>{t('idp.persona_legend')}</legend>
          <ul class="persona-list">
            {personas.map((p) => (
              <li>
                <input type="radio" name="persona" id={`persona-${p.id}`} value={p.id} checked={p.id === chosenPersona} required />{' '}
                <label for={`persona-${p.id}`}>{p.name}</label>
                {p.detail && <span class="persona-roles">{p.detail}</span>}
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset class="choice">
          <legend>{t('idp.means_legend')}</legend>
          <ul class="means-list">
            {means.map((m) => (
              <li>
                <input type="radio" name="means" id={`means-${m.value}`} value={m.value} checked={m.value === chosenMeans} />{' '}
                <label for={`means-${m.value}`}>{t(MEANS_LABELS[m.value] ?? m.value)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button" name="action" value="login">
            {t('idp.submit')}
          </button>{' '}
          <button type="submit" class="button button--secondary" name="action" value="cancel" formnovalidate>
            {t('idp.cancel')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** The provider's page when its interaction is gone (expired, already used, or opened without its cookie). */
export function InteractionGonePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('idp.gone_title')}>
      <h1>{t('idp.gone_title')}</h1>
      <p>{t('idp.gone_text')}</p>
      <p>
        <a href="/login">{t('auth.back_to_login')}</a>
      </p>
    </Layout>
  );
}

type ProviderPage = { kind: 'logout'; form: string } | { kind: 'logged-out' } | { kind: 'error' };

/** The pages oidc-provider renders itself (end of session, its errors), in the application's look and language. */
export function renderProviderPage(t: T, lang: Language, page: ProviderPage): string {
  const ctx: PageContext = { t, lang, path: '/login', demo: true };
  let body: preact.JSX.Element;
  if (page.kind === 'logout') {
    // oidc-provider's own form (its action and anti-forgery field); our buttons submit it.
    body = (
      <Layout ctx={ctx} title={t('idp.logout_title')}>
        <h1>{t('idp.logout_title')}</h1>
        <p>{t('idp.logout_text')}</p>
        <div dangerouslySetInnerHTML={{ __html: page.form }} />
        <div class="form-actions">
          <button type="submit" class="button" form="op.logoutForm" name="logout" value="yes">
            {t('idp.logout_yes')}
          </button>{' '}
          <button type="submit" class="button button--secondary" form="op.logoutForm">
            {t('idp.logout_no')}
          </button>
        </div>
      </Layout>
    );
  } else if (page.kind === 'logged-out') {
    body = (
      <Layout ctx={ctx} title={t('idp.logged_out_title')}>
        <h1>{t('idp.logged_out_title')}</h1>
        <p>
          <a href="/login">{t('auth.back_to_login')}</a>
        </p>
      </Layout>
    );
  } else {
    body = (
      <Layout ctx={ctx} title={t('idp.error_title')}>
        <h1>{t('idp.error_title')}</h1>
        <p>{t('idp.error_text')}</p>
        <p>
          <a href="/login">{t('auth.back_to_login')}</a>
        </p>
      </Layout>
    );
  }
  return `<!doctype html>${render(body)}`;
}
