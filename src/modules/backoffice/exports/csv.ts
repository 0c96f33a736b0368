import { neutraliseCell } from './cell-safety.ts';

/**
 * CSV as Belgian spreadsheets open it: UTF-8 with a byte-order mark, `;` between fields, CRLF between lines,
 * fields quoted when they hold a separator, a quote or a line break; text cells neutralised (cell-safety.ts).
 */
export const CSV_BOM = '\uFEFF';

/**
 * Text the application itself wrote in a fixed format — an amount as Belgian decimal text ("-1234,56"), a
 * validated structured communication — written as is (never user data, so never neutralised).
 */
export interface Trusted {
  trusted: string;
}

export type CsvValue = string | number | null | Trusted;

export function csvField(value: CsvValue): string {
  if (value !== null && typeof value === 'object') return value.trusted;
  const safe = neutraliseCell(value);
  if (safe === null) return '';
  const text = String(safe);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: CsvValue[]): string {
  return `${values.map(csvField).join(';')}\r\n`;
}

/** Cents as a decimal amount with a comma and no thousands separator: 123456 → "1234,56", −5 → "-0,05". */
export function centsText(cents: number): Trusted {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return { trusted: `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}` };
}
