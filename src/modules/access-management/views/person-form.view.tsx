import { GRANTABLE_APPLICATIONS } from '../../../access/access-rules.ts';
import { ErrorSummary, type FieldError, Notice, TextInput } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { PersonField } from '../access-input.ts';
import { LANGUAGE_KEYS, PURPOSE_KEYS, type PersonFormModel, type Purpose, REFUSAL_KEYS } from '../access-management.model.ts';

function base(ctx: PageContext): string {
  return `${ctx.ocmwBase ?? ''}/access`;
}

function titleOf(ctx: PageContext, purpose: Purpose, editing: boolean): string {
  return ctx.t(purpose === 'user' && editing ? 'access.purpose.user_edit' : PURPOSE_KEYS[purpose]);
}

function BackLink({ ctx }: { ctx: PageContext }) {
  return (
    <p>
      <a href={base(ctx)}>{ctx.t('access.back')}</a>
    </p>
  );
}

/** Step 1 of an appointment (TB, co-HTB, co-TB): the INSZ and "Volgende". */
export function InszStepPage({ ctx, purpose, insz, error }: { ctx: PageContext; purpose: Exclude<Purpose, 'user'>; insz: string; error?: string }) {
  const { t } = ctx;
  const title = titleOf(ctx, purpose, false);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink ctx={ctx} />
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={error ? [{ fieldId: 'step-insz', label: t('access.insz_label'), message: t(error) }] : []} />
      <p>{t('access.step_insz_intro')}</p>
      <form method="post" action={`${base(ctx)}/start/${purpose}`} novalidate>
        <TextInput
          id="step-insz"
          name="insz"
          label={t('access.insz_label')}
          hint={t('access.insz_hint')}
          value={insz}
          error={error ? t(error) : undefined}
          inputmode="numeric"
        />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('access.next')}
          </button>
          <a class="button button--secondary" href={base(ctx)}>
            {t('access.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

const LABELS: Record<PersonField, string> = {
  insz: 'access.field.insz',
  firstName: 'access.field.firstName',
  lastName: 'access.field.lastName',
  email: 'access.field.email',
  phone: 'access.field.phone',
  language: 'access.field.language',
  applications: 'access.field.applications',
};

const FIELD_IDS: Record<PersonField, string> = {
  insz: 'person-insz',
  firstName: 'person-firstName',
  lastName: 'person-lastName',
  email: 'person-email',
  phone: 'person-phone',
  language: 'person-language',
  applications: 'app-UV_ENCODER',
};

/**
 * Step 2 (and the page of one user): the person's data, the applications for a user, "keep as co-TB" when the TB
 * changes; "Opslaan" leads to the overview. Every message stands next to its field and in the summary.
 */
export function PersonFormPage({ ctx, form }: { ctx: PageContext; form: PersonFormModel }) {
  const { t } = ctx;
  const title = titleOf(ctx, form.purpose, form.present);
  const order: PersonField[] = ['insz', 'firstName', 'lastName', 'email', 'phone', 'language', 'applications'];
  const summary: FieldError[] = order
    .filter((f) => form.errors[f])
    .map((f) => ({ fieldId: FIELD_IDS[f], label: t(LABELS[f]), message: t(form.errors[f] as string) }));
  const err = (f: PersonField) => (form.errors[f] ? t(form.errors[f] as string) : undefined);
  const name = `${form.input.firstName} ${form.input.lastName}`.trim();
  const readOnly = form.refusal !== null;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink ctx={ctx} />
      <h1>{form.namesKnown && name ? `${title} — ${name}` : title}</h1>
      {form.changedMeanwhile && <Notice kind="warning">{t('access.changed_meanwhile')}</Notice>}
      {form.refusal && <Notice kind="warning">{t(REFUSAL_KEYS[form.refusal])}</Notice>}
      {form.blocked && <Notice kind="info">{t('access.blocked_notice')}</Notice>}
      <ErrorSummary t={t} errors={summary} />
      {!readOnly && <p>{t('access.step_form_intro')}</p>}
      <form method="post" action={`${base(ctx)}/save/${form.purpose}`} novalidate data-warn-unsaved="true">
        <input type="hidden" name="version" value={String(form.version)} />
        <input type="hidden" name="insz" value={form.input.insz} />
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('access.field.insz')}</dt>
            <dd id="person-insz">
              {form.inszDisplay}
              {err('insz') && <span class="field__error"> {err('insz')}</span>}
            </dd>
          </div>
          {form.namesKnown && (
            <div class="summary-row">
              <dt>{t('access.col.name')}</dt>
              <dd>{name}</dd>
            </div>
          )}
        </dl>
        {!form.namesKnown && (
          <>
            <TextInput
              id="person-firstName"
              name="firstName"
              label={t('access.field.firstName')}
              value={form.input.firstName}
              error={err('firstName')}
              autocomplete="off"
            />
            <TextInput id="person-lastName" name="lastName" label={t('access.field.lastName')} value={form.input.lastName} error={err('lastName')} />
          </>
        )}
        {!readOnly && (
          <>
            <TextInput id="person-email" name="email" type="email" label={t('access.field.email')} value={form.input.email} error={err('email')} />
            <TextInput
              id="person-phone"
              name="phone"
              type="tel"
              label={t('access.field.phone')}
              hint={t('access.phone_hint')}
              value={form.input.phone}
              error={err('phone')}
            />
            <div class={form.errors.language ? 'field field--error' : 'field'}>
              <label for="person-language" class="field__label">
                {t('access.field.language')}
              </label>
              {form.errors.language && (
                <p id="person-language-error" class="field__error">
                  {err('language')}
                </p>
              )}
              <select
                id="person-language"
                name="language"
                class="field__select"
                aria-invalid={form.errors.language ? 'true' : undefined}
                aria-describedby={form.errors.language ? 'person-language-error' : undefined}
              >
                <option value="">{t('access.language_choose')}</option>
                {(['nl', 'fr', 'de'] as const).map((l) => (
                  <option value={l} selected={form.input.language === l}>
                    {t(LANGUAGE_KEYS[l])}
                  </option>
                ))}
              </select>
            </div>
            {form.purpose === 'user' && (
              <fieldset
                class={form.errors.applications ? 'form-section field--error' : 'form-section'}
                aria-describedby={form.errors.applications ? 'apps-hint apps-error' : 'apps-hint'}
              >
                <legend class="field__label">{t('access.field.applications')}</legend>
                <p id="apps-hint" class="field__hint">
                  {t('access.applications_hint')}
                </p>
                {form.errors.applications && (
                  <p id="apps-error" class="field__error">
                    {err('applications')}
                  </p>
                )}
                <ul class="checkbox-list">
                  {GRANTABLE_APPLICATIONS.map((app) => (
                    <li>
                      <input type="checkbox" id={`app-${app}`} name="applications" value={app} checked={form.input.applications.includes(app)} />{' '}
                      <label for={`app-${app}`}>{t(`right.${app}`)}</label>
                    </li>
                  ))}
                </ul>
                <p class="notice notice--info" id="signing-reminder">
                  {t('access.signing_reminder')}
                </p>
              </fieldset>
            )}
            {form.purpose === 'tb' && form.currentTb && (
              <fieldset class="form-section">
                <legend class="field__label">{t('access.tb_title')}</legend>
                <p>{t('access.current_tb', { name: form.currentTb.name })}</p>
                <p>
                  <input type="checkbox" id="keep-co-tb" name="keepAsCoTb" value="yes" checked={form.input.keepAsCoTb} />{' '}
                  <label for="keep-co-tb">{t('access.keep_as_co_tb', { name: form.currentTb.name })}</label>
                </p>
              </fieldset>
            )}
            <div class="button-bar">
              <button type="submit" class="button">
                {t('access.save')}
              </button>
              <a class="button button--secondary" href={base(ctx)}>
                {t('access.cancel')}
              </a>
            </div>
          </>
        )}
      </form>
    </Layout>
  );
}
