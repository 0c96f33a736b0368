import type { ComputeContext, FormDefinition, InputField, Issue, RowValues, TableField, Value } from './definition.ts';
import { type RawInput, parseField, periodKeys } from './field-types.ts';

export interface Evaluation {
  values: Record<string, Value | null>;
  tables: Record<string, RowValues[]>;
  refs: Record<string, number | null>;
  computed: Record<string, number | null>;
  /** per table: per row, the row-computed values; and the column totals */
  rowComputed: Record<string, Array<Record<string, number | null>>>;
  totals: Record<string, Record<string, number>>;
  issues: Issue[];
  hasErrors: boolean;
}

export interface EvaluationInput {
  definition: FormDefinition;
  raw: RawInput;
  refs: Record<string, number | null>;
  params: Record<string, unknown>;
  reportYear: number;
}

function readInput(field: InputField, source: Record<string, string>, path: string, issues: Issue[]): Value | null {
  const [fromKey, toKey] = periodKeys(field.key);
  const parsed = field.type === 'period' ? parseField(field, source[fromKey], source[toKey]) : parseField(field, source[field.key]);
  if (!parsed.ok) {
    issues.push({ code: parsed.code, severity: 'error', path, params: parsed.params });
    return null;
  }
  if (parsed.value === null && field.required) issues.push({ code: 'issue.required', severity: 'error', path });
  return parsed.value;
}

function readTable(table: TableField, rows: Array<Record<string, string>>, issues: Issue[]): RowValues[] {
  if (rows.length < (table.minRows ?? 0)) issues.push({ code: 'issue.rows_missing', severity: 'error', path: table.key });
  if (rows.length > table.maxRows) {
    issues.push({ code: 'issue.too_many_rows', severity: 'error', path: table.key, params: { max: table.maxRows } });
  }
  return rows.slice(0, table.maxRows).map((row, index) => {
    const values: RowValues = {};
    for (const column of table.columns) values[column.key] = readInput(column, row, `${table.key}.${index}.${column.key}`, issues);
    return values;
  });
}

/**
 * The one validator and calculator for every definition: parses the raw input, checks types, ranges and
 * presence, computes derived values in declaration order, then runs the definition's cross-field rules.
 */
export function evaluate({ definition, raw, refs, params, reportYear }: EvaluationInput): Evaluation {
  const issues: Issue[] = [];
  const ctx: ComputeContext = { values: {}, tables: {}, refs: {}, computed: {}, params, reportYear };
  const rowComputed: Evaluation['rowComputed'] = {};
  const totals: Evaluation['totals'] = {};
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'input') ctx.values[item.key] = readInput(item, raw.fields, item.key, issues);
      else if (item.kind === 'ref') ctx.refs[item.key] = refs[item.key] ?? null;
      else if (item.kind === 'table') ctx.tables[item.key] = readTable(item, raw.tables[item.key] ?? [], issues);
    }
  }
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'table') {
        const perRow = ctx.tables[item.key].map((row) => {
          const out: Record<string, number | null> = {};
          for (const column of item.rowComputed ?? []) out[column.key] = column.compute(row, ctx);
          return out;
        });
        rowComputed[item.key] = perRow;
        totals[item.key] = Object.fromEntries(
          (item.totals ?? []).map((key) => [
            key,
            ctx.tables[item.key].reduce((sum, row, i) => sum + numeric(row[key] ?? perRow[i][key] ?? null), 0),
          ]),
        );
      } else if (item.kind === 'computed') {
        ctx.computed[item.key] = item.compute(ctx);
      }
    }
  }
  for (const rule of definition.rules ?? []) issues.push(...rule(ctx));
  return {
    values: ctx.values,
    tables: ctx.tables,
    refs: ctx.refs,
    computed: ctx.computed,
    rowComputed,
    totals,
    issues,
    hasErrors: issues.some((i) => i.severity === 'error'),
  };
}

function numeric(value: Value | null): number {
  return typeof value === 'number' ? value : 0;
}
