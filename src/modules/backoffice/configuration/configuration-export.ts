import { formatDateTime } from '../../../i18n/format.ts';
import type { T } from '../../../i18n/i18n.ts';
import type { Language } from '../../../i18n/language.ts';
import { CONFIG_SCREENS, SCREEN_FIELDS, YES } from '../../ocmw-config/config-fields.ts';
import type { ConfigChoices } from '../../ocmw-config/config.model.ts';
import { SCREEN_KEYS } from '../../ocmw-config/views/config-texts.ts';
import { fieldLabel, valueText } from '../../ocmw-config/views/field-text.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import type { ConfigScreen } from '../../shared/domain.ts';
import { type OcmwConfiguration, savedCount } from './configuration-entries.ts';

/** A cell of the export: text (neutralised when written, cell-safety.ts), a whole number, or empty. */
export type Cell = string | number | null;

export interface ExportTable {
  headers: string[];
  rows: Cell[][];
}

const STATUS_KEYS: Record<OcmwConfiguration['status'], string> = {
  ACTIVE: 'bo.configuration.status.ACTIVE',
  DISAPPEARING: 'bo.configuration.status.DISAPPEARING',
};

/** The fields of a screen in the export's order: the catalogue's mutation types, or the screen's fixed fields. */
function fieldsOf(screen: ConfigScreen, choices: ConfigChoices): readonly string[] {
  return screen === 'MUTATIONS' ? choices.mutationTypes.map((m) => m.code) : SCREEN_FIELDS[screen];
}

/**
 * The export of the OCMWs' configuration (issue 18): one line per OCMW — KBO, NIS, name, status, whether it is a new
 * scenario-1 merged OCMW, how many screens it saved — then per screen the moment of its last save and the current
 * value of each field, as people read it (Ja/Nee, the supplier's and provider's names). A mutation type shows as the
 * dispatcher reads it: ticked until the OCMW saves it unticked (a screen never saved receives every type).
 */
export function configurationExport(configurations: OcmwConfiguration[], choices: ConfigChoices, t: T, lang: Language): ExportTable {
  const screenName = (screen: ConfigScreen) => t(SCREEN_KEYS[screen]);
  const headers = [
    t('bo.configuration.export.kbo'),
    t('bo.configuration.export.nis'),
    t('bo.configuration.export.name'),
    t('bo.configuration.export.status'),
    t('bo.configuration.export.new_merged'),
    t('bo.configuration.export.saved_screens'),
  ];
  for (const screen of CONFIG_SCREENS) {
    headers.push(t('bo.configuration.export.saved_at', { screen: screenName(screen) }));
    for (const field of fieldsOf(screen, choices))
      headers.push(t('bo.configuration.export.field', { screen: screenName(screen), field: fieldLabel(t, lang, screen, field, choices) }));
  }
  const rows = configurations.map((c) => {
    const cells: Cell[] = [c.kbo, c.nis, organisationName(c, lang), t(STATUS_KEYS[c.status]), c.newMerged ? t('common.yes') : t('common.no'), savedCount(c)];
    for (const screen of CONFIG_SCREENS) {
      const saved = c.screens[screen];
      cells.push(saved ? formatDateTime(saved.savedAt, lang) : null);
      for (const field of fieldsOf(screen, choices)) {
        const value = saved?.data[field] ?? (screen === 'MUTATIONS' ? YES : '');
        cells.push(value === '' ? null : valueText(t, lang, screen, field, value, choices));
      }
    }
    return cells;
  });
  return { headers, rows };
}
