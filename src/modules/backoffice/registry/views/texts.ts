import type { T } from '../../../../i18n/i18n.ts';
import type {
  AdministrationLanguage,
  MergerScenario,
  OrganisationStatus,
  OrganisationType,
  ReferenceImportProblem,
  ReferenceImportState,
  Region,
} from '../../../shared/domain.ts';
import type { ChangeField } from '../registry.model.ts';

/** Texts of the registry pages that depend on a code: written out so every key stays a literal. */

export const TYPE_KEYS: Record<OrganisationType, string> = {
  OCMW: 'bo.registry.type.OCMW',
  PODMI: 'bo.registry.type.PODMI',
  SUPPLIER: 'bo.registry.type.SUPPLIER',
};

export const STATUS_KEYS: Record<OrganisationStatus, string> = {
  ACTIVE: 'bo.registry.status.ACTIVE',
  DISAPPEARING: 'bo.registry.status.DISAPPEARING',
  MERGED: 'bo.registry.status.MERGED',
};

export const REGION_KEYS: Record<Region, string> = {
  VLG: 'bo.registry.region.VLG',
  BRU: 'bo.registry.region.BRU',
  WAL: 'bo.registry.region.WAL',
};

export const LANGUAGE_KEYS: Record<AdministrationLanguage, string> = {
  nl: 'bo.registry.language.nl',
  fr: 'bo.registry.language.fr',
  de: 'bo.registry.language.de',
  'nl+fr': 'bo.registry.language.nl_fr',
};

export const SCENARIO_KEYS: Record<MergerScenario, string> = {
  S1_NEW_KBO_NEW_NIS: 'bo.registry.scenario.S1_NEW_KBO_NEW_NIS',
  S2_KEEP_KBO_NEW_NIS: 'bo.registry.scenario.S2_KEEP_KBO_NEW_NIS',
  S3_KEEP_KBO_KEEP_NIS: 'bo.registry.scenario.S3_KEEP_KBO_KEEP_NIS',
};

/** The provinces' names in the reader's language (stored in Dutch, as in the data file). */
const PROVINCE_KEYS: Record<string, string> = {
  Antwerpen: 'bo.registry.province.antwerpen',
  Limburg: 'bo.registry.province.limburg',
  'Oost-Vlaanderen': 'bo.registry.province.oost_vlaanderen',
  'Vlaams-Brabant': 'bo.registry.province.vlaams_brabant',
  'West-Vlaanderen': 'bo.registry.province.west_vlaanderen',
  Henegouwen: 'bo.registry.province.henegouwen',
  Luik: 'bo.registry.province.luik',
  Luxemburg: 'bo.registry.province.luxemburg',
  Namen: 'bo.registry.province.namen',
  'Waals-Brabant': 'bo.registry.province.waals_brabant',
};

export const STATE_KEYS: Record<ReferenceImportState, string> = {
  STAGED: 'refdata.state.STAGED',
  COMMITTED: 'refdata.state.COMMITTED',
  DISCARDED: 'refdata.state.DISCARDED',
};

export const FIELD_KEYS: Record<ChangeField, string> = {
  name_nl: 'bo.registry.field.name_nl',
  name_fr: 'bo.registry.field.name_fr',
  name_de: 'bo.registry.field.name_de',
  administration_language: 'bo.registry.field.administration_language',
  region: 'bo.registry.field.region',
  province: 'bo.registry.field.province',
  has_ocmw: 'bo.registry.field.has_ocmw',
  kbo: 'bo.registry.field.kbo',
  nis: 'bo.registry.field.nis',
};

const EVENT_KEYS: Record<string, string> = {
  ORGANISATION_CHANGED: 'bo.registry.event.ORGANISATION_CHANGED',
  REGISTRY_LOADED: 'bo.registry.event.REGISTRY_LOADED',
  REGISTRY_IMPORT_COMMITTED: 'bo.registry.event.REGISTRY_IMPORT_COMMITTED',
  // written by the mergers room (backoffice/mergers) on the organisations a merger concerns
  MERGER_RECORDED: 'bo.registry.event.MERGER_RECORDED',
  ORGANISATION_CREATED: 'bo.registry.event.ORGANISATION_CREATED',
  ORGANISATION_DISAPPEARS: 'bo.registry.event.ORGANISATION_DISAPPEARS',
  NIS_CHANGED: 'bo.registry.event.NIS_CHANGED',
  ORGANISATION_RENAMED: 'bo.registry.event.ORGANISATION_RENAMED',
  MERGER_TRANSITION_CHANGED: 'bo.registry.event.MERGER_TRANSITION_CHANGED',
  MERGER_ACCESS_COPIED: 'bo.registry.event.MERGER_ACCESS_COPIED',
};

