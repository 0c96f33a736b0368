/**
 * Validation, normalisation and formatting of Belgian/financial identifiers: IBAN, BIC, KBO enterprise number,
 * INSZ national number, e-mail and phone. Pure functions; `make*` helpers append check digits (demo/test data).
 */

/** Remainder mod 97 of a string of digits and/or letters (A=10 … Z=35), computed digit by digit. */
function mod97(value: string): number {
  let r = 0;
  for (const ch of value) {
    const n = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of n) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const stripSpaces = (raw: string): string => raw.replace(/\s/g, '');

// ---------------------------------------------------------------- IBAN

/** Removes all whitespace and uppercases. */
export function normaliseIban(raw: string): string {
  return stripSpaces(raw).toUpperCase();
}

/** Groups of four separated by single spaces: `BE68 5390 0754 7034`. */
export function formatIban(iban: string): string {
  return normaliseIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * `BE` + 14 digits, ISO 13616 mod-97 = 1, and the Belgian national check:
 * the last two BBAN digits equal the first ten mod 97 (97 when that is 0).
 */
export function isValidBelgianIban(raw: string): boolean {
  const iban = normaliseIban(raw);
  if (!/^BE\d{14}$/.test(iban)) return false;
  const bban = iban.slice(4);
  if (mod97(bban + iban.slice(0, 4)) !== 1) return false;
  return Number(bban.slice(10)) === (mod97(bban.slice(0, 10)) || 97);
}

/** Builds a valid Belgian IBAN from the first 10 BBAN digits (bank code + account number). */
export function makeBelgianIban(first10: string): string {
  if (!/^\d{10}$/.test(first10)) throw new RangeError('makeBelgianIban expects 10 digits');
  const bban = first10 + pad2(mod97(first10) || 97);
  return `BE${pad2(98 - mod97(`${bban}BE00`))}${bban}`;
}

// ---------------------------------------------------------------- BIC

/** Removes all whitespace (so `GEBA BE BB` becomes `GEBABEBB`) and uppercases. */
export function normaliseBic(raw: string): string {
  return stripSpaces(raw).toUpperCase();
}

/** ISO 9362: 4 letters (bank), 2 letters (country), 2 alphanumerics (location), optional 3 (branch). */
export function isValidBic(raw: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normaliseBic(raw));
}

/** Country code (characters 5–6) of a valid BIC, otherwise null. */
export function bicCountry(bic: string): string | null {
  return isValidBic(bic) ? normaliseBic(bic).slice(4, 6) : null;
}

/** True when the BIC is valid and its country equals the IBAN country (IBAN validity is not checked here). */
export function ibanBicConsistent(iban: string, bic: string): boolean {
  const ibanCountry = /^[A-Z]{2}/.exec(normaliseIban(iban))?.[0];
  return ibanCountry !== undefined && bicCountry(bic) === ibanCountry;
}

// ---------------------------------------------------------------- KBO (enterprise number)

function kboDigits(raw: string): string | null {
  const s = raw.trim();
  return /^\d{10}$/.test(s) || /^\d{4}\.\d{3}\.\d{3}$/.test(s) ? s.replace(/\./g, '') : null;
}

/** `0123.456.749` or `0123456749`: first digit 0 or 1, last two = 97 − (first eight mod 97). */
export function isValidKbo(raw: string): boolean {
  const d = kboDigits(raw);
  return d !== null && /^[01]/.test(d) && Number(d.slice(8)) === 97 - mod97(d.slice(0, 8));
}

/** `0123.456.749`; input that is not a 10-digit number is returned trimmed and unchanged. */
export function formatKbo(kbo: string): string {
  const d = kboDigits(kbo);
  return d === null ? kbo.trim() : `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}

/** Appends the check digits to the first eight digits (which must start with 0 or 1). */
export function makeKbo(first8: string): string {
  if (!/^[01]\d{7}$/.test(first8)) throw new RangeError('makeKbo expects 8 digits starting with 0 or 1');
  return first8 + pad2(97 - mod97(first8));
}

// ---------------------------------------------------------------- INSZ (national number)

function inszDigits(raw: string): string | null {
  const s = raw.trim();
  return /^\d{11}$/.test(s) || /^\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}$/.test(s) ? s.replace(/[.-]/g, '') : null;
}

/**
 * `85073003328` or `85.07.30-033.28`: last two = 97 − (first nine mod 97), or, for people born in 2000
 * or later, 97 − (('2' + first nine) mod 97). The birth date itself is not checked (bis numbers, unknown dates).
 */
export function isValidInsz(raw: string): boolean {
  const d = inszDigits(raw);
  if (d === null) return false;
  const check = Number(d.slice(9));
  const first9 = d.slice(0, 9);
  return check === 97 - mod97(first9) || check === 97 - mod97(`2${first9}`);
}

/** `85.07.30-033.28`; input that is not an 11-digit number is returned trimmed and unchanged. */
export function formatInsz(insz: string): string {
  const d = inszDigits(insz);
  if (d === null) return insz.trim();
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}

/**
 * The INSZ as lists, exports and audit trails show it (portal.md §2.2): the birth date part only, `85.07.30-***.**`.
 * One mask for the whole application: two masks hiding different digits would together reveal the number.
 */
export function maskInsz(insz: string): string {
  const d = inszDigits(insz);
  return d === null ? '***' : `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-***.**`;
}

/** Why a typed INSZ is refused (dots, dashes and spaces allowed), or null: empty, not 11 digits, wrong check digits. */
export function inszProblem(raw: string): 'required' | 'format' | 'checksum' | null {
  const compact = raw.replace(/[\s.-]/g, '');
  if (compact === '') return 'required';
  if (!/^\d{11}$/.test(compact)) return 'format';
  return isValidInsz(compact) ? null : 'checksum';
}

/** Appends the check digits to the first nine digits (yymmdd + sequence). */
export function makeInsz(first9: string, bornAfter2000 = false): string {
  if (!/^\d{9}$/.test(first9)) throw new RangeError('makeInsz expects 9 digits');
  return first9 + pad2(97 - mod97(bornAfter2000 ? `2${first9}` : first9));
}

// ---------------------------------------------------------------- contact data

/**
 * Pragmatic check (trimmed): max 254 chars, no whitespace, exactly one `@`, local part 1–64 chars,
 * domain of at least two non-empty dot-separated labels (letters, digits, hyphens; not at label edges).
 */
export function isValidEmail(raw: string): boolean {
  const s = raw.trim();
  if (s.length > 254 || /\s/.test(s)) return false;
  const parts = s.split('@');
  if (parts.length !== 2) return false;
  const [local, domain] = parts;
  if (local.length < 1 || local.length > 64) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(l));
}

/** Trimmed: only digits, spaces, `/`, `.`, `-` and a leading `+`; at least 9 digits; max 20 characters. */
export function isValidPhone(raw: string): boolean {
  const s = raw.trim();
  return s.length <= 20 && /^\+?[0-9 /.-]+$/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 9;
}
