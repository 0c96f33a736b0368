import { organisationName } from '../../../shared/organisation-name.ts';
import type { Actor } from '../../../../access/access.ts';
import { ErrorSummary, Notice } from '../../../../views/components.tsx';
import { formatDate } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import type { CampaignRow, SettlementListRow } from '../settlement.model.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { SettlementPlan } from '../settlement-compute.ts';
import type { DetailLine } from '../settlement-figures.ts';
import { SettlementTable, type TableLine } from './settlement-tables.tsx';

export interface Flash {
  key: string;
  kind: 'success' | 'info' | 'warning';
}

export interface SettlementPageProps {
  ctx: PageContext;
  actor: Actor;
  campaigns: CampaignRow[];
  selected: { campaign: CampaignRow; plan: SettlementPlan | null; settled: SettlementListRow[] | null } | null;
  flash?: Flash;
  confirmError?: boolean;
}

const BASE = '/backoffice/settlements';

const STATUS_KEYS: Record<string, string> = {
  PLANNED: 'bo.settlement.status.PLANNED',
  OPEN: 'bo.settlement.status.OPEN',
  CLOSED: 'bo.settlement.status.CLOSED',
  SETTLED: 'bo.settlement.status.SETTLED',
};

function planLines(ctx: PageContext, plan: SettlementPlan, kind: 'submitted' | 'without_form'): TableLine[] {
  return plan.lines.filter((l) => l.kind === kind).map((l) => ({ name: organisationName(l.party, ctx.lang), kbo: l.party.kbo, ...l.figures }));
}

function settledLines(ctx: PageContext, campaignId: string, rows: SettlementListRow[]): TableLine[] {
  return rows.map((r) => {
    const details = r.details as { lines?: DetailLine[]; incomplete?: boolean };
    return {
      name: organisationName(r, ctx.lang),
      kbo: r.kbo,
      allocation: Number(r.allocation_cents),
      accepted: Number(r.accepted_cents),
      advances: Number(r.advances_cents),
      balance: Number(r.balance_cents),
      toPay: Number(r.to_pay_cents),
      toReclaim: Number(r.to_reclaim_cents),
      details: details.lines ?? [],
      incomplete: details.incomplete === true,
      letterHref: r.document_id ? `${BASE}/${campaignId}/letters/${r.id}` : undefined,
    };
  });
}

