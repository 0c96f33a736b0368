/**
 * Money as integer euro cents (JS safe integers). Parsing of Belgian user input, formatting for display,
 * and exact rational rounding. No floats are used for arithmetic.
 *
 * Parsing rules (parseMoney):
 * - Leading/trailing whitespace is ignored; one `€` is allowed before or after the amount (with or without a space).
 * - Spaces (U+0020, U+00A0 no-break, U+202F narrow no-break, U+2009 thin) may only be thousands separators.
 * - If both `.` and `,` occur, the LAST one is the decimal separator (it must occur once) and the other one is
 *   the thousands separator.
 * - A single `,` is always the decimal separator.
 * - A single `.` followed by exactly 3 digits, with no comma and no space grouping (`1.234`), is a THOUSANDS
 *   separator: `1.234` = 123400 cents. Any other single `.` is decimal (`1234.56`, `1.5`). Several dots without
 *   a comma (`1.234.567`) are thousands separators.
 * - Thousands groups: first group 1–3 digits without leading zero, then groups of exactly 3 digits.
 *   Only one kind of thousands separator per amount.
 * - Digits are required on both sides of a decimal separator (`,5` and `5,` are 'format').
 * - More than 2 decimals → 'decimals' (never rounded). Above 10^13 cents (in absolute value) → 'too_large'.
 * - A leading `-` or `−` (U+2212) → 'negative', unless `allowNegative` is set. `-0` parses as 0.
 * - Everything else (letters, exponents, `+`, `1,2,3`, `1..2`, empty) → 'format'.
 *
 * Formatting (formatMoney) uses a NORMAL space (U+0020) everywhere: as French thousands separator and between
 * the amount and `€`. This keeps output identical in HTML, CSV and PDF (the standard PDF fonts lack U+202F).
 */

export type MoneyParseError = 'format' | 'decimals' | 'negative' | 'too_large';
export type MoneyParseResult = { ok: true; cents: number } | { ok: false; error: MoneyParseError };
export type MoneyLang = 'nl' | 'fr' | 'de';

/** Largest accepted absolute amount in cents (10^13 cents = 100 billion euro). */
export const MAX_CENTS = 10_000_000_000_000;

const SPACES = /[ \u00A0\u202F\u2009]/g;
const SIGNS = ['-', '\u2212'];

export function parseMoney(raw: string, options: { allowNegative?: boolean } = {}): MoneyParseResult {
  let s = raw.trim();
  let negative = false;
  if (SIGNS.includes(s.charAt(0))) {
    negative = true;
    s = s.slice(1);
  }
  if (s.startsWith('€')) s = s.slice(1).trimStart();
  else if (s.endsWith('€')) s = s.slice(0, -1).trimEnd();
  if (!negative && SIGNS.includes(s.charAt(0))) {
    negative = true;
    s = s.slice(1);
  }
  s = s.replace(SPACES, ' ');
  if (!/^[0-9][0-9 .,]*$/.test(s)) return fail('format');

  const split = splitSeparators(s);
  if (!split) return fail('format');
  const [intPart, fracPart] = split;
  if (fracPart.length > 2) return fail('decimals');

  const cents = BigInt(intPart) * 100n + BigInt(fracPart.padEnd(2, '0'));
  if (negative && cents > 0n && !options.allowNegative) return fail('negative');
  if (cents > BigInt(MAX_CENTS)) return fail('too_large');
  const value = Number(cents);
  return { ok: true, cents: negative && value !== 0 ? -value : value };
}

/** Returns [integer digits, fraction digits] or null when the separators are not well-formed. */
function splitSeparators(s: string): [string, string] | null {
  const dots = count(s, '.');
  const commas = count(s, ',');
  const hasSpace = s.includes(' ');
  let dec: string | null = null;
  let thousands: string | null = hasSpace ? ' ' : null;

  if (dots > 0 && commas > 0) {
    if (hasSpace) return null;
    dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    thousands = dec === '.' ? ',' : '.';
    if (count(s, dec) !== 1) return null;
  } else if (commas > 0) {
    if (commas !== 1) return null;
    dec = ',';
  } else if (dots > 0) {
    if (hasSpace) {
      if (dots !== 1) return null;
      dec = '.';
    } else if (dots === 1 && !/\.\d{3}$/.test(s)) {
      dec = '.';
    } else {
      thousands = '.';
    }
  }

  const [intRaw, fracPart = ''] = dec ? s.split(dec) : [s];
  if (dec && !/^\d+$/.test(fracPart)) return null;
  if (!thousands) return /^\d+$/.test(intRaw) ? [intRaw, fracPart] : null;
  const groups = intRaw.split(thousands);
  const [first, ...rest] = groups;
  if (!/^[1-9]\d{0,2}$/.test(first) || !rest.every((g) => /^\d{3}$/.test(g))) return null;
  return [groups.join(''), fracPart];
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function fail(error: MoneyParseError): MoneyParseResult {
  return { ok: false, error };
}

/** `1.234,56 €` (nl, de) or `1 234,56 €` (fr, normal space); negative amounts get a leading `-`. */
export function formatMoney(cents: number, lang: MoneyLang): string {
  const { sign, euros, rest } = splitCents(cents);
  const grouped = euros.replace(/\B(?=(\d{3})+$)/g, lang === 'fr' ? ' ' : '.');
  return `${sign}${grouped},${rest} €`;
}

/** Value for an input field: `1234,56` (no grouping, no currency, always two decimals). */
export function formatMoneyInput(cents: number): string {
  const { sign, euros, rest } = splitCents(cents);
  return `${sign}${euros},${rest}`;
}

function splitCents(cents: number): { sign: string; euros: string; rest: string } {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an integer amount of cents: ${cents}`);
  const abs = Math.abs(cents);
  const remainder = abs % 100;
  return {
    sign: cents < 0 ? '-' : '',
    euros: String((abs - remainder) / 100),
    rest: String(remainder).padStart(2, '0'),
  };
}

/**
 * Exact numerator/denominator rounded to the nearest integer, halves away from zero
 * (e.g. cents × percent / 100: `roundHalfAwayFromZero(1234n * 15n, 100n)` = 185n).
 */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}
