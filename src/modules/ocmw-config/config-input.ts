import { isValidEmail, isValidPhone } from '../shared/identifiers.ts';
import { isBlank, text } from '../shared/posted-text.ts';
import type { ConfigScreen } from '../shared/domain.ts';
import {
  CONTACT_FIELDS,
  LANGUAGE_SUFFIXES,
  MULTILINGUAL_FIELDS,
  type MultilingualField,
  NO,
  ONLINE_FIELDS,
  OTHER,
  PRIMAWEB,
  PROVIDER_FIELDS,
  type ScreenData,
  type ScreenErrors,
  YES,
} from './config-fields.ts';
import { FREQUENCY_BOUNDS, TERM_BOUNDS } from './reminder-schedule.ts';

/** The choices the providers screen offers now (POD MI's lists), against which a posted choice is checked. */
export interface ProviderChoices {
  networkProviders: readonly string[];
  /** the KBO numbers of the software suppliers of the registry */
  suppliers: readonly string[];
}

/** Reads a screen's posted fields as texts; anything else posted is ignored (no mass assignment). */
export function readScreenInput(screen: Exclude<ConfigScreen, 'MUTATIONS'>, body: unknown): ScreenData {
  const source = (body ?? {}) as Record<string, unknown>;
  const fields = screen === 'PROVIDERS' ? PROVIDER_FIELDS : screen === 'CONTACT' ? CONTACT_FIELDS : ONLINE_FIELDS;
  return Object.fromEntries(fields.map((f) => [f, text(source[f]).trim()]));
}

/** The mutation screen as posted: every type of the catalogue, ticked or not. */
export function readMutationInput(codes: readonly string[], body: unknown): ScreenData {
  const posted = (body as Record<string, unknown> | undefined)?.selected;
  const ticked = new Set((Array.isArray(posted) ? posted : [posted]).filter((v): v is string => typeof v === 'string'));
  return Object.fromEntries(codes.map((code) => [code, ticked.has(code) ? YES : NO]));
}

const MAX_TEXT = 200;

type Check = (value: string) => string | null;
const required: Check = (v) => (isBlank(v) ? 'config.error.required' : null);
const email: Check = (v) => (isValidEmail(v) ? null : 'config.error.email');
const phone: Check = (v) => (isValidPhone(v) ? null : 'config.error.phone');
const short: Check = (v) => (v.length > MAX_TEXT ? 'config.error.too_long' : null);

/** The first message of the checks that fail; optional fields are only checked when filled. */
function judge(value: string, checks: Check[], optional = false): string | null {
  if (optional && value === '') return null;
  for (const check of checks) {
    const message = check(value);
    if (message) return message;
  }
  return null;
}

function collect(data: ScreenData, rules: Record<string, { checks: Check[]; optional?: boolean } | undefined>): ScreenErrors {
  const errors: ScreenErrors = {};
  for (const [field, rule] of Object.entries(rules)) {
    if (!rule) continue;
    const message = judge(data[field] ?? '', rule.checks, rule.optional);
    if (message) errors[field] = message;
  }
  return errors;
}

export type Validation = { ok: true; data: ScreenData } | { ok: false; errors: ScreenErrors };

const verdict = (data: ScreenData, errors: ScreenErrors): Validation => (Object.keys(errors).length === 0 ? { ok: true, data } : { ok: false, errors });

/**
 * Technische dienstverleners (portal.md §6.2): a network provider from POD MI's list or "other" with its name, a
 * software supplier from the registry's suppliers, PrimaWeb or "other" with its name, and a contact person for each
 * (none for PrimaWeb: POD MI's own software). A name typed for "other" is dropped when a listed choice is made.
 */
export function validateProviders(input: ScreenData, choices: ProviderChoices): Validation {
  const data = { ...input };
  if (data.networkProvider !== OTHER) data.networkProviderOther = '';
  if (data.softwareSupplier !== OTHER) data.softwareSupplierOther = '';
  const contact = { checks: [required, short] };
  const primaWeb = data.softwareSupplier === PRIMAWEB;
  const errors = collect(data, {
    networkProviderOther: data.networkProvider === OTHER ? { checks: [required, short] } : undefined,
    networkContactName: contact,
    networkContactEmail: { checks: [required, email] },
    networkContactPhone: { checks: [required, phone] },
    softwareSupplierOther: data.softwareSupplier === OTHER ? { checks: [required, short] } : undefined,
    softwareProduct: { checks: [short], optional: true },
    supplierContactName: { checks: [required, short], optional: primaWeb },
    supplierContactEmail: { checks: [required, email], optional: primaWeb },
    supplierContactPhone: { checks: [required, phone], optional: primaWeb },
  });
  if (![...choices.networkProviders, OTHER].includes(data.networkProvider)) errors.networkProvider = 'config.error.choose';
  if (![...choices.suppliers, PRIMAWEB, OTHER].includes(data.softwareSupplier)) errors.softwareSupplier = 'config.error.choose';
  return verdict(data, errors);
}

