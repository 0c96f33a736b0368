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
/** The language(s) of administration of an OCMW (portal.md §1.1): Brussels' are bilingual. */
export type AdministrationLanguage = 'nl' | 'fr' | 'de' | 'nl+fr';
/** The two identifiers of the registry, each a dated history (migration 0013). */
export type IdentifierScheme = 'KBO' | 'NIS';
/** The three merger scenarios of the 2025 merger guide (portal.md §1.3). */
export type MergerScenario = 'S1_NEW_KBO_NEW_NIS' | 'S2_KEEP_KBO_NEW_NIS' | 'S3_KEEP_KBO_KEEP_NIS';
/** An organisation's status on a day (portal.md §1.2), derived from its validity and its merger's transition. */
export type OrganisationStatus = 'ACTIVE' | 'DISAPPEARING' | 'MERGED';
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

/** The four screens of OCMW-configuratie (portal.md §6). */
export type ConfigScreen = 'MUTATIONS' | 'PROVIDERS' | 'CONTACT' | 'ONLINE';
