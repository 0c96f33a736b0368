import ExcelJS from 'exceljs';
import type { Language } from '../../db/types.ts';
import type { T } from '../../i18n/i18n.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { workbookTables } from './columns.ts';
import { INFO_SHEET, infoRows } from './info-sheet.ts';
import { addInstructionsSheet } from './instructions.ts';
import { ChoiceLists } from './list-sheet.ts';
import { addTableSheet } from './table-sheet.ts';

export interface WorkbookTemplateInput {
  definition: FormDefinition;
  measure: string;
  reportYear: number;
  templateVersion: number;
  /** the OCMW the workbook is for (written in its Info sheet); without it, a workbook any OCMW may upload */
  kbo?: string;
  /** campaign parameters (the year's enum lists) */
  params: Record<string, unknown>;
  lang: Language;
  t: T;
  /** raw rows per table already typed in the application, to prefill */
  rows?: Record<string, Array<Record<string, string>>>;
}

function addInfoSheet(workbook: ExcelJS.Workbook, input: WorkbookTemplateInput, headers: Record<string, string[]>): void {
  const sheet = workbook.addWorksheet(INFO_SHEET, { state: 'veryHidden' });
  const info = { measure: input.measure, reportYear: input.reportYear, templateVersion: input.templateVersion, language: input.lang, kbo: input.kbo, headers };
  for (const row of infoRows(info)) sheet.addRow(row);
}

/**
 * The measure's workbook (forms.md §2.7): instructions first, one sheet per workbook table, then the hidden
 * choice lists and the hidden Info sheet that ties the file to the measure, year and template version.
 */
export async function buildWorkbook(input: WorkbookTemplateInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Uniek Verslag';
  const tables = workbookTables(input.definition);
  addInstructionsSheet(workbook, input, tables);
  const lists = new ChoiceLists();
  const headers: Record<string, string[]> = {};
  for (const table of tables) {
    headers[table.workbookSheet] = addTableSheet(workbook, { table, params: input.params, t: input.t, rows: input.rows?.[table.key], lists });
  }
  lists.addSheet(workbook);
  addInfoSheet(workbook, input, headers);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