/** A website as typed ("www.ocmw.be", "https://…"): with https:// when no scheme was typed; null when it is no web address. */
export function normaliseWebsite(raw: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(url.hostname) || url.username || url.password) return null;
    return withScheme;
  } catch {
    return null;
  }
}

/**
 * Contactgegevens (portal.md §6.3, CFG-4): street and city in Dutch, French and German, a Belgian postal code
 * (1000–9999), phone and e-mail; website and opening hours optional.
 */
export function validateContact(input: ScreenData): Validation {
  const data = { ...input };
  const errors = collect(data, {
    ...Object.fromEntries(['street', 'city'].flatMap((f) => LANGUAGE_SUFFIXES.map((l) => [`${f}${l}`, { checks: [required, short] }]))),
    ...Object.fromEntries(LANGUAGE_SUFFIXES.map((l) => [`openingHours${l}`, { checks: [short], optional: true }])),
    postalCode: { checks: [required, (v) => (/^[1-9]\d{3}$/.test(v) ? null : 'config.error.postal_code')] },
    phone: { checks: [required, phone] },
    email: { checks: [required, email] },
  });
  if (data.website !== '') {
    const website = normaliseWebsite(data.website);
    if (website === null || website.length > MAX_TEXT) errors.website = 'config.error.website';
    else data.website = website;
  }
  return verdict(data, errors);
}

/** A whole number of days within bounds: a message for empty, not whole, or out of bounds. */
function days(bounds: { min: number; max: number }, rangeKey: string): Check {
  return (v) => {
    if (!/^-?\d+$/.test(v)) return 'config.error.whole_days';
    const n = Number(v);
    return n < bounds.min || n > bounds.max ? rangeKey : null;
  };
}

/**
 * OCMW Online (portal.md §6.4, CFG-5): notifications yes/no, with an e-mail address when yes; reminders yes/no, with
 * e-mail, term (1–60 days) and frequency (1–30 days) when yes. What belongs to a "no" is not kept.
 */
export function validateOnline(input: ScreenData): Validation {
  const data = { ...input };
  const yesNo: Check = (v) => (v === YES || v === NO ? null : 'config.error.yes_no');
  if (data.notifyOnNew === NO) data.notifyEmail = '';
  if (data.remindUnread === NO) {
    data.reminderEmail = '';
    data.reminderTermDays = '';
    data.reminderFrequencyDays = '';
  }
  const notify = data.notifyOnNew === YES;
  const remind = data.remindUnread === YES;
  const errors = collect(data, {
    notifyOnNew: { checks: [yesNo] },
    notifyEmail: notify ? { checks: [(v) => (v === '' ? 'config.error.notify_email_required' : null), email] } : undefined,
    remindUnread: { checks: [yesNo] },
    reminderEmail: remind ? { checks: [(v) => (v === '' ? 'config.error.reminder_email_required' : null), email] } : undefined,
    reminderTermDays: remind ? { checks: [(v) => (v === '' ? 'config.error.term_required' : null), days(TERM_BOUNDS, 'config.error.term_range')] } : undefined,
    reminderFrequencyDays: remind
      ? { checks: [(v) => (v === '' ? 'config.error.frequency_required' : null), days(FREQUENCY_BOUNDS, 'config.error.frequency_range')] }
      : undefined,
  });
  if (remind && !errors.reminderTermDays) data.reminderTermDays = String(Number(data.reminderTermDays));
  if (remind && !errors.reminderFrequencyDays) data.reminderFrequencyDays = String(Number(data.reminderFrequencyDays));
  return verdict(data, errors);
}

/**
 * "Stel deze waarde in voor alle talen": the value of one field in one language copied into the other two languages of
 * that field, on the page only (nothing is saved before "Bewaren"). `target` is e.g. `streetFr`.
 */
export function copyToAllLanguages(input: ScreenData, target: string): ScreenData {
  const match = /^(street|city|openingHours)(Nl|Fr|De)$/.exec(target);
  if (!match) return input;
  const field = match[1] as MultilingualField;
  if (!MULTILINGUAL_FIELDS.includes(field)) return input;
  const value = input[target] ?? '';
  return { ...input, ...Object.fromEntries(LANGUAGE_SUFFIXES.map((l) => [`${field}${l}`, value])) };
}

/** The fields whose saved value differs between two versions of a screen (the history's "old → new"). */
export function changedFields(before: ScreenData | null, after: ScreenData): Array<{ field: string; old: string; new: string }> {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return fields.filter((f) => (before?.[f] ?? '') !== (after[f] ?? '')).map((f) => ({ field: f, old: before?.[f] ?? '', new: after[f] ?? '' }));
}
