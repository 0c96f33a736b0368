import type { Language } from './language.ts';
import type { T } from './i18n.ts';
import { formatMoney } from '../modules/shared/money.ts';

const TIME_ZONE = 'Europe/Brussels';

/** The kinds of number a form holds: cents, a count, hundredths of an FTE or of a percent. */
export type NumberKind = 'money' | 'count' | 'fte' | 'percent';

/** Intl formatters are expensive to build: one per language and pattern, built on first use. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(`${lang}-BE`, {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(date: Date | string, lang: Language): string {
  return formatter(lang, false).format(new Date(date));
}

export function formatDateTime(date: Date | string, lang: Language): string {
  return formatter(lang, true).format(new Date(date));
}

/** ISO date (yyyy-mm-dd) as dd/mm/yyyy, without time-zone arithmetic. */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function hundredths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export function formatNumeric(type: NumberKind, value: number | null, lang: Language): string {
  if (value === null) return '—';
  switch (type) {
    case 'money':
      return formatMoney(value, lang);
    case 'count':
      return String(value);
    case 'fte':
      return hundredths(value);
    case 'percent':
      return `${hundredths(value)} %`;
  }
}

/**
 * Issue parameters by name suffix: "…Cents" amounts, "…Hundredths" FTE or percent (2 decimals), "…Date" ISO
 * dates, "measures" a comma-separated list of measure codes shown by their titles.
 */
export function formatIssueParams(params: Record<string, string | number> | undefined, lang: Language, t: T): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([k, v]) => {
      if (k === 'measures')
        return [
          k,
          String(v)
            .split(',')
            .map((m) => t(`measure.${m}`))
            .join(', '),
        ];
      if (k.endsWith('Cents') && typeof v === 'number') return [k, formatMoney(v, lang)];
      if (k.endsWith('Hundredths') && typeof v === 'number') return [k, hundredths(v)];
      if (k.endsWith('Date') && typeof v === 'string') return [k, formatIsoDate(v)];
      return [k, String(v)];
    }),
  );
}
