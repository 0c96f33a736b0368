import type { NumericType } from '../forms/definition.ts';
import { MAX_CENTS, parseMoney } from '../shared/money.ts';

/**
 * One cell of a reference-data file as the integer stored in reference_values: money in cents, counts as is,
 * FTE and percentages in hundredths. Text cells follow the Belgian notation (`1234,56`, `1.234,56`, `1234.56`);
 * numeric workbook cells are taken as they are, with at most two decimals. Never negative.
 */
export type ValueProblem = 'negative' | 'malformed_money' | 'malformed_count' | 'malformed_decimal' | 'too_large' | 'above_100';
export type ParsedValue = { ok: true; value: number } | { ok: false; problem: ValueProblem };

const MALFORMED: Record<NumericType, ValueProblem> = {
  money: 'malformed_money',
  count: 'malformed_count',
  fte: 'malformed_decimal',
  percent: 'malformed_decimal',
};

/** Largest value accepted for any type (10^13, the money limit: 100 billion euro). */
const MAX_VALUE = MAX_CENTS;

export function parseReferenceValue(type: NumericType, cell: string | number): ParsedValue {
  const parsed = typeof cell === 'number' ? fromNumber(type, cell) : fromText(type, cell.trim());
  if (!parsed.ok) return parsed;
  if (parsed.value > MAX_VALUE) return { ok: false, problem: 'too_large' };
  if (type === 'percent' && parsed.value > 10_000) return { ok: false, problem: 'above_100' };
  return parsed;
}

function fail(problem: ValueProblem): ParsedValue {
  return { ok: false, problem };
}

/** A numeric workbook cell: an integer for counts, at most two decimals otherwise (floating-point noise tolerated). */
function fromNumber(type: NumericType, n: number): ParsedValue {
  if (!Number.isFinite(n)) return fail(MALFORMED[type]);
  if (n < 0) return fail('negative');
  if (type === 'count') return Number.isInteger(n) ? { ok: true, value: n } : fail('malformed_count');
  const scaled = n * 100;
  const rounded = Math.round(scaled);
  if (Math.abs(scaled - rounded) > 1e-6 * Math.max(1, Math.abs(scaled))) return fail(MALFORMED[type]);
  return { ok: true, value: rounded };
}

const NEGATIVE = /^[-\u2212]\s*\d/;

function fromText(type: NumericType, s: string): ParsedValue {
  switch (type) {
    case 'money': {
      const money = parseMoney(s);
      if (money.ok) return { ok: true, value: money.cents };
      if (money.error === 'negative') return fail('negative');
      return fail(money.error === 'too_large' ? 'too_large' : 'malformed_money');
    }
    case 'count': {
      if (NEGATIVE.test(s)) return fail('negative');
      // Plain digits, or thousands grouped with dots or spaces as in `1.234` (never a decimal: counts are whole).
      if (!/^\d+$/.test(s) && !/^[1-9]\d{0,2}([. \u00A0\u202F]\d{3})+$/.test(s)) return fail('malformed_count');
      const value = Number(s.replace(/\D/g, ''));
      return Number.isSafeInteger(value) ? { ok: true, value } : fail('too_large');
    }
    case 'fte':
    case 'percent': {
      const text = type === 'percent' ? s.replace(/\s*%$/, '') : s;
      if (NEGATIVE.test(text)) return fail('negative');
      const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
      if (!match) return fail('malformed_decimal');
      const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
      return Number.isSafeInteger(value) ? { ok: true, value } : fail('too_large');
    }
  }
}
