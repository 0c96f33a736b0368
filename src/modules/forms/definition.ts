/**
 * The declarative form format. One definition per measure and version; a campaign (report year) names the
 * version it uses and carries the year's parameters. Renderer, validator, canonical hash and PDF writer
 * all work from this format only.
 */

export type InputType = 'money' | 'count' | 'fte' | 'percent' | 'date' | 'period' | 'text' | 'enum' | 'yesno';
export type NumericType = 'money' | 'count' | 'fte' | 'percent';

export interface InputField {
  kind: 'input';
  key: string;
  type: InputType;
  labelKey: string;
  hintKey?: string;
  required?: boolean;
  /** text: maximum length in characters */
  maxLength?: number;
  /** money: negative amounts allowed */
  allowNegative?: boolean;
  /** enum: closed list of options (the default list; see `enumName`) */
  options?: Array<{ value: string; labelKey: string }>;
  /**
   * enum: name of a list a campaign may redefine per year: `params.enums[enumName]` lists the values offered
   * that year (labels `enum.<enumName>.<value>`), replacing `options`.
   */
  enumName?: string;
  /** money, count, fte, percent: the value must be greater than 0 */
  positive?: boolean;
  /** count: smallest value allowed */
  min?: number;
  /** date, period: must lie within the subsidy period (params periodFrom/periodTo, else 1/1–31/12 of the report year) */
  inSubsidyPeriod?: boolean;
}

/** A value loaded by POD MI per OCMW (allocation, advance, counts): read-only for the OCMW. */
export interface RefField {
  kind: 'ref';
  key: string;
  type: NumericType;
  labelKey: string;
  hintKey?: string;
  /** a 0/1 flag shown as Ja/Nee (issue 14, item 6) */
  display?: 'yesno';
  /** what an absent value means, shown instead of a dash (e.g. "niet apart toegekend") */
  missingKey?: string;
}

/** A value derived from inputs, references and parameters; recomputed on every evaluation. */
export interface ComputedField {
  kind: 'computed';
  key: string;
  type: NumericType;
  labelKey: string;
  /** Label used instead when the value is negative (e.g. "to be repaid"); the absolute value is shown. */
  negativeLabelKey?: string;
  compute(ctx: ComputeContext): number | null;
}

/** Repeating rows (staff costs, expenses): input columns plus per-row computed columns. */
export interface TableField {
  kind: 'table';
  key: string;
  labelKey: string;
  columns: InputField[];
  rowComputed?: Array<Omit<ComputedField, 'compute' | 'kind'> & { compute(row: RowValues, ctx: ComputeContext): number | null }>;
  /** keys of numeric columns (input or row-computed) totalled under the table */
  totals?: string[];
  /** rules on one row (consistency between its columns); paths are completed with table and row */
  rowRules?: Array<(row: RowValues, computed: Record<string, number | null>, ctx: ComputeContext) => RowIssue[]>;
  minRows?: number;
  maxRows: number;
  /** the table is a sheet of the measure's workbook (Excel route): rows come from the upload in that mode */
  workbookSheet?: string;
  /** rows are staff members charged to the measure (checked across forms: G-STAFF-1) */
  staffRows?: boolean;
  /**
   * How the pages show the rows (ADR 0042): 'table' (the default) one line per row with its inputs; 'records' one
   * summary card per row, each row edited on a page of its own with its fields stacked — for wide tables (staff).
   */
  layout?: 'table' | 'records';
  /** records: the columns whose values name a row on its card and page (joined with a space) */
  titleColumns?: string[];
  /** records: the columns (input or row-computed) shown on a row's card in edit mode; every column in view mode */
  cardColumns?: string[];
}

/** An issue of one row: `column` is the column key (empty for the row as a whole). */
export interface RowIssue {
  code: string;
  severity: Severity;
  column?: string;
  params?: Record<string, string | number>;
}

export type FieldItem = InputField | RefField | ComputedField | TableField;

