import { Notice, Pagination, TableRegion } from '../../../../views/components.tsx';
import type { Actor } from '../../../../access/access.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { formatKbo } from '../../../shared/identifiers.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { Cell, FormFilter, FormStateFilter, OcmwFilter, OcmwSort, YearCampaign } from '../follow-up.model.ts';
import { type OcmwListLocation, ocmwListHref } from './list-href.ts';
import { LANGUAGE_LABELS, REGION_LABELS, STATE_LABELS } from './texts.ts';
import { YearField } from './year-field.tsx';

export interface OcmwListProps {
  ctx: PageContext;
  actor: Actor;
  years: number[];
  year: number;
  campaigns: YearCampaign[];
  ocmws: Array<{ id: string; kbo: string; nis: string; name: string; submittedCount: number; cells: Array<Cell | null> }>;
  total: number;
  page: number;
  pages: number;
  search: string;
  sort: OcmwSort;
  descending: boolean;
  /** the dashboard's filters and a count's form state, shown above the list, each with a link that removes it */
  filter: OcmwFilter;
  form: FormFilter | null;
}

const SORT_LABELS: Record<OcmwSort, string> = {
  name: 'bo.followup.list.col_name',
  kbo: 'common.kbo',
  nis: 'ocmw.nis',
  submitted: 'bo.followup.list.col_submitted',
};

const FORM_STATE_LABELS: Record<FormStateFilter, string> = {
  ...STATE_LABELS,
  late: 'bo.followup.state.late',
  correction: 'bo.followup.state.correction',
};

/** Where the list is now: its URL parts, from which each link changes one thing. */
function here(p: OcmwListProps): OcmwListLocation {
  return { year: p.year, filter: p.filter, form: p.form, search: p.search, sort: p.sort, descending: p.descending };
}

/** The filters in force (a count of the dashboard and the dashboard's own), each said in words with a link removing it. */
function ActiveFilters({ props }: { props: OcmwListProps }) {
  const { t } = props.ctx;
  const { filter, form } = props;
  const location = { ...here(props), page: 1 };
  const active: Array<[string, string]> = [];
  if (form) {
    const text = t('bo.followup.list.filter_form', { measure: t(`measure.${form.measure}`), state: t(FORM_STATE_LABELS[form.state]) });
    active.push([text, ocmwListHref({ ...location, form: null })]);
  }
  if (filter.region) {
    const text = `${t('bo.followup.filter.region')}: ${t(REGION_LABELS[filter.region])}`;
    active.push([text, ocmwListHref({ ...location, filter: { ...filter, region: null } })]);
  }
  if (filter.province) {
    const text = `${t('bo.followup.filter.province')}: ${filter.province}`;
    active.push([text, ocmwListHref({ ...location, filter: { ...filter, province: null } })]);
  }
  if (filter.language) {
    const text = `${t('bo.followup.filter.language')}: ${t(LANGUAGE_LABELS[filter.language])}`;
    active.push([text, ocmwListHref({ ...location, filter: { ...filter, language: null } })]);
  }
  if (active.length === 0) return null;
  return (
    <Notice kind="info">
      <h2 id="active-filters">{t('bo.followup.list.active_filters')}</h2>
      <ul aria-labelledby="active-filters">
        {active.map(([text, href]) => (
          <li>
            {`${text} — `}
            <a href={href}>
              {t('bo.followup.list.remove_filter')}
              <span class="visually-hidden">{` (${text})`}</span>
            </a>
          </li>
        ))}
      </ul>
      {active.length > 1 && (
        <p>
          <a href={ocmwListHref({ year: props.year, filter: { region: null, province: null, language: null }, search: props.search })}>
            {t('bo.followup.list.remove_all_filters')}
          </a>
        </p>
      )}
    </Notice>
  );
}

function SortHeader({ ctx, column, props }: { ctx: PageContext; column: OcmwSort; props: OcmwListProps }) {
  const active = props.sort === column;
  const nextDescending = active ? !props.descending : column === 'submitted';
  const ariaSort = active ? (props.descending ? 'descending' : 'ascending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} class={column === 'submitted' ? 'num' : undefined}>
      <a href={ocmwListHref({ ...here(props), sort: column, descending: nextDescending, page: 1 })}>
        {ctx.t(SORT_LABELS[column])}
        {active && <span aria-hidden="true">{props.descending ? ' ▼' : ' ▲'}</span>}
      </a>
    </th>
  );
}

