import type { T } from '../../../../i18n/i18n.ts';
import type { RawCampaignForm } from '../campaign-form.ts';
import { type InputError, type ParamField, type ParamKind, paramFields, tableRowCount } from '../param-fields.ts';
import { Field, TextField, fieldId } from './fields.tsx';
import { errorText, paramLabel } from './texts.ts';

const KIND_HINTS: Record<ParamKind, string> = {
  money: 'bo.campaigns.kind.money',
  number: 'bo.campaigns.kind.number',
  yesno: 'bo.campaigns.kind.yesno',
  text: 'bo.campaigns.kind.text',
  table: 'bo.campaigns.kind.table',
  json: 'bo.campaigns.kind.json',
};

/** The label of a field by its name, for the error summary. */
export function fieldLabel(t: T, name: string): string {
  const fixed: Record<string, string> = {
    opensDate: t('bo.campaigns.field.opens_date'),
    opensTime: t('bo.campaigns.field.opens_time'),
    closesDate: t('bo.campaigns.field.closes_date'),
    closesTime: t('bo.campaigns.field.closes_time'),
    reminderDays: t('bo.campaigns.field.reminder_days'),
    definitionVersion: t('bo.campaigns.field.definition_version'),
  };
  if (fixed[name]) return fixed[name];
  const row = /^p\.([A-Za-z0-9_]+)\.[kv]\.(\d+)$/.exec(name);
  if (row) return t('bo.campaigns.row_label', { param: paramLabel(t, row[1]), row: Number(row[2]) + 1 });
  return paramLabel(t, name.replace(/^p\./, ''));
}

function TableParam({ t, field, raw, errors, hint }: { t: T; field: ParamField; raw: RawCampaignForm; errors: Record<string, InputError>; hint: string }) {
  const name = `p.${field.key}`;
  const rows = tableRowCount(raw, field.key) + 1;
  return (
    <fieldset class="form-section">
      <legend>
        {paramLabel(t, field.key)} <code>{field.key}</code>
      </legend>
      <p class="field__hint">{hint}</p>
      <table class="data-table">
        <caption class="visually-hidden">{paramLabel(t, field.key)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bo.campaigns.row_key')}</th>
            <th scope="col">{t('bo.campaigns.row_value')}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr>
              {(['k', 'v'] as const).map((part) => {
                const cell = `${name}.${part}.${i}`;
                const error = errorText(t, errors[cell]);
                return (
                  <td>
                    {error && (
                      <p id={`${fieldId(cell)}-error`} class="field__error">
                        {error}
                      </p>
                    )}
                    <input
                      id={fieldId(cell)}
                      name={cell}
                      type="text"
                      value={raw[cell] ?? ''}
                      class="field__input"
                      aria-label={fieldLabel(t, cell)}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${fieldId(cell)}-error` : undefined}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

function ParamInput({
  t,
  field,
  raw,
  errors,
  lockedHint,
}: {
  t: T;
  field: ParamField;
  raw: RawCampaignForm;
  errors: Record<string, InputError>;
  lockedHint?: string;
}) {
  const name = `p.${field.key}`;
  const hint = [t(KIND_HINTS[field.kind]), lockedHint].filter(Boolean).join(' ');
  const error = errorText(t, errors[name]);
  if (field.kind === 'table') return <TableParam t={t} field={field} raw={raw} errors={errors} hint={hint} />;
  if (field.kind === 'yesno' || field.kind === 'json') {
    return (
      <Field name={name} label={paramLabel(t, field.key)} hint={hint} error={error}>
        {(a) =>
          field.kind === 'yesno' ? (
            <select id={a.id} name={name} class="field__input" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
              <option value="yes" selected={raw[name] === 'yes'}>
                {t('common.yes')}
              </option>
              <option value="no" selected={raw[name] === 'no'}>
                {t('common.no')}
              </option>
            </select>
          ) : (
            <textarea id={a.id} name={name} rows={6} class="field__textarea" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
              {raw[name] ?? ''}
            </textarea>
          )
        }
      </Field>
    );
  }
  return (
    <TextField
      name={name}
      label={paramLabel(t, field.key)}
      hint={hint}
      value={raw[name] ?? ''}
      error={error}
      inputMode={field.kind === 'text' ? undefined : 'decimal'}
    />
  );
}

/** Dates, reminder days, definition version and the year's parameters of a campaign, as typed. */
export function CampaignFields(props: {
  t: T;
  raw: RawCampaignForm;
  errors: Record<string, InputError>;
  params: Record<string, unknown>;
  versions: number[];
  locked: boolean;
}) {
  const { t, raw, errors } = props;
  const err = (name: string) => errorText(t, errors[name]);
  const lockedHint = props.locked ? t('bo.campaigns.locked_hint') : undefined;
  return (
    <>
      <fieldset class="form-section">
        <legend>{t('bo.campaigns.dates')}</legend>
        <p class="field__hint">{t('bo.campaigns.dates_hint')}</p>
        <TextField name="opensDate" label={t('bo.campaigns.field.opens_date')} value={raw.opensDate ?? ''} error={err('opensDate')} />
        <TextField name="opensTime" label={t('bo.campaigns.field.opens_time')} value={raw.opensTime ?? ''} error={err('opensTime')} />
        <TextField name="closesDate" label={t('bo.campaigns.field.closes_date')} value={raw.closesDate ?? ''} error={err('closesDate')} />
        <TextField name="closesTime" label={t('bo.campaigns.field.closes_time')} value={raw.closesTime ?? ''} error={err('closesTime')} />
        <TextField
          name="reminderDays"
          label={t('bo.campaigns.field.reminder_days')}
          hint={t('bo.campaigns.reminder_hint')}
          value={raw.reminderDays ?? ''}
          error={err('reminderDays')}
        />
      </fieldset>
      <fieldset class="form-section">
        <legend>{t('bo.campaigns.rules')}</legend>
        <Field name="definitionVersion" label={t('bo.campaigns.field.definition_version')} hint={lockedHint} error={err('definitionVersion')}>
          {(a) => (
            <select id={a.id} name="definitionVersion" class="field__input" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
              {props.versions.map((v) => (
                <option value={String(v)} selected={raw.definitionVersion === String(v)}>
                  {t('bo.campaigns.version_text', { version: v })}
                </option>
              ))}
            </select>
          )}
        </Field>
        {paramFields(props.params).map((field) => (
          <ParamInput t={t} field={field} raw={raw} errors={errors} lockedHint={lockedHint} />
        ))}
      </fieldset>
    </>
  );
}
