/**
 * The CSV writer of the bulk report: `;`, CRLF, a field quoted when it holds a separator, a quote or a line break,
 * and a text cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before reading a
 * formula) prefixed with an apostrophe so that Excel and LibreOffice show it as text.
 *
 * The same rules as backoffice/exports/csv.ts and cell-safety.ts, which this room cannot import: the back-office
 * exports import the reports, and the reports import the e-Box (homepage unread count), so an import from here
 * would close a cycle between rooms (scripts/check-imports.mjs). Once those two files move to modules/shared,
 * this file should go and bulk-report.ts import them.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | null;

export function csvField(value: CsvCell): string {
  if (value === null) return '';
  const text = typeof value === 'string' && DANGEROUS_START.test(value) ? `'${value}` : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: CsvCell[]): string {
  return `${values.map(csvField).join(';')}\r\n`;
}
