import type { ComponentChildren } from 'preact';
import type { Actor } from '../../../../access/access.ts';
import type { Language } from '../../../../i18n/language.ts';
import { ErrorSummary, Field, type FieldError, TextInput } from '../../../../views/components.tsx';
import type { PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { PersonInput } from '../access-admin.model.ts';
import { LANGUAGE_KEYS, errorText } from './texts.ts';

export type AccessSection = 'ocmws' | 'import' | 'staff';

const SECTIONS: Array<{ section: AccessSection; href: string; key: string }> = [
  { section: 'ocmws', href: '/backoffice/access', key: 'bo.access_admin.nav.ocmws' },
  { section: 'import', href: '/backoffice/access/imports', key: 'bo.access_admin.nav.import' },
  { section: 'staff', href: '/backoffice/access/podmi', key: 'bo.access_admin.nav.staff' },
];

/** The back office's navigation, then the three parts of POD MI's access management. */
export function AccessNav({ ctx, actor, current }: { ctx: PageContext; actor: Actor; current: AccessSection }) {
  return (
    <>
      <BackofficeNav ctx={ctx} actor={actor} current="access" />
      <nav class="backoffice-nav backoffice-nav--sub" aria-label={ctx.t('bo.access_admin.nav.label')}>
        <ul>
          {SECTIONS.map((s) => (
            <li>
              <a href={s.href} aria-current={s.section === current ? 'page' : undefined}>
                {ctx.t(s.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

const FIELD_IDS: Record<string, string> = {
  insz: 'p-insz',
  firstName: 'p-first-name',
  lastName: 'p-last-name',
  email: 'p-email',
  language: 'p-language',
  role: 'p-role-PODMI_AGENT',
  blockedUntil: 'p-blocked-until',
  form: 'main',
};

const FIELD_LABELS: Record<string, string> = {
  insz: 'bo.access_admin.field.insz',
  firstName: 'bo.access_admin.field.first_name',
  lastName: 'bo.access_admin.field.last_name',
  email: 'bo.access_admin.field.email',
  language: 'bo.access_admin.field.language',
  role: 'bo.access_admin.field.role',
  blockedUntil: 'bo.access_admin.field.blocked_until',
  form: 'bo.access_admin.field.form',
};

/** The error summary at the top of a form, each message linking to its field. */
export function Errors({ ctx, errors }: { ctx: PageContext; errors: Partial<Record<string, string>> }) {
  const list: FieldError[] = Object.entries(errors)
    .filter(([, code]) => code)
    .map(([field, code]) => ({
      fieldId: FIELD_IDS[field] ?? 'main',
      label: ctx.t(FIELD_LABELS[field] ?? 'bo.access_admin.field.form'),
      message: errorText(ctx.t, code) ?? '',
    }));
  return <ErrorSummary t={ctx.t} errors={list} />;
}

export function LanguageSelect({ ctx, value, error, name = 'language' }: { ctx: PageContext; value: string; error?: string; name?: string }) {
  const { t } = ctx;
  const known = (['nl', 'fr', 'de'] as Language[]).includes(value as Language);
  return (
    <Field id="p-language" label={t('bo.access_admin.field.language')} error={errorText(t, error)}>
      {({ describedBy, invalid }) => (
        <select id="p-language" name={name} class="field__select" aria-describedby={describedBy} aria-invalid={invalid}>
          {!known && <option value={value}>{value === '' ? '—' : value}</option>}
          {(['nl', 'fr', 'de'] as Language[]).map((lang) => (
            <option value={lang} selected={lang === value}>
              {t(LANGUAGE_KEYS[lang])}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** INSZ, first name, last name, e-mail and language: what identifies a person and how to reach them. */
export function PersonFields({ ctx, values, errors }: { ctx: PageContext; values: PersonInput; errors: Partial<Record<string, string>> }) {
  const { t } = ctx;
  return (
    <>
      <TextInput
        id="p-insz"
        name="insz"
        label={t('bo.access_admin.field.insz')}
        hint={t('bo.access_admin.field.insz_hint')}
        value={values.insz}
        error={errorText(t, errors.insz)}
        inputmode="numeric"
      />
      <p class="field__hint">{t('bo.access_admin.field.names_hint')}</p>
      <TextInput
        id="p-first-name"
        name="firstName"
        label={t('bo.access_admin.field.first_name')}
        value={values.firstName}
        error={errorText(t, errors.firstName)}
        autocomplete="off"
      />
      <TextInput id="p-last-name" name="lastName" label={t('bo.access_admin.field.last_name')} value={values.lastName} error={errorText(t, errors.lastName)} />
      <TextInput id="p-email" name="email" type="email" label={t('bo.access_admin.field.email')} value={values.email} error={errorText(t, errors.email)} />
      <LanguageSelect ctx={ctx} value={values.language} error={errors.language} />
    </>
  );
}

/** Hidden copies of what was typed: the overview's "Bevestigen" and "Wijzigen" post them again. */
export function Hidden({ values }: { values: Record<string, string | boolean> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        typeof value === 'boolean' ? value && <input type="hidden" name={name} value="on" /> : <input type="hidden" name={name} value={value} />,
      )}
    </>
  );
}

/** A definition list of label → value rows. */
export function Summary({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="summary-list">
      {rows.map(([label, value]) => (
        <div class="summary-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
