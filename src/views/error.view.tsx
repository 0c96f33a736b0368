import { ErrorSummary } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

/**
 * Generic error page: never a stack trace, always a correlation id to quote to the helpdesk. A refused input
 * (too large, malformed) is also said in an error summary, as on every page that refuses input.
 */
export function ErrorPage({
  ctx,
  titleKey,
  textKey,
  correlationId,
  inputRefused = false,
}: {
  ctx: PageContext;
  titleKey: string;
  textKey: string;
  correlationId: string;
  inputRefused?: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(titleKey)}>
      <h1>{t(titleKey)}</h1>
      {inputRefused && <ErrorSummary t={t} errors={[{ fieldId: 'error-text', label: t(titleKey), message: t(textKey) }]} />}
      <p id="error-text">{t(textKey)}</p>
      <p class="field__hint">{t('error.correlation', { id: correlationId })}</p>
      <p>
        <a class="button button--secondary" href="/">
          {t('button.home')}
        </a>
      </p>
    </Layout>
  );
}
