import { LANGUAGES, isLanguage, translator } from '../../i18n/i18n.ts';
import { choiceReader } from './choices.ts';
import { type WorkbookTable, headerLabel, sheetColumns } from './columns.ts';
import type { TemplateInfo } from './info-sheet.ts';
import type { SheetSpec } from './sheet-reader.ts';

const asTyped = (text: string) => text;

/**
 * How to read a table sheet of a template: its columns, the header texts accepted (those the template was
 * made with, so that a reworded label never refuses a workbook filled during the year, and the current
 * labels in every language), and the list readers of its enum and yes/no columns.
 */
export function sheetSpec(table: WorkbookTable, info: TemplateInfo, params: Record<string, unknown>): SheetSpec {
  const columns = sheetColumns(table);
  const t = translator(isLanguage(info.language) ? info.language : 'nl');
  const recorded = info.headers[table.workbookSheet];
  const current = LANGUAGES.map((lang) => columns.map((column) => headerLabel(column.header, translator(lang))));
  return {
    table,
    columns,
    headerOptions: recorded?.length === columns.length ? [recorded, ...current] : current,
    headers: recorded?.length === columns.length ? recorded : columns.map((column) => headerLabel(column.header, t)),
    choosers: columns.map((column) => (column.field.type === 'enum' || column.field.type === 'yesno' ? choiceReader(column.field, params) : asTyped)),
  };
}
