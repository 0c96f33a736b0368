import type { T } from '../../../i18n/i18n.ts';
import type { Language } from '../../../i18n/language.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import type { ConfigScreen } from '../../shared/domain.ts';
import { NO, OTHER, PRIMAWEB, YES } from '../config-fields.ts';
import type { ConfigChoices } from '../config.model.ts';
import { fieldKey } from './config-texts.ts';

/** The label of a field of a screen (a mutation type's field is the type itself). */
export function fieldLabel(t: T, lang: Language, screen: ConfigScreen, field: string, choices: ConfigChoices): string {
  if (screen === 'MUTATIONS') {
    const type = choices.mutationTypes.find((m) => m.code === field);
    return type ? organisationName({ name_nl: type.label_nl, name_fr: type.label_fr, name_de: type.label_de }, lang) : field;
  }
  return t(fieldKey(field));
}

/** A saved value as people read it: Ja/Nee, the provider's or supplier's name, "—" for nothing. */
export function valueText(t: T, lang: Language, screen: ConfigScreen, field: string, value: string, choices: ConfigChoices): string {
  if (value === '') return '—';
  if (value === YES) return screen === 'MUTATIONS' ? t('config.selected') : t('common.yes');
  if (value === NO) return screen === 'MUTATIONS' ? t('config.not_selected') : t('common.no');
  if (field === 'networkProvider') return value === OTHER ? t('config.other') : (choices.networkProviders.find((p) => p.code === value)?.name ?? value);
  if (field === 'softwareSupplier') {
    if (value === OTHER) return t('config.other');
    if (value === PRIMAWEB) return t('config.primaweb');
    const supplier = choices.suppliers.find((s) => s.kbo === value);
    return supplier ? organisationName(supplier, lang) : value;
  }
  return value;
}
