import {
  type ComputeContext,
  type FormDefinition,
  type InputField,
  type Issue,
  type RowValues,
  type TableField,
  type Value,
  enumOptions,
  subsidyPeriod,
} from './definition.ts';
import { type RawInput, parseField, periodKeys } from './field-types.ts';

/** What a form's evaluation holds: the context the computations ran in (without the campaign), and the issues. */
export type Evaluation = Omit<ComputeContext, 'params' | 'reportYear'> & {
  issues: Issue[];
  hasErrors: boolean;
  /** the OCMW entered something: a field with a value, or a table row with anything typed in it */
  entered: boolean;
};

export interface EvaluationInput {
  definition: FormDefinition;
  raw: RawInput;
  refs: Record<string, number | null>;
  params: Record<string, unknown>;
  reportYear: number;
}

/** Checks of a parsed value that depend on the field's constraints and on the campaign (ranges, period). */
function constraintIssue(field: InputField, value: Value, ctx: ComputeContext): Omit<Issue, 'path' | 'severity'> | null {
  if (typeof value === 'number') {
    if (field.positive && value <= 0) return { code: 'issue.must_be_positive' };
    if (field.min !== undefined && value < field.min) return { code: 'issue.count_min', params: { min: field.min } };
    return null;
  }
  if (field.inSubsidyPeriod && (field.type === 'date' || field.type === 'period')) {
    const period = subsidyPeriod(ctx);
    const [from, to] = typeof value === 'object' ? [value.from, value.to] : [String(value), String(value)];
    if (from < period.from || to > period.to) return { code: 'issue.outside_period', params: { fromDate: period.from, toDate: period.to } };
  }
  return null;
}

function readInput(field: InputField, source: Record<string, string>, path: string, issues: Issue[], ctx: ComputeContext): Value | null {
  const [fromKey, toKey] = periodKeys(field.key);
  const options = field.type === 'enum' ? enumOptions(field, ctx.params) : undefined;
  const parsed = field.type === 'period' ? parseField(field, source[fromKey], source[toKey]) : parseField(field, source[field.key], undefined, options);
  if (!parsed.ok) {
    issues.push({ code: parsed.code, severity: 'error', path, params: parsed.params });
    return null;
  }
  if (parsed.value === null) {
    if (field.required) issues.push({ code: 'issue.required', severity: 'error', path });
    return null;
  }
  const problem = constraintIssue(field, parsed.value, ctx);
  if (problem) {
    issues.push({ ...problem, severity: 'error', path });
    return null;
  }
  return parsed.value;
}

/**
 * A row whose every input cell is empty: just added, never typed in. It is not judged (no "required" messages, no row
 * rules) and does not count towards the table's minimum; a save without a row action drops it (`withoutBlankRows`).
 */
export function isBlankRow(table: TableField, row: Record<string, string> | undefined): boolean {
  if (!row) return true;
  return table.columns.every((column) => (column.type === 'period' ? periodKeys(column.key) : [column.key]).every((key) => (row[key] ?? '').trim() === ''));
}

function readTable(table: TableField, rows: Array<Record<string, string>>, issues: Issue[], ctx: ComputeContext): RowValues[] {
  const filled = rows.filter((row) => !isBlankRow(table, row)).length;
  if (filled < (table.minRows ?? 0)) issues.push({ code: 'issue.rows_missing', severity: 'error', path: table.key });
  if (rows.length > table.maxRows) {
    issues.push({ code: 'issue.too_many_rows', severity: 'error', path: table.key, params: { max: table.maxRows } });
  }
  return rows.slice(0, table.maxRows).map((row, index) => {
    const values: RowValues = {};
    // a blank row's messages go nowhere: it has nothing to judge yet
    const rowIssues: Issue[] = isBlankRow(table, row) ? [] : issues;
    for (const column of table.columns) values[column.key] = readInput(column, row, `${table.key}.${index}.${column.key}`, rowIssues, ctx);
    return values;
  });
}

function computeTable(table: TableField, ctx: ComputeContext, issues: Issue[], rawRows: Array<Record<string, string>>): void {
  const rows = ctx.tables[table.key];
  const perRow = rows.map((row) => {
    const out: Record<string, number | null> = {};
    for (const column of table.rowComputed ?? []) out[column.key] = column.compute(row, ctx);
    return out;
  });
  ctx.rowComputed[table.key] = perRow;
  ctx.totals[table.key] = Object.fromEntries(
    (table.totals ?? []).map((key) => [key, rows.reduce((sum, row, i) => sum + numeric(row[key] ?? perRow[i][key] ?? null), 0)]),
  );
  for (const rule of table.rowRules ?? []) {
    rows.forEach((row, index) => {
      if (isBlankRow(table, rawRows[index])) return;
      for (const found of rule(row, perRow[index], ctx)) {
        issues.push({
          code: found.code,
          severity: found.severity,
          path: found.column ? `${table.key}.${index}.${found.column}` : `${table.key}.${index}`,
          params: found.params,
        });
      }
    });
  }
}

/**
 * The one validator and calculator for every definition: parses the raw input, checks types, ranges,
 * periods and presence, computes derived values in declaration order (tables: row values, totals and row
 * rules), then runs the definition's cross-field rules.
 */
export function evaluate({ definition, raw, refs, params, reportYear }: EvaluationInput): Evaluation {
  const issues: Issue[] = [];
  const ctx: ComputeContext = { values: {}, tables: {}, refs: {}, computed: {}, rowComputed: {}, totals: {}, params, reportYear };
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'input') ctx.values[item.key] = readInput(item, raw.fields, item.key, issues, ctx);
      else if (item.kind === 'ref') ctx.refs[item.key] = refs[item.key] ?? null;
      else if (item.kind === 'table') ctx.tables[item.key] = readTable(item, raw.tables[item.key] ?? [], issues, ctx);
    }
  }
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'table') computeTable(item, ctx, issues, raw.tables[item.key] ?? []);
      else if (item.kind === 'computed') ctx.computed[item.key] = item.compute(ctx);
    }
  }
  for (const rule of definition.rules ?? []) issues.push(...rule(ctx));
  const { params: _params, reportYear: _year, ...results } = ctx;
  return { ...results, issues, hasErrors: issues.some((i) => i.severity === 'error'), entered: somethingEntered(definition, raw, ctx) };
}

/**
 * What the OCMW's own pages show (issue 14, item 5: no alarms on a blank form): the warnings of a form nothing was
 * entered in (an advance to reclaim, money left unused, FTE below the entitlement) wait until something is; errors
 * stay. POD MI's pages, the settlement and the exports read the whole evaluation.
 */
export function heldAlarms(evaluation: Evaluation): Evaluation {
  return evaluation.entered ? evaluation : { ...evaluation, issues: evaluation.issues.filter((i) => i.severity !== 'warning') };
}

/** Has the OCMW entered anything: a field with a value, or a table row with anything typed in it? */
function somethingEntered(definition: FormDefinition, raw: RawInput, ctx: ComputeContext): boolean {
  if (Object.values(ctx.values).some((v) => v !== null && v !== false)) return true;
  return definition.sections.some((section) =>
    section.items.some((item) => item.kind === 'table' && (raw.tables[item.key] ?? []).some((row) => !isBlankRow(item, row))),
  );
}

function numeric(value: Value | null): number {
  return typeof value === 'number' ? value : 0;
}
