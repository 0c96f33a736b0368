import { ErrorSummary, Notice, TextInput } from '../../../views/components.tsx';
import { Layout, type PageContext, homeHref } from '../../../views/layout.tsx';
import type { T } from '../../../i18n/i18n.ts';
import type { FieldMessage, OcmwDataErrors, OcmwDataField, OcmwDataInput } from '../ocmw-data.schema.ts';
import { OCMW_DATA_FIELDS } from '../ocmw-data.schema.ts';

const LABELS: Record<OcmwDataField, string> = {
  iban: 'ocmw.iban',
  bic: 'ocmw.bic',
  contactLastName: 'ocmw.contact_last_name',
  contactFirstName: 'ocmw.contact_first_name',
  contactEmail: 'ocmw.contact_email',
  contactPhone: 'ocmw.contact_phone',
};

const HINTS: Partial<Record<OcmwDataField, string>> = {
  iban: 'ocmw.iban_hint',
  bic: 'ocmw.bic_hint',
  contactPhone: 'ocmw.contact_phone_hint',
};

const AUTOCOMPLETE: Partial<Record<OcmwDataField, string>> = {
  contactLastName: 'family-name',
  contactFirstName: 'given-name',
  contactEmail: 'email',
  contactPhone: 'tel',
};

/** Why the OCMW's data cannot be changed here: the report year is closed, POD MI reads, or a reader's role. */
export type OcmwDataReadOnly = false | 'closed' | 'podmi' | 'no_permission';

const READ_ONLY_KEYS: Record<Exclude<OcmwDataReadOnly, false>, string> = {
  closed: 'ocmw.year_closed',
  podmi: 'ocmw.podmi_read_only',
  no_permission: 'ocmw.no_permission',
};

/** A field's message in the page's language (a key, or a key with the values it names). */
function messageText(t: T, message: FieldMessage): string {
  return typeof message === 'string' ? t(message) : t(message.key, message.values);
}

/** "De gegevens van het OCMW": bank account and contact person, with every message next to its field. */
export function OcmwEditPage({
  ctx,
  input,
  errors,
  version,
  readOnly,
  notice,
  done,
  confirmBank,
}: {
  ctx: PageContext;
  input: OcmwDataInput;
  errors: OcmwDataErrors;
  version: number;
  readOnly: OcmwDataReadOnly;
  notice?: string;
  /** what was done, already in the page's language (e.g. "De BIC is ingevuld op basis van het rekeningnummer") */
  done?: string[];
  /** the bank account changes and this many signatures on forms not yet submitted would lapse: ask to confirm */
  confirmBank?: number;
}) {
  const { t } = ctx;
  const title = t('ocmw.edit_title');
  const summary = OCMW_DATA_FIELDS.filter((f) => errors[f]).map((f) => ({
    fieldId: `ocmw-${f}`,
    label: t(LABELS[f]),
    message: messageText(t, errors[f] as FieldMessage),
  }));
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {notice && <Notice kind="warning">{t(notice)}</Notice>}
      {done?.map((text) => (
        <Notice kind="success">{text}</Notice>
      ))}
      <ErrorSummary t={t} errors={summary} />
      <p>{t('ocmw.edit_intro')}</p>
      {readOnly ? (
        <Notice kind="info">{t(READ_ONLY_KEYS[readOnly])}</Notice>
      ) : (
        <form method="post" action={`${homeHref(ctx)}/details`} data-warn-unsaved="true" novalidate>
          <input type="hidden" name="version" value={String(version)} />
          {confirmBank !== undefined && (
            <>
              <Notice kind="warning">{t('ocmw.confirm_bank_change', { count: confirmBank })}</Notice>
              <input type="hidden" name="confirmBankChange" value="yes" />
            </>
          )}
          {OCMW_DATA_FIELDS.map((field) => (
            <TextInput
              id={`ocmw-${field}`}
              name={field}
              label={t(LABELS[field])}
              hint={HINTS[field] ? t(HINTS[field] as string) : undefined}
              value={input[field]}
              error={errors[field] ? messageText(t, errors[field] as FieldMessage) : undefined}
              autocomplete={AUTOCOMPLETE[field]}
              type={field === 'contactEmail' ? 'email' : field === 'contactPhone' ? 'tel' : 'text'}
            />
          ))}
          <div class="button-bar">
            <button type="submit" class="button">
              {confirmBank !== undefined ? t('ocmw.confirm_bank_button') : t('button.save')}
            </button>
            <a class="button button--secondary" href={homeHref(ctx)}>
              {t('button.cancel')}
            </a>
          </div>
        </form>
      )}
    </Layout>
  );
}
