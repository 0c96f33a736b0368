import { Check, Notice } from '../../../views/components.tsx';
import { formatDate } from '../../../i18n/format.ts';
import { Layout, type PageContext, formHref, homeHref } from '../../../views/layout.tsx';
import type { OrganisationRow } from '../form.model.ts';
import { formatIban, formatKbo } from '../../shared/identifiers.ts';
import type { HomepageForm, HomepagePending, OcmwServices } from '../form.model.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import { PHASE_KEYS } from './form-header.tsx';

export interface HomepageProps {
  ctx: PageContext;
  organisation: OrganisationRow;
  years: number[];
  year: number | null;
  forms: HomepageForm[];
  services: OcmwServices;
  canEditOcmw: boolean;
  /** absent for a person who does not read the forms */
  pending?: HomepagePending;
  flash?: string;
}

function OcmwData({ ctx, organisation, canEdit, services }: { ctx: PageContext; organisation: OrganisationRow; canEdit: boolean; services: OcmwServices }) {
  const { t } = ctx;
  const contact = [organisation.contact_first_name, organisation.contact_last_name].filter(Boolean).join(' ');
  const rows: Array<[string, string]> = [
    [t('ocmw.name'), organisationName(organisation, ctx.lang)],
    [t('common.kbo'), formatKbo(organisation.kbo)],
    [t('ocmw.nis'), organisation.nis ?? ''],
    [t('ocmw.iban'), organisation.iban ? formatIban(organisation.iban) : t('ocmw.missing')],
    [t('ocmw.bic'), organisation.bic ?? t('ocmw.missing')],
    [t('ocmw.contact'), contact || t('ocmw.missing')],
    [t('ocmw.contact_email'), organisation.contact_email ?? '—'],
    [t('ocmw.contact_phone'), organisation.contact_phone ?? '—'],
  ];
  return (
    <section class="card" aria-labelledby="ocmw-title">
      <h2 id="ocmw-title">{t('home.ocmw_data')}</h2>
      <dl class="summary-list">
        {rows.map(([label, value]) => (
          <div class="summary-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div class="button-bar">
        {canEdit && (
          <a class="button" href={`${homeHref(ctx)}/details`}>
            {t('button.edit')}
          </a>
        )}
        {services.forms && (
          <a class="button button--secondary" href={`${homeHref(ctx)}/details/history`}>
            {t('button.history')}
          </a>
        )}
        {services.documents && (
          <a class="button button--secondary" href={`${homeHref(ctx)}/ebox`}>
            {services.unreadDocuments > 0 ? t('ebox.link_unread', { count: services.unreadDocuments }) : t('ebox.link')}
          </a>
        )}
        {services.accessManagement && (
          <a class="button button--secondary" href={`${homeHref(ctx)}/access`}>
            {t('home.access_management')}
          </a>
        )}
        {services.configuration && (
          <a class="button button--secondary" href={`${homeHref(ctx)}/configuration`}>
            {t('config.home_link')}
          </a>
        )}
      </div>
    </section>
  );
}

function FormRow({ ctx, form }: { ctx: PageContext; form: HomepageForm }) {
  const { t } = ctx;
  const c = form.campaign;
  return (
    <li class="form-card">
      <h3 class="form-card__title">
        <a href={formHref(ctx, c.id)}>{t(`measure.${c.measure}`)}</a>
      </h3>
      <p class="form-card__dates">
        {`${t(PHASE_KEYS[form.phase])} — ${t('home.opens', { date: formatDate(c.opens_at, ctx.lang) })}, ${t('home.deadline', { date: formatDate(c.closes_at, ctx.lang) })}`}
      </p>
      {form.correctionReason && <Notice kind="warning">{t('bo.corrections.home_notice', { reason: form.correctionReason })}</Notice>}
      {form.readyToSign && !form.awaitsYou && <p class="form-card__hint">{t('home.ready_hint')}</p>}
      <ul class="steps" aria-label={t('home.progress')}>
        <Check t={t} done={form.entered} label={t('home.check.entered')} />
        <Check t={t} done={form.chairSigned} label={t('home.check.chair')} />
        <Check t={t} done={form.directorSigned} label={t('home.check.director')} />
        <Check t={t} done={form.submitted} label={t('home.check.submitted')} />
      </ul>
    </li>
  );
}

/** "Startpagina": the OCMW's data and the forms of the chosen report year with their progress. */
export function Homepage({ ctx, organisation, years, year, forms, services, canEditOcmw, pending, flash }: HomepageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1>{`${t('home.title')} — ${organisationName(organisation, ctx.lang)}`}</h1>
      {flash && <Notice kind="success">{t(flash)}</Notice>}
      {services.withoutTb && (
        <Notice kind="warning">
          {t('home.no_tb')} <a href={`${homeHref(ctx)}/access`}>{t('home.access_management')}</a>
        </Notice>
      )}
      <OcmwData ctx={ctx} organisation={organisation} canEdit={canEditOcmw} services={services} />
      {services.forms && <FormsOfYear ctx={ctx} years={years} year={year} forms={forms} pending={pending} />}
    </Layout>
  );
}

/** A chair's or director's list of the forms waiting for their signature, each a link to the form. */
function AwaitingSignature({ ctx, forms }: { ctx: PageContext; forms: HomepageForm[] }) {
  const { t } = ctx;
  if (forms.length === 0) return null;
  return (
    <section class="notice notice--warning" aria-labelledby="awaiting-title">
      <h3 id="awaiting-title">{t('home.waiting_title', { count: forms.length })}</h3>
      <ul>
        {forms.map((f) => (
          <li>
            <a href={formHref(ctx, f.campaign.id)}>{t(`measure.${f.campaign.measure}`)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "2 formulieren van 2026 zijn nog niet verzonden — eerste uiterste datum 28/02/2027", or all sent. */
function PendingLine({ ctx, year, pending }: { ctx: PageContext; year: number; pending: HomepagePending }) {
  const { t } = ctx;
  if (pending.count > 0 && pending.firstDeadline) {
    return <Notice kind="warning">{t('home.to_submit', { count: pending.count, year, date: formatDate(pending.firstDeadline, ctx.lang) })}</Notice>;
  }
  return pending.allSubmitted ? <Notice kind="success">{t('home.all_submitted', { year })}</Notice> : null;
}

function FormsOfYear({
  ctx,
  years,
  year,
  forms,
  pending,
}: {
  ctx: PageContext;
  years: number[];
  year: number | null;
  forms: HomepageForm[];
  pending?: HomepagePending;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="forms-title">
      <h2 id="forms-title">{year === null ? t('home.forms') : t('home.forms_of_year', { year })}</h2>
      {year !== null && pending && <PendingLine ctx={ctx} year={year} pending={pending} />}
      <AwaitingSignature ctx={ctx} forms={forms.filter((f) => f.awaitsYou)} />
      {years.length > 1 && (
        <form method="get" action={homeHref(ctx)} class="inline-form year-form">
          <label for="year">{t('common.report_year')}</label>
          <select id="year" name="year">
            {years.map((y) => (
              <option value={String(y)} selected={y === year}>
                {y}
              </option>
            ))}
          </select>
          <button type="submit" class="button button--secondary">
            {t('button.show')}
          </button>
        </form>
      )}
      {forms.length === 0 ? (
        <p>{t('home.no_forms')}</p>
      ) : (
        <ul class="form-list">
          {forms.map((form) => (
            <FormRow ctx={ctx} form={form} />
          ))}
        </ul>
      )}
    </section>
  );
}
