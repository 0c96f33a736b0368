/**
 * The domain's enumerations and the shapes of its stored documents: the database types (src/db/types.ts) use them
 * for their columns, views and services name them from here — a view never imports the database layer.
 */

/** What an organisation is in the registry (migration 0009). */
export type OrganisationType = 'OCMW' | 'PODMI' | 'SUPPLIER';
/** Access-management roles (portal.md §3.1): HTB and CO_HTB for the whole organisation, TB and CO_TB per domain. */
export type AccessRole = 'HTB' | 'CO_HTB' | 'TB' | 'CO_TB';
/** The online services of the domain Maatschappelijk welzijn a user can be granted (portal.md §3.4). */
export type ApplicationCode = 'UV_ENCODER' | 'UV_READER' | 'UV_CHAIR' | 'UV_DIRECTOR' | 'EBOX' | 'CHAMAN' | 'OCMW_CONFIG' | 'OCMW_ONLINE';
/** POD MI's back-office roles: applications of the POD MI organisation's domain. */
export type PodMiRole = 'PODMI_AGENT' | 'PODMI_ADMIN';
/** Every right a grant row can carry (table access_rights). */
export type RightCode = AccessRole | ApplicationCode | PodMiRole;
export type PrincipalKind = 'PERSON' | 'CLIENT';
export type SignatureRole = 'CHAIR' | 'DIRECTOR';
export type CampaignStatus = 'PLANNED' | 'OPEN' | 'CLOSED' | 'SETTLED';
export type Region = 'VLG' | 'BRU' | 'WAL';
export type ReviewState = 'CORRECTION_REQUESTED' | 'ACCEPTED';
export type DocumentKind = 'SETTLEMENT_LETTER';
/** How a form's tables are filled: typed in the browser or from the uploaded workbook. */
export type EntryMode = 'MANUAL' | 'WORKBOOK';
/** Why a kept file is kept for ever: a signature covered it, or it was submitted (migration 0008). */
export type KeptReason = 'SIGNED' | 'SUBMITTED';
export type ReferenceImportState = 'STAGED' | 'COMMITTED' | 'DISCARDED';

/** One line of a reference-data file, validated: the OCMW and the values of the file (cents or hundredths). */
export interface StagedReferenceRow {
  line: number;
  organisationId: string;
  values: Record<string, number>;
}

/** One problem of a reference-data file; line and column are null for the file as a whole. */
export interface ReferenceImportProblem {
  line: number | null;
  column: string | null;
  code: string;
  value?: string;
  params?: Record<string, string | number>;
}
