import { parseMoney } from '../shared/money.ts';
import type { InputField, Value } from './definition.ts';

/** What the user typed, kept verbatim so that nothing is ever lost, even when invalid. */
export interface RawInput {
  fields: Record<string, string>;
  tables: Record<string, Array<Record<string, string>>>;
}

export type Parsed = { ok: true; value: Value | null } | { ok: false; code: string; params?: Record<string, number> };

const DATE_DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd/mm/yyyy (or yyyy-mm-dd) to an ISO date, rejecting impossible dates like 31/02. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  const dmy = DATE_DMY.exec(text);
  const iso = DATE_ISO.exec(text);
  const [y, m, d] = dmy ? [dmy[4], dmy[3], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const year = Number(y);
  if (year < 1900 || year > 2199) return null;
  const month = Number(m);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Decimal with at most 2 decimals as an integer number of hundredths (FTE 0,50 → 50; 12,5 % → 1250). */
function parseHundredths(raw: string): Parsed {
  const parsed = parseMoney(raw);
  if (parsed.ok) return { ok: true, value: parsed.cents };
  return { ok: false, code: parsed.error === 'decimals' ? 'issue.decimals' : 'issue.number_format' };
}

const MONEY_ERRORS: Record<string, string> = {
  format: 'issue.money_format',
  decimals: 'issue.decimals',
  negative: 'issue.negative',
  too_large: 'issue.too_large',
};

/** Parses one raw value of an input field; empty input is null (presence is checked separately). */
export function parseField(field: InputField, raw: string | undefined, rawTo?: string, options = field.options): Parsed {
  if (field.type === 'period') return parsePeriod(raw ?? '', rawTo ?? '');
  const text = (raw ?? '').normalize('NFC').trim();
  if (text === '') return { ok: true, value: null };
  switch (field.type) {
    case 'money': {
      const parsed = parseMoney(text, { allowNegative: field.allowNegative === true });
      return parsed.ok ? { ok: true, value: parsed.cents } : { ok: false, code: MONEY_ERRORS[parsed.error] ?? 'issue.money_format' };
    }
    case 'count':
      return /^\d{1,9}$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, code: 'issue.count_format' };
    case 'fte': {
      const parsed = parseHundredths(text);
      if (parsed.ok && ((parsed.value as number) <= 0 || (parsed.value as number) > 100)) return { ok: false, code: 'issue.fte_range' };
      return parsed;
    }
    case 'percent': {
      const parsed = parseHundredths(text);
      if (parsed.ok && (parsed.value as number) > 10000) return { ok: false, code: 'issue.percent_range' };
      return parsed;
    }
    case 'date': {
      const iso = parseDate(text);
      return iso ? { ok: true, value: iso } : { ok: false, code: 'issue.date_format' };
    }
    case 'text': {
      const max = field.maxLength ?? 250;
      return text.length <= max ? { ok: true, value: text } : { ok: false, code: 'issue.text_too_long', params: { max } };
    }
    case 'enum':
      return options?.some((o) => o.value === text) ? { ok: true, value: text } : { ok: false, code: 'issue.enum_invalid' };
    case 'yesno':
      return text === 'yes' || text === 'no' ? { ok: true, value: text === 'yes' } : { ok: false, code: 'issue.enum_invalid' };
  }
}

function parsePeriod(rawFrom: string, rawTo: string): Parsed {
  if (rawFrom.trim() === '' && rawTo.trim() === '') return { ok: true, value: null };
  const from = parseDate(rawFrom);
  const to = parseDate(rawTo);
  if (!from || !to) return { ok: false, code: 'issue.date_format' };
  if (from > to) return { ok: false, code: 'issue.period_order' };
  return { ok: true, value: { from, to } };
}

/** Raw keys of a period field: "<key>.from" and "<key>.to". */
export function periodKeys(key: string): [string, string] {
  return [`${key}.from`, `${key}.to`];
}
