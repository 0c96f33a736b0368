import type { Language } from '../../../i18n/language.ts';
import type { listYearCampaigns } from './follow-up.repository.ts';
import type { getBackofficeForm } from './form-view.service.ts';

/** What the follow-up's pages show: the repository fills it, the service assembles it, the views render it. */

export type RegionFilter = 'VLG' | 'BRU' | 'WAL' | 'DG';

export interface OcmwFilter {
  /** DG: the German-speaking community (OCMWs administered in German, in Wallonia) */
  region: RegionFilter | null;
  province: string | null;
  language: Language | null;
}

/** The state of one OCMW's form of one campaign, as the follow-up counts it (definitions on the dashboard). */
export type CellState = 'not_started' | 'in_progress' | 'ready' | 'chair_missing' | 'director_missing' | 'submitted';

export const CELL_STATES: CellState[] = ['not_started', 'in_progress', 'ready', 'chair_missing', 'director_missing', 'submitted'];

/**
 * What a count of the dashboard counts, as a filter of the OCMW list: a state, or one of the two flags counted beside
 * the states (late, correction pending). Each dashboard count links to the list filtered on its measure and this.
 */
export type FormStateFilter = CellState | 'late' | 'correction';

export const FORM_STATE_FILTERS = [
  'not_started',
  'in_progress',
  'ready',
  'chair_missing',
  'director_missing',
  'submitted',
  'late',
  'correction',
] as const satisfies readonly FormStateFilter[];

/** The OCMW list's filter on the state of one form of the year: the campaign (a measure of the year) and the state. */
export interface FormFilter {
  campaignId: string;
  measure: string;
  state: FormStateFilter;
}

export type OcmwSort = 'name' | 'kbo' | 'nis' | 'submitted';

export interface Cell {
  campaign_id: string;
  organisation_id: string;
  instance_id: string | null;
  state: CellState;
  late: boolean;
  correction: boolean;
  accepted: boolean;
}

export type YearCampaign = Awaited<ReturnType<typeof listYearCampaigns>>[number];

export interface MeasureCounts {
  campaign: YearCampaign;
  byState: Record<CellState, number>;
  late: number;
  corrections: number;
}

/** One event of a form's history as the back office lists it. */
export interface HistoryEvent {
  occurredAt: Date;
  type: string;
  actor: string;
  payload: Record<string, unknown>;
}

/** A submitted form as the back office reads it: the form, its history, its verification and the review it allows. */
export type BackofficeForm = Awaited<ReturnType<typeof getBackofficeForm>>;
