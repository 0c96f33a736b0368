import { TableRegion } from '../../../../views/components.tsx';
import type { Actor } from '../../../../access/access.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { ExportChoice } from '../exports.model.ts';

/** The campaigns with their submitted forms: the whole export as XLSX, the summary or one table as CSV. */
export function ExportsPage({ ctx, actor, campaigns }: { ctx: PageContext; actor: Actor; campaigns: ExportChoice[] }) {
  const { t } = ctx;
  const title = t('bo.exports.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="exports" />
      <h1>{title}</h1>
      <p>{t('bo.exports.intro')}</p>
      <TableRegion labelledBy="exports-caption">
        <table class="data-table">
          <caption id="exports-caption">{t('bo.exports.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.exports.col.campaign')}</th>
              <th scope="col" class="num">
                {t('bo.exports.col.submitted')}
              </th>
              <th scope="col">{t('bo.exports.col.files')}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr>
                <th scope="row">{`${c.reportYear} — ${t(`measure.${c.measure}`)}`}</th>
                <td class="num">{c.submitted}</td>
                <td>
                  <ul class="export-links">
                    <li>
                      <a href={`/backoffice/exports/${c.id}.xlsx`}>{t('bo.exports.xlsx')}</a>
                    </li>
                    <li>
                      <a href={`/backoffice/exports/${c.id}.csv`}>{t('bo.exports.csv_summary')}</a>
                    </li>
                    {c.tables.map((table) => (
                      <li>
                        <a href={`/backoffice/exports/${c.id}.csv?table=${encodeURIComponent(table.key)}`}>
                          {t('bo.exports.csv_table', { table: t(table.labelKey) })}
                        </a>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Layout>
  );
}
