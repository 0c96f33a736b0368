import type { Actor } from '../../../../access/access.ts';
import { formatIsoDate } from '../../../../i18n/format.ts';
import { FilterSelect as Select, Pagination, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { formatKbo } from '../../../shared/identifiers.ts';
import { ADMINISTRATION_LANGUAGES, ORGANISATION_TYPES, REGIONS, type RegistryFilter, type RegistryList, STATUSES } from '../registry.model.ts';
import { RegistryNav, StatusTag } from './parts.tsx';
import { LANGUAGE_KEYS, REGION_KEYS, STATUS_KEYS, TYPE_KEYS, provinceName } from './texts.ts';

/** The list's address with this filter and page (the filters live in the query string: no JavaScript needed). */
export function registryListHref(filter: RegistryFilter, page: number): string {
  const query = new URLSearchParams();
  if (filter.search) query.set('q', filter.search);
  if (filter.type) query.set('type', filter.type);
  if (filter.region) query.set('region', filter.region);
  if (filter.province) query.set('province', filter.province);
  if (filter.language) query.set('language', filter.language);
  if (filter.status) query.set('status', filter.status);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return `/backoffice/registry${text ? `?${text}` : ''}`;
}

function Filters({ ctx, list }: { ctx: PageContext; list: RegistryList }) {
  const { t } = ctx;
  const { filter } = list;
  const all: [string, string] = ['', t('bo.registry.list.all')];
  return (
    <form method="get" action="/backoffice/registry" class="filter-bar" role="search" aria-label={t('bo.registry.list.search_label')}>
      <div class="field">
        <label for="r-q" class="field__label">
          {t('bo.registry.list.search')}
        </label>
        <p id="r-q-hint" class="field__hint">
          {t('bo.registry.list.search_hint')}
        </p>
        <input id="r-q" name="q" type="search" class="field__input" value={filter.search} aria-describedby="r-q-hint" />
      </div>
      <Select
        id="r-type"
        name="type"
        label={t('bo.registry.field.type')}
        value={filter.type}
        options={[all, ...ORGANISATION_TYPES.map((v) => [v, t(TYPE_KEYS[v])] as [string, string])]}
      />
      <Select
        id="r-region"
        name="region"
        label={t('bo.registry.field.region')}
        value={filter.region}
        options={[all, ...REGIONS.map((v) => [v, t(REGION_KEYS[v])] as [string, string])]}
      />
      <Select
        id="r-province"
        name="province"
        label={t('bo.registry.field.province')}
        value={filter.province}
        options={[all, ...list.provinces.map((p) => [p, provinceName(t, p)] as [string, string])]}
      />
      <Select
        id="r-language"
        name="language"
        label={t('bo.registry.field.administration_language')}
        value={filter.language}
        options={[all, ...ADMINISTRATION_LANGUAGES.map((v) => [v, t(LANGUAGE_KEYS[v])] as [string, string])]}
      />
      <Select
        id="r-status"
        name="status"
        label={t('bo.registry.field.status')}
        value={filter.status}
        options={[all, ...STATUSES.map((v) => [v, t(STATUS_KEYS[v])] as [string, string])]}
      />
      <button type="submit" class="button button--secondary">
        {t('bo.registry.list.search_button')}
      </button>
    </form>
  );
}

/** Every organisation of the registry: search by name (any language), KBO number or NIS code (also a former one), filters, pages. */
export function RegistryListPage({ ctx, actor, list }: { ctx: PageContext; actor: Actor; list: RegistryList }) {
  const { t } = ctx;
  const title = t('bo.registry.list.title');
  const filtered = Boolean(list.filter.search || list.filter.type || list.filter.region || list.filter.province || list.filter.language || list.filter.status);
  return (
    <Layout ctx={ctx} title={title}>
      <RegistryNav ctx={ctx} actor={actor} current="list" />
      <h1>{title}</h1>
      <p>{t('bo.registry.list.intro', { day: formatIsoDate(list.day) })}</p>
      <Filters ctx={ctx} list={list} />
      <p role="status">
        {t('bo.registry.list.found', { count: list.total })}
        {filtered && (
          <>
            {' '}
            <a href="/backoffice/registry">{t('bo.registry.list.clear')}</a>
          </>
        )}
      </p>
      {list.rows.length > 0 && (
        <TableRegion labelledBy="registry-caption">
          <table class="data-table" id="registry-list">
            <caption id="registry-caption">{t('bo.registry.list.caption', { page: list.page, pages: list.pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.registry.field.name')}</th>
                <th scope="col">{t('bo.registry.field.kbo')}</th>
                <th scope="col">{t('bo.registry.field.nis')}</th>
                <th scope="col">{t('bo.registry.field.type')}</th>
                <th scope="col">{t('bo.registry.field.province')}</th>
                <th scope="col">{t('bo.registry.field.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`/backoffice/registry/${row.id}`}>{row.name}</a>
                    {!row.hasOcmw && (
                      <>
                        {' '}
                        <span class="tag tag--warning">{t('bo.registry.mark.no_ocmw')}</span>
                      </>
                    )}
                    {row.formerIdentifier && <div class="field__hint">{t('bo.registry.list.former_match', { value: row.formerIdentifier })}</div>}
                  </th>
                  <td class="nowrap">
                    {formatKbo(row.kbo)}
                    {row.kboFictitious && (
                      <>
                        {' '}
                        <span class="tag">{t('bo.registry.mark.fictitious')}</span>
                      </>
                    )}
                  </td>
                  <td class="nowrap">{row.nis ?? '—'}</td>
                  <td>{t(TYPE_KEYS[row.type])}</td>
                  <td>{row.region === 'BRU' ? t(REGION_KEYS.BRU) : provinceName(t, row.province)}</td>
                  <td>
                    <StatusTag ctx={ctx} status={row.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {list.rows.length > 0 && <p class="field__hint">{t('bo.registry.mark.fictitious_hint')}</p>}
      <Pagination
        label={t('bo.registry.list.pages')}
        page={list.page}
        pages={list.pages}
        href={(page) => registryListHref(list.filter, page)}
        previous={t('bo.registry.list.previous')}
        next={t('bo.registry.list.next')}
        pageOf={t('bo.registry.list.page_of', { page: list.page, pages: list.pages })}
      />
    </Layout>
  );
}
