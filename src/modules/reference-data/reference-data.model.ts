import type { RefField } from '../forms/definition.ts';
import type { ReferenceImportProblem, ReferenceImportState } from '../shared/domain.ts';

/** The reference-data pages' view models: the service fills them, the views render them (views import no service). */

export interface CampaignChoice {
  id: string;
  reportYear: number;
  measure: string;
  /** null when no form definition of this campaign is known */
  titleKey: string | null;
  fields: RefField[];
}

/** An error of the upload form: the i18n key of the message, shown next to its field. */
export interface UploadError {
  key: string;
  params?: Record<string, string | number>;
}

export interface PreviewRow {
  line: number;
  organisation: { nis: string; name_nl: string; name_fr: string; name_de: string } | null;
  values: Record<string, number>;
}

/** A staged import in the history list (reference values; POD MI's HTB lists are staged the same way). */
export interface StagedImportSummary {
  id: string;
  fileName: string;
  uploadedAt: Date;
  uploadedBy: string;
  state: ReferenceImportState;
  rowCount: number;
  problemCount: number;
}

/** What every staged import's page shows of it: the file, who uploaded, committed or discarded it, its report. */
export interface StagedImportFacts {
  id: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  uploadedAt: Date;
  uploadedBy: string;
  state: ReferenceImportState;
  rowCount: number;
  committedAt: Date | null;
  committedBy: string | null;
  discardedAt: Date | null;
  discardedBy: string | null;
  problems: ReferenceImportProblem[];
}

export interface ReferenceImportDetail extends StagedImportFacts {
  campaign: CampaignChoice;
  /** the reference values present in the file, in form order */
  fields: RefField[];
  /** the first PREVIEW_LINES lines */
  preview: PreviewRow[];
  /** lines that will be loaded */
  loadableRows: number;
}
