import type { FormDefinition } from '../forms/definition.ts';
import { isBlankRow } from '../forms/evaluate.ts';
import type { RawInput } from '../forms/field-types.ts';

/**
 * The tables typed in the application that switching to the workbook empties (the workbook's sheets), with the rows
 * typed in each — named on the confirmation page (issue 14, item 8). Tables without a typed row are left out.
 */
export function manualTablesToEmpty(definition: FormDefinition, raw: RawInput): Array<{ key: string; labelKey: string; rows: number }> {
  return definition.sections
    .flatMap((section) => section.items)
    .flatMap((item) => (item.kind === 'table' && item.workbookSheet ? [item] : []))
    .map((table) => ({ key: table.key, labelKey: table.labelKey, rows: (raw.tables[table.key] ?? []).filter((row) => !isBlankRow(table, row)).length }))
    .filter((table) => table.rows > 0);
}
