import type { Actor } from '../../../../access/access.ts';
import { ErrorSummary, Notice } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { MeasureChoice, NewCampaignChoice } from '../campaigns.model.ts';
import type { RawCampaignForm } from '../campaign-form.ts';
import type { InputError } from '../param-fields.ts';
import { CampaignFields, fieldLabel } from './campaign-fields.tsx';
import type { CampaignPageData } from './campaign-page.view.tsx';
import { Field, TextField, summaryOf } from './fields.tsx';
import { campaignTitle, errorText } from './texts.ts';

/** The beheerder's edit of a campaign; after a conflict the typed input stays, with the newer version. */
export function CampaignEditPage(props: {
  ctx: PageContext;
  actor: Actor;
  data: CampaignPageData;
  raw: RawCampaignForm;
  errors: Record<string, InputError>;
  version: number;
  conflict?: boolean;
}) {
  const { ctx, data } = props;
  const { t } = ctx;
  const title = `${t('bo.campaigns.edit_title')}: ${campaignTitle(t, data.campaign, data.titleKey)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={props.actor} current="campaigns" />
      <p>
        <a href={`/backoffice/campaigns/${data.campaign.id}`}>{t('bo.campaigns.back_to_campaign')}</a>
      </p>
      <h1>{title}</h1>
      {props.conflict && <Notice kind="warning">{t('bo.campaigns.conflict')}</Notice>}
      <ErrorSummary t={t} errors={summaryOf(t, props.errors, (n) => fieldLabel(t, n))} />
      <form method="post" action={`/backoffice/campaigns/${data.campaign.id}`} novalidate>
        <input type="hidden" name="version" value={String(props.version)} />
        <CampaignFields t={t} raw={props.raw} errors={props.errors} params={data.campaign.params} versions={data.versions} locked={data.locked} />
        <button type="submit" class="button">
          {t('bo.campaigns.save')}
        </button>
      </form>
    </Layout>
  );
}

export interface NewCampaignProps {
  ctx: PageContext;
  actor: Actor;
  measures: MeasureChoice[];
  choice: NewCampaignChoice;
  errors: Record<string, InputError>;
  /** step 2: the full form for the chosen year and measure */
  form?: { raw: RawCampaignForm; params: Record<string, unknown>; versions: number[] };
}

/** A new campaign in two steps: report year and measure, then dates, version and parameters (prefilled). */
export function NewCampaignPage(props: NewCampaignProps) {
  const { ctx, choice, form } = props;
  const { t } = ctx;
  const title = t('bo.campaigns.new');
  const labels: Record<string, string> = { year: t('bo.campaigns.year'), measure: t('bo.campaigns.col_measure') };
  const measureTitle = props.measures.find((m) => m.measure === choice.measure)?.titleKey;
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={props.actor} current="campaigns" />
      <p>
        <a href="/backoffice/campaigns">{t('bo.campaigns.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={summaryOf(t, props.errors, (n) => labels[n] ?? fieldLabel(t, n))} />
      {!form ? (
        <form method="get" action="/backoffice/campaigns/new" novalidate>
          <TextField name="year" label={labels.year} value={choice.year} error={errorText(t, props.errors.year)} inputMode="numeric" />
          <Field name="measure" label={labels.measure} error={errorText(t, props.errors.measure)}>
            {(a) => (
              <select id={a.id} name="measure" class="field__input" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
                {props.measures.map((m) => (
                  <option value={m.measure} selected={m.measure === choice.measure}>
                    {t(m.titleKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" class="button">
            {t('bo.campaigns.next')}
          </button>
        </form>
      ) : (
        <form method="post" action="/backoffice/campaigns/new" novalidate>
          <p>{`${choice.year} — ${measureTitle ? t(measureTitle) : choice.measure}`}</p>
          <p>
            <a href={`/backoffice/campaigns/new?${new URLSearchParams({ year: choice.year }).toString()}`}>{t('bo.campaigns.change_choice')}</a>
          </p>
          <input type="hidden" name="year" value={choice.year} />
          <input type="hidden" name="measure" value={choice.measure} />
          <p class="field__hint">{t('bo.campaigns.new_hint')}</p>
          <CampaignFields t={t} raw={form.raw} errors={props.errors} params={form.params} versions={form.versions} locked={false} />
          <button type="submit" class="button">
            {t('bo.campaigns.create')}
          </button>
        </form>
      )}
    </Layout>
  );
}
