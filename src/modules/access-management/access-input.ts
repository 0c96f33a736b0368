import { z } from 'zod';
import { GRANTABLE_APPLICATIONS, type GrantableApplication, isGrantableApplication } from '../../access/access-rules.ts';
import type { Language } from '../../i18n/language.ts';
import { inszProblem, isValidEmail, isValidInsz, isValidPhone, maskInsz } from '../shared/identifiers.ts';

/** What the person form of Toegangsbeheer posts, as typed (kept as typed when it comes back with messages). */
export interface PersonInput {
  insz: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: string;
  applications: string[];
  keepAsCoTb: boolean;
}

export type PersonField = 'insz' | 'firstName' | 'lastName' | 'email' | 'phone' | 'language' | 'applications';

/** The INSZ as 11 digits (dots, dash and spaces removed), or null when it is no INSZ (format or check digits). */
export function normaliseInsz(raw: string): string | null {
  const compact = raw.replace(/[\s.-]/g, '');
  if (!/^\d{11}$/.test(compact)) return null;
  return isValidInsz(compact) ? compact : null;
}

const INSZ_ERRORS = { required: 'access.error.insz_required', format: 'access.error.insz_format', checksum: 'access.error.insz_checksum' } as const;

/** What an INSZ field says is wrong: empty, not 11 digits, or wrong check digits. */
export function inszError(raw: string): string | null {
  const problem = inszProblem(raw);
  return problem ? INSZ_ERRORS[problem] : null;
}

/**
 * Lists and the audit trail show the INSZ masked (one mask for the application, identifiers.ts); the full number is
 * shown to the access manager on the person's own page and in the overview, where it was entered or must be checked.
 */
export { maskInsz };

const LANGUAGES = ['nl', 'fr', 'de'] as const;

const name = z.string().trim().min(1, 'access.error.required').max(100, 'access.error.too_long');

/** The data of the person form, validated; messages are i18n keys shown next to their field. */
export function validatePersonInput(
  input: PersonInput,
  options: { namesKnown: boolean; applicationsRequired: boolean; withApplications: boolean },
): { ok: true; data: ValidPerson } | { ok: false; errors: Partial<Record<PersonField, string>> } {
  const errors: Partial<Record<PersonField, string>> = {};
  const firstName = name.safeParse(input.firstName);
  const lastName = name.safeParse(input.lastName);
  if (!options.namesKnown) {
    if (!firstName.success) errors.firstName = firstName.error.issues[0].message;
    if (!lastName.success) errors.lastName = lastName.error.issues[0].message;
  }
  const email = input.email.trim().toLowerCase();
  if (email === '') errors.email = 'access.error.email_required';
  else if (!isValidEmail(email)) errors.email = 'access.error.email';
  const phone = input.phone.trim();
  if (phone !== '' && !isValidPhone(phone)) errors.phone = 'access.error.phone';
  const language = (LANGUAGES as readonly string[]).includes(input.language) ? (input.language as Language) : null;
  if (!language) errors.language = 'access.error.language';
  const applications = GRANTABLE_APPLICATIONS.filter((a) => input.applications.includes(a));
  if (options.withApplications && options.applicationsRequired && applications.length === 0) errors.applications = 'access.error.applications';
  if (Object.keys(errors).length > 0 || !language) return { ok: false, errors };
  return {
    ok: true,
    data: {
      firstName: firstName.success ? firstName.data : '',
      lastName: lastName.success ? lastName.data : '',
      email,
      phone: phone === '' ? null : phone,
      language,
      applications,
    },
  };
}

export interface ValidPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  language: Language;
  applications: GrantableApplication[];
}

/** Ticked checkboxes arrive as one string or an array of strings; only known application codes are kept. */
export function postedApplications(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && isGrantableApplication(v));
}
