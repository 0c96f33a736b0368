import type { Language } from '../../../i18n/language.ts';

/** A message's subject in the reader's language: German falls back to French (the e-Box requires NL and FR). */
export function subjectIn(lang: Language, m: { subject_nl: string; subject_fr: string; subject_de: string | null }): string {
  if (lang === 'nl') return m.subject_nl;
  if (lang === 'de') return m.subject_de ?? m.subject_fr;
  return m.subject_fr;
}

/** A size in kB or MB with one decimal, Belgian notation (`12,3 kB`). */
export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${(bytes / 1024).toFixed(1).replace('.', ',')} kB`;
}

/** A period as read: a month "11/2026", a year as is. */
export function periodText(period: string | null): string {
  if (!period) return '—';
  return period.length === 7 ? `${period.slice(5)}/${period.slice(0, 4)}` : period;
}
