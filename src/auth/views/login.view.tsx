import { Layout, type PageContext } from '../../views/layout.tsx';

/**
 * Login: one button that starts the OpenID Connect login at the provider (FAS, or the embedded demo provider whose
 * page lets the tester choose the person and the means). The three languages on the button, as on the portal.
 */
export function LoginPage({ ctx, message }: { ctx: PageContext; message?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {message && (
        <div class="notice notice--info" role="status">
          {t(message)}
        </div>
      )}
      <p>{t('auth.login_intro')}</p>
      {ctx.demo && <p>{t('auth.demo_intro')}</p>}
      <form method="post" action="/auth/login">
        <button type="submit" class="button">
          <span lang="nl">Aanmelden</span> / <span lang="fr">Se connecter</span> / <span lang="de">Anmelden</span>
        </button>
      </form>
    </Layout>
  );
}

/** A login refused (the provider's answer failed a check, or the provider failed): no session, what to do now. */
export function AuthRefusedPage({ ctx, text }: { ctx: PageContext; text: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.refused_title')}>
      <h1>{t('auth.refused_title')}</h1>
      <p>{t(text)}</p>
      <p>
        <a href="/login">{t('auth.back_to_login')}</a>
      </p>
    </Layout>
  );
}

/** A person nobody added (by INSZ): no session, and nothing about any OCMW (portal.md §2.3, step 5). */
export function NoAccessPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.no_access_title')}>
      <h1>{t('auth.no_access_title')}</h1>
      <p>{t('auth.no_access_text')}</p>
      <p>
        <a href="/login">{t('auth.back_to_login')}</a>
      </p>
    </Layout>
  );
}
