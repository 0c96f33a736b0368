import type { OrganisationStatus } from '../../shared/domain.ts';

/** The view models of POD MI's overview of the OCMWs' configuration (issue 18): the service fills them, the views render them. */

/** The list's page size (as the registry's). */
export const PAGE_SIZE = 50;

/** How far an OCMW filled its four screens: all four saved, or not (yet). */
export const STATES = ['complete', 'incomplete'] as const;
export type ConfigurationState = (typeof STATES)[number];

/** The list's search and filters, as read from the query string (an unknown value is no filter). */
export interface ConfigurationFilter {
  search: string;
  /** a supplier's KBO number, PRIMAWEB or OTHER (as the providers screen stores it); null: every OCMW */
  supplier: string | null;
  state: ConfigurationState | null;
  /** only the new OCMWs of a scenario-1 merger (new KBO, new NIS), who must fill every screen */
  newMerged: boolean;
  page: number;
}

/** A software supplier or network provider as the list shows it: a name of POD MI's lists, PrimaWeb, or "Andere" as the OCMW named it. */
export type ChoiceText = { kind: 'named'; name: string } | { kind: 'primaweb' } | { kind: 'other'; name: string };

export interface ConfigurationRow {
  kbo: string;
  nis: string | null;
  /** in the reader's language */
  name: string;
  status: OrganisationStatus;
  newMerged: boolean;
  /** how many of the four screens were saved at least once */
  savedScreens: number;
  supplier: ChoiceText | null;
  networkProvider: ChoiceText | null;
  /** the last "Bewaren" of any screen */
  lastSavedAt: Date | null;
}

export interface ConfigurationList {
  rows: ConfigurationRow[];
  total: number;
  page: number;
  pages: number;
  filter: ConfigurationFilter;
  /** the registry's software suppliers (the filter's choices besides PrimaWeb and "Andere"), by name */
  suppliers: Array<{ kbo: string; name: string }>;
}
