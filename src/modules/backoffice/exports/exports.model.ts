/** The exports page's view model: one campaign that can be exported, with its tables (views import no service). */
export interface ExportChoice {
  id: string;
  measure: string;
  reportYear: number;
  status: string;
  submitted: number;
  tables: Array<{ key: string; labelKey: string }>;
}

/** The exports page: the report years and measures to choose from, and the campaigns of the choice. */
export interface ExportsOverview {
  years: number[];
  year: number | null;
  /** every measure that has a campaign, for the measure drop-down */
  measures: string[];
  /** the measure chosen, or null for every measure of the year */
  measure: string | null;
  campaigns: ExportChoice[];
}
