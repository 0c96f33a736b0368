import { TableRegion } from '../../../views/components.tsx';
import type { DocumentKind } from '../../shared/domain.ts';
import { formatDate } from '../../../i18n/format.ts';
import { Layout, type PageContext, homeHref } from '../../../views/layout.tsx';
import type { DocumentListRow } from '../ebox.model.ts';

const KIND_KEYS: Record<DocumentKind, string> = {
  SETTLEMENT_LETTER: 'ebox.kind.SETTLEMENT_LETTER',
};

/** A size in kB with one decimal, Belgian notation (`12,3 kB`). */
function size(bytes: number): string {
  return `${(bytes / 1024).toFixed(1).replace('.', ',')} kB`;
}

/** The OCMW's e-Box: the documents POD MI sent, newest first, each one downloadable. */
export function EboxPage({ ctx, documents }: { ctx: PageContext; documents: DocumentListRow[] }) {
  const { t } = ctx;
  const title = t('ebox.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('ebox.intro')}</p>
      {documents.length === 0 ? (
        <p>{t('ebox.empty')}</p>
      ) : (
        <TableRegion labelledBy="ebox-caption">
          <table class="data-table">
            <caption id="ebox-caption">{t('ebox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ebox.col.title')}</th>
                <th scope="col">{t('ebox.col.measure')}</th>
                <th scope="col">{t('ebox.col.year')}</th>
                <th scope="col">{t('ebox.col.date')}</th>
                <th scope="col" class="num">
                  {t('ebox.col.size')}
                </th>
                <th scope="col">{t('ebox.col.read')}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr class={d.first_read_at ? undefined : 'row--unread'}>
                  <th scope="row">
                    <a href={`${homeHref(ctx)}/documents/${d.id}`}>{t(KIND_KEYS[d.kind])}</a>
                  </th>
                  <td>{d.measure ? t(`measure.${d.measure}`) : '—'}</td>
                  <td>{d.report_year ?? '—'}</td>
                  <td>{formatDate(d.created_at, ctx.lang)}</td>
                  <td class="num">{size(d.size_bytes)}</td>
                  <td>
                    {d.first_read_at ? (
                      t('ebox.read_by', { date: formatDate(d.first_read_at, ctx.lang), name: `${d.first_name ?? ''} ${d.last_name ?? ''}`.trim() })
                    ) : (
                      <span class="tag tag--warning">{t('ebox.unread')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p>
        <a href={homeHref(ctx)}>{t('ebox.back_home')}</a>
      </p>
    </Layout>
  );
}
