import { formatDateTime } from '../../../i18n/format.ts';
import { TableRegion } from '../../../views/components.tsx';
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
        <TableRegion labelledBy="audit-title">
          <table class="data-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.who')}</th>
                <th scope="col">{t('history.what')}</th>
                <th scope="col">{t('access.col.subject')}</th>
                <th scope="col">{t('history.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr>
                  <td class="nowrap">{formatDateTime(e.occurredAt, ctx.lang)}</td>
                  <td>{e.actor}</td>
                  <td>{e.type}</td>
                  <td>{e.subject}</td>
                  <td>{e.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}
