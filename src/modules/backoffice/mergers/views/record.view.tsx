import type { Actor } from '../../../../access/access.ts';
import { formatIsoDate } from '../../../../i18n/format.ts';
import { Field, Notice, TableRegion, TextInput } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../shared/organisation-name.ts';
import type { AdministrationLanguage, MergerScenario, Region } from '../../../shared/domain.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import type { MergerErrors, MergerFormValues, MergerOverview } from '../mergers.model.ts';
import { Errors, Hidden, MergersNav, Summary } from './parts.tsx';
import { LANGUAGE_KEYS, REGION_KEYS, SCENARIO_HINT_KEYS, SCENARIO_KEYS, problemsText } from './texts.ts';

const BASE = '/backoffice/mergers';
const SCENARIOS: MergerScenario[] = ['S1_NEW_KBO_NEW_NIS', 'S2_KEEP_KBO_NEW_NIS', 'S3_KEEP_KBO_KEEP_NIS'];
const LANGUAGES: AdministrationLanguage[] = ['nl', 'fr', 'de', 'nl+fr'];
const REGIONS: Region[] = ['VLG', 'BRU', 'WAL'];

function Select({
  ctx,
  id,
  name,
  label,
  value,
  options,
  error,
}: {
  ctx: PageContext;
  id: string;
  name: string;
  label: string;
  value: string;
  options: Array<[string, string]>;
  error?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      {({ describedBy, invalid }) => (
        <select id={id} name={name} class="field__select" aria-describedby={describedBy} aria-invalid={invalid}>
          <option value="" selected={value === ''}>
            {ctx.t('bo.mergers.choose')}
          </option>
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

/** The form to record a merger: partners, scenario, dates, then what each scenario needs. Works without JavaScript. */
export function RecordPage({ ctx, actor, values, errors }: { ctx: PageContext; actor: Actor; values: MergerFormValues; errors: MergerErrors }) {
  const { t } = ctx;
  const title = t('bo.mergers.record.title');
  const err = (field: keyof MergerErrors) => problemsText(t, errors[field]);
  const scenarioError = err('scenario');
  return (
    <Layout ctx={ctx} title={title}>
      <MergersNav ctx={ctx} actor={actor} />
      <Errors ctx={ctx} errors={errors} />
      <p>
        <a href={BASE}>{t('bo.mergers.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('bo.mergers.record.intro')}</p>
      {errors.form && <Notice kind="warning">{err('form')}</Notice>}
      <form method="post" action={`${BASE}/new`} novalidate>
        <Field id="m-partners" label={t('bo.mergers.field.partners')} hint={t('bo.mergers.field.partners_hint')} error={err('partners')}>
          {({ describedBy, invalid }) => (
            <textarea id="m-partners" name="partners" rows={5} class="field__input field__textarea" aria-describedby={describedBy} aria-invalid={invalid}>
              {values.partners}
            </textarea>
          )}
        </Field>

        <fieldset class={scenarioError ? 'field field--error' : 'field'} aria-describedby={scenarioError ? 'm-scenario-error' : undefined}>
          <legend class="field__label">{t('bo.mergers.field.scenario')}</legend>
          {scenarioError && (
            <p id="m-scenario-error" class="field__error">
              {scenarioError}
            </p>
          )}
          {SCENARIOS.map((s) => (
            <div class="choice">
              <input type="radio" id={`m-scenario-${s}`} name="scenario" value={s} checked={values.scenario === s} aria-describedby={`m-scenario-${s}-hint`} />{' '}
              <label for={`m-scenario-${s}`}>{t(SCENARIO_KEYS[s])}</label>
              <p id={`m-scenario-${s}-hint`} class="field__hint">
                {t(SCENARIO_HINT_KEYS[s])}
              </p>
            </div>
          ))}
        </fieldset>

        <TextInput
          id="m-effective"
          name="effectiveOn"
          label={t('bo.mergers.field.effective_on')}
          hint={t('bo.mergers.field.date_hint')}
          value={values.effectiveOn}
          error={err('effectiveOn')}
        />
        <TextInput
          id="m-transition"
          name="transitionEndsOn"
          label={t('bo.mergers.field.transition_ends_on')}
          hint={t('bo.mergers.field.transition_hint')}
          value={values.transitionEndsOn}
          error={err('transitionEndsOn')}
        />

        <h2 id="keeper-title">{t('bo.mergers.record.keeper_title')}</h2>
        <p>{t('bo.mergers.record.keeper_intro')}</p>
        <TextInput
          id="m-keeper"
          name="keeper"
          label={t('bo.mergers.field.keeper')}
          hint={t('bo.mergers.field.keeper_hint')}
          value={values.keeper}
          error={err('keeper')}
        />

        <h2 id="new-title">{t('bo.mergers.record.new_title')}</h2>
        <p>{t('bo.mergers.record.new_intro')}</p>
        <TextInput
          id="m-new-kbo"
          name="newKbo"
          label={t('bo.mergers.field.new_kbo')}
          hint={t('bo.mergers.field.new_kbo_hint')}
          value={values.newKbo}
          error={err('newKbo')}
          inputmode="numeric"
        />
        <TextInput
          id="m-new-nis"
          name="newNis"
          label={t('bo.mergers.field.new_nis')}
          hint={t('bo.mergers.field.new_nis_hint')}
          value={values.newNis}
          error={err('newNis')}
          inputmode="numeric"
        />
        <TextInput id="m-name-nl" name="nameNl" label={t('bo.mergers.field.name_nl')} value={values.nameNl} error={err('nameNl')} />
        <TextInput id="m-name-fr" name="nameFr" label={t('bo.mergers.field.name_fr')} value={values.nameFr} error={err('nameFr')} />
        <TextInput id="m-name-de" name="nameDe" label={t('bo.mergers.field.name_de')} value={values.nameDe} error={err('nameDe')} />
        <Select
          ctx={ctx}
          id="m-language"
          name="language"
          label={t('bo.mergers.field.language')}
          value={values.language}
          options={LANGUAGES.map((l) => [l, t(LANGUAGE_KEYS[l])])}
          error={err('language')}
        />
        <Select
          ctx={ctx}
          id="m-region"
          name="region"
          label={t('bo.mergers.field.region')}
          value={values.region}
          options={REGIONS.map((r) => [r, t(REGION_KEYS[r])])}
          error={err('region')}
        />
        <TextInput
          id="m-province"
          name="province"
          label={t('bo.mergers.field.province')}
          hint={t('bo.mergers.field.province_hint')}
          value={values.province}
          error={err('province')}
        />

        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.mergers.save')}
          </button>
          <a class="button button--secondary" href={BASE}>
            {t('bo.mergers.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** "Opslaan" → exactly what "Bevestigen" will write; nothing is written yet. */
export function RecordOverviewPage({ ctx, actor, overview }: { ctx: PageContext; actor: Actor; overview: MergerOverview }) {
  const { t, lang } = ctx;
  const title = t('bo.mergers.record.overview_title');
  const m = overview.merged;
  const mergedName = lang === 'fr' ? m.names.fr : lang === 'de' ? m.names.de : m.names.nl;
  return (
    <Layout ctx={ctx} title={title}>
      <MergersNav ctx={ctx} actor={actor} />
      <h1>{title}</h1>
      <Notice kind="info">{t('bo.mergers.nothing_yet')}</Notice>
      <Summary
        rows={[
          [t('bo.mergers.field.scenario'), t(SCENARIO_KEYS[overview.scenario])],
          [t('bo.mergers.col.merged'), `${mergedName}${m.isNew ? ` — ${t('bo.mergers.record.new_org')}` : ''}`],
          [t('common.kbo'), formatKbo(m.kbo)],
          [t('bo.mergers.nis'), m.nisBefore ? t('bo.mergers.record.nis_change', { before: m.nisBefore, after: m.nis }) : m.nis],
          [t('bo.mergers.field.effective_on'), formatIsoDate(overview.effectiveOn)],
          [t('bo.mergers.field.transition_ends_on'), overview.transitionEndsOn ? formatIsoDate(overview.transitionEndsOn) : t('bo.mergers.provisional')],
        ]}
      />
      <TableRegion labelledBy="overview-caption">
        <table class="data-table">
          <caption id="overview-caption">{t('bo.mergers.detail.partners_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.mergers.col.partner')}</th>
              <th scope="col">{t('common.kbo')}</th>
              <th scope="col">{t('bo.mergers.detail.nis_before')}</th>
              <th scope="col">{t('bo.mergers.record.what_happens')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.partners.map((p) => (
              <tr>
                <th scope="row">{organisationName(p, lang)}</th>
                <td class="nowrap">{formatKbo(p.kbo)}</td>
                <td>{p.nis ?? '—'}</td>
                <td>
                  {p.keepsIdentity
                    ? t('bo.mergers.record.keeps')
                    : t('bo.mergers.record.disappears', { date: formatIsoDate(overview.lastDay), year: overview.lastReportYear })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <form method="post" action={`${BASE}/new/confirm`}>
        {/* one line: a hidden field's value keeps no line breaks reliably; commas separate the partners as well */}
        <Hidden
          values={{
            ...overview.values,
            partners: overview.values.partners
              .split(/[\r\n]+/)
              .map((l) => l.trim())
              .filter((l) => l !== '')
              .join(', '),
          }}
        />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.mergers.confirm')}
          </button>
          <button type="submit" class="button button--secondary" formaction={`${BASE}/new?step=edit`}>
            {t('bo.mergers.change')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
