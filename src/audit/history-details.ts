import type { T } from '../i18n/i18n.ts';

/** Codes some events carry as their reason or cause; shown as words, never as the code itself. */
const REASON_KEYS: Record<string, string> = {
  OCMW_BANK_ACCOUNT_CHANGED: 'history.reason.OCMW_BANK_ACCOUNT_CHANGED',
  CORRECTION_REQUESTED: 'history.reason.CORRECTION_REQUESTED',
};

const ROLE_KEYS: Record<string, string> = { CHAIR: 'signature.chair', DIRECTOR: 'signature.director' };

/** The page POD MI read (podmi-reads.ts), in words. */
const READ_KEYS: Record<string, string> = {
  home: 'history.read.home',
  details: 'history.read.details',
  details_history: 'history.read.details_history',
  ebox: 'history.read.ebox',
  ebox_document: 'history.read.ebox_document',
  form: 'history.read.form',
  form_edit: 'history.read.form_edit',
  form_pdf: 'history.read.form_pdf',
  form_history: 'history.read.form_history',
  form_template: 'history.read.form_template',
  form_workbook: 'history.read.form_workbook',
  form_entry_mode: 'history.read.form_entry_mode',
};

/** The OCMW data columns an OCMW_DATA_CHANGED event lists. */
const COLUMN_LABELS: Record<string, string> = {
  iban: 'ocmw.iban',
  bic: 'ocmw.bic',
  contact_last_name: 'ocmw.contact_last_name',
  contact_first_name: 'ocmw.contact_first_name',
  contact_email: 'ocmw.contact_email',
  contact_phone: 'ocmw.contact_phone',
};

/**
 * The "details" column of a history entry, in words: the free-text reason of a correction as written, a coded
 * reason or cause translated, the role of a signature, the version saved, the fields of the OCMW changed, the
 * page POD MI read. Anything else: nothing (a code is never shown).
 */
export function historyDetails(t: T, type: string, payload: Record<string, unknown>): string {
  const words: string[] = [];
  if (type === 'PODMI_READ') {
    const key = typeof payload.page === 'string' ? READ_KEYS[payload.page] : undefined;
    const measure = typeof payload.measure === 'string' ? t(`measure.${payload.measure}`) : '';
    if (key) return t(key, { measure, year: payload.year ?? '' });
    return typeof payload.path === 'string' ? t('history.page', { path: payload.path }) : '';
  }
  if (type === 'OCMW_DATA_CHANGED' && Array.isArray(payload.changes)) {
    return (payload.changes as Array<{ field: string; old: string; new: string }>)
      .map((c) => `${COLUMN_LABELS[c.field] ? t(COLUMN_LABELS[c.field]) : c.field}: «${c.old}» → «${c.new}»`)
      .join('; ');
  }
  if (typeof payload.role === 'string' && ROLE_KEYS[payload.role]) words.push(t(ROLE_KEYS[payload.role]));
  for (const code of [payload.reason, payload.cause]) {
    if (typeof code !== 'string') continue;
    if (REASON_KEYS[code]) words.push(t(REASON_KEYS[code]));
    // A correction's reason is the sentence POD MI wrote; other codes (upper-case words) are not shown.
    else if (type === 'CORRECTION_REQUESTED' || !/^[A-Z_]+$/.test(code)) words.push(code);
  }
  if (words.length === 0 && payload.version) words.push(t('history.version', { version: Number(payload.version) }));
  return words.join(' — ');
}
