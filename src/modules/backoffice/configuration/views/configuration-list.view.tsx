import type { Actor } from '../../../../access/access.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { Pagination, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { CONFIG_SCREENS } from '../../../ocmw-config/config-fields.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { ChoiceText, ConfigurationList, ConfigurationRow } from '../configuration.model.ts';
import { CONFIGURATION_BASE, exportHref, listHref } from './configuration-href.ts';
import { ConfigurationFilters } from './configuration-filters.tsx';

/** A supplier or provider as a cell: its name, PrimaWeb, or "Andere: <name>"; a dash when none was saved. */
function choiceText(t: PageContext['t'], choice: ChoiceText | null): string {
  if (choice === null) return '—';
  if (choice.kind === 'primaweb') return t('config.primaweb');
  if (choice.kind === 'other') return choice.name ? t('bo.configuration.list.other_named', { name: choice.name }) : t('config.other');
  return choice.name;
}

function Row({ ctx, row }: { ctx: PageContext; row: ConfigurationRow }) {
  const { t } = ctx;
  const complete = row.savedScreens === CONFIG_SCREENS.length;
  return (
    <tr>
      <th scope="row">
        <a href={`/ocmw/${row.kbo}/configuration`}>{row.name}</a>
        {row.newMerged && (
          <>
            {' '}
            <span class="tag">{t('bo.configuration.mark.new_merged')}</span>
          </>
        )}
        {row.status === 'DISAPPEARING' && (
          <>
            {' '}
            <span class="tag tag--warning">{t('bo.configuration.mark.disappearing')}</span>
          </>
        )}
      </th>
      <td class="nowrap">{formatKbo(row.kbo)}</td>
      <td class="nowrap">
        <span class={complete ? 'tag tag--done' : 'tag tag--warning'}>
          {t('bo.configuration.list.screens_saved', { saved: row.savedScreens, total: CONFIG_SCREENS.length })}
        </span>
      </td>
      <td>{choiceText(t, row.supplier)}</td>
      <td>{choiceText(t, row.networkProvider)}</td>
      <td class="nowrap">{row.lastSavedAt ? formatDateTime(row.lastSavedAt, ctx.lang) : '—'}</td>
    </tr>
  );
}

/** Every OCMW's configuration at a glance: how many screens it saved, its software supplier and network provider. */
export function ConfigurationListPage({ ctx, actor, list }: { ctx: PageContext; actor: Actor; list: ConfigurationList }) {
  const { t } = ctx;
  const title = t('bo.configuration.list.title');
  const { filter } = list;
  const filtered = Boolean(filter.search || filter.supplier || filter.state || filter.newMerged);
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="configuration" />
      <h1>{title}</h1>
      <p>{t('bo.configuration.list.intro')}</p>
      <ConfigurationFilters ctx={ctx} list={list} />
      <p role="status">
        {t('bo.configuration.list.found', { count: list.total })}
        {filtered && (
          <>
            {' '}
            <a href={CONFIGURATION_BASE}>{t('bo.configuration.list.clear')}</a>
          </>
        )}
      </p>
      {list.total > 0 && (
        <ul class="export-links" aria-label={t('bo.configuration.list.export_label')}>
          <li>
            <a href={exportHref(filter, 'xlsx')}>{t('bo.configuration.list.export_xlsx')}</a>
          </li>
          <li>
            <a href={exportHref(filter, 'csv')}>{t('bo.configuration.list.export_csv')}</a>
          </li>
        </ul>
      )}
      {list.rows.length > 0 && (
        <TableRegion labelledBy="configuration-caption">
          <table class="data-table" id="configuration-list">
            <caption id="configuration-caption">{t('bo.configuration.list.caption', { page: list.page, pages: list.pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.configuration.col.name')}</th>
                <th scope="col">{t('bo.configuration.col.kbo')}</th>
                <th scope="col">{t('bo.configuration.col.screens')}</th>
                <th scope="col">{t('bo.configuration.col.supplier')}</th>
                <th scope="col">{t('bo.configuration.col.network_provider')}</th>
                <th scope="col">{t('bo.configuration.col.last_saved')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <Row ctx={ctx} row={row} />
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination
        label={t('bo.configuration.list.pages')}
        page={list.page}
        pages={list.pages}
        href={(page) => listHref(filter, page)}
        previous={t('bo.configuration.list.previous')}
        next={t('bo.configuration.list.next')}
        pageOf={t('bo.configuration.list.page_of', { page: list.page, pages: list.pages })}
      />
    </Layout>
  );
}