export interface Section {
  key: string;
  titleKey: string;
  introKey?: string;
  items: FieldItem[];
  /**
   * the settlement section only: the unused money is withheld from next year's allocation, never reclaimed (gas and
   * electricity fund, forms.md §4.2.6) — the form, the letter and the payment files say so
   */
  compensatedNextYear?: boolean;
  /**
   * the settlement section only: a reclaim comes with POD MI's letter and an invoice, the OCMW does not repay before it
   * (the Covid-era subsidies, forms.md §4.7 [V:S52]) — the form and the letter say so
   */
  reclaimByInvoice?: boolean;
}

export type Severity = 'error' | 'warning';

export interface Issue {
  /** i18n key of the message */
  code: string;
  severity: Severity;
  /** field path: "justifiedTotal", "rows.2.fte", or "" for the form as a whole */
  path: string;
  params?: Record<string, string | number>;
}

export type Value = number | string | boolean | { from: string; to: string };
export type RowValues = Record<string, Value | null>;

export interface ComputeContext {
  values: Record<string, Value | null>;
  tables: Record<string, RowValues[]>;
  refs: Record<string, number | null>;
  computed: Record<string, number | null>;
  /** per table: row-computed values, and totals of the columns listed in `totals` */
  rowComputed: Record<string, Array<Record<string, number | null>>>;
  totals: Record<string, Record<string, number>>;
  params: Record<string, unknown>;
  reportYear: number;
}

export interface FormDefinition {
  measure: string;
  version: number;
  titleKey: string;
  sections: Section[];
  /** Long forms are edited one section (part) at a time, with a summary of every part. */
  paged?: boolean;
  /** The measure can also be justified by uploading its workbook (forms.md §2.7); version of the template. */
  workbook?: { templateVersion: number };
  /** Cross-field rules, run after type validation and computation. */
  rules?: Array<(ctx: ComputeContext) => Issue[]>;
}

export function numberParam(params: Record<string, unknown>, key: string): number {
  const value = params[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`Campaign parameter ${key} is missing or not an integer`);
  }
  return value;
}

/** An optional integer parameter of the campaign (null when absent). */
export function optionalNumberParam(params: Record<string, unknown>, key: string): number | null {
  return params[key] === undefined || params[key] === null ? null : numberParam(params, key);
}

/** The subsidy period of the campaign: params periodFrom/periodTo (ISO dates), by default the report year. */
export function subsidyPeriod(ctx: Pick<ComputeContext, 'params' | 'reportYear'>): { from: string; to: string } {
  const from = typeof ctx.params.periodFrom === 'string' ? ctx.params.periodFrom : `${ctx.reportYear}-01-01`;
  const to = typeof ctx.params.periodTo === 'string' ? ctx.params.periodTo : `${ctx.reportYear}-12-31`;
  return { from, to };
}

/** The options of an enum field for a campaign: the year's list when the campaign sets one. */
export function enumOptions(field: InputField, params: Record<string, unknown>): Array<{ value: string; labelKey: string }> {
  const lists = params.enums as Record<string, unknown> | undefined;
  const values = field.enumName ? lists?.[field.enumName] : undefined;
  if (Array.isArray(values) && field.enumName) {
    return values.filter((v): v is string => typeof v === 'string').map((value) => ({ value, labelKey: `enum.${field.enumName}.${value}` }));
  }
  return field.options ?? [];
}

/** Options of a named enum list: labels `enum.<name>.<value>`. */
export function namedOptions(name: string, values: readonly string[]): Pick<InputField, 'enumName' | 'options'> {
  return { enumName: name, options: values.map((value) => ({ value, labelKey: `enum.${name}.${value}` })) };
}

/** Every table of a definition, in order. */
export function tablesOf(definition: FormDefinition): TableField[] {
  return definition.sections.flatMap((s) => s.items.filter((i): i is TableField => i.kind === 'table'));
}

/** The section holding a field or table: the first segment of an issue path names the item. */
export function sectionOf(definition: FormDefinition, path: string): Section | undefined {
  const key = path.split('.')[0];
  return definition.sections.find((s) => s.items.some((i) => i.key === key));
}

/** Sections the user types in (those with inputs or tables): the parts of a paged form. */
export function editableSections(definition: FormDefinition): Section[] {
  return definition.sections.filter((s) => s.items.some((i) => i.kind === 'input' || i.kind === 'table'));
}
