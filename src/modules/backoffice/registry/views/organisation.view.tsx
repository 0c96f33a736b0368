import type { ComponentChildren } from 'preact';
import { type Actor, can } from '../../../../access/access.ts';
import { formatDateTime, formatIsoDate } from '../../../../i18n/format.ts';
import { ErrorSummary, Field, type FieldError, Notice, TableRegion, TextInput } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../shared/organisation-name.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import { PROVINCES } from '../registry-input.ts';
import {
  ADMINISTRATION_LANGUAGES,
  type EditErrors,
  type EditReview,
  type EditValues,
  type OrganisationDetail,
  type OrganisationRef,
  REGIONS,
} from '../registry.model.ts';
import { type Flash, Hidden, RegistryNav, StatusTag, Summary } from './parts.tsx';
import {
  FIELD_KEYS,
  LANGUAGE_KEYS,
  REGION_KEYS,
  SCENARIO_KEYS,
  TYPE_KEYS,
  errorText,
  eventName,
  fieldValue,
  languageName,
  provinceName,
  regionName,
} from './texts.ts';

const BASE = '/backoffice/registry';

function date(iso: string | null, fallback: string): string {
  return iso ? formatIsoDate(iso) : fallback;
}

function OrganisationLink({ ctx, org }: { ctx: PageContext; org: OrganisationRef }) {
  return (
    <>
      <a href={`${BASE}/${org.id}`}>{organisationName(org, ctx.lang)}</a> ({formatKbo(org.kbo)})
    </>
  );
}

