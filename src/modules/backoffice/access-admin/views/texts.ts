import type { T } from '../../../../i18n/i18n.ts';
import type { Language } from '../../../../i18n/language.ts';
import type { PodMiRole, ReferenceImportProblem, ReferenceImportState } from '../../../shared/domain.ts';

/** Texts of POD MI's access pages that depend on a code: written out so every key stays a literal. */

const ERROR_KEYS: Record<string, string> = {
  insz_required: 'bo.access_admin.error.insz_required',
  insz_format: 'bo.access_admin.error.insz_format',
  insz_checksum: 'bo.access_admin.error.insz_checksum',
  first_name_required: 'bo.access_admin.error.first_name_required',
  last_name_required: 'bo.access_admin.error.last_name_required',
  name_too_long: 'bo.access_admin.error.name_too_long',
  email_required: 'bo.access_admin.error.email_required',
  email_invalid: 'bo.access_admin.error.email_invalid',
  language_invalid: 'bo.access_admin.error.language_invalid',
  already_htb: 'bo.access_admin.error.already_htb',
  blocked_in_ocmw: 'bo.access_admin.error.blocked_in_ocmw',
  role_required: 'bo.access_admin.error.role_required',
  already_staff: 'bo.access_admin.error.already_staff',
  no_change: 'bo.access_admin.error.no_change',
  already_blocked: 'bo.access_admin.error.already_blocked',
  not_blocked: 'bo.access_admin.error.not_blocked',
  date_invalid: 'bo.access_admin.error.date_invalid',
  date_past: 'bo.access_admin.error.date_past',
};

/** The message of a form error (a code of the services). */
export function errorText(t: T, code: string | undefined): string | undefined {
  if (!code) return undefined;
  return t(ERROR_KEYS[code] ?? 'bo.access_admin.error.other');
}

const PROBLEM_KEYS: Record<string, string> = {
  ...ERROR_KEYS,
  empty_file: 'bo.access_admin.problem.empty_file',
  no_lines: 'bo.access_admin.problem.no_lines',
  unknown_column: 'bo.access_admin.problem.unknown_column',
  duplicate_column: 'bo.access_admin.problem.duplicate_column',
  missing_column: 'bo.access_admin.problem.missing_column',
  kbo_required: 'bo.access_admin.problem.kbo_required',
  kbo_format: 'bo.access_admin.problem.kbo_format',
  kbo_checksum: 'bo.access_admin.problem.kbo_checksum',
  kbo_unknown: 'bo.access_admin.problem.kbo_unknown',
  kbo_not_ocmw: 'bo.access_admin.problem.kbo_not_ocmw',
  kbo_twice: 'bo.access_admin.problem.kbo_twice',
};

/** The message of one problem of a list's validation report. */
export function problemText(t: T, problem: ReferenceImportProblem): string {
  const key = PROBLEM_KEYS[problem.code] ?? 'bo.access_admin.error.other';
  return t(key, { value: problem.value ?? '', ...(problem.params ?? {}) });
}

export const ROLE_KEYS: Record<PodMiRole, string> = {
  PODMI_AGENT: 'right.PODMI_AGENT',
  PODMI_ADMIN: 'right.PODMI_ADMIN',
};

export const LANGUAGE_KEYS: Record<Language, string> = {
  nl: 'bo.access_admin.lang.nl',
  fr: 'bo.access_admin.lang.fr',
  de: 'bo.access_admin.lang.de',
};

export const STATE_KEYS: Record<ReferenceImportState, string> = {
  STAGED: 'refdata.state.STAGED',
  COMMITTED: 'refdata.state.COMMITTED',
  DISCARDED: 'refdata.state.DISCARDED',
};

export function languageName(t: T, lang: string | null | undefined): string {
  return lang && lang in LANGUAGE_KEYS ? t(LANGUAGE_KEYS[lang as Language]) : '—';
}

export function roleName(t: T, role: string): string {
  return role in ROLE_KEYS ? t(ROLE_KEYS[role as PodMiRole]) : role;
}

export const ROLE_HINT_KEYS: Record<PodMiRole, string> = {
  PODMI_AGENT: 'bo.access_admin.staff.role_hint.PODMI_AGENT',
  PODMI_ADMIN: 'bo.access_admin.staff.role_hint.PODMI_ADMIN',
};

export const WHAT_KEYS: Record<'role' | 'email' | 'language' | 'access' | 'block', string> = {
  role: 'bo.access_admin.staff.what.role',
  email: 'bo.access_admin.staff.what.email',
  language: 'bo.access_admin.staff.what.language',
  access: 'bo.access_admin.staff.what.access',
  block: 'bo.access_admin.staff.what.block',
};

export const OVERVIEW_TITLE_KEYS: Record<'change' | 'remove' | 'block' | 'unblock', string> = {
  change: 'bo.access_admin.staff.overview_title.change',
  remove: 'bo.access_admin.staff.overview_title.remove',
  block: 'bo.access_admin.staff.overview_title.block',
  unblock: 'bo.access_admin.staff.overview_title.unblock',
};

export const REFUSAL_KEYS: Record<'self' | 'last_admin', string> = {
  self: 'bo.access_admin.refusal.self',
  last_admin: 'bo.access_admin.refusal.last_admin',
};
