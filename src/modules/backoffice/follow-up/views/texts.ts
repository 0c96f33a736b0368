import type { CellState, RegionFilter } from '../follow-up.model.ts';

/** Texts that depend on a code, written out so every key stays a literal. */

export const STATE_LABELS: Record<CellState, string> = {
  not_started: 'bo.followup.state.not_started',
  in_progress: 'bo.followup.state.in_progress',
  ready: 'bo.followup.state.ready',
  chair_missing: 'bo.followup.state.chair_missing',
  director_missing: 'bo.followup.state.director_missing',
  submitted: 'bo.followup.state.submitted',
};

export const STATE_DEFINITIONS: Record<CellState, string> = {
  not_started: 'bo.followup.definition.not_started',
  in_progress: 'bo.followup.definition.in_progress',
  ready: 'bo.followup.definition.ready',
  chair_missing: 'bo.followup.definition.chair_missing',
  director_missing: 'bo.followup.definition.director_missing',
  submitted: 'bo.followup.definition.submitted',
};

export const REGION_LABELS: Record<RegionFilter, string> = {
  VLG: 'bo.followup.region.VLG',
  BRU: 'bo.followup.region.BRU',
  WAL: 'bo.followup.region.WAL',
  DG: 'bo.followup.region.DG',
};

export const LANGUAGE_LABELS = { nl: 'bo.followup.language.nl', fr: 'bo.followup.language.fr', de: 'bo.followup.language.de' } as const;

/** The calendar day (yyyy-mm-dd) of a moment in Belgium. */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });
export function belgianDay(date: Date | string): string {
  return dayFormat.format(new Date(date));
}
