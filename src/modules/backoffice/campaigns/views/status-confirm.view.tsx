import type { Actor } from '../../../../access/access.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { StatusAction } from '../campaigns.model.ts';
import type { CampaignPageData } from './campaign-page.view.tsx';
import { STATUS_KEYS, campaignTitle } from './texts.ts';

const QUESTIONS: Record<StatusAction, string> = {
  open: 'bo.campaigns.confirm.open',
  close: 'bo.campaigns.confirm.close',
  reopen: 'bo.campaigns.confirm.reopen',
};

const BUTTONS: Record<StatusAction, string> = {
  open: 'bo.campaigns.action.open',
  close: 'bo.campaigns.action.close',
  reopen: 'bo.campaigns.action.reopen',
};

/** Confirms a status change before it happens (opening shows the forms to every OCMW, closing stops them). */
export function StatusConfirmPage({
  ctx,
  actor,
  data,
  action,
  allowed,
}: {
  ctx: PageContext;
  actor: Actor;
  data: CampaignPageData;
  action: StatusAction;
  allowed: boolean;
}) {
  const { t } = ctx;
  const c = data.campaign;
  const title = `${t(BUTTONS[action])}: ${campaignTitle(t, c, data.titleKey)}`;
  const back = `/backoffice/campaigns/${c.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="campaigns" />
      <h1>{title}</h1>
      {allowed ? (
        <form method="post" action={`${back}/status`}>
          <p>{t(QUESTIONS[action], { opens: formatDateTime(c.opens_at, ctx.lang), closes: formatDateTime(c.closes_at, ctx.lang) })}</p>
          <input type="hidden" name="action" value={action} />
          <input type="hidden" name="version" value={String(c.version)} />
          <p class="button-bar">
            <button type="submit" class="button">
              {t(BUTTONS[action])}
            </button>
            <a href={back} class="button button--secondary">
              {t('bo.campaigns.cancel')}
            </a>
          </p>
        </form>
      ) : (
        <>
          <p>{t('bo.campaigns.confirm.not_possible', { status: t(STATUS_KEYS[c.status]) })}</p>
          <p>
            <a href={back}>{t('bo.campaigns.back_to_campaign')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
