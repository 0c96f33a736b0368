import { formatNumeric } from '../../i18n/format.ts';
import type { Language } from '../../i18n/language.ts';
import { type FormDefinition, type NumericType, tablesOf } from '../forms/definition.ts';
import { type Evaluation, evaluate, isBlankRow } from '../forms/evaluate.ts';
import { type RawInput, periodKeys } from '../forms/field-types.ts';
import { getDefinition } from '../forms/registry.ts';
import type { EntryMode } from '../shared/domain.ts';
import { composeInput, readRawInput, withoutBlankRows, workbookTables } from './form-input.ts';

/**
 * The figures of an edit page that follow the typing (issue 14, item 3; ADR 0039). The browser bundle
 * (src/client/form-figures.ts, built to public/js/form-figures.js) runs this file with the form engine: it reads the
 * posted fields exactly as a save does (readRawInput, withoutBlankRows, composeInput), evaluates them with the same
 * engine and formats each figure as the server renders it. No server code, no zod: this file and its imports are
 * what the bundle holds.
 */

/** What the edit page embeds for the bundle: the definition, the campaign's year and parameters, the OCMW's
 * reference values, and the stored input a save merges the posted part into. */
export interface FormFiguresData {
  measure: string;
  version: number;
  reportYear: number;
  lang: Language;
  params: Record<string, unknown>;
  refs: Record<string, number | null>;
  /** the stored input the page does not post (other parts; workbook rows): what composeInput keeps */
  stored: RawInput;
  part?: string;
  entryMode: EntryMode;
}

/** The texts of the figures, by what the renderer marks them with: data-computed, data-total, data-figure. */
export interface Figures {
  /** top-level computed fields by key; `negative`: the field's negative label applies (the value shown unsigned) */
  computed: Record<string, { text: string; negative: boolean }>;
  /** column totals by "table.column" */
  totals: Record<string, string>;
  /** row-computed cells by "table.row.column" (the row as numbered on the page) */
  cells: Record<string, string>;
}

/** Shown for a figure that cannot be computed from what is typed: never a number computed from half-read input. */
export const NOT_COMPUTABLE = '—';

export function formFiguresData(input: {
  definition: FormDefinition;
  reportYear: number;
  lang: Language;
  params: Record<string, unknown>;
  refs: Record<string, number | null>;
  raw: RawInput;
  part?: string;
  entryMode: EntryMode;
}): FormFiguresData {
  const { definition, raw, part, entryMode } = input;
  // Only what the page does not post: the page's own inputs are read from the form.
  const posted = new Set(definition.sections.filter((s) => !part || s.key === part).flatMap((s) => s.items.map((i) => i.key)));
  const workbook = workbookTables(definition, entryMode);
  const stored: RawInput = {
    fields: Object.fromEntries(Object.entries(raw.fields).filter(([key]) => !posted.has(key.replace(/\.(from|to)$/, '')))),
    tables: Object.fromEntries(Object.entries(raw.tables).filter(([key]) => !posted.has(key) || workbook.has(key))),
  };
  return {
    measure: definition.measure,
    version: definition.version,
    reportYear: input.reportYear,
    lang: input.lang,
    params: input.params,
    refs: input.refs,
    stored,
    part,
    entryMode,
  };
}

/**
 * The figures a save of the posted body would show: the body read as the save route reads it, blank rows left out,
 * merged into the stored input, evaluated. While a typed value cannot be read (a half-typed date, "12,345"), every
 * figure is not computable: figures may depend on any value, and a number that silently leaves one out is wrong.
 */
export function liveFigures(data: FormFiguresData, body: Record<string, unknown>): Figures {
  const definition = getDefinition(data.measure, data.version);
  const read = readRawInput(definition, body, data.part);
  const posted = withoutBlankRows(definition, read).raw;
  const raw = composeInput(definition, data.stored, posted, { part: data.part, entryMode: data.entryMode });
  const evaluation = evaluate({ definition, raw, refs: data.refs, params: data.params, reportYear: data.reportYear });
  const readable = everyTypedValueRead(definition, posted, evaluation);
  const text = (type: NumericType, value: number | null) => (readable ? formatNumeric(type, value, data.lang) : NOT_COMPUTABLE);
  const figures: Figures = { computed: {}, totals: {}, cells: {} };
  for (const item of definition.sections.flatMap((s) => s.items)) {
    if (item.kind !== 'computed') continue;
    const value = evaluation.computed[item.key] ?? null;
    const negative = readable && item.negativeLabelKey !== undefined && value !== null && value < 0;
    figures.computed[item.key] = { text: text(item.type, negative ? -(value as number) : value), negative };
  }
  for (const table of tablesOf(definition)) {
    const columns = [...table.columns, ...(table.rowComputed ?? [])];
    for (const key of table.totals ?? []) {
      const type = columns.find((c) => c.key === key)?.type as NumericType;
      figures.totals[`${table.key}.${key}`] = text(type, evaluation.totals[table.key]?.[key] ?? 0);
    }
    // Rows of the page: a blank row is left out by the save, so the evaluated rows are the others, in order.
    const rows = read.tables[table.key];
    if (!rows || !posted.tables[table.key] || workbookTables(definition, data.entryMode).has(table.key)) continue;
    let evaluated = 0;
    rows.forEach((row, index) => {
      const blank = isBlankRow(table, row);
      const computed = blank ? undefined : evaluation.rowComputed[table.key]?.[evaluated++];
      for (const column of table.rowComputed ?? []) {
        figures.cells[`${table.key}.${index}.${column.key}`] = computed ? text(column.type, computed[column.key] ?? null) : NOT_COMPUTABLE;
      }
    });
  }
  return figures;
}

/** Is every value typed on the page (non-empty) read by the engine? A value it refused evaluates as absent. */
function everyTypedValueRead(definition: FormDefinition, posted: RawInput, evaluation: Evaluation): boolean {
  const typed = (source: Record<string, string>, key: string, period: boolean) =>
    (period ? periodKeys(key) : [key]).some((k) => (source[k] ?? '').trim() !== '');
  for (const item of definition.sections.flatMap((s) => s.items)) {
    if (item.kind === 'input' && typed(posted.fields, item.key, item.type === 'period') && (evaluation.values[item.key] ?? null) === null) return false;
    if (item.kind !== 'table') continue;
    const rows = posted.tables[item.key] ?? [];
    const values = evaluation.tables[item.key] ?? [];
    if (rows.length > values.length) return false;
    for (const [index, row] of rows.entries()) {
      for (const column of item.columns) {
        if (typed(row, column.key, column.type === 'period') && (values[index]?.[column.key] ?? null) === null) return false;
      }
    }
  }
  return true;
}
