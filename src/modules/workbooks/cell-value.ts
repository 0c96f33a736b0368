import type { CellValue } from 'exceljs';
import type { T } from '../../i18n/i18n.ts';
import type { InputField } from '../forms/definition.ts';
import { parseDate } from '../forms/field-types.ts';
import { parseMoney } from '../shared/money.ts';
import { choiceOptions } from './choices.ts';

function decimal(raw: string): number | null {
  const parsed = parseMoney(raw, { allowNegative: true });
  return parsed.ok ? parsed.cents / 100 : null;
}

function date(raw: string): Date | null {
  const iso = parseDate(raw);
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

function typed(field: InputField, raw: string, params: Record<string, unknown>, t: T): CellValue | null {
  switch (field.type) {
    case 'money':
    case 'fte':
    case 'percent':
      return decimal(raw);
    case 'count':
      return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
    case 'date':
    case 'period':
      return date(raw);
    case 'enum':
    case 'yesno': {
      const option = choiceOptions(field, params).find((o) => o.value === raw);
      return option ? t(option.labelKey) : null;
    }
    case 'text':
      return raw;
  }
}

/**
 * The cell for a raw value typed in the application (prefilled workbook): numbers and dates as real cells,
 * list values as their label; a value that does not parse is written as typed, so that nothing is lost.
 */
export function cellValue(field: InputField, raw: string | undefined, params: Record<string, unknown>, t: T): CellValue {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  return typed(field, text, params, t) ?? text;
}
