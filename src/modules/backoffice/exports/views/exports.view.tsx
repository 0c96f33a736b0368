import { FilterSelect, TableRegion } from '../../../../views/components.tsx';
import type { Actor } from '../../../../access/access.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { YearField } from '../../follow-up/views/year-field.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { ExportsOverview } from '../exports.model.ts';

/** The report year and measure to export: a GET form, so it works without JavaScript and the choice is a URL. */
function Choice({ ctx, overview }: { ctx: PageContext; overview: ExportsOverview & { year: number } }) {
  const { t } = ctx;
  const measures: Array<[string, string]> = [['', t('bo.exports.all_measures')], ...overview.measures.map((m): [string, string] => [m, t(`measure.${m}`)])];
  return (
    <form method="get" action="/backoffice/exports" class="filter-bar">
      <YearField t={t} id="e-year" years={overview.years} year={overview.year} />
      <FilterSelect id="e-measure" name="measure" label={t('bo.exports.measure')} value={overview.measure} options={measures} />
      <button type="submit" class="button button--secondary">
        {t('button.show')}
      </button>
    </form>
  );
}

/** The campaigns of the chosen report year with their submitted forms: the whole export as XLSX, the summary or one table as CSV. */
export function ExportsPage({ ctx, actor, overview }: { ctx: PageContext; actor: Actor; overview: ExportsOverview }) {
  const { t } = ctx;
  const title = t('bo.exports.title');
  const { year, campaigns } = overview;
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="exports" />
      <h1>{title}</h1>
      <p>{t('bo.exports.intro')}</p>
      {year !== null && <Choice ctx={ctx} overview={{ ...overview, year }} />}
      {year === null || campaigns.length === 0 ? (
        <p role="status">{t('bo.exports.none')}</p>
      ) : (
        <TableRegion labelledBy="exports-caption">
          <table class="data-table" id="exports">
            <caption id="exports-caption">{t('bo.exports.caption', { year })}</caption>
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
                <tr data-measure={c.measure}>
                  <th scope="row">{t(`measure.${c.measure}`)}</th>
                  <td class="num">{c.submitted}</td>
                  <td>
                    <ul class="export-links">
                      <li>
                        <a href={`/backoffice/exports/${c.id}.xlsx`}>
                          {t('bo.exports.xlsx')}
                          <span class="visually-hidden">{` — ${t(`measure.${c.measure}`)}`}</span>
                        </a>
                      </li>
                      <li>
                        <a href={`/backoffice/exports/${c.id}.csv`}>
                          {t('bo.exports.csv_summary')}
                          <span class="visually-hidden">{` — ${t(`measure.${c.measure}`)}`}</span>
                        </a>
                      </li>
                      {c.tables.map((table) => (
                        <li>
                          <a href={`/backoffice/exports/${c.id}.csv?table=${encodeURIComponent(table.key)}`}>
                            {t('bo.exports.csv_table', { table: t(table.labelKey) })}
                            <span class="visually-hidden">{` — ${t(`measure.${c.measure}`)}`}</span>
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
      )}
    </Layout>
  );
}
