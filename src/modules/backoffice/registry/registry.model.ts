import type { AdministrationLanguage, MergerScenario, OrganisationStatus, OrganisationType, Region } from '../../shared/domain.ts';
import type { StagedImportFacts, StagedImportSummary } from '../../reference-data/reference-data.model.ts';

/** The registry pages' view models (issue 13): the services fill them, the views render them (views import no service). */

/** An error of the upload form (the reference values' reader, the same messages). */
export type { UploadError } from '../../reference-data/reference-data.model.ts';

export const ORGANISATION_TYPES = ['OCMW', 'PODMI', 'SUPPLIER'] as const satisfies readonly OrganisationType[];
export const REGIONS = ['VLG', 'BRU', 'WAL'] as const satisfies readonly Region[];
export const ADMINISTRATION_LANGUAGES = ['nl', 'fr', 'de', 'nl+fr'] as const satisfies readonly AdministrationLanguage[];
export const STATUSES = ['ACTIVE', 'DISAPPEARING', 'MERGED'] as const satisfies readonly OrganisationStatus[];
/** The list's page size. */
export const PAGE_SIZE = 50;

/** The list's search and filters, as read from the query string (an unknown value is no filter). */
export interface RegistryFilter {
  search: string;
  type: OrganisationType | null;
  province: string | null;
  region: Region | null;
  language: AdministrationLanguage | null;
  status: OrganisationStatus | null;
  page: number;
}

export interface RegistryListRow {
  id: string;
  type: OrganisationType;
  kbo: string;
  kboFictitious: boolean;
  nis: string | null;
  /** in the reader's language */
  name: string;
  province: string | null;
  region: Region | null;
  administrationLanguage: AdministrationLanguage | null;
  hasOcmw: boolean;
  status: OrganisationStatus;
  /** the search matched a former NIS code or KBO number, not a current one: which */
  formerIdentifier: string | null;
}

export interface RegistryList {
  rows: RegistryListRow[];
  total: number;
  page: number;
  pages: number;
  filter: RegistryFilter;
  /** the provinces present in the registry (Dutch names, as stored) */
  provinces: string[];
  /** the day the statuses are computed on (Brussels) */
  day: string;
}

export interface OrganisationRef {
  id: string;
  kbo: string;
  name_nl: string;
  name_fr: string;
  name_de: string;
  /** for an OCMW's official name (ADR 0043); null for POD MI and suppliers, whose name follows the page */
  administration_language?: string | null;
}

export interface MergerPartnerRow extends OrganisationRef {
  keepsIdentity: boolean;
  nisBefore: string;
}

/** A merger the organisation is the merged OCMW of. */
export interface MergerOfMerged {
  id: string;
  scenario: MergerScenario;
  effectiveOn: string;
  transitionEndsOn: string | null;
  partners: MergerPartnerRow[];
}

/** One field's change in the registry's log and on the review page. */
export interface FieldChange {
  field: ChangeField;
  before: string;
  after: string;
}

export type ChangeField = 'name_nl' | 'name_fr' | 'name_de' | 'administration_language' | 'region' | 'province' | 'has_ocmw' | 'kbo' | 'nis';

/** An entry of the registry's log of an organisation. */
export interface RegistryLogEntry {
  at: Date;
  /** who (null: the application itself, e.g. the first load) */
  who: string | null;
  type: string;
  changes: FieldChange[];
  /** the NIS code's first day, when the change gave one */
  nisFrom: string | null;
  /** the line of an imported list the change came from */
  importLine: number | null;
}

export interface OrganisationDetail {
  id: string;
  type: OrganisationType;
  kbo: string;
  kboFictitious: boolean;
  nis: string | null;
  names: { nl: string; fr: string; de: string };
  administrationLanguage: AdministrationLanguage | null;
  region: Region | null;
  province: string | null;
  hasOcmw: boolean;
  validFrom: string;
  validTo: string | null;
  day: string;
  status: OrganisationStatus;
  version: number;
  /** a disappearing (or merged) OCMW: the merger it disappears in */
  disappearsIn: { successor: OrganisationRef; scenario: MergerScenario; effectiveOn: string; transitionEndsOn: string | null } | null;
  /** a merged OCMW: its merger(s) and partners */
  mergedFrom: MergerOfMerged[];
  identifiers: Array<{ scheme: 'KBO' | 'NIS'; value: string; validFrom: string; validTo: string | null }>;
  log: RegistryLogEntry[];
}

/** What the edit form posts, as typed (kept on every error). */
export interface EditValues {
  nameNl: string;
  nameFr: string;
  nameDe: string;
  administrationLanguage: string;
  region: string;
  province: string;
  hasOcmw: boolean;
  kbo: string;
  nis: string;
  nisFrom: string;
}

export type EditField = 'nameNl' | 'nameFr' | 'nameDe' | 'administrationLanguage' | 'region' | 'province' | 'kbo' | 'nis' | 'nisFrom' | 'form';
export type EditErrors = Partial<Record<EditField, string>>;

/** "Opslaan" → exactly what "Bevestigen" changes; nothing has changed yet. */
export interface EditReview {
  values: EditValues;
  /** organisations.version as read now: "Bevestigen" after another change changes nothing */
  version: number;
  changes: FieldChange[];
  /** the new NIS code's first day (the current one ends the day before) */
  nisFrom: string | null;
  /** the KBO number changes: the OCMW's pages move to another address */
  kboChanges: boolean;
  /** the KBO number was a generated stand-in and becomes a real one */
  kboBecomesReal: boolean;
}

export type EditReviewResult = { kind: 'invalid'; errors: EditErrors } | { kind: 'review'; review: EditReview };
export type EditConfirmResult = { kind: 'saved' } | { kind: 'invalid'; errors: EditErrors } | { kind: 'stale' };

// ------------------------------------------------------------------------------------------------- KBO/NIS lists

export type RegistryImportSummary = StagedImportSummary;

/** A line without problems, as staged: which organisation gets which KBO number (and which it had). */
export interface StagedRegistryRow {
  line: number;
  organisationId: string;
  nis: string;
  /** the NIS code named a former one of the organisation (no organisation holds it today) */
  formerNis: boolean;
  kboBefore: string;
  kboBeforeFictitious: boolean;
  kbo: string;
}

export interface RegistryImportPreviewRow {
  line: number;
  organisation: OrganisationRef | null;
  nis: string;
  formerNis: boolean;
  kboBefore: string;
  kboBeforeFictitious: boolean;
  kbo: string;
  unchanged: boolean;
}

export interface RegistryImportDetail extends StagedImportFacts {
  preview: RegistryImportPreviewRow[];
  /** lines that change a KBO number */
  changes: number;
}