/** A form's state as a short text (never colour alone), linking to the read-only form when it exists. */
function StateCell({ ctx, cell, measure }: { ctx: PageContext; cell: Cell | null; measure: string }) {
  const { t } = ctx;
  if (!cell) return <td data-measure={measure}>—</td>;
  const notes = [
    cell.late ? t('bo.followup.state.late') : '',
    cell.correction ? t('bo.followup.state.correction') : '',
    cell.accepted ? t('bo.followup.state.accepted') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const label = t(STATE_LABELS[cell.state]);
  return (
    <td class={`state-cell state-cell--${cell.state}`} data-measure={measure}>
      {cell.instance_id ? <a href={`/backoffice/forms/${cell.instance_id}`}>{label}</a> : label}
      {notes && <span class="cell-note">{notes}</span>}
    </td>
  );
}

/** Every OCMW with the state of each form of the report year: searchable, sortable, by pages of 100. */
export function OcmwListPage(props: OcmwListProps) {
  const { ctx, actor, years, year, campaigns, ocmws, total, page, pages, search } = props;
  const { t } = ctx;
  const title = t('bo.followup.list.title', { year });
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="ocmws" />
      <h1>{title}</h1>
      <form method="get" action="/backoffice/ocmws" class="filter-bar" role="search">
        <div class="field">
          <label for="l-q" class="field__label">
            {t('bo.followup.list.search')}
          </label>
          <p id="l-q-hint" class="field__hint">
            {t('bo.followup.list.search_hint')}
          </p>
          <input id="l-q" name="q" type="search" class="field__input" value={search} aria-describedby="l-q-hint" />
        </div>
        <YearField t={t} id="l-year" years={years} year={year} />
        {props.filter.region && <input type="hidden" name="region" value={props.filter.region} />}
        {props.filter.province && <input type="hidden" name="province" value={props.filter.province} />}
        {props.filter.language && <input type="hidden" name="language" value={props.filter.language} />}
        {props.form && <input type="hidden" name="measure" value={props.form.measure} />}
        {props.form && <input type="hidden" name="state" value={props.form.state} />}
        <input type="hidden" name="sort" value={props.sort} />
        <input type="hidden" name="dir" value={props.descending ? 'desc' : 'asc'} />
        <button type="submit" class="button button--secondary">
          {t('bo.followup.list.search_button')}
        </button>
      </form>
      <ActiveFilters props={props} />
      <p role="status">{t('bo.followup.list.found', { count: total })}</p>
      {ocmws.length > 0 && (
        <TableRegion labelledBy="ocmw-list-caption">
          <table class="data-table" id="ocmw-list">
            <caption id="ocmw-list-caption">{t('bo.followup.list.caption', { year, page, pages })}</caption>
            <thead>
              <tr>
                <SortHeader ctx={ctx} column="name" props={props} />
                <SortHeader ctx={ctx} column="kbo" props={props} />
                <SortHeader ctx={ctx} column="nis" props={props} />
                <SortHeader ctx={ctx} column="submitted" props={props} />
                {campaigns.map((c) => (
                  <th scope="col">{t(`measure.${c.measure}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ocmws.map((o) => (
                <tr>
                  <th scope="row">
                    <a href={`/backoffice/registry/${o.id}`}>{o.name}</a>
                  </th>
                  <td class="nowrap">{formatKbo(o.kbo)}</td>
                  <td>{o.nis}</td>
                  <td class="num">{`${o.submittedCount}/${campaigns.length}`}</td>
                  {o.cells.map((cell, i) => (
                    <StateCell ctx={ctx} cell={cell} measure={campaigns[i].measure} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination
        label={t('bo.followup.list.pages')}
        page={page}
        pages={pages}
        href={(p) => ocmwListHref({ ...here(props), page: p })}
        previous={t('bo.followup.list.previous')}
        next={t('bo.followup.list.next')}
        pageOf={t('bo.followup.list.page_of', { page, pages })}
      />
    </Layout>
  );
}
