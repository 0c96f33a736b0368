import type { Language } from '../../../db/types.ts';
import type { T } from '../../../i18n/i18n.ts';
import { formatValue } from '../../forms/format-value.ts';
import type { FormDefinition, InputField, NumericType, TableField, Value } from '../../forms/definition.ts';
import type { Evaluation } from '../../forms/evaluate.ts';

/**
 * What an export cell holds: text (neutralised when written), or a number kept as an integer with its scale
 * (cents and hundredths: 100) so that CSV and XLSX write it exactly.
 */
export type ExportCell = { text: string } | { int: number; scale: 1 | 100 } | null;

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

function inputCell(field: InputField, value: Value | null, t: T, lang: Language): ExportCell {
  if (value === null || value === undefined) return null;
  if (field.type === 'money' || field.type === 'count' || field.type === 'fte' || field.type === 'percent') return numeric(field.type, value);
  return { text: formatValue(field, value, t, lang) };
}

/** The summary's columns of a definition: every reference value, scalar input and computed value, in form order. */
export function summaryColumns(definition: FormDefinition, t: T, lang: Language): ExportColumn[] {
  const columns: ExportColumn[] = [];
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'ref') columns.push({ header: t(item.labelKey), numFmt: NUM_FMT[item.type], value: (e) => numeric(item.type, e.refs[item.key]) });
      else if (item.kind === 'computed')
        columns.push({ header: t(item.labelKey), numFmt: NUM_FMT[item.type], value: (e) => numeric(item.type, e.computed[item.key]) });
      else if (item.kind === 'input') {
        const numFmt = item.type in NUM_FMT ? NUM_FMT[item.type as NumericType] : undefined;
        columns.push({ header: t(item.labelKey), numFmt, value: (e) => inputCell(item, e.values[item.key] ?? null, t, lang) });
      }
    }
  }
  return columns;
}

/** The columns of one table: every input column, then every per-row computed column. */
export function tableColumns(table: TableField, t: T, lang: Language): RowColumn[] {
  return [
    ...table.columns.map((column) => ({
      header: t(column.labelKey),
      numFmt: column.type in NUM_FMT ? NUM_FMT[column.type as NumericType] : undefined,
      value: (row: Record<string, Value | null>) => inputCell(column, row[column.key] ?? null, t, lang),
    })),
    ...(table.rowComputed ?? []).map((column) => ({
      header: t(column.labelKey),
      numFmt: NUM_FMT[column.type],
      value: (_row: Record<string, Value | null>, computed: Record<string, number | null>) => numeric(column.type, computed[column.key]),
    })),
  ];
}
