import type { InputField } from '../forms/definition.ts';

/** What an Excel cell holds, as far as an upload is concerned. */
export type CellContent =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; number: number }
  | { kind: 'date'; date: Date }
  | { kind: 'boolean'; boolean: boolean }
  | { kind: 'formula' }
  | { kind: 'error'; error: string };

type RichText = { richText: Array<{ text?: string }> };

function isRichText(value: object): value is RichText {
  return Array.isArray((value as Partial<RichText>).richText);
}

function objectContent(value: object): CellContent {
  if ('formula' in value || 'sharedFormula' in value) return { kind: 'formula' };
  if ('error' in value) return { kind: 'error', error: String((value as { error: unknown }).error) };
  if (isRichText(value)) return { kind: 'text', text: value.richText.map((run) => run.text ?? '').join('') };
  // a hyperlink: its text (plain or rich)
  if ('text' in value) return cellContent((value as { text: unknown }).text);
  return { kind: 'error', error: '?' };
}

/** Classifies the value exceljs gives for a cell (rich text and hyperlinks become their text). */
export function cellContent(value: unknown): CellContent {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value.trim() };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', number: value } : { kind: 'error', error: String(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', boolean: value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', error: '#VALUE!' } : { kind: 'date', date: value };
  if (typeof value === 'object') return objectContent(value);
  return { kind: 'error', error: '?' };
}

/** A number as a Belgian decimal, without the noise of binary floating point: 1234.56 → "1234,56". */
export function decimalText(number: number): string {
  const exact = Number(number.toPrecision(15));
  let text = String(exact);
  if (/e-/i.test(text)) text = exact.toFixed(20).replace(/0+$/, '');
  return text.replace('.', ',');
}

/** An amount with at most two decimals gets exactly two (250 → "250,00"); more decimals stay, to be refused. */
function moneyText(number: number): string {
  const text = decimalText(number);
  const [whole, decimals = ''] = text.split(',');
  return /^-?\d+$/.test(whole) && decimals.length <= 2 ? `${whole},${decimals.padEnd(2, '0')}` : text;
}

/** dd/mm/yyyy of a date cell (exceljs gives dates at midnight UTC). */
export function dateText(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${day}/${month}/${date.getUTCFullYear()}`;
}

function numberText(number: number, field: InputField, numFmt: string | undefined): string {
  if (field.type === 'money') return moneyText(number);
  // a percentage typed as "50 %" is stored as 0,5: the form counts in percent
  if (field.type === 'percent' && numFmt?.includes('%')) return decimalText(number * 100);
  return decimalText(number);
}

function isChoice(field: InputField): boolean {
  return field.type === 'enum' || field.type === 'yesno';
}

/**
 * The raw text manual entry would give for a cell of this column: numbers as Belgian decimals, dates as
 * dd/mm/yyyy, list labels as their option value (`choose`), text as typed. Null for formulas and errors.
 */
export function rawText(content: CellContent, field: InputField, numFmt: string | undefined, choose: (text: string) => string): string | null {
  switch (content.kind) {
    case 'empty':
      return '';
    case 'text':
      return isChoice(field) ? choose(content.text) : content.text;
    case 'number':
      return isChoice(field) ? choose(decimalText(content.number)) : numberText(content.number, field, numFmt);
    case 'date':
      return dateText(content.date);
    case 'boolean':
      return content.boolean ? 'yes' : 'no';
    default:
      return null;
  }
}
