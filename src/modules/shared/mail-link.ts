import type { Config } from '../../config/config.ts';
import type { T } from '../../i18n/i18n.ts';
import { ocmwPath } from './ocmw-path.ts';

/**
 * The base of the links in e-mails (ADR 0043): the application's public URL when one is configured, else undefined —
 * a link to localhost would lead nowhere, so the e-mail then says in words where to go.
 */
export function mailBaseUrl(config: Pick<Config, 'publicUrl' | 'publicUrlConfigured'>): string | undefined {
  return config.publicUrlConfigured ? config.publicUrl : undefined;
}

/** The full address of a form's page in an OCMW, for an e-mail. */
export function formUrl(publicUrl: string, kbo: string, campaignId: string): string {
  return `${publicUrl}${ocmwPath(kbo, `/forms/${campaignId}`)}`;
}

/**
 * The paragraph of an e-mail that says where to find a form: a full clickable link on a line of its own (nothing
 * after it, so no mail client takes a full stop into the address), or without a public URL the way there in words.
 */
export function formWhere(
  t: T,
  publicUrl: string | undefined,
  form: { kbo: string; campaignId: string; measure: string; year: number | string; ocmw: string },
): string {
  if (publicUrl) return t('mail.where.form_link', { url: formUrl(publicUrl, form.kbo, form.campaignId) });
  return t('mail.where.form_words', { measure: form.measure, year: form.year, ocmw: form.ocmw });
}
