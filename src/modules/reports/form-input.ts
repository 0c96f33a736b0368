import type { EntryMode } from '../../db/types.ts';
import { type FormDefinition, type TableField, tablesOf } from '../forms/definition.ts';
import { isBlankRow } from '../forms/evaluate.ts';
import { type RawInput, periodKeys } from '../forms/field-types.ts';
import { cellName, fieldName } from '../forms/field-names.ts';
import { text } from '../shared/posted-text.ts';

/**
 * Reads the posted body into the raw input of a definition: only the definition's own input fields are
 * read, everything else posted (state, OCMW, references, computed values) is ignored.
 */
export function readRawInput(definition: FormDefinition, body: Record<string, unknown>, part?: string): RawInput {
  const raw: RawInput = { fields: {}, tables: {} };
  for (const section of definition.sections.filter((s) => !part || s.key === part)) {
    for (const item of section.items) {
      if (item.kind === 'input') {
        const keys = item.type === 'period' ? periodKeys(item.key) : [item.key];
        for (const key of keys) raw.fields[key] = text(body[fieldName(key)]);
      } else if (item.kind === 'table') {
        const rowCount = Math.min(Number.parseInt(text(body[`t.${item.key}.rows`]), 10) || 0, item.maxRows + 1);
        const rows: Array<Record<string, string>> = [];
        for (let i = 0; i < rowCount; i++) {
          const row: Record<string, string> = {};
          for (const column of item.columns) {
            const keys = column.type === 'period' ? periodKeys(column.key) : [column.key];
            for (const key of keys) row[key] = text(body[cellName(item.key, i, key)]);
          }
          rows.push(row);
        }
        raw.tables[item.key] = rows;
      }
    }
  }
  return raw;
}

/** Row actions of tables without JavaScript: "add:<table>" and "remove:<table>:<index>". */
export function applyRowAction(definition: FormDefinition, raw: RawInput, action: unknown): { raw: RawInput; anchor?: string } {
  if (typeof action !== 'string') return { raw };
  const [verb, table, index] = action.split(':');
  const def = definition.sections.flatMap((s) => s.items).find((i) => i.kind === 'table' && i.key === table);
  if (def?.kind !== 'table') return { raw };
  const rows = [...(raw.tables[table] ?? [])];
  if (verb === 'add' && rows.length < def.maxRows) {
    rows.push({});
    return { raw: { ...raw, tables: { ...raw.tables, [table]: rows } }, anchor: `row-${table}-${rows.length - 1}` };
  }
  const i = Number.parseInt(index ?? '', 10);
  if (verb === 'remove' && Number.isInteger(i) && i >= 0 && i < rows.length) {
    rows.splice(i, 1);
    return { raw: { ...raw, tables: { ...raw.tables, [table]: rows } }, anchor: `table-${table}` };
  }
  return { raw };
}

/**
 * "Opslaan" leaves out the rows in which nothing was typed (issue 14, item 1): a row added with "Rij toevoegen" and
 * never filled is not judged, and not kept once the person saves. How many were dropped, for the message.
 */
export function withoutBlankRows(definition: FormDefinition, raw: RawInput): { raw: RawInput; dropped: number } {
  let dropped = 0;
  const tables: RawInput['tables'] = {};
  for (const [key, rows] of Object.entries(raw.tables)) {
    const table = tablesOf(definition).find((t) => t.key === key);
    const kept = table ? rows.filter((row) => !isBlankRow(table, row)) : rows;
    dropped += rows.length - kept.length;
    tables[key] = kept;
  }
  return { raw: { ...raw, tables }, dropped };
}

export function emptyRawInput(): RawInput {
  return { fields: {}, tables: {} };
}

export function storedRawInput(stored: unknown): RawInput {
  const value = (stored ?? {}) as Partial<RawInput>;
  return { fields: value.fields ?? {}, tables: value.tables ?? {} };
}

