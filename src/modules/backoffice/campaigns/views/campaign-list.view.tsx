import { TableRegion } from '../../../../views/components.tsx';
import { type Actor, can } from '../../../../access/access.ts';
import type { CampaignStatus } from '../../../shared/domain.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import { STATUS_KEYS } from './texts.ts';

export interface CampaignListItem {
  id: string;
  measure: string;
  titleKey: string | null;
  opensAt: Date;
  closesAt: Date;
  status: CampaignStatus;
  definitionVersion: number;
  templateVersion: number | null;
  reminderDays: number[];
  lateSubmissionCount: number;
}

/** The campaigns of one report year; the beheerder also gets the link to make a new campaign. */
export function CampaignListPage({
  ctx,
  actor,
  years,
  year,
  campaigns,
}: {
  ctx: PageContext;
  actor: Actor;
  years: number[];
  year: number | null;
  campaigns: CampaignListItem[];
}) {
  const { t } = ctx;
  const title = t('bo.campaigns.title');
  const caption = year === null ? title : t('bo.campaigns.list_caption', { year });
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="campaigns" />
      <h1>{title}</h1>
      <form method="get" action="/backoffice/campaigns" class="inline-form">
        <label for="year" class="field__label">
          {t('bo.campaigns.year')}
        </label>
        <select id="year" name="year" class="field__input">
          {years.map((y) => (
            <option value={String(y)} selected={y === year}>
              {String(y)}
            </option>
          ))}
        </select>
        <button type="submit" class="button button--secondary">
          {t('bo.campaigns.show')}
        </button>
      </form>
      {can(actor, 'CampaignConfigure') && (
        <p>
          <a href="/backoffice/campaigns/new" class="button">
            {t('bo.campaigns.new')}
          </a>
        </p>
      )}
      {campaigns.length === 0 ? (
        <p>{t('bo.campaigns.none')}</p>
      ) : (
        <TableRegion label={caption}>
          <table class="data-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.campaigns.col_measure')}</th>
                <th scope="col">{t('bo.campaigns.field.opens')}</th>
                <th scope="col">{t('bo.campaigns.field.closes')}</th>
                <th scope="col">{t('bo.campaigns.col_status')}</th>
                <th scope="col">{t('bo.campaigns.col_version')}</th>
                <th scope="col">{t('bo.campaigns.field.reminder_days')}</th>
                <th scope="col" class="num">
                  {t('bo.campaigns.col_late')}
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={`/backoffice/campaigns/${c.id}`}>{c.titleKey ? t(c.titleKey) : c.measure}</a>
                  </th>
                  <td>{formatDateTime(c.opensAt, ctx.lang)}</td>
                  <td>{formatDateTime(c.closesAt, ctx.lang)}</td>
                  <td>{t(STATUS_KEYS[c.status])}</td>
                  <td>
                    {t('bo.campaigns.version_text', { version: c.definitionVersion })}
                    {c.templateVersion !== null ? ` — ${t('bo.campaigns.template_text', { version: c.templateVersion })}` : ''}
                  </td>
                  <td>{c.reminderDays.length > 0 ? c.reminderDays.join(', ') : '—'}</td>
                  <td class="num">{c.lateSubmissionCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}