export function provinceName(t: T, province: string | null): string {
  if (!province) return '—';
  const key = PROVINCE_KEYS[province];
  return key ? t(key) : province;
}

export function regionName(t: T, region: string | null): string {
  return region && region in REGION_KEYS ? t(REGION_KEYS[region as Region]) : '—';
}

export function languageName(t: T, language: string | null): string {
  return language && language in LANGUAGE_KEYS ? t(LANGUAGE_KEYS[language as AdministrationLanguage]) : '—';
}

/** An event of the registry's log in words; another room's type (a merger's) by its code. */
export function eventName(t: T, type: string): string {
  const key = EVENT_KEYS[type];
  return key ? t(key) : t('bo.registry.event.other', { type });
}

/** A stored value of a field in words (codes of languages, regions, yes/no). */
export function fieldValue(t: T, field: ChangeField, value: string): string {
  if (value === '') return '—';
  switch (field) {
    case 'administration_language':
      return languageName(t, value);
    case 'region':
      return regionName(t, value);
    case 'province':
      return provinceName(t, value);
    case 'has_ocmw':
      return value === 'true' ? t('common.yes') : t('common.no');
    default:
      return value;
  }
}

const ERROR_KEYS: Record<string, string> = {
  name_required: 'bo.registry.error.name_required',
  name_too_long: 'bo.registry.error.name_too_long',
  language_required: 'bo.registry.error.language_required',
  region_required: 'bo.registry.error.region_required',
  province_unknown: 'bo.registry.error.province_unknown',
  province_brussels: 'bo.registry.error.province_brussels',
  province_required: 'bo.registry.error.province_required',
  province_region: 'bo.registry.error.province_region',
  kbo_required: 'bo.registry.error.kbo_required',
  kbo_format: 'bo.registry.error.kbo_format',
  kbo_checksum: 'bo.registry.error.kbo_checksum',
  kbo_taken: 'bo.registry.error.kbo_taken',
  nis_required: 'bo.registry.error.nis_required',
  nis_format: 'bo.registry.error.nis_format',
  nis_taken: 'bo.registry.error.nis_taken',
  nis_ended: 'bo.registry.error.nis_ended',
  nis_from_required: 'bo.registry.error.nis_from_required',
  nis_from_future: 'bo.registry.error.nis_from_future',
  nis_from_too_early: 'bo.registry.error.nis_from_too_early',
  date_invalid: 'bo.registry.error.date_invalid',
  no_change: 'bo.registry.error.no_change',
};

/** The message of a form error (a code of the services). */
export function errorText(t: T, code: string | undefined): string | undefined {
  if (!code) return undefined;
  return t(ERROR_KEYS[code] ?? 'bo.registry.error.other');
}

const PROBLEM_KEYS: Record<string, string> = {
  empty_file: 'bo.registry.problem.empty_file',
  no_lines: 'bo.registry.problem.no_lines',
  unknown_column: 'bo.registry.problem.unknown_column',
  duplicate_column: 'bo.registry.problem.duplicate_column',
  missing_column: 'bo.registry.problem.missing_column',
  nis_required: 'bo.registry.problem.nis_required',
  nis_format: 'bo.registry.problem.nis_format',
  nis_unknown: 'bo.registry.problem.nis_unknown',
  nis_twice: 'bo.registry.problem.nis_twice',
  organisation_twice: 'bo.registry.problem.organisation_twice',
  kbo_required: 'bo.registry.problem.kbo_required',
  kbo_format: 'bo.registry.problem.kbo_format',
  kbo_checksum: 'bo.registry.problem.kbo_checksum',
  kbo_twice: 'bo.registry.problem.kbo_twice',
  kbo_taken: 'bo.registry.problem.kbo_taken',
};

/** The message of one problem of a list's validation report. */
export function problemText(t: T, problem: ReferenceImportProblem): string {
  return t(PROBLEM_KEYS[problem.code] ?? 'bo.registry.error.other', { value: problem.value ?? '', ...(problem.params ?? {}) });
}
