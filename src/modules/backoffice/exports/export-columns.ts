import type { Language } from '../../../db/types.ts';
import type { T } from '../../../i18n/i18n.ts';
import { formatValue } from '../../forms/format-value.ts';
import type { FormDefinition, InputField, NumericType, TableField, Value } from '../../forms/definition.ts';
import type { Evaluation } from '../../forms/evaluate.ts';

/**
 * What an export cell holds: text (neutralised when written), a number kept as an integer with its scale (cents and
 * hundredths: 100) so that CSV and XLSX write it exactly, a calendar day (ISO yyyy-mm-dd) or a moment: XLSX writes
 * the last two as real date cells (ADR 0041), CSV as Belgian dates.
 */
export type ExportCell = { text: string } | { int: number; scale: 1 | 100 } | { day: string } | { at: Date } | null;

/** XLSX number formats of dates: a day, a moment (Belgian time). */
export const DAY_FMT = 'dd/mm/yyyy';
export const MOMENT_FMT = 'dd/mm/yyyy hh:mm';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One column of an export: its header (in the user's language) and how to read it from an evaluated form. */
export interface ExportColumn {
  header: string;
  /** XLSX number format of numeric columns */
  numFmt?: string;
  value(evaluation: Evaluation): ExportCell;
}

export interface RowColumn {
  header: string;
  numFmt?: string;
  value(row: Record<string, Value | null>, computed: Record<string, number | null>): ExportCell;
}

const NUM_FMT: Record<NumericType, string> = { money: '#,##0.00', count: '0', fte: '0.00', percent: '0.00' };

function numeric(type: NumericType, value: unknown): ExportCell {
  if (typeof value !== 'number') return null;
  return { int: value, scale: type === 'count' ? 1 : 100 };
}

/** A day of a date or period field: a date cell when it is an ISO day, else (never expected) its text. */
function dayCell(value: unknown): ExportCell {
  if (typeof value !== 'string' || value === '') return null;
  return ISO_DAY.test(value) ? { day: value } : { text: value };
}

function inputCell(field: InputField, value: Value | null, t: T, lang: Language): ExportCell {
  if (value === null || value === undefined) return null;
  if (field.type === 'money' || field.type === 'count' || field.type === 'fte' || field.type === 'percent') return numeric(field.type, value);
  if (field.type === 'date') return dayCell(value);
  return { text: formatValue(field, value, t, lang) };
}

/** One end of a period value (from/to): a period is exported as two date columns. */
function periodEnd(value: Value | null | undefined, end: 'from' | 'to'): ExportCell {
  return value !== null && typeof value === 'object' ? dayCell(value[end]) : null;
}

/** The headers of a period's two columns: "label — from", "label — to" in the user's language. */
function periodHeaders(label: string, t: T): [string, string] {
  return [t('bo.exports.col.period_from', { label }), t('bo.exports.col.period_to', { label })];
}

/** The summary's columns of a definition: every reference value, scalar input and computed value, in form order. */
export function summaryColumns(definition: FormDefinition, t: T, lang: Language): ExportColumn[] {
  const columns: ExportColumn[] = [];
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'ref') columns.push({ header: t(item.labelKey), numFmt: NUM_FMT[item.type], value: (e) => numeric(item.type, e.refs[item.key]) });
      else if (item.kind === 'computed')
        columns.push({ header: t(item.labelKey), numFmt: NUM_FMT[item.type], value: (e) => numeric(item.type, e.computed[item.key]) });
      else if (item.kind === 'input' && item.type === 'period') {
        const [from, to] = periodHeaders(t(item.labelKey), t);
        columns.push({ header: from, numFmt: DAY_FMT, value: (e) => periodEnd(e.values[item.key], 'from') });
        columns.push({ header: to, numFmt: DAY_FMT, value: (e) => periodEnd(e.values[item.key], 'to') });
      } else if (item.kind === 'input') {
        const numFmt = item.type === 'date' ? DAY_FMT : item.type in NUM_FMT ? NUM_FMT[item.type as NumericType] : undefined;
        columns.push({ header: t(item.labelKey), numFmt, value: (e) => inputCell(item, e.values[item.key] ?? null, t, lang) });
      }
    }
  }
  return columns;
}

/** The column(s) of one input column of a table: two for a period (from, to), else one. */
function inputColumns(column: InputField, t: T, lang: Language): RowColumn[] {
  if (column.type === 'period') {
    const [from, to] = periodHeaders(t(column.labelKey), t);
    return [
      { header: from, numFmt: DAY_FMT, value: (row) => periodEnd(row[column.key], 'from') },
      { header: to, numFmt: DAY_FMT, value: (row) => periodEnd(row[column.key], 'to') },
    ];
  }
  const numFmt = column.type === 'date' ? DAY_FMT : column.type in NUM_FMT ? NUM_FMT[column.type as NumericType] : undefined;
  return [{ header: t(column.labelKey), numFmt, value: (row) => inputCell(column, row[column.key] ?? null, t, lang) }];
}

/** The columns of one table: every input column (a period as two), then every per-row computed column. */
export function tableColumns(table: TableField, t: T, lang: Language): RowColumn[] {
  return [
    ...table.columns.flatMap((column) => inputColumns(column, t, lang)),
    ...(table.rowComputed ?? []).map((column) => ({
      header: t(column.labelKey),
      numFmt: NUM_FMT[column.type],
      value: (_row: Record<string, Value | null>, computed: Record<string, number | null>) => numeric(column.type, computed[column.key]),
    })),
  ];
}
