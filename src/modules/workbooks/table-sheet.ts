import type ExcelJS from 'exceljs';
import type { DataValidation } from 'exceljs';
import type { T } from '../../i18n/i18n.ts';
import type { InputType } from '../forms/definition.ts';
import { cellValue } from './cell-value.ts';
import { choiceLabels } from './choices.ts';
import { type SheetColumn, type WorkbookTable, headerLabel, sheetColumns } from './columns.ts';
import type { ChoiceLists } from './list-sheet.ts';

const FORMATS: Partial<Record<InputType, string>> = {
  money: '#,##0.00',
  date: 'dd/mm/yyyy',
  period: 'dd/mm/yyyy',
  text: '@',
  enum: '@',
  yesno: '@',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

export interface TableSheetInput {
  table: WorkbookTable;
  params: Record<string, unknown>;
  t: T;
  /** raw rows typed in the application, to prefill */
  rows?: Array<Record<string, string>>;
  lists: ChoiceLists;
}

function width(column: SheetColumn, header: string): number {
  const wide = column.field.type === 'text' && (column.field.maxLength ?? 250) > 100;
  return Math.min(Math.max(header.length + 2, wide ? 40 : 14), 40);
}

/** exceljs validates ranges through `dataValidations.add`, which its typings do not declare. */
function addValidation(sheet: ExcelJS.Worksheet, range: string, validation: DataValidation): void {
  (sheet as unknown as { dataValidations: { add(address: string, validation: DataValidation): void } }).dataValidations.add(range, validation);
}

function addListValidations(sheet: ExcelJS.Worksheet, columns: SheetColumn[], input: TableSheetInput): void {
  const lastRow = input.table.maxRows + 1;
  for (const column of columns) {
    const labels = choiceLabels(column.field, input.params, input.t);
    if (labels.length === 0) continue;
    addValidation(sheet, `${column.letter}2:${column.letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [input.lists.range(labels)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: input.t('workbook.validation.title'),
      error: input.t('workbook.validation.list'),
    });
  }
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.numFmt = 'General';
  });
}

function prefill(sheet: ExcelJS.Worksheet, columns: SheetColumn[], input: TableSheetInput): void {
  (input.rows ?? []).forEach((raw, i) => {
    const row = sheet.getRow(i + 2);
    for (const column of columns) row.getCell(column.index).value = cellValue(column.field, raw[column.rawKey], input.params, input.t);
  });
}

/**
 * One sheet per workbook table: a frozen header row of translated column titles, number and date formats,
 * choice lists, and the rows already typed in the application. Returns the header texts.
 */
export function addTableSheet(workbook: ExcelJS.Workbook, input: TableSheetInput): string[] {
  const columns = sheetColumns(input.table);
  const headers = columns.map((column) => headerLabel(column.header, input.t));
  const sheet = workbook.addWorksheet(input.table.workbookSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, i) => ({
    header: headers[i],
    key: column.rawKey,
    width: width(column, headers[i]),
    style: FORMATS[column.field.type] ? { numFmt: FORMATS[column.field.type] } : {},
  }));
  styleHeader(sheet);
  addListValidations(sheet, columns, input);
  prefill(sheet, columns, input);
  return headers;
}
