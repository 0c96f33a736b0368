import type { T } from '../../i18n/i18n.ts';
import { type FormDefinition, type InputField, type TableField, tablesOf } from '../forms/definition.ts';
import { periodKeys } from '../forms/field-types.ts';

/** A table that is a sheet of the measure's workbook. */
export type WorkbookTable = TableField & { workbookSheet: string };

/** What a header cell shows: a column label, with "from"/"to" for the two cells of a period. */
export interface HeaderRef {
  labelKey: string;
  part: 'from' | 'to' | null;
}

/** One column of a sheet: a period field takes two columns (from, to). */
export interface SheetColumn {
  field: InputField;
  /** the key of the raw value: the column key, or `<key>.from` / `<key>.to` of a period */
  rawKey: string;
  header: HeaderRef;
  /** 1-based position, and the letter Excel shows */
  index: number;
  letter: string;
}

export function workbookTables(definition: FormDefinition): WorkbookTable[] {
  return tablesOf(definition).filter((table): table is WorkbookTable => typeof table.workbookSheet === 'string' && table.workbookSheet !== '');
}

/** The letters of a column: 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(index: number): string {
  let rest = index;
  let letters = '';
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = (rest - 1 - digit) / 26;
  }
  return letters;
}

function cells(field: InputField): Array<{ rawKey: string; part: HeaderRef['part'] }> {
  if (field.type !== 'period') return [{ rawKey: field.key, part: null }];
  const [from, to] = periodKeys(field.key);
  return [
    { rawKey: from, part: 'from' },
    { rawKey: to, part: 'to' },
  ];
}

export function sheetColumns(table: TableField): SheetColumn[] {
  const parts = table.columns.flatMap((field) => cells(field).map((cell) => ({ field, ...cell })));
  return parts.map(({ field, rawKey, part }, i) => ({ field, rawKey, header: { labelKey: field.labelKey, part }, index: i + 1, letter: columnLetter(i + 1) }));
}

/** The text of a header cell in one language. */
export function headerLabel(header: HeaderRef, t: T): string {
  const label = t(header.labelKey);
  if (header.part === 'from') return t('workbook.header.period_from', { label });
  if (header.part === 'to') return t('workbook.header.period_to', { label });
  return label;
}
