import { Layout, type PageContext } from './layout.tsx';

/** Generic error page: never a stack trace, always a correlation id to quote to the helpdesk. */
export function ErrorPage({ ctx, titleKey, textKey, correlationId }: { ctx: PageContext; titleKey: string; textKey: string; correlationId: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(titleKey)}>
      <h1>{t(titleKey)}</h1>
      <p>{t(textKey)}</p>
      <p class="field__hint">{t('error.correlation', { id: correlationId })}</p>
      <p>
        <a class="button button--secondary" href="/">
          {t('button.home')}
        </a>
      </p>
    </Layout>
  );
}
