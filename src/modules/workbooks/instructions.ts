import type ExcelJS from 'exceljs';
import type { T } from '../../i18n/i18n.ts';
import { type FormDefinition, tablesOf } from '../forms/definition.ts';
import type { WorkbookTable } from './columns.ts';

export interface InstructionsInput {
  definition: FormDefinition;
  reportYear: number;
  templateVersion: number;
  t: T;
}

type Line = { text: string; style?: 'title' | 'heading' };

function sheetLines(tables: WorkbookTable[], t: T): Line[] {
  return tables.map((table) => ({ text: t('workbook.instructions.sheet_line', { sheet: table.workbookSheet, table: t(table.labelKey), max: table.maxRows }) }));
}

/** Tables that stay typed in the application in workbook mode (PSA staff costs). */
function inAppLines(input: InstructionsInput): Line[] {
  const others = tablesOf(input.definition).filter((table) => !table.workbookSheet);
  if (others.length === 0) return [];
  return [{ text: input.t('workbook.instructions.in_app', { tables: others.map((table) => input.t(table.labelKey)).join(', ') }) }];
}

function lines(input: InstructionsInput, tables: WorkbookTable[]): Line[] {
  const { t } = input;
  const measure = t(input.definition.titleKey);
  return [
    { text: t('workbook.instructions.title', { measure, year: input.reportYear }), style: 'title' },
    { text: t('workbook.instructions.intro') },
    { text: t('workbook.instructions.what_title'), style: 'heading' },
    ...sheetLines(tables, t),
    ...inAppLines(input),
    { text: t('workbook.instructions.how_title'), style: 'heading' },
    { text: t('workbook.instructions.rule_rows') },
    { text: t('workbook.instructions.rule_header') },
    { text: t('workbook.instructions.rule_values') },
    { text: t('workbook.instructions.rule_formats') },
    { text: t('workbook.instructions.upload_title'), style: 'heading' },
    { text: t('workbook.instructions.rule_upload') },
    { text: t('workbook.instructions.rule_one_way') },
    { text: t('workbook.instructions.rule_template', { measure, year: input.reportYear, version: input.templateVersion }) },
  ];
}

const FONTS: Record<NonNullable<Line['style']>, Partial<ExcelJS.Font>> = {
  title: { bold: true, size: 14 },
  heading: { bold: true, size: 12 },
};

/** The first, visible sheet: what to fill in and how, in the user's language. */
export function addInstructionsSheet(workbook: ExcelJS.Workbook, input: InstructionsInput, tables: WorkbookTable[]): void {
  const sheet = workbook.addWorksheet(input.t('workbook.instructions.sheet_name'));
  sheet.getColumn(1).width = 110;
  for (const line of lines(input, tables)) {
    if (line.style === 'heading') sheet.addRow([]);
    const row = sheet.addRow([line.text]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (line.style) row.getCell(1).font = FONTS[line.style];
  }
}
