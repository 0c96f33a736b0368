import { formatDateTime } from '../../../i18n/format.ts';
import { ErrorSummary, Notice, TextInput } from '../../../views/components.tsx';
import { Layout, type PageContext, homeHref } from '../../../views/layout.tsx';
import type { AddressError, NotificationAddress } from '../ebox-settings.model.ts';

/** The texts of the refusals, written out so every key stays a literal. */
const ERROR_KEYS: Record<AddressError, string> = {
  invalid: 'ebox_settings.error.invalid',
  too_long: 'ebox_settings.error.too_long',
};

export interface EboxSettingsPageProps {
  ctx: PageContext;
  /** the address saved now, if any */
  address: NotificationAddress | undefined;
  /** what the field shows: the saved address, or what was typed when it is refused */
  value: string;
  error?: AddressError;
  /** a flash message key (saved, removed, unchanged) */
  flash?: string;
}

/**
 * "Beheer e-Box": one notification address for the organisation's e-Box (EBX-5). Says that a shared mailbox is
 * advised (only one address) and that the mails never show what a document is about nor who sent it.
 */
export function EboxSettingsPage({ ctx, address, value, error, flash }: EboxSettingsPageProps) {
  const { t, lang } = ctx;
  const title = t('ebox_settings.title');
  const message = error ? t(ERROR_KEYS[error]) : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`${homeHref(ctx)}/ebox`}>{t('ebox_settings.back')}</a>
      </p>
      <ErrorSummary t={t} errors={message ? [{ fieldId: 'ebox-email', label: t('ebox_settings.field.email'), message }] : []} />
      <h1>{title}</h1>
      {flash && <Notice kind="success">{t(flash)}</Notice>}
      <p>{t('ebox_settings.intro')}</p>
      <ul>
        <li>{t('ebox_settings.when')}</li>
        <li>{t('ebox_settings.no_content')}</li>
        <li>{t('ebox_settings.shared_mailbox')}</li>
      </ul>
      {address ? (
        <p>{t('ebox_settings.current', { email: address.email, date: formatDateTime(address.changedAt, lang), name: address.changedBy })}</p>
      ) : (
        <p>{t('ebox_settings.none')}</p>
      )}
      <form method="post" action={`${homeHref(ctx)}/ebox-settings`} novalidate>
        <TextInput
          id="ebox-email"
          name="email"
          type="email"
          autocomplete="email"
          label={t('ebox_settings.field.email')}
          hint={t('ebox_settings.field.email_hint')}
          value={value}
          error={message}
        />
        <button type="submit" class="button">
          {t('ebox_settings.save')}
        </button>
      </form>
    </Layout>
  );
}