function CampaignChoice({ ctx, campaigns, selectedId }: { ctx: PageContext; campaigns: CampaignRow[]; selectedId: string }) {
  const { t } = ctx;
  const years = [...new Set(campaigns.map((c) => c.report_year))];
  return (
    <form method="get" action={BASE} class="inline-form">
      <label for="settlement-campaign">{t('bo.settlement.campaign')}</label>
      <select id="settlement-campaign" name="campaignId">
        <option value="">{t('form.choose')}</option>
        {years.map((year) => (
          <optgroup label={String(year)}>
            {campaigns
              .filter((c) => c.report_year === year)
              .map((c) => (
                <option value={c.id} selected={c.id === selectedId}>
                  {`${year} — ${t(`measure.${c.measure}`)} (${t(STATUS_KEYS[c.status])})`}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <button type="submit" class="button button--secondary">
        {t('bo.settlement.show')}
      </button>
    </form>
  );
}

function pendingText(ctx: PageContext, p: SettlementPlan['pending'][number]): string {
  if (p.reason === 'correction') return ctx.t('bo.settlement.pending_correction');
  if (p.reason === 'incomplete') return ctx.t('bo.settlement.pending_incomplete');
  return ctx.t('bo.settlement.pending_late', { date: p.until ? formatDate(p.until, ctx.lang) : '—' });
}

function SettleForm({ ctx, campaign, confirmError }: { ctx: PageContext; campaign: CampaignRow; confirmError?: boolean }) {
  const { t } = ctx;
  return (
    <form method="post" action={`${BASE}/${campaign.id}/settle`} novalidate>
      <input type="hidden" name="version" value={String(campaign.version)} />
      <div class={confirmError ? 'field field--error' : 'field'}>
        {confirmError && (
          <p id="settle-confirm-error" class="field__error">
            {t('bo.settlement.confirm_required')}
          </p>
        )}
        <input
          type="checkbox"
          id="settle-confirm"
          name="confirm"
          value="yes"
          aria-describedby={confirmError ? 'settle-confirm-error' : undefined}
          aria-invalid={confirmError ? 'true' : undefined}
        />{' '}
        <label for="settle-confirm">{t('bo.settlement.confirm')}</label>
      </div>
      <div class="button-bar">
        <button type="submit" class="button">
          {t('bo.settlement.settle')}
        </button>
      </div>
    </form>
  );
}

function Preview({ ctx, campaign, plan, confirmError }: { ctx: PageContext; campaign: CampaignRow; plan: SettlementPlan; confirmError?: boolean }) {
  const { t } = ctx;
  return (
    <>
      {plan.pending.length > 0 && (
        <section aria-labelledby="settlement-pending">
          <h3 id="settlement-pending">{t('bo.settlement.pending_title')}</h3>
          <p>{t('bo.settlement.pending_rule')}</p>
          <ul>
            {plan.pending.map((p) => (
              <li>{`${organisationName(p.party, ctx.lang)}: ${pendingText(ctx, p)}`}</li>
            ))}
          </ul>
        </section>
      )}
      <h3>{t('bo.settlement.submitted_title')}</h3>
      <SettlementTable ctx={ctx} id="settlement-submitted" caption={t('bo.settlement.submitted_caption')} lines={planLines(ctx, plan, 'submitted')} />
      <h3>{t('bo.settlement.without_title')}</h3>
      <p>{t('bo.settlement.without_rule')}</p>
      <SettlementTable ctx={ctx} id="settlement-without" caption={t('bo.settlement.without_caption')} lines={planLines(ctx, plan, 'without_form')} />
      <h3>{t('bo.settlement.settle_title')}</h3>
      {campaign.status !== 'CLOSED' ? (
        <Notice kind="info">{t('bo.settlement.only_closed')}</Notice>
      ) : plan.pending.length > 0 ? (
        <Notice kind="warning">{t('bo.settlement.blocked_pending')}</Notice>
      ) : (
        <>
          <p>{t('bo.settlement.settle_intro')}</p>
          <SettleForm ctx={ctx} campaign={campaign} confirmError={confirmError} />
        </>
      )}
    </>
  );
}

function Settled({ ctx, campaign, rows }: { ctx: PageContext; campaign: CampaignRow; rows: SettlementListRow[] }) {
  const { t } = ctx;
  return (
    <>
      <ul class="settlement-downloads">
        <li>
          <a href={`${BASE}/${campaign.id}/payments.xlsx`}>{t('bo.settlement.download_xlsx')}</a>
        </li>
        <li>
          <a href={`${BASE}/${campaign.id}/payments.csv`}>{t('bo.settlement.download_payments_csv')}</a>
        </li>
        <li>
          <a href={`${BASE}/${campaign.id}/reclaims.csv`}>{t('bo.settlement.download_reclaims_csv')}</a>
        </li>
        <li>
          <a href={`${BASE}/${campaign.id}/compensations.csv`}>{t('bo.settlement.download_compensations_csv')}</a>
        </li>
      </ul>
      <SettlementTable ctx={ctx} id="settlement-settled" caption={t('bo.settlement.settled_caption')} lines={settledLines(ctx, campaign.id, rows)} />
    </>
  );
}

/** POD MI's settlement screen: choose measure × year, preview per OCMW, settle (confirmed), payment files. */
export function SettlementPage({ ctx, actor, campaigns, selected, flash, confirmError }: SettlementPageProps) {
  const { t } = ctx;
  const title = t('bo.settlement.title');
  const errors = confirmError ? [{ fieldId: 'settle-confirm', label: t('bo.settlement.settle'), message: t('bo.settlement.confirm_required') }] : [];
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="settlements" />
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} />
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <p>{t('bo.settlement.intro')}</p>
      <CampaignChoice ctx={ctx} campaigns={campaigns} selectedId={selected?.campaign.id ?? ''} />
      {selected && (
        <section aria-labelledby="settlement-campaign-title">
          <h2 id="settlement-campaign-title">{`${t(`measure.${selected.campaign.measure}`)} ${selected.campaign.report_year} — ${t(STATUS_KEYS[selected.campaign.status])}`}</h2>
          {selected.plan && <Preview ctx={ctx} campaign={selected.campaign} plan={selected.plan} confirmError={confirmError} />}
          {selected.settled && <Settled ctx={ctx} campaign={selected.campaign} rows={selected.settled} />}
        </section>
      )}
    </Layout>
  );
}
