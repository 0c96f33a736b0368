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
  /** enum: closed list of options */
  options?: Array<{ value: string; labelKey: string }>;
}

/** A value loaded by POD MI per OCMW (allocation, advance, counts): read-only for the OCMW. */
export interface RefField {
  kind: 'ref';
  key: string;
  type: NumericType;
  labelKey: string;
  hintKey?: string;
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
  minRows?: number;
  maxRows: number;
}

export type FieldItem = InputField | RefField | ComputedField | TableField;

export interface Section {
  key: string;
  titleKey: string;
  introKey?: string;
  items: FieldItem[];
}

export type Severity = 'error' | 'warning';

export interface Issue {
  /** i18n key of the message */
  code: string;
  severity: Severity;
  /** field path: "justifiedTotal", "staff.2.fte", or "" for the form as a whole */
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
  params: Record<string, unknown>;
  reportYear: number;
}

export interface FormDefinition {
  measure: string;
  version: number;
  titleKey: string;
  sections: Section[];
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
