import type { FormDefinition } from '../forms/definition.ts';
import { inputId } from '../forms/views/form-renderer.tsx';
import { recordsTable } from './form-input.ts';

/**
 * Where an issue of a records-table row is corrected: the member's own page, at the field (ADR 0042). Undefined for
 * any other path, and for the rows of a read-only (workbook) table.
 */
export function memberLink(base: string, definition: FormDefinition, path: string, readOnly: ReadonlySet<string>): string | undefined {
  const [key, row, column] = path.split('.');
  const table = recordsTable(definition, key);
  if (!table || readOnly.has(key) || row === undefined || !/^\d+$/.test(row)) return undefined;
  const field = column ?? table.columns[0]?.key;
  return `${base}/staff/${key}/${row}#${inputId(`${key}.${row}.${field}`)}`;
}
