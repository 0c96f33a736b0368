import type { T } from '../../i18n/i18n.ts';
import { formatIsoDate, formatNumeric } from '../../i18n/format.ts';
import type { Language } from '../../i18n/language.ts';
import type { InputField, RefField, Value } from './definition.ts';

/** Display text of a parsed input value. */
export function formatValue(field: InputField, value: Value | null, t: T, lang: Language): string {
  if (value === null) return '—';
  if (typeof value === 'object') return `${formatIsoDate(value.from)} – ${formatIsoDate(value.to)}`;
  switch (field.type) {
    case 'money':
    case 'count':
    case 'fte':
    case 'percent':
      return formatNumeric(field.type, value as number, lang);
    case 'date':
      return formatIsoDate(value as string);
    case 'yesno':
      return value ? t('common.yes') : t('common.no');
    case 'enum':
      // Labels of named lists follow one pattern, so a value of a year's own list is labelled too.
      return field.enumName ? t(`enum.${field.enumName}.${value}`) : t(field.options?.find((o) => o.value === value)?.labelKey ?? String(value));
    default:
      return String(value);
  }
}

/** Display text of a value POD MI loaded: Ja/Nee for a flag, the meaning of an absent value where it has one. */
export function formatRef(item: RefField, value: number | null, t: T, lang: Language): string {
  if (value === null) return item.missingKey ? t(item.missingKey) : '—';
  if (item.display === 'yesno') return value ? t('common.yes') : t('common.no');
  return formatNumeric(item.type, value, lang);
}
