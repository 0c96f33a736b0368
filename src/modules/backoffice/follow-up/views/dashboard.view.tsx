import { TableRegion } from '../../../../views/components.tsx';
import type { Actor } from '../../../../access/access.ts';
import { formatDate } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import { CELL_STATES, type FormStateFilter, type MeasureCounts, type OcmwFilter, type RegionFilter } from '../follow-up.model.ts';
import { ocmwListHref } from './list-href.ts';
import { SubmissionsChart } from './submissions-chart.tsx';
import { LANGUAGE_LABELS, REGION_LABELS, STATE_DEFINITIONS, STATE_LABELS, belgianDay } from './texts.ts';
import { YearField } from './year-field.tsx';

export interface DashboardProps {
  ctx: PageContext;
  actor: Actor;
  years: number[];
  year: number;
  measures: MeasureCounts[];
  ocmws: number;
  perDay: Array<{ day: string; count: number }>;
  provinces: string[];
  filter: OcmwFilter;
}

function Filters({ ctx, years, year, provinces, filter }: Pick<DashboardProps, 'ctx' | 'years' | 'year' | 'provinces' | 'filter'>) {
  const { t } = ctx;
  return (
    <form method="get" action="/backoffice" class="filter-bar">
      <YearField t={t} id="f-year" years={years} year={year} />
      <div class="field">
        <label for="f-region" class="field__label">
          {t('bo.followup.filter.region')}
        </label>
        <select id="f-region" name="region" class="field__select">
          <option value="">{t('bo.followup.filter.all')}</option>
          {(Object.keys(REGION_LABELS) as RegionFilter[]).map((r) => (
            <option value={r} selected={filter.region === r}>
              {t(REGION_LABELS[r])}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-province" class="field__label">
          {t('bo.followup.filter.province')}
        </label>
        <select id="f-province" name="province" class="field__select">
          <option value="">{t('bo.followup.filter.all')}</option>
          {provinces.map((p) => (
            <option value={p} selected={filter.province === p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-language" class="field__label">
          {t('bo.followup.filter.language')}
        </label>
        <select id="f-language" name="language" class="field__select">
          <option value="">{t('bo.followup.filter.all')}</option>
          {(['nl', 'fr', 'de'] as const).map((l) => (
            <option value={l} selected={filter.language === l}>
              {t(LANGUAGE_LABELS[l])}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button--secondary">
        {t('button.show')}
      </button>
    </form>
  );
}

/**
 * A count of the table: a link to the OCMW list filtered to exactly the OCMWs it counts (the measure, the state and
 * the dashboard's filters); its accessible name says what it counts, for whoever reaches it by the links alone.
 */
function CountLink({ ctx, year, filter, measure, state, count, label }: CountProps) {
  if (count === 0) return <>0</>;
  const what = ctx.t('bo.followup.count_link', { measure: ctx.t(`measure.${measure}`), state: label });
  return (
    <a href={ocmwListHref({ year, filter, form: { measure, state } })}>
      {count}
      <span class="visually-hidden">{` ${what}`}</span>
    </a>
  );
}

interface CountProps {
  ctx: PageContext;
  year: number;
  filter: OcmwFilter;
  measure: string;
  state: FormStateFilter;
  count: number;
  label: string;
}

function CountsTable({ ctx, year, filter, measures }: { ctx: PageContext; year: number; filter: OcmwFilter; measures: MeasureCounts[] }) {
  const { t } = ctx;
  const caption = t('bo.followup.table_caption');
  const counts = (m: MeasureCounts): Array<[FormStateFilter, number, string]> => [
    ...CELL_STATES.map((s): [FormStateFilter, number, string] => [s, m.byState[s], t(STATE_LABELS[s])]),
    ['late', m.late, t('bo.followup.state.late')],
    ['correction', m.corrections, t('bo.followup.state.correction')],
  ];
  return (
    <TableRegion labelledBy="counts-caption">
      <table class="data-table" id="dashboard-counts">
        <caption id="counts-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bo.followup.col_measure')}</th>
            {CELL_STATES.map((s) => (
              <th scope="col" class="num">
                {t(STATE_LABELS[s])}
              </th>
            ))}
            <th scope="col" class="num">
              {t('bo.followup.state.late')}
            </th>
            <th scope="col" class="num">
              {t('bo.followup.state.correction')}
            </th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => (
            <tr data-measure={m.campaign.measure}>
              <th scope="row">
                {t(`measure.${m.campaign.measure}`)}
                <span class="cell-note">{t('home.deadline', { date: formatDate(m.campaign.closes_at, ctx.lang) })}</span>
              </th>
              {counts(m).map(([state, count, label]) => (
                <td class="num" data-state={state}>
                  <CountLink ctx={ctx} year={year} filter={filter} measure={m.campaign.measure} state={state} count={count} label={label} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** POD MI's follow-up of a report year: per measure how many OCMWs are where, and the submissions per day. */
export function DashboardPage({ ctx, actor, years, year, measures, ocmws, perDay, provinces, filter }: DashboardProps) {
  const { t } = ctx;
  const title = t('bo.followup.title', { year });
  const deadlines = [...new Set(measures.map((m) => belgianDay(m.campaign.closes_at)))].sort();
  const start = measures.map((m) => belgianDay(m.campaign.opens_at)).sort()[0] ?? `${year}-01-01`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="followup" />
      <h1>{title}</h1>
      <Filters ctx={ctx} years={years} year={year} provinces={provinces} filter={filter} />
      <p>
        <a href={ocmwListHref({ year, filter })}>{t('bo.followup.ocmw_count', { count: ocmws })}</a>
      </p>
      {measures.length === 0 ? <p>{t('bo.followup.no_campaigns')}</p> : <CountsTable ctx={ctx} year={year} filter={filter} measures={measures} />}
      <details>
        <summary>{t('bo.followup.definitions_title')}</summary>
        <dl class="summary-list">
          {CELL_STATES.map((s) => (
            <div class="summary-row">
              <dt>{t(STATE_LABELS[s])}</dt>
              <dd>{t(STATE_DEFINITIONS[s])}</dd>
            </div>
          ))}
          <div class="summary-row">
            <dt>{t('bo.followup.state.late')}</dt>
            <dd>{t('bo.followup.definition.late')}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('bo.followup.state.correction')}</dt>
            <dd>{t('bo.followup.definition.correction')}</dd>
          </div>
        </dl>
      </details>
      <SubmissionsChart ctx={ctx} perDay={perDay} start={start} deadlines={deadlines} />
      <p>
        <a href={`/backoffice/ocmws?year=${year}`}>{t('bo.followup.to_list')}</a>
      </p>
    </Layout>
  );
}