/** Tables whose rows come from the uploaded workbook in WORKBOOK mode. */
export function workbookTables(definition: FormDefinition, entryMode: EntryMode): Set<string> {
  return new Set(
    entryMode === 'WORKBOOK'
      ? tablesOf(definition)
          .filter((t) => t.workbookSheet)
          .map((t) => t.key)
      : [],
  );
}

/**
 * The input a save writes: what was posted, merged into the stored input when only one part was posted;
 * rows of workbook tables always the stored ones in WORKBOOK mode (they change only by uploading a file).
 */
export function composeInput(definition: FormDefinition, stored: RawInput, posted: RawInput, scope: { part?: string; entryMode: EntryMode }): RawInput {
  const raw: RawInput = scope.part
    ? { fields: { ...stored.fields, ...posted.fields }, tables: { ...stored.tables, ...posted.tables } }
    : { fields: { ...posted.fields }, tables: { ...posted.tables } };
  for (const key of workbookTables(definition, scope.entryMode)) raw.tables[key] = stored.tables[key] ?? [];
  return raw;
}

/** The input with the rows of every workbook table replaced (missing ones emptied): an upload, or a wipe. */
export function withWorkbookRows(definition: FormDefinition, raw: RawInput, rows: Record<string, Array<Record<string, string>>>): RawInput {
  const tables = { ...raw.tables };
  for (const key of workbookTables(definition, 'WORKBOOK')) tables[key] = rows[key] ?? [];
  return { fields: raw.fields, tables };
}

/** How many rows the workbook tables hold (what a switch of entry mode wipes). */
export function workbookRowCount(definition: FormDefinition, raw: RawInput): number {
  return [...workbookTables(definition, 'WORKBOOK')].reduce((n, key) => n + (raw.tables[key]?.length ?? 0), 0);
}

/** The tables shown as one card per row and edited one row per page (ADR 0042). */
export function recordsTable(definition: FormDefinition, key: string): TableField | undefined {
  return tablesOf(definition).find((t) => t.key === key && t.layout === 'records');
}

/** The posted cells of one row of a table (a row's own page): the table's columns only, everything else ignored. */
export function readRow(table: TableField, body: Record<string, unknown>, index: number): Record<string, string> {
  const row: Record<string, string> = {};
  for (const column of table.columns) {
    for (const key of column.type === 'period' ? periodKeys(column.key) : [column.key]) row[key] = text(body[cellName(table.key, index, key)]);
  }
  return row;
}

/** A row of a table named in a URL: its index, or a new row. */
export type RowRef = number | 'new';

/** The input with one row of a table replaced, appended (index 'new') or removed (row null): a row's own save. */
export function withRow(raw: RawInput, table: string, index: RowRef, row: Record<string, string> | null): RawInput {
  const rows = [...(raw.tables[table] ?? [])];
  if (index === 'new') {
    if (row) rows.push(row);
  } else if (row) rows[index] = row;
  else rows.splice(index, 1);
  return { fields: raw.fields, tables: { ...raw.tables, [table]: rows } };
}

/** Where row `index` of the posted rows is after the blank rows before it are left out by "Opslaan". */
export function indexAfterBlankRows(table: TableField, posted: Array<Record<string, string>>, index: number): number {
  return index - posted.slice(0, index).filter((row) => isBlankRow(table, row)).length;
}

/**
 * Do two inputs hold the same values, whatever the order of their keys? An empty value and an absent one, an empty
 * table and an absent one, are the same: the engine reads them alike.
 */
export function sameInput(a: RawInput, b: RawInput): boolean {
  return stable(filled(a)) === stable(filled(b));
}

function filled(raw: RawInput): RawInput {
  const row = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  return {
    fields: row(raw.fields),
    tables: Object.fromEntries(
      Object.entries(raw.tables)
        .filter(([, rows]) => rows.length > 0)
        .map(([key, rows]) => [key, rows.map(row)]),
    ),
  };
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
