import { Pagination, TableRegion } from '../../../../views/components.tsx';
import type { Actor } from '../../../../access/access.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { formatKbo } from '../../../shared/identifiers.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { Cell, OcmwSort, YearCampaign } from '../follow-up.model.ts';
import { STATE_LABELS } from './texts.ts';
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
}

const SORT_LABELS: Record<OcmwSort, string> = {
  name: 'bo.followup.list.col_name',
  kbo: 'common.kbo',
  nis: 'ocmw.nis',
  submitted: 'bo.followup.list.col_submitted',
};

function listHref(p: { year: number; search: string; sort: OcmwSort; descending: boolean; page?: number }): string {
  const query = new URLSearchParams({ year: String(p.year), q: p.search, sort: p.sort, dir: p.descending ? 'desc' : 'asc' });
  if (p.page && p.page > 1) query.set('page', String(p.page));
  return `/backoffice/ocmws?${query.toString()}`;
}

function SortHeader({ ctx, column, props }: { ctx: PageContext; column: OcmwSort; props: OcmwListProps }) {
  const active = props.sort === column;
  const nextDescending = active ? !props.descending : column === 'submitted';
  const ariaSort = active ? (props.descending ? 'descending' : 'ascending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} class={column === 'submitted' ? 'num' : undefined}>
      <a href={listHref({ ...props, sort: column, descending: nextDescending, page: 1 })}>
        {ctx.t(SORT_LABELS[column])}
        {active && <span aria-hidden="true">{props.descending ? ' ▼' : ' ▲'}</span>}
      </a>
    </th>
  );
}

/** A form's state as a short text (never colour alone), linking to the read-only form when it exists. */
function StateCell({ ctx, cell }: { ctx: PageContext; cell: Cell | null }) {
  const { t } = ctx;
  if (!cell) return <td>—</td>;
  const notes = [
    cell.late ? t('bo.followup.state.late') : '',
    cell.correction ? t('bo.followup.state.correction') : '',
    cell.accepted ? t('bo.followup.state.accepted') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const label = t(STATE_LABELS[cell.state]);
  return (
    <td class={`state-cell state-cell--${cell.state}`}>
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
        <input type="hidden" name="sort" value={props.sort} />
        <input type="hidden" name="dir" value={props.descending ? 'desc' : 'asc'} />
        <button type="submit" class="button button--secondary">
          {t('bo.followup.list.search_button')}
        </button>
      </form>
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
                  <th scope="row">{o.name}</th>
                  <td class="nowrap">{formatKbo(o.kbo)}</td>
                  <td>{o.nis}</td>
                  <td class="num">{`${o.submittedCount}/${campaigns.length}`}</td>
                  {o.cells.map((cell) => (
                    <StateCell ctx={ctx} cell={cell} />
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
        href={(p) => listHref({ ...props, page: p })}
        previous={t('bo.followup.list.previous')}
        next={t('bo.followup.list.next')}
        pageOf={t('bo.followup.list.page_of', { page, pages })}
      />
    </Layout>
  );
}
