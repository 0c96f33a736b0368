import type { Language } from '../../../i18n/language.ts';
import { parseDate } from '../../forms/field-types.ts';
import type { AdministrationLanguage, OrganisationType, Region } from '../../shared/domain.ts';
import { isValidKbo } from '../../shared/identifiers.ts';
import { ADMINISTRATION_LANGUAGES, type EditErrors, type EditValues, REGIONS } from './registry.model.ts';

/**
 * The registry edit's input rules (pure): names, administration language, region and province, the KBO number, a
 * new NIS code from a day. The checks against other organisations (who holds a number) are the service's.
 */

/** The provinces as the registry stores them (Dutch names, data file) with their region. */
export const PROVINCES: Readonly<Record<string, Exclude<Region, 'BRU'>>> = {
  Antwerpen: 'VLG',
  Limburg: 'VLG',
  'Oost-Vlaanderen': 'VLG',
  'Vlaams-Brabant': 'VLG',
  'West-Vlaanderen': 'VLG',
  Henegouwen: 'WAL',
  Luik: 'WAL',
  Luxemburg: 'WAL',
  Namen: 'WAL',
  'Waals-Brabant': 'WAL',
};

export const NAME_MAX = 200;

/**
 * A KBO number as typed: spaces, dots and a `BE` prefix left out, the old 9-digit form given its leading 0
 * (portal.md §0.2).
 */
export function normaliseKboInput(raw: string): string {
  const compact = raw.replace(/[\s.]/g, '').replace(/^BE/i, '');
  return /^\d{9}$/.test(compact) ? `0${compact}` : compact;
}

/** Why a typed KBO number is refused, or null. */
export function kboProblem(kbo: string): 'kbo_required' | 'kbo_format' | 'kbo_checksum' | null {
  if (kbo === '') return 'kbo_required';
  if (!/^\d{10}$/.test(kbo)) return 'kbo_format';
  return isValidKbo(kbo) ? null : 'kbo_checksum';
}

/** A NIS code as typed (spaces left out). */
export function normaliseNisInput(raw: string): string {
  return raw.replace(/\s/g, '');
}

/** The language of the OCMW's users' pages by default: its own, French in bilingual Brussels (as the first load, ADR 0035). */
export function pageLanguageOf(language: AdministrationLanguage): Language {
  return language === 'nl+fr' ? 'fr' : language;
}

export interface ParsedEdit {
  names: { nl: string; fr: string; de: string };
  administrationLanguage: AdministrationLanguage | null;
  region: Region | null;
  province: string | null;
  hasOcmw: boolean;
  kbo: string;
  /** a new NIS code and its first day; null when the NIS code stays */
  nis: { value: string; from: string } | null;
}

export interface EditSubject {
  type: OrganisationType;
  kbo: string;
  nis: string | null;
  validTo: string | null;
  /** first day of the current NIS period */
  nisSince: string | null;
}

/**
 * Checks what was typed against the rules that need no other organisation. Returns the parsed change or the
 * field errors (codes of views/texts.ts).
 */
export function parseEdit(values: EditValues, subject: EditSubject, today: string): { ok: true; edit: ParsedEdit } | { ok: false; errors: EditErrors } {
  const errors: EditErrors = {};
  const isOcmw = subject.type === 'OCMW';
  const name = (raw: string, field: 'nameNl' | 'nameFr' | 'nameDe') => {
    const text = raw.trim().replace(/\s+/g, ' ');
    if (text === '') errors[field] = 'name_required';
    else if ([...text].length > NAME_MAX) errors[field] = 'name_too_long';
    return text;
  };
  const names = { nl: name(values.nameNl, 'nameNl'), fr: name(values.nameFr, 'nameFr'), de: name(values.nameDe, 'nameDe') };

  let administrationLanguage: AdministrationLanguage | null = null;
  if ((ADMINISTRATION_LANGUAGES as readonly string[]).includes(values.administrationLanguage))
    administrationLanguage = values.administrationLanguage as AdministrationLanguage;
  else if (values.administrationLanguage !== '' || isOcmw) errors.administrationLanguage = 'language_required';

  let region: Region | null = null;
  if ((REGIONS as readonly string[]).includes(values.region)) region = values.region as Region;
  else if (values.region !== '' || isOcmw) errors.region = 'region_required';

  const province = values.province.trim() === '' ? null : values.province.trim();
  if (province !== null && !(province in PROVINCES)) errors.province = 'province_unknown';
  else if (region === 'BRU' && province !== null) errors.province = 'province_brussels';
  else if ((region === 'VLG' || region === 'WAL') && province === null) errors.province = 'province_required';
  else if (region !== null && region !== 'BRU' && province !== null && PROVINCES[province] !== region) errors.province = 'province_region';

  const kbo = normaliseKboInput(values.kbo);
  const kboIssue = kboProblem(kbo);
  if (kboIssue) errors.kbo = kboIssue;

  let nis: ParsedEdit['nis'] = null;
  const typedNis = normaliseNisInput(values.nis);
  if (isOcmw && typedNis !== '' && typedNis !== (subject.nis ?? '')) {
    if (!/^\d{5}$/.test(typedNis)) errors.nis = 'nis_format';
    else if (subject.validTo !== null) errors.nis = 'nis_ended';
    const from = values.nisFrom.trim() === '' ? null : parseDate(values.nisFrom);
    if (values.nisFrom.trim() === '') errors.nisFrom = 'nis_from_required';
    else if (!from) errors.nisFrom = 'date_invalid';
    else if (from > today) errors.nisFrom = 'nis_from_future';
    else if (subject.nisSince !== null && from <= subject.nisSince) errors.nisFrom = 'nis_from_too_early';
    if (from && !errors.nis && !errors.nisFrom) nis = { value: typedNis, from };
  } else if (isOcmw && typedNis === '' && values.nisFrom.trim() !== '') {
    // a day without a code: which code was meant?
    errors.nis = 'nis_required';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    edit: { names, administrationLanguage, region, province, hasOcmw: values.hasOcmw, kbo, nis },
  };
}
