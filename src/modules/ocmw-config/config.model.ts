import type { ConfigScreen } from '../shared/domain.ts';
import type { ScreenData, ScreenErrors } from './config-fields.ts';

/** The view models of OCMW-configuratie: the service fills them, the views render them. */

export interface ConfigChoices {
  mutationTypes: Array<{ code: string; label_nl: string; label_fr: string; label_de: string; source: string }>;
  networkProviders: Array<{ code: string; name: string }>;
  suppliers: Array<{ kbo: string; name_nl: string; name_fr: string; name_de: string }>;
}

export interface Saved {
  at: Date;
  by: string;
}

/** One screen as last saved: its fields, the version read (0: never saved), who saved it when. */
export interface ConfigScreenState {
  screen: ConfigScreen;
  data: ScreenData;
  version: number;
  saved: Saved | null;
}

export interface ConfigOverview {
  screens: Array<{ screen: ConfigScreen; saved: Saved | null }>;
  /** a scenario-1 merged OCMW (new KBO): every screen must be filled (portal.md §6.5) */
  newMerged: boolean;
  canEdit: boolean;
}

export type ConfigSave =
  | { kind: 'saved'; changed: number }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; errors: ScreenErrors }
  /** someone saved the screen since it was read: their version, to show beside what was typed */
  | { kind: 'conflict'; theirs: ConfigScreenState };

export interface HistoryEntry {
  version: number;
  at: Date;
  by: string;
  changes: Array<{ field: string; old: string; new: string }>;
}
