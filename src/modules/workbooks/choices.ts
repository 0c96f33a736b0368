import { LANGUAGES, type T, translator } from '../../i18n/i18n.ts';
import { type InputField, enumOptions } from '../forms/definition.ts';

export type Option = { value: string; labelKey: string };

const YES_NO: Option[] = [
  { value: 'yes', labelKey: 'common.yes' },
  { value: 'no', labelKey: 'common.no' },
];

/** The options of a column with a closed list (enum, yes/no); empty for other columns. */
export function choiceOptions(field: InputField, params: Record<string, unknown>): Option[] {
  if (field.type === 'yesno') return YES_NO;
  if (field.type === 'enum') return enumOptions(field, params);
  return [];
}

export function choiceLabels(field: InputField, params: Record<string, unknown>, t: T): string[] {
  return choiceOptions(field, params).map((option) => t(option.labelKey));
}

/** Case, accents and spacing do not matter when a label is recognised. */
export function loose(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Turns what a cell shows into the option value manual entry stores: the value itself, or its label in
 * Dutch, French or German. Anything else is returned as typed, so that the evaluator reports it.
 */
export function choiceReader(field: InputField, params: Record<string, unknown>): (text: string) => string {
  const options = choiceOptions(field, params);
  const byText = new Map<string, string>();
  for (const option of options) byText.set(loose(option.value), option.value);
  for (const lang of LANGUAGES) {
    const t = translator(lang);
    for (const option of options) if (!byText.has(loose(t(option.labelKey)))) byText.set(loose(t(option.labelKey)), option.value);
  }
  return (text) => byText.get(loose(text)) ?? text;
}
