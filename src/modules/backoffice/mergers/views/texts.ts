import type { T } from '../../../../i18n/i18n.ts';
import type { AdministrationLanguage, MergerScenario, OrganisationStatus, Region } from '../../../shared/domain.ts';
import type { Problem, SkipReason } from '../mergers.model.ts';

/** Texts of the mergers' pages that depend on a code: written out so every key stays a literal. */

const ERROR_KEYS: Record<string, string> = {
  scenario_required: 'bo.mergers.error.scenario_required',
  date_required: 'bo.mergers.error.date_required',
  date_invalid: 'bo.mergers.error.date_invalid',
  transition_not_after_effective: 'bo.mergers.error.transition_not_after_effective',
  ref_format: 'bo.mergers.error.ref_format',
  kbo_checksum: 'bo.mergers.error.kbo_checksum',
  ref_checksum: 'bo.mergers.error.ref_checksum',
  kbo_required: 'bo.mergers.error.kbo_required',
  kbo_format: 'bo.mergers.error.kbo_format',
  kbo_used: 'bo.mergers.error.kbo_used',
  nis_required: 'bo.mergers.error.nis_required',
  nis_format: 'bo.mergers.error.nis_format',
  nis_taken: 'bo.mergers.error.nis_taken',
  nis_unchanged: 'bo.mergers.error.nis_unchanged',
  partners_too_many: 'bo.mergers.error.partners_too_many',
  partners_too_few: 'bo.mergers.error.partners_too_few',
  partner_unknown: 'bo.mergers.error.partner_unknown',
  partner_twice: 'bo.mergers.error.partner_twice',
  partner_not_ocmw: 'bo.mergers.error.partner_not_ocmw',
  partner_in_merger: 'bo.mergers.error.partner_in_merger',
  partner_ended: 'bo.mergers.error.partner_ended',
  partner_too_late: 'bo.mergers.error.partner_too_late',
  keeper_required: 'bo.mergers.error.keeper_required',
  keeper_not_partner: 'bo.mergers.error.keeper_not_partner',
  keeper_disappearing: 'bo.mergers.error.keeper_disappearing',
  keeper_same_day: 'bo.mergers.error.keeper_same_day',
  name_required: 'bo.mergers.error.name_required',
  name_too_long: 'bo.mergers.error.name_too_long',
  language_invalid: 'bo.mergers.error.language_invalid',
  region_invalid: 'bo.mergers.error.region_invalid',
  province_required: 'bo.mergers.error.province_required',
  no_change: 'bo.mergers.error.no_change',
  conflict: 'bo.mergers.error.conflict',
};

/** The message of one problem (with the line it is about, when there is one). */
export function problemText(t: T, problem: Problem): string {
  return t(ERROR_KEYS[problem.code] ?? 'bo.mergers.error.other', { value: problem.value ?? '' });
}

/** The messages of a field, one sentence after the other; undefined when it has none. */
export function problemsText(t: T, problems: Problem[] | undefined): string | undefined {
  return problems && problems.length > 0 ? problems.map((p) => problemText(t, p)).join(' ') : undefined;
}

export const SCENARIO_KEYS: Record<MergerScenario, string> = {
  S1_NEW_KBO_NEW_NIS: 'bo.mergers.scenario.S1_NEW_KBO_NEW_NIS',
  S2_KEEP_KBO_NEW_NIS: 'bo.mergers.scenario.S2_KEEP_KBO_NEW_NIS',
  S3_KEEP_KBO_KEEP_NIS: 'bo.mergers.scenario.S3_KEEP_KBO_KEEP_NIS',
};

export const SCENARIO_HINT_KEYS: Record<MergerScenario, string> = {
  S1_NEW_KBO_NEW_NIS: 'bo.mergers.scenario_hint.S1_NEW_KBO_NEW_NIS',
  S2_KEEP_KBO_NEW_NIS: 'bo.mergers.scenario_hint.S2_KEEP_KBO_NEW_NIS',
  S3_KEEP_KBO_KEEP_NIS: 'bo.mergers.scenario_hint.S3_KEEP_KBO_KEEP_NIS',
};

export const STATUS_KEYS: Record<OrganisationStatus, string> = {
  ACTIVE: 'bo.mergers.status.ACTIVE',
  DISAPPEARING: 'bo.mergers.status.DISAPPEARING',
  MERGED: 'bo.mergers.status.MERGED',
};

export const SKIP_KEYS: Record<SkipReason, string> = {
  signing_right: 'bo.mergers.skip.signing_right',
  htb_appointed_separately: 'bo.mergers.skip.htb_appointed_separately',
  already_present: 'bo.mergers.skip.already_present',
  blocked_in_partner: 'bo.mergers.skip.blocked_in_partner',
};

export const REGION_KEYS: Record<Region, string> = {
  VLG: 'bo.mergers.region.VLG',
  BRU: 'bo.mergers.region.BRU',
  WAL: 'bo.mergers.region.WAL',
};

export const LANGUAGE_KEYS: Record<AdministrationLanguage, string> = {
  nl: 'bo.mergers.language.nl',
  fr: 'bo.mergers.language.fr',
  de: 'bo.mergers.language.de',
  'nl+fr': 'bo.mergers.language.nl_fr',
};

const EVENT_KEYS: Record<string, string> = {
  MERGER_RECORDED: 'bo.mergers.event.MERGER_RECORDED',
  ORGANISATION_CREATED: 'bo.mergers.event.ORGANISATION_CREATED',
  ORGANISATION_DISAPPEARS: 'bo.mergers.event.ORGANISATION_DISAPPEARS',
  NIS_CHANGED: 'bo.mergers.event.NIS_CHANGED',
  ORGANISATION_RENAMED: 'bo.mergers.event.ORGANISATION_RENAMED',
  MERGER_TRANSITION_CHANGED: 'bo.mergers.event.MERGER_TRANSITION_CHANGED',
  MERGER_ACCESS_COPIED: 'bo.mergers.event.MERGER_ACCESS_COPIED',
};

export function eventName(t: T, type: string): string {
  return t(EVENT_KEYS[type] ?? 'bo.mergers.event.other');
}

/** A right's name (the application's shared texts). */
export function rightName(t: T, code: string): string {
  return /^[A-Z_]+$/.test(code) ? t(`right.${code}`) : code;
}
