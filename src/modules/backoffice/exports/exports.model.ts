/** The exports page's view model: one campaign that can be exported, with its tables (views import no service). */
export interface ExportChoice {
  id: string;
  measure: string;
  reportYear: number;
  status: string;
  submitted: number;
  tables: Array<{ key: string; labelKey: string }>;
}