/** One organisation: its data, its status on today, its merger, its identifiers over time and the registry's log. */
export function OrganisationPage({ ctx, actor, org, flash }: { ctx: PageContext; actor: Actor; org: OrganisationDetail; flash?: Flash }) {
  const { t, lang } = ctx;
  const name = organisationName(
    { name_nl: org.names.nl, name_fr: org.names.fr, name_de: org.names.de, administration_language: org.administrationLanguage },
    lang,
  );
  const isOcmw = org.type === 'OCMW';
  const rows: Array<[string, ComponentChildren]> = [
    [t('bo.registry.field.name_nl'), <span lang="nl">{org.names.nl}</span>],
    [t('bo.registry.field.name_fr'), <span lang="fr">{org.names.fr}</span>],
    [t('bo.registry.field.name_de'), <span lang="de">{org.names.de}</span>],
    [t('bo.registry.field.type'), t(TYPE_KEYS[org.type])],
    [
      t('bo.registry.field.kbo'),
      <>
        {formatKbo(org.kbo)}
        {org.kboFictitious && (
          <>
            {' '}
            <span class="tag">{t('bo.registry.mark.fictitious')}</span> <span class="field__hint">{t('bo.registry.mark.fictitious_hint')}</span>
          </>
        )}
      </>,
    ],
    ...(isOcmw
      ? ([
          [t('bo.registry.field.nis'), org.nis ?? '—'],
          [t('bo.registry.field.administration_language'), languageName(t, org.administrationLanguage)],
          [t('bo.registry.field.region'), regionName(t, org.region)],
          [t('bo.registry.field.province'), provinceName(t, org.province)],
          [t('bo.registry.field.has_ocmw'), org.hasOcmw ? t('common.yes') : <strong>{t('bo.registry.mark.no_ocmw_long')}</strong>],
        ] as Array<[string, ComponentChildren]>)
      : []),
    [t('bo.registry.field.valid_from'), formatIsoDate(org.validFrom)],
    [t('bo.registry.field.valid_to'), date(org.validTo, '—')],
    [t('bo.registry.field.status_on', { day: formatIsoDate(org.day) }), <StatusTag ctx={ctx} status={org.status} />],
  ];
  const merger = org.disappearsIn;
  return (
    <Layout ctx={ctx} title={name}>
      <RegistryNav ctx={ctx} actor={actor} current="list" />
      <h1>{name}</h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <Summary rows={rows} />
      {can(actor, 'RegistryEdit') && (
        <p>
          <a class="button" href={`${BASE}/${org.id}/edit`}>
            {t('bo.registry.edit.button')}
          </a>
        </p>
      )}
      {merger && (
        <section>
          <h2 id="succession-title">{t('bo.registry.detail.succession')}</h2>
          <Summary
            rows={[
              [t('bo.registry.field.successor'), <OrganisationLink ctx={ctx} org={merger.successor} />],
              [t('bo.registry.field.scenario'), t(SCENARIO_KEYS[merger.scenario])],
              [t('bo.registry.field.effective_on'), formatIsoDate(merger.effectiveOn)],
              [t('bo.registry.field.transition_ends_on'), date(merger.transitionEndsOn, t('bo.registry.detail.provisional'))],
            ]}
          />
        </section>
      )}
      {org.mergedFrom.map((m, i) => (
        <section>
          <h2 id={`merger-${i}`}>{t('bo.registry.detail.merged_from', { date: formatIsoDate(m.effectiveOn) })}</h2>
          <Summary
            rows={[
              [t('bo.registry.field.scenario'), t(SCENARIO_KEYS[m.scenario])],
              [t('bo.registry.field.transition_ends_on'), date(m.transitionEndsOn, t('bo.registry.detail.provisional'))],
            ]}
          />
          <TableRegion labelledBy={`partners-${i}`}>
            <table class="data-table">
              <caption id={`partners-${i}`}>{t('bo.registry.detail.partners')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bo.registry.field.name')}</th>
                  <th scope="col">{t('bo.registry.detail.nis_before')}</th>
                  <th scope="col">{t('bo.registry.detail.partner_role')}</th>
                </tr>
              </thead>
              <tbody>
                {m.partners.map((p) => (
                  <tr>
                    <th scope="row">
                      <OrganisationLink ctx={ctx} org={p} />
                    </th>
                    <td>{p.nisBefore}</td>
                    <td>{p.keepsIdentity ? t('bo.registry.detail.keeps_identity') : t('bo.registry.detail.disappears')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ))}
      <section>
        <h2 id="identifiers-title">{t('bo.registry.detail.identifiers')}</h2>
        <TableRegion labelledBy="identifiers-caption">
          <table class="data-table">
            <caption id="identifiers-caption" class="visually-hidden">
              {t('bo.registry.detail.identifiers')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.registry.detail.scheme')}</th>
                <th scope="col">{t('bo.registry.detail.value')}</th>
                <th scope="col">{t('bo.registry.field.valid_from')}</th>
                <th scope="col">{t('bo.registry.field.valid_to')}</th>
              </tr>
            </thead>
            <tbody>
              {org.identifiers.map((i) => (
                <tr>
                  <th scope="row">{i.scheme === 'KBO' ? t('bo.registry.field.kbo') : t('bo.registry.field.nis')}</th>
                  <td class="nowrap">{i.scheme === 'KBO' ? formatKbo(i.value) : i.value}</td>
                  <td class="nowrap">{formatIsoDate(i.validFrom)}</td>
                  <td class="nowrap">{date(i.validTo, '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>
      <section>
        <h2 id="log-title">{t('bo.registry.detail.log')}</h2>
        {org.log.length === 0 ? (
          <p>{t('bo.registry.detail.log_none')}</p>
        ) : (
          <TableRegion labelledBy="log-caption">
            <table class="data-table">
              <caption id="log-caption" class="visually-hidden">
                {t('bo.registry.detail.log')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.when')}</th>
                  <th scope="col">{t('history.who')}</th>
                  <th scope="col">{t('history.what')}</th>
                  <th scope="col">{t('history.details')}</th>
                </tr>
              </thead>
              <tbody>
                {org.log.map((e) => (
                  <tr>
                    <td class="nowrap">{formatDateTime(e.at, lang)}</td>
                    <td>{e.who ?? t('bo.registry.detail.system')}</td>
                    <td>
                      {eventName(t, e.type)}
                      {e.importLine !== null && <div class="field__hint">{t('bo.registry.detail.via_import', { line: e.importLine })}</div>}
                    </td>
                    <td>
                      {e.changes.length === 0 ? (
                        '—'
                      ) : (
                        <ul>
                          {e.changes.map((c) => (
                            <li>
                              {t('bo.registry.detail.change', {
                                field: t(FIELD_KEYS[c.field] ?? 'bo.registry.field.name'),
                                before: fieldValue(t, c.field, c.before),
                                after: fieldValue(t, c.field, c.after),
                              })}
                              {c.field === 'nis' && e.nisFrom && ` ${t('bo.registry.detail.from', { date: formatIsoDate(e.nisFrom) })}`}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
      <p>
        <a class="button button--secondary" href={BASE}>
          {t('bo.registry.detail.back')}
        </a>
      </p>
    </Layout>
  );
}

const FIELD_IDS: Record<string, string> = {
  nameNl: 'e-name-nl',
  nameFr: 'e-name-fr',
  nameDe: 'e-name-de',
  administrationLanguage: 'e-language',
  region: 'e-region',
  province: 'e-province',
  kbo: 'e-kbo',
  nis: 'e-nis',
  nisFrom: 'e-nis-from',
  form: 'main',
};

const FIELD_LABELS: Record<string, string> = {
  nameNl: 'bo.registry.field.name_nl',
  nameFr: 'bo.registry.field.name_fr',
  nameDe: 'bo.registry.field.name_de',
  administrationLanguage: 'bo.registry.field.administration_language',
  region: 'bo.registry.field.region',
  province: 'bo.registry.field.province',
  kbo: 'bo.registry.field.kbo',
  nis: 'bo.registry.field.new_nis',
  nisFrom: 'bo.registry.field.nis_from',
  form: 'bo.registry.field.form',
};

function Errors({ ctx, errors }: { ctx: PageContext; errors: EditErrors }) {
  const list: FieldError[] = Object.entries(errors)
    .filter(([, code]) => code)
    .map(([field, code]) => ({
      fieldId: FIELD_IDS[field] ?? 'main',
      label: ctx.t(FIELD_LABELS[field] ?? 'bo.registry.field.form'),
      message: errorText(ctx.t, code) ?? '',
    }));
  return <ErrorSummary t={ctx.t} errors={list} />;
}

function Choice({
  ctx,
  id,
  name,
  label,
  value,
  error,
  options,
}: {
  ctx: PageContext;
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  options: Array<[string, string]>;
}) {
  const known = options.some(([v]) => v === value);
  return (
    <Field id={id} label={label} error={errorText(ctx.t, error)}>
      {({ describedBy, invalid }) => (
        <select id={id} name={name} class="field__select" aria-describedby={describedBy} aria-invalid={invalid}>
          {!known && <option value={value}>{value === '' ? '—' : value}</option>}
          {options.map(([v, text]) => (
            <option value={v} selected={v === value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export interface EditPageProps {
  ctx: PageContext;
  actor: Actor;
  org: OrganisationDetail;
  values: EditValues;
  errors: EditErrors;
  flash?: Flash;
}

/** The edit form: as stored, or as typed after an error (nothing typed is lost). */
export function EditPage({ ctx, actor, org, values, errors, flash }: EditPageProps) {
  const { t, lang } = ctx;
  const name = organisationName(
    { name_nl: org.names.nl, name_fr: org.names.fr, name_de: org.names.de, administration_language: org.administrationLanguage },
    lang,
  );
  const title = t('bo.registry.edit.title', { name });
  const isOcmw = org.type === 'OCMW';
  const provinces = Object.keys(PROVINCES);
  return (
    <Layout ctx={ctx} title={title}>
      <RegistryNav ctx={ctx} actor={actor} current="list" />
      <Errors ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      {errors.form && <Notice kind="warning">{errorText(t, errors.form)}</Notice>}
      <p>{t('bo.registry.edit.intro')}</p>
      <form method="post" action={`${BASE}/${org.id}/edit`} novalidate>
        <fieldset>
          <legend>{t('bo.registry.edit.names')}</legend>
          <TextInput id="e-name-nl" name="nameNl" label={t('bo.registry.field.name_nl')} value={values.nameNl} error={errorText(t, errors.nameNl)} />
          <TextInput id="e-name-fr" name="nameFr" label={t('bo.registry.field.name_fr')} value={values.nameFr} error={errorText(t, errors.nameFr)} />
          <TextInput id="e-name-de" name="nameDe" label={t('bo.registry.field.name_de')} value={values.nameDe} error={errorText(t, errors.nameDe)} />
        </fieldset>
        <Choice
          ctx={ctx}
          id="e-language"
          name="administrationLanguage"
          label={t('bo.registry.field.administration_language')}
          value={values.administrationLanguage}
          error={errors.administrationLanguage}
          options={[...(isOcmw ? [] : [['', '—'] as [string, string]]), ...ADMINISTRATION_LANGUAGES.map((l) => [l, t(LANGUAGE_KEYS[l])] as [string, string])]}
        />
        <Choice
          ctx={ctx}
          id="e-region"
          name="region"
          label={t('bo.registry.field.region')}
          value={values.region}
          error={errors.region}
          options={[...(isOcmw ? [] : [['', '—'] as [string, string]]), ...REGIONS.map((r) => [r, t(REGION_KEYS[r])] as [string, string])]}
        />
        <Choice
          ctx={ctx}
          id="e-province"
          name="province"
          label={t('bo.registry.field.province')}
          value={values.province}
          error={errors.province}
          options={[['', t('bo.registry.edit.no_province')], ...provinces.map((p) => [p, provinceName(t, p)] as [string, string])]}
        />
        {isOcmw && (
          <div class="field">
            <input type="checkbox" id="e-has-ocmw" name="hasOcmw" value="on" checked={values.hasOcmw} />{' '}
            <label for="e-has-ocmw">{t('bo.registry.edit.has_ocmw')}</label>
          </div>
        )}
        <TextInput
          id="e-kbo"
          name="kbo"
          label={t('bo.registry.field.kbo')}
          hint={org.kboFictitious ? t('bo.registry.edit.kbo_hint_fictitious') : t('bo.registry.edit.kbo_hint')}
          value={values.kbo}
          error={errorText(t, errors.kbo)}
          inputmode="numeric"
        />
        {isOcmw && (
          <fieldset>
            <legend>{t('bo.registry.edit.nis_legend', { nis: org.nis ?? '—' })}</legend>
            <p class="field__hint">{t('bo.registry.edit.nis_intro')}</p>
            <TextInput
              id="e-nis"
              name="nis"
              label={t('bo.registry.field.new_nis')}
              hint={t('bo.registry.edit.nis_hint')}
              value={values.nis}
              error={errorText(t, errors.nis)}
              inputmode="numeric"
            />
            <TextInput
              id="e-nis-from"
              name="nisFrom"
              label={t('bo.registry.field.nis_from')}
              hint={t('bo.registry.edit.date_hint')}
              value={values.nisFrom}
              error={errorText(t, errors.nisFrom)}
            />
          </fieldset>
        )}
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.registry.edit.save')}
          </button>
          <a class="button button--secondary" href={`${BASE}/${org.id}`}>
            {t('button.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** "Opslaan" → exactly what "Bevestigen" will change, old and new side by side; nothing has changed yet. */
export function EditReviewPage({ ctx, actor, org, review }: { ctx: PageContext; actor: Actor; org: OrganisationDetail; review: EditReview }) {
  const { t, lang } = ctx;
  const name = organisationName(
    { name_nl: org.names.nl, name_fr: org.names.fr, name_de: org.names.de, administration_language: org.administrationLanguage },
    lang,
  );
  const title = t('bo.registry.review.title', { name });
  return (
    <Layout ctx={ctx} title={title}>
      <RegistryNav ctx={ctx} actor={actor} current="list" />
      <h1>{title}</h1>
      <Notice kind="info">{t('bo.registry.review.nothing_yet')}</Notice>
      <TableRegion labelledBy="review-caption">
        <table class="data-table">
          <caption id="review-caption">{t('bo.registry.review.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.registry.review.field')}</th>
              <th scope="col">{t('bo.registry.review.before')}</th>
              <th scope="col">{t('bo.registry.review.after')}</th>
            </tr>
          </thead>
          <tbody>
            {review.changes.map((c) => (
              <tr>
                <th scope="row">{t(FIELD_KEYS[c.field])}</th>
                <td>{c.field === 'kbo' ? formatKbo(c.before) : fieldValue(t, c.field, c.before)}</td>
                <td>
                  {c.field === 'kbo' ? formatKbo(c.after) : fieldValue(t, c.field, c.after)}
                  {c.field === 'nis' && review.nisFrom && ` ${t('bo.registry.detail.from', { date: formatIsoDate(review.nisFrom) })}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <ul>
        {review.nisFrom && <li>{t('bo.registry.review.nis_closes', { date: formatIsoDate(review.nisFrom) })}</li>}
        {review.kboBecomesReal && <li>{t('bo.registry.review.kbo_real')}</li>}
        {review.kboChanges && <li>{t('bo.registry.review.kbo_address')}</li>}
      </ul>
      <form method="post" action={`${BASE}/${org.id}/confirm`}>
        <Hidden values={{ ...review.values, version: review.version }} />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.registry.review.confirm')}
          </button>
          <button type="submit" class="button button--secondary" formaction={`${BASE}/${org.id}/edit?step=edit`}>
            {t('bo.registry.review.change')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
