import type { Actor } from '../../../../access/access.ts';
import { formatDate } from '../../../../i18n/format.ts';
import { Notice, Pagination, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../shared/organisation-name.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import type { AccessList, FormErrors, HtbField, HtbFormValues, HtbOverview, OcmwAccess } from '../access-admin.model.ts';
import { AccessNav, Errors, Hidden, PersonFields, Summary } from './parts.tsx';
import { languageName } from './texts.ts';

export interface Flash {
  kind: 'success' | 'info' | 'warning';
  key: string;
}

function listHref(search: string, page: number): string {
  const query = new URLSearchParams();
  if (search) query.set('q', search);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return `/backoffice/access${text ? `?${text}` : ''}`;
}

/** POD MI at the top, then the OCMWs (search by name or KBO number, by pages) with their HTB. */
export function AccessListPage({ ctx, actor, list }: { ctx: PageContext; actor: Actor; list: AccessList }) {
  const { t } = ctx;
  const title = t('bo.access_admin.list.title');
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="ocmws" />
      <h1>{title}</h1>
      <p>{t('bo.access_admin.list.intro')}</p>
      <section aria-labelledby="podmi-title" class="card">
        <h2 id="podmi-title">{list.podmi.name}</h2>
        <p>
          {t('common.kbo')} {formatKbo(list.podmi.kbo)} — {t('bo.access_admin.list.podmi_staff', { admins: list.podmi.admins, agents: list.podmi.agents })}
        </p>
        <p>
          <a href="/backoffice/access/podmi">{t('bo.access_admin.list.podmi_link')}</a>
        </p>
      </section>
      <form method="get" action="/backoffice/access" class="filter-bar" role="search">
        <div class="field">
          <label for="a-q" class="field__label">
            {t('bo.access_admin.list.search')}
          </label>
          <p id="a-q-hint" class="field__hint">
            {t('bo.access_admin.list.search_hint')}
          </p>
          <input id="a-q" name="q" type="search" class="field__input" value={list.search} aria-describedby="a-q-hint" />
        </div>
        <button type="submit" class="button button--secondary">
          {t('bo.access_admin.list.search_button')}
        </button>
      </form>
      <p role="status">{t('bo.access_admin.list.found', { count: list.total })}</p>
      {list.rows.length > 0 && (
        <TableRegion labelledBy="access-list-caption">
          <table class="data-table" id="access-list">
            <caption id="access-list-caption">{t('bo.access_admin.list.caption', { page: list.page, pages: list.pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.ocmw')}</th>
                <th scope="col">{t('common.kbo')}</th>
                <th scope="col">{t('right.HTB')}</th>
                <th scope="col">{t('bo.access_admin.field.insz')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`/backoffice/access/ocmw/${row.id}`}>{row.name}</a>
                  </th>
                  <td class="nowrap">{formatKbo(row.kbo)}</td>
                  <td>{row.htb ? row.htb.name : <em>{t('bo.access_admin.list.no_htb')}</em>}</td>
                  <td class="nowrap">{row.htb?.maskedInsz ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination
        label={t('bo.access_admin.list.pages')}
        page={list.page}
        pages={list.pages}
        href={(page) => listHref(list.search, page)}
        previous={t('bo.access_admin.list.previous')}
        next={t('bo.access_admin.list.next')}
        pageOf={t('bo.access_admin.list.page_of', { page: list.page, pages: list.pages })}
      />
    </Layout>
  );
}

function OcmwHeader({ ctx, access }: { ctx: PageContext; access: OcmwAccess }) {
  const { t } = ctx;
  const rows: Array<[string, string]> = [
    [t('common.kbo'), formatKbo(access.ocmw.kbo)],
    [t('ocmw.nis'), access.ocmw.nis],
    [t('bo.access_admin.field.language'), languageName(t, access.ocmw.language)],
  ];
  return (
    <dl class="meta-list">
      {rows.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface OcmwAccessProps {
  ctx: PageContext;
  actor: Actor;
  access: OcmwAccess;
  values: HtbFormValues;
  errors: FormErrors<HtbField>;
  flash?: Flash;
}

/** One OCMW: its HTB and co-HTBs, and the form to appoint (replace) the HTB. */
export function OcmwAccessPage({ ctx, actor, access, values, errors, flash }: OcmwAccessProps) {
  const { t, lang } = ctx;
  const name = organisationName(access.ocmw, lang);
  const title = t('bo.access_admin.ocmw.title', { name });
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="ocmws" />
      <Errors ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <OcmwHeader ctx={ctx} access={access} />
      <h2>{t('bo.access_admin.ocmw.managers')}</h2>
      <Summary
        rows={[
          [
            t('right.HTB'),
            access.htb
              ? `${access.htb.name} (${access.htb.maskedInsz}) — ${access.htb.email ?? '—'} — ${t('bo.access_admin.ocmw.since', { date: formatDate(access.htb.since, lang) })}`
              : t('bo.access_admin.list.no_htb'),
          ],
          [t('right.CO_HTB'), access.coHtbs.length > 0 ? access.coHtbs.map((c) => `${c.name} (${c.maskedInsz})`).join(', ') : '—'],
        ]}
      />
      <h2 id="appoint-title">{access.htb ? t('bo.access_admin.ocmw.replace_title') : t('bo.access_admin.ocmw.appoint_title')}</h2>
      <p>{t('bo.access_admin.ocmw.appoint_intro')}</p>
      <form method="post" action={`/backoffice/access/ocmw/${access.ocmw.id}`} aria-labelledby="appoint-title" novalidate>
        <PersonFields ctx={ctx} values={values} errors={errors} />
        {access.htb && (
          <div class="field">
            <input type="checkbox" id="p-keep" name="keepPrevious" value="on" checked={values.keepPrevious} />{' '}
            <label for="p-keep">{t('bo.access_admin.ocmw.keep_previous', { name: access.htb.name })}</label>
          </div>
        )}
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.access_admin.save')}
          </button>
          <a class="button button--secondary" href="/backoffice/access">
            {t('button.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** "Opslaan" → exactly what "Bevestigen" will change; nothing has changed yet. */
export function HtbOverviewPage({ ctx, actor, access, overview }: { ctx: PageContext; actor: Actor; access: OcmwAccess; overview: HtbOverview }) {
  const { t, lang } = ctx;
  const name = organisationName(access.ocmw, lang);
  const title = t('bo.access_admin.overview.title');
  const { next, current } = overview;
  const hidden = { ...overview.values, expected: overview.expected };
  const rows: Array<[string, string]> = [
    [t('common.ocmw'), `${name} (${formatKbo(access.ocmw.kbo)})`],
    [t('bo.access_admin.overview.htb_now'), current ? `${current.name} (${current.maskedInsz})` : t('bo.access_admin.list.no_htb')],
    [t('bo.access_admin.overview.htb_next'), `${next.name} (${next.maskedInsz})`],
    [t('bo.access_admin.field.email'), next.email],
    [t('bo.access_admin.field.language'), languageName(t, next.language)],
  ];
  if (current) {
    rows.push([
      t('bo.access_admin.overview.previous_becomes'),
      overview.values.keepPrevious
        ? t('bo.access_admin.overview.previous_co_htb', { name: current.name })
        : t('bo.access_admin.overview.previous_loses', { name: current.name }),
    ]);
  }
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="ocmws" />
      <h1>{title}</h1>
      <Notice kind="info">{t('bo.access_admin.overview.nothing_yet')}</Notice>
      <Summary rows={rows} />
      <ul>
        <li>{next.known ? t('bo.access_admin.overview.person_known') : t('bo.access_admin.overview.person_new')}</li>
        {next.typedNameIgnored && <li>{t('bo.access_admin.overview.name_ignored')}</li>}
        {next.wasCoHtb && <li>{t('bo.access_admin.overview.was_co_htb')}</li>}
      </ul>
      <form method="post" action={`/backoffice/access/ocmw/${access.ocmw.id}/confirm`}>
        <Hidden values={hidden} />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.access_admin.confirm')}
          </button>
          <button type="submit" class="button button--secondary" formaction={`/backoffice/access/ocmw/${access.ocmw.id}?step=edit`}>
            {t('bo.access_admin.change')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
