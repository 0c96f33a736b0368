import type { Actor } from '../../../../access/access.ts';
import { formatDate, formatDateTime } from '../../../../i18n/format.ts';
import { FilterSelect, Notice, Pagination, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../shared/organisation-name.ts';
import { LEGISLATION_KEYS, type Legislation, MESSAGE_TYPES, type MessageType, TYPE_KEYS } from '../../../ebox/message-types.ts';
import { fileSize, periodText, subjectIn } from '../../../ebox/views/subject.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { PublishedList, PublishedMessage } from '../ebox-admin.model.ts';

export const EBOX_ADMIN_BASE = '/backoffice/ebox';

function listHref(filter: { q?: string; type?: string }, page: number): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.type) params.set('type', filter.type);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `${EBOX_ADMIN_BASE}${query ? `?${query}` : ''}`;
}

/** POD MI's e-Box page: publish one message or a bulk ZIP, and what was published with its read state. */
export function EboxAdminPage({ ctx, actor, list, filter }: { ctx: PageContext; actor: Actor; list: PublishedList; filter: { q?: string; type?: string } }) {
  const { t, lang } = ctx;
  const title = t('bo.ebox.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="ebox" />
      <h1>{title}</h1>
      <p>{t('bo.ebox.intro')}</p>
      <p class="button-row">
        <a class="button" href={`${EBOX_ADMIN_BASE}/new`}>
          {t('bo.ebox.publish_one')}
        </a>{' '}
        <a class="button button--secondary" href={`${EBOX_ADMIN_BASE}/bulk`}>
          {t('bo.ebox.publish_bulk')}
        </a>
      </p>
      <h2>{t('bo.ebox.published_title')}</h2>
      <form method="get" action={EBOX_ADMIN_BASE} class="filter-bar" aria-label={t('bo.ebox.filter_label')}>
        <div class="field">
          <label for="bo-ebox-q" class="field__label">
            {t('bo.ebox.filter_q')}
          </label>
          <input id="bo-ebox-q" name="q" type="search" class="field__input" value={filter.q ?? ''} maxLength={100} />
        </div>
        <FilterSelect
          id="bo-ebox-type"
          name="type"
          label={t('ebox.filter.type')}
          value={filter.type ?? null}
          options={[['', t('ebox.filter.all_types')], ...MESSAGE_TYPES.map((code): [string, string] => [code, t(TYPE_KEYS[code])])]}
        />
        <button type="submit" class="button button--secondary">
          {t('button.show')}
        </button>
      </form>
      <p role="status">{t('ebox.found', { count: list.total })}</p>
      {list.rows.length > 0 && (
        <TableRegion labelledBy="bo-ebox-caption">
          <table class="data-table">
            <caption id="bo-ebox-caption">{t('bo.ebox.published_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ebox.col.date')}</th>
                <th scope="col">{t('bo.ebox.col.recipient')}</th>
                <th scope="col">{t('ebox.col.subject')}</th>
                <th scope="col">{t('ebox.col.type')}</th>
                <th scope="col">{t('bo.ebox.col.sender')}</th>
                <th scope="col">{t('bo.ebox.col.first_read')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((m) => (
                <tr>
                  <td>{formatDate(m.published_at, lang)}</td>
                  <td>
                    {organisationName(m, lang)} ({m.kbo})
                  </td>
                  <th scope="row">
                    <a href={`${EBOX_ADMIN_BASE}/messages/${m.id}`}>{subjectIn(lang, m)}</a>
                  </th>
                  <td>{t(TYPE_KEYS[m.message_type as MessageType] ?? 'ebox.type.INFO')}</td>
                  <td>{m.sender_application}</td>
                  <td>{m.first_read_at ? formatDateTime(m.first_read_at, lang) : <span class="tag tag--warning">{t('bo.ebox.not_read')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination
        label={t('ebox.pages')}
        page={list.page}
        pages={list.pages}
        href={(page) => listHref(filter, page)}
        previous={t('ebox.previous')}
        next={t('ebox.next')}
        pageOf={t('ebox.page_of', { page: list.page, pages: list.pages })}
      />
    </Layout>
  );
}

/** One published message for POD MI: what was sent, by whom, and whether and when the organisation first read it. */
export function PublishedMessagePage({ ctx, actor, message: m, flash }: { ctx: PageContext; actor: Actor; message: PublishedMessage; flash?: string }) {
  const { t, lang } = ctx;
  const subject = subjectIn(lang, m);
  const by = m.client_name ?? (m.first_name ? `${m.first_name} ${m.last_name ?? ''}`.trim() : t('bo.ebox.by_application'));
  return (
    <Layout ctx={ctx} title={subject}>
      <BackofficeNav ctx={ctx} actor={actor} current="ebox" />
      <p>
        <a href={EBOX_ADMIN_BASE}>{t('bo.ebox.back')}</a>
      </p>
      {flash && <Notice kind="success">{t(flash)}</Notice>}
      <h1>{subject}</h1>
      <dl class="summary-list">
        {[
          [t('bo.ebox.col.recipient'), `${organisationName(m, lang)} (${m.kbo})`],
          [t('ebox.col.type'), t(TYPE_KEYS[m.message_type as MessageType] ?? 'ebox.type.INFO')],
          [t('ebox.col.legislation'), t(LEGISLATION_KEYS[m.legislation as Legislation])],
          [t('ebox.col.period'), periodText(m.period)],
          [t('bo.ebox.subject_nl'), m.subject_nl],
          [t('bo.ebox.subject_fr'), m.subject_fr],
          [t('bo.ebox.subject_de'), m.subject_de ?? '—'],
          [t('bo.ebox.published_at'), formatDateTime(m.published_at, lang)],
          [t('bo.ebox.col.sender'), `${m.sender_application} — ${by}`],
          [t('ebox.col.expires'), m.files_deleted_at ? t('ebox.expired_on', { date: formatDate(m.files_deleted_at, lang) }) : formatDate(m.expires_at, lang)],
          [t('bo.ebox.col.first_read'), m.first_read_at ? formatDateTime(m.first_read_at, lang) : t('bo.ebox.not_read')],
          [t('bo.ebox.last_visit'), m.lastVisitAt ? formatDateTime(m.lastVisitAt, lang) : t('bo.ebox.never_visited')],
        ].map(([label, value]) => (
          <div class="summary-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('ebox.files')}</h2>
      <ul class="file-list">
        {m.files.map((f) => (
          <li>
            {f.file_name} ({f.is_main ? `${t('ebox.main_file')}, ` : ''}PDF, {fileSize(f.size_bytes)})
            <br />
            <span class="hash">
              {t('ebox.sha256')}: <code>{f.sha256 ?? '—'}</code>
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
