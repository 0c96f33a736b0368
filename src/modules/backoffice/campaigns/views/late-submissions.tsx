import { organisationName } from '../../../shared/organisation-name.ts';
import { ErrorSummary, TableRegion } from '../../../../views/components.tsx';
import { formatDate, formatDateTime } from '../../../../i18n/format.ts';
import type { PageContext } from '../../../../views/layout.tsx';
import { formatKbo } from '../../../shared/identifiers.ts';
import type { InputError } from '../param-fields.ts';
import type { CampaignPageData } from './campaign-page.view.tsx';
import { Field, TextField, summaryOf } from './fields.tsx';
import { errorText } from './texts.ts';

/** The grant form's state: the OCMWs matching the search, what was typed, and the messages. */
export interface LateForm {
  search: string;
  ocmws: Array<{ id: string; kbo: string; nis: string; name_nl: string; name_fr: string; name_de: string }>;
  raw: { organisationId: string; untilDate: string; reason: string };
  errors: Record<string, InputError>;
}

function GrantForm({ ctx, data, form }: { ctx: PageContext; data: CampaignPageData; form: LateForm }) {
  const { t } = ctx;
  const base = `/backoffice/campaigns/${data.campaign.id}`;
  const labels: Record<string, string> = {
    organisationId: t('bo.campaigns.late.ocmw'),
    untilDate: t('bo.campaigns.late.until'),
    reason: t('bo.campaigns.late.reason'),
  };
  return (
    <div class="form-card">
      <h3 id="late-grant">{t('bo.campaigns.late.grant_title')}</h3>
      <form method="get" action={`${base}#late-grant`} class="inline-form">
        <label for="late-q" class="field__label">
          {t('bo.campaigns.late.search')}
        </label>
        <input id="late-q" name="q" type="search" class="field__input" value={form.search} />
        <button type="submit" class="button button--secondary">
          {t('bo.campaigns.late.search_button')}
        </button>
      </form>
      <ErrorSummary t={t} errors={summaryOf(t, form.errors, (n) => labels[n] ?? n)} />
      <form method="post" action={`${base}/late`}>
        <input type="hidden" name="q" value={form.search} />
        <Field
          name="organisationId"
          label={labels.organisationId}
          error={errorText(t, form.errors.organisationId)}
          hint={t('bo.campaigns.late.match_count', { count: form.ocmws.length })}
        >
          {(a) => (
            <select id={a.id} name="organisationId" class="field__input" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
              <option value="">{t('bo.campaigns.late.choose')}</option>
              {form.ocmws.map((o) => (
                <option value={o.id} selected={o.id === form.raw.organisationId}>
                  {`${organisationName(o, ctx.lang)} (${formatKbo(o.kbo)}, NIS ${o.nis})`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          name="untilDate"
          label={labels.untilDate}
          hint={t('bo.campaigns.late.until_hint')}
          value={form.raw.untilDate}
          error={errorText(t, form.errors.untilDate)}
        />
        <Field name="reason" label={labels.reason} hint={t('bo.campaigns.late.reason_hint')} error={errorText(t, form.errors.reason)}>
          {(a) => (
            <textarea id={a.id} name="reason" rows={4} maxLength={2000} class="field__textarea" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
              {form.raw.reason}
            </textarea>
          )}
        </Field>
        <button type="submit" class="button">
          {t('bo.campaigns.late.grant')}
        </button>
      </form>
    </div>
  );
}

/** Late submissions allowed per OCMW, with "withdraw" and the grant form for the beheerder. */
export function LateSubmissions({ ctx, data, configure, form }: { ctx: PageContext; data: CampaignPageData; configure: boolean; form: LateForm }) {
  const { t } = ctx;
  const title = t('bo.campaigns.late.title');
  const base = `/backoffice/campaigns/${data.campaign.id}`;
  return (
    <section>
      <h2 id="c-late">{title}</h2>
      <p>{t('bo.campaigns.late.correction_rule')}</p>
      {data.extensions.length === 0 ? (
        <p>{t('bo.campaigns.late.none')}</p>
      ) : (
        <TableRegion labelledBy="c-late">
          <table class="data-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.campaigns.late.ocmw')}</th>
                <th scope="col">{t('bo.campaigns.late.until')}</th>
                <th scope="col">{t('bo.campaigns.late.reason')}</th>
                <th scope="col">{t('bo.campaigns.late.granted')}</th>
                {configure && <th scope="col">{t('bo.campaigns.late.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.extensions.map((x) => (
                <tr>
                  <th scope="row">{organisationName(x, ctx.lang)}</th>
                  <td>{formatDate(x.until, ctx.lang)}</td>
                  <td>{x.reason}</td>
                  <td>{`${formatDateTime(x.granted_at, ctx.lang)} — ${x.grantedBy}`}</td>
                  {configure && (
                    <td>
                      <form method="post" action={`${base}/late/${x.organisation_id}/withdraw`}>
                        <button type="submit" class="button button--secondary button--small">
                          {t('bo.campaigns.late.withdraw')}
                          <span class="visually-hidden">{` — ${organisationName(x, ctx.lang)}`}</span>
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {configure && <GrantForm ctx={ctx} data={data} form={form} />}
    </section>
  );
}
