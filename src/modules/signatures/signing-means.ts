import { formatDateTime } from '../../i18n/format.ts';
import type { T } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/language.ts';
import { type AuthMeans, meansOfAcr } from '../shared/fas-levels.ts';

const MEANS_KEYS: Record<AuthMeans, string> = {
  eid: 'signing_auth.means.eid',
  itsme: 'signing_auth.means.itsme',
  code: 'signing_auth.means.code',
  oidc: 'signing_auth.means.oidc',
};

/**
 * "ondertekend met eID op …": the means of the step-up a signature was given with (its acr) and when the signer
 * authenticated, for the form page, the back office and the printout. Nothing for a signature given before the step-up
 * was recorded (no acr).
 */
export function signingMeansLine(t: T, lang: Language, signature: { acr?: string | null; authenticated_at?: Date | string | null }): string | null {
  if (!signature.acr || !signature.authenticated_at) return null;
  return t('signing_auth.signed_with', {
    means: t(MEANS_KEYS[meansOfAcr(signature.acr)]),
    date: formatDateTime(new Date(signature.authenticated_at), lang),
  });
}
