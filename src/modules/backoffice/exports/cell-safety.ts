/**
 * Spreadsheet formula injection (CSV/XLSX exports and payment files): a text cell that starts with = + - @
 * (or with a tab or carriage return, which some spreadsheets skip before reading a formula) is prefixed with an
 * apostrophe, so that Excel and LibreOffice show it as text. Numbers stay numbers; null stays empty.
 * The one neutralisation function of every export (architecture §6: formulas from user data [0]).
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function neutraliseText(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

export function neutraliseCell<V extends string | number | null>(value: V): V {
  return (typeof value === 'string' ? neutraliseText(value) : value) as V;
}
