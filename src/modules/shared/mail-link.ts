import { ocmwPath } from './ocmw-path.ts';

/** A translation function (i18n's T), as this shared module needs it: it imports nothing from i18n. */
type Translate = (key: string, vars: Record<string, string | number>) => string;

/** The full address of a form's page in an OCMW, for an e-mail. */
export function formUrl(publicUrl: string, kbo: string, campaignId: string): string {
  return `${publicUrl}${ocmwPath(kbo, `/forms/${campaignId}`)}`;
}

/**
 * The paragraph of an e-mail that says where to find a form: a full clickable link on a line of its own (nothing
 * after it, so no mail client takes a full stop into the address), or without a public URL the way there in words.
 */
export function formWhere(
  t: Translate,
  publicUrl: string | undefined,
  form: { kbo: string; campaignId: string; measure: string; year: number | string; ocmw: string },
): string {
  if (publicUrl) return t('mail.where.form_link', { url: formUrl(publicUrl, form.kbo, form.campaignId) });
  return t('mail.where.form_words', { measure: form.measure, year: form.year, ocmw: form.ocmw });
}
