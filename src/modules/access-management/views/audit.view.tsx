import { HistoryTable } from '../../../audit/views/history-table.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { AccessEvent } from '../access-management.model.ts';

/** The access events of the organisation (or of the TB's domain), newest first, with the CSV export. */
export function AccessAuditPage({ ctx, events, scope }: { ctx: PageContext; events: AccessEvent[]; scope: 'organisation' | 'domain' }) {
  const { t } = ctx;
  const title = t('access.audit_title');
  const base = `${ctx.ocmwBase ?? ''}/access`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={base}>{t('access.back')}</a>
      </p>
      <h1 id="audit-title">{title}</h1>
      <p>{t(scope === 'organisation' ? 'access.audit_intro_organisation' : 'access.audit_intro_domain')}</p>
      <p>
        <a class="button button--secondary" href={`${base}/audit.csv`} download>
          {t('access.audit_csv')}
        </a>
      </p>
      {events.length === 0 ? (
        <p>{t('access.audit_empty')}</p>
      ) : (
        <HistoryTable t={t} lang={ctx.lang} title={title} entries={events} labelledBy="audit-title" subjectLabel={t('access.col.subject')} />
      )}
    </Layout>
  );
}
