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
  if (ACCESS_DETAILS[type]) return ACCESS_DETAILS[type](t, payload);
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

/** A person an access event names: { id, name, insz (masked) }. */
function who(value: unknown): string {
  const person = value as { name?: unknown; insz?: unknown } | null;
  if (!person || typeof person.name !== 'string') return '';
  return typeof person.insz === 'string' ? `${person.name} (${person.insz})` : person.name;
}

function rightName(t: T, code: unknown): string {
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? t(`right.${code}`) : '';
}

/** Why an access change was refused (ACCESS_CHANGE_REFUSED), in words. */
const REASON_WORDS: Record<string, string> = {
  stale: 'access.event_details.reason.stale',
  not_allowed: 'access.event_details.reason.not_allowed',
  self: 'access.event_details.reason.self',
  higher_role: 'access.event_details.reason.higher_role',
  last_htb: 'access.event_details.reason.last_htb',
};

/** The details of the access events of Toegangsbeheer (portal.md §3.7), in words. */
const ACCESS_DETAILS: Record<string, (t: T, payload: Record<string, unknown>) => string> = {
  USER_ADDED: (t, p) => {
    const after = (p.after ?? {}) as { applications?: unknown };
    const apps = Array.isArray(after.applications) ? after.applications.map((a) => rightName(t, a)).join(', ') : '';
    return apps ? `${who(p.person)}: ${apps}` : who(p.person);
  },
  USER_CHANGED: (t, p) => {
    const changes = Array.isArray(p.changes) ? (p.changes as Array<{ field: string; before: string | null; after: string | null }>) : [];
    const list = changes.map((c) => `${t(`access.field.${c.field}`)}: «${c.before ?? ''}» → «${c.after ?? ''}»`).join('; ');
    return list ? `${who(p.person)}: ${list}` : who(p.person);
  },
  APP_GRANTED: (t, p) => `${who(p.person)}: ${rightName(t, p.application)}`,
  APP_REVOKED: (t, p) => `${who(p.person)}: ${rightName(t, p.application)}`,
  ROLE_GRANTED: (t, p) => `${who(p.person)}: ${rightName(t, p.role)}`,
  ROLE_REVOKED: (t, p) => `${who(p.person)}: ${rightName(t, p.role)}`,
  TB_CHANGED: (t, p) =>
    t(p.keepAsCoTb ? 'access.event_details.tb_changed_kept' : 'access.event_details.tb_changed', {
      before: who(p.before) || t('access.event_details.nobody'),
      after: who(p.after),
    }),
  USER_REMOVED: (_t, p) => who(p.person),
  // POD MI appointed the HTB (backoffice/access-admin): in the OCMW's chain and, with the OCMW named, in POD MI's.
  HTB_APPOINTED: (t, p) => {
    const organisation = p.organisation as { name?: unknown } | undefined;
    const change = t(p.keepAsCoHtb ? 'bo.access_admin.event_details.htb_appointed_kept' : 'bo.access_admin.event_details.htb_appointed', {
      before: who(p.before) || t('access.event_details.nobody'),
      after: who(p.person),
    });
    return typeof organisation?.name === 'string' ? `${organisation.name}: ${change}` : change;
  },
  USER_BLOCKED: (t, p) =>
    typeof p.until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.until)
      ? `${who(p.person)} — ${t('access.event_details.until', { date: p.until.split('-').reverse().join('/') })}`
      : who(p.person),
  USER_UNBLOCKED: (_t, p) => who(p.person),
  ACCESS_CHANGE_REFUSED: (t, p) => {
    const persons = Array.isArray(p.persons) ? p.persons.map(who).filter(Boolean).join(', ') : '';
    const reason = typeof p.reason === 'string' && REASON_WORDS[p.reason] ? t(REASON_WORDS[p.reason]) : '';
    return [persons, reason].filter(Boolean).join(' — ');
  },
};
