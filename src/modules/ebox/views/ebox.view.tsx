import { FilterSelect, Pagination, TableRegion } from '../../../views/components.tsx';
import { formatDate } from '../../../i18n/format.ts';
import { Layout, type PageContext, homeHref } from '../../../views/layout.tsx';
import type { MessageListRow } from '../ebox.model.ts';
import { LEGISLATIONS, LEGISLATION_KEYS, type Legislation, type MessageType, TYPE_KEYS } from '../message-types.ts';
import { type EboxFilter, eboxHref } from './ebox-href.ts';
import { periodText, subjectIn } from './subject.ts';

export interface EboxData {
  rows: MessageListRow[];
  total: number;
  unread: number;
  page: number;
  pages: number;
  /** the types the person may see, in POD MI's order */
  types: string[];
  canSetNotifications: boolean;
}

/** The filter form (GET): type, legislation, period, read state, words of the subject. */
function Filters({ ctx, data, filter }: { ctx: PageContext; data: EboxData; filter: EboxFilter }) {
  const { t } = ctx;
  return (
    <form method="get" action={`${homeHref(ctx)}/ebox`} class="filter-bar" aria-label={t('ebox.filter.title')}>
      <div class="field">
        <label for="ebox-q" class="field__label">
          {t('ebox.filter.q')}
        </label>
        <input id="ebox-q" name="q" type="search" class="field__input" value={filter.q ?? ''} maxLength={100} />
      </div>
      <FilterSelect
        id="ebox-type"
        name="type"
        label={t('ebox.filter.type')}
        value={filter.type ?? null}
        options={[['', t('ebox.filter.all_types')], ...data.types.map((code): [string, string] => [code, t(TYPE_KEYS[code as MessageType])])]}
      />
      <FilterSelect
        id="ebox-legislation"
        name="legislation"
        label={t('ebox.filter.legislation')}
        value={filter.legislation ?? null}
        options={[['', t('ebox.filter.all_legislations')], ...LEGISLATIONS.map((code): [string, string] => [code, t(LEGISLATION_KEYS[code])])]}
      />
      <div class="field">
        <label for="ebox-period" class="field__label">
          {t('ebox.filter.period')}
        </label>
        <div class="field__hint" id="ebox-period-hint">
          {t('ebox.filter.period_hint')}
        </div>
        <input
          id="ebox-period"
          name="period"
          class="field__input field__input--short"
          value={filter.period ?? ''}
          aria-describedby="ebox-period-hint"
          maxLength={7}
        />
      </div>
      <FilterSelect
        id="ebox-state"
        name="state"
        label={t('ebox.filter.state')}
        value={filter.state ?? null}
        options={[
          ['', t('ebox.filter.all_states')],
          ['unread', t('ebox.filter.unread')],
          ['read', t('ebox.filter.read')],
        ]}
      />
      <button type="submit" class="button button--secondary">
        {t('button.show')}
      </button>
      {Object.values(filter).some(Boolean) && <a href={`${homeHref(ctx)}/ebox`}>{t('ebox.filter.clear')}</a>}
    </form>
  );
}

/** The OCMW's e-Box: what POD MI published for it, newest first, with filters and pages. */
export function EboxPage({ ctx, data, filter }: { ctx: PageContext; data: EboxData; filter: EboxFilter }) {
  const { t, lang } = ctx;
  const title = t('ebox.title');
  const base = homeHref(ctx);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('ebox.intro')}</p>
      {data.canSetNotifications && (
        <p>
          <a href={`${base}/ebox-settings`}>{t('ebox.settings_link')}</a>
        </p>
      )}
      <p>
        <strong>{t('ebox.unread_count', { count: data.unread })}</strong>
      </p>
      <Filters ctx={ctx} data={data} filter={filter} />
      <p role="status">{t('ebox.found', { count: data.total })}</p>
      {data.rows.length > 0 && (
        <TableRegion labelledBy="ebox-caption">
          <table class="data-table">
            <caption id="ebox-caption">{t('ebox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ebox.col.date')}</th>
                <th scope="col">{t('ebox.col.subject')}</th>
                <th scope="col">{t('ebox.col.type')}</th>
                <th scope="col">{t('ebox.col.period')}</th>
                <th scope="col">{t('ebox.col.legislation')}</th>
                <th scope="col">{t('ebox.col.state')}</th>
                <th scope="col">{t('ebox.col.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((m) => (
                <tr class={m.first_read_at ? undefined : 'row--unread'}>
                  <td>{formatDate(m.published_at, lang)}</td>
                  <th scope="row">
                    <a href={`${base}/ebox/${m.id}`}>{subjectIn(lang, m)}</a>
                  </th>
                  <td>{t(TYPE_KEYS[m.message_type as MessageType] ?? 'ebox.type.INFO')}</td>
                  <td>{periodText(m.period)}</td>
                  <td>{t(LEGISLATION_KEYS[m.legislation as Legislation])}</td>
                  <td>
                    {m.first_read_at ? (
                      t('ebox.read_on', { date: formatDate(m.first_read_at, lang) })
                    ) : (
                      <span class="tag tag--warning">{t('ebox.unread')}</span>
                    )}
                  </td>
                  <td>{m.files_deleted_at ? t('ebox.expired') : formatDate(m.expires_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination
        label={t('ebox.pages')}
        page={data.page}
        pages={data.pages}
        href={(page) => eboxHref(base, filter, page)}
        previous={t('ebox.previous')}
        next={t('ebox.next')}
        pageOf={t('ebox.page_of', { page: data.page, pages: data.pages })}
      />
      <p>
        <a href={base}>{t('ebox.back_home')}</a>
      </p>
    </Layout>
  );
}
