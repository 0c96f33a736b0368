import { type Actor, can } from '../../../../access/access.ts';
import { Notice, TableRegion } from '../../../../views/components.tsx';
import { formatDateTime } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { CampaignPageData } from '../campaigns.model.ts';
import { formatMoney } from '../../../shared/money.ts';
import { type ParamKind, paramFields } from '../param-fields.ts';
import { type LateForm, LateSubmissions } from './late-submissions.tsx';
import { EVENT_KEYS, type FlashKind, STATUS_KEYS, campaignTitle, eventDetails, paramLabel } from './texts.ts';

export type { CampaignPageData };

function paramText(value: unknown, kind: ParamKind, lang: PageContext['lang']): string {
  if (kind === 'money') return formatMoney(value as number, lang);
  if (kind === 'number') return String(value).replace('.', ',');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Parameters({ ctx, data }: { ctx: PageContext; data: CampaignPageData }) {
  const { t } = ctx;
  const params = data.campaign.params;
  return (
    <section aria-labelledby="c-params">
      <h2 id="c-params">{t('bo.campaigns.rules')}</h2>
      {data.locked && <p>{t('bo.campaigns.locked_hint')}</p>}
      <dl class="meta-list">
        {paramFields(params).map((f) => (
          <div>
            <dt>
              {paramLabel(t, f.key)} <code>{f.key}</code>
            </dt>
            <dd>
              {f.kind === 'table'
                ? Object.entries(params[f.key] as Record<string, number>)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(' — ')
                : f.kind === 'yesno'
                  ? t(params[f.key] ? 'common.yes' : 'common.no')
                  : paramText(params[f.key], f.kind, ctx.lang)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function History({ ctx, data }: { ctx: PageContext; data: CampaignPageData }) {
  const { t } = ctx;
  const title = t('bo.campaigns.history');
  return (
    <section>
      <h2 id="c-history">{title}</h2>
      {data.events.length === 0 ? (
        <p>{t('bo.campaigns.history_empty')}</p>
      ) : (
        <TableRegion labelledBy="c-history">
          <table class="data-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.campaigns.col_when')}</th>
                <th scope="col">{t('bo.campaigns.col_who')}</th>
                <th scope="col">{t('bo.campaigns.col_what')}</th>
                <th scope="col">{t('bo.campaigns.col_details')}</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr>
                  <td>{formatDateTime(e.occurred_at, ctx.lang)}</td>
                  <td>{e.actor}</td>
                  <td>{EVENT_KEYS[e.type] ? t(EVENT_KEYS[e.type]) : e.type}</td>
                  <td>{eventDetails(t, ctx.lang, e.type, e.payload)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

function Actions({ ctx, data }: { ctx: PageContext; data: CampaignPageData }) {
  const { t } = ctx;
  const base = `/backoffice/campaigns/${data.campaign.id}`;
  const status = data.campaign.status;
  if (status === 'SETTLED') return <p>{t('bo.campaigns.settled_readonly')}</p>;
  const action = status === 'PLANNED' ? 'open' : status === 'OPEN' ? 'close' : 'reopen';
  const labels = { open: t('bo.campaigns.action.open'), close: t('bo.campaigns.action.close'), reopen: t('bo.campaigns.action.reopen') };
  return (
    <p class="button-bar">
      <a href={`${base}/edit`} class="button">
        {t('bo.campaigns.action.edit')}
      </a>
      <a href={`${base}/status?action=${action}`} class="button button--secondary">
        {labels[action]}
      </a>
    </p>
  );
}

/** A campaign: its data, parameters, late submissions per OCMW and history; the beheerder's actions. */
export function CampaignPage(props: { ctx: PageContext; actor: Actor; data: CampaignPageData; flash?: { key: string; kind: FlashKind }; late: LateForm }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const c = data.campaign;
  const title = campaignTitle(t, c, data.titleKey);
  const configure = can(props.actor, 'CampaignConfigure');
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={props.actor} current="campaigns" />
      <p>
        <a href={`/backoffice/campaigns?year=${c.report_year}`}>{t('bo.campaigns.back')}</a>
      </p>
      <h1>{title}</h1>
      {props.flash && <Notice kind={props.flash.kind}>{t(props.flash.key)}</Notice>}
      <dl class="meta-list">
        <div>
          <dt>{t('bo.campaigns.col_status')}</dt>
          <dd>{t(STATUS_KEYS[c.status])}</dd>
        </div>
        <div>
          <dt>{t('bo.campaigns.field.opens')}</dt>
          <dd>{formatDateTime(c.opens_at, ctx.lang)}</dd>
        </div>
        <div>
          <dt>{t('bo.campaigns.field.closes')}</dt>
          <dd>{formatDateTime(c.closes_at, ctx.lang)}</dd>
        </div>
        <div>
          <dt>{t('bo.campaigns.field.definition_version')}</dt>
          <dd>
            {t('bo.campaigns.version_text', { version: c.definition_version })}
            {data.templateVersion !== null ? ` — ${t('bo.campaigns.template_text', { version: data.templateVersion })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('bo.campaigns.field.reminder_days')}</dt>
          <dd>{c.reminder_days.length > 0 ? c.reminder_days.join(', ') : '—'}</dd>
        </div>
      </dl>
      {configure && <Actions ctx={ctx} data={data} />}
      <Parameters ctx={ctx} data={data} />
      <LateSubmissions ctx={ctx} data={data} configure={configure && c.status !== 'SETTLED'} form={props.late} />
      <History ctx={ctx} data={data} />
    </Layout>
  );
}
