import type { Language } from '../../../../i18n/language.ts';
import type { CampaignStatus } from '../../../shared/domain.ts';
import type { T } from '../../../../i18n/i18n.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { formatMoney } from '../../../shared/money.ts';
import type { InputError } from '../param-fields.ts';

/** Texts of the campaign screens that depend on a code, written out so every key stays a literal. */

export const STATUS_KEYS: Record<CampaignStatus, string> = {
  PLANNED: 'bo.campaigns.status.PLANNED',
  OPEN: 'bo.campaigns.status.OPEN',
  CLOSED: 'bo.campaigns.status.CLOSED',
  SETTLED: 'bo.campaigns.status.SETTLED',
};

export const EVENT_KEYS: Record<string, string> = {
  CREATED: 'bo.campaigns.event.CREATED',
  CHANGED: 'bo.campaigns.event.CHANGED',
  STATUS_CHANGED: 'bo.campaigns.event.STATUS_CHANGED',
  LATE_ALLOWED: 'bo.campaigns.event.LATE_ALLOWED',
  LATE_WITHDRAWN: 'bo.campaigns.event.LATE_WITHDRAWN',
};

/** The year's parameters by name (per-year data, src/seed/campaign-years); an unknown one shows its name. */
const PARAM_KEYS: Record<string, string> = {
  amountPerClusterCents: 'bo.campaigns.param.amountPerClusterCents',
  amountPerFileCents: 'bo.campaigns.param.amountPerFileCents',
  amountPerFileUntilJuneCents: 'bo.campaigns.param.amountPerFileUntilJuneCents',
  amountPerGuaranteeCents: 'bo.campaigns.param.amountPerGuaranteeCents',
  assumedParams: 'bo.campaigns.param.assumedParams',
  classTable: 'bo.campaigns.param.classTable',
  clusterAmountCents: 'bo.campaigns.param.clusterAmountCents',
  lumpSumPerFteCents: 'bo.campaigns.param.lumpSumPerFteCents',
  maxRentMonths: 'bo.campaigns.param.maxRentMonths',
  months: 'bo.campaigns.param.months',
  otherCostsAllowed: 'bo.campaigns.param.otherCostsAllowed',
  periodFrom: 'bo.campaigns.param.periodFrom',
  periodTo: 'bo.campaigns.param.periodTo',
  personnelCapHundredths: 'bo.campaigns.param.personnelCapHundredths',
  premiumCents: 'bo.campaigns.param.premiumCents',
  recycledComputerCapCents: 'bo.campaigns.param.recycledComputerCapCents',
  subcontractOverheadCapHundredths: 'bo.campaigns.param.subcontractOverheadCapHundredths',
  tpEndDate: 'bo.campaigns.param.tpEndDate',
};

export function paramLabel(t: T, key: string): string {
  return PARAM_KEYS[key] ? t(PARAM_KEYS[key]) : key;
}

const FIELD_KEYS: Record<string, string> = {
  opens_at: 'bo.campaigns.field.opens',
  closes_at: 'bo.campaigns.field.closes',
  reminder_days: 'bo.campaigns.field.reminder_days',
  definition_version: 'bo.campaigns.field.definition_version',
};

export type FlashKind = 'success' | 'info' | 'warning';

export const FLASHES: Record<string, { key: string; kind: FlashKind }> = {
  saved: { key: 'bo.campaigns.flash.saved', kind: 'success' },
  unchanged: { key: 'bo.campaigns.flash.unchanged', kind: 'info' },
  created: { key: 'bo.campaigns.flash.created', kind: 'success' },
  opened: { key: 'bo.campaigns.flash.opened', kind: 'success' },
  closed: { key: 'bo.campaigns.flash.closed', kind: 'success' },
  reopened: { key: 'bo.campaigns.flash.reopened', kind: 'success' },
  conflict: { key: 'bo.campaigns.flash.conflict', kind: 'warning' },
  not_allowed: { key: 'bo.campaigns.flash.not_allowed', kind: 'warning' },
  deadline_passed: { key: 'bo.campaigns.flash.deadline_passed', kind: 'warning' },
  settled: { key: 'bo.campaigns.flash.settled', kind: 'warning' },
  late_allowed: { key: 'bo.campaigns.flash.late_allowed', kind: 'success' },
  late_withdrawn: { key: 'bo.campaigns.flash.late_withdrawn', kind: 'success' },
  late_none: { key: 'bo.campaigns.flash.late_none', kind: 'info' },
};

export function errorText(t: T, error: InputError | undefined): string | undefined {
  return error ? t(error.key, error.params ?? {}) : undefined;
}

/** "2027 — Sociale fondsen gas en elektriciteit" (the measure code when no definition is known). */
export function campaignTitle(t: T, c: { report_year: number; measure: string }, titleKey: string | null): string {
  return `${c.report_year} — ${titleKey ? t(titleKey) : c.measure}`;
}

function valueText(field: string, value: unknown, lang: Language): string {
  if (value === null || value === undefined) return '—';
  if ((field === 'opens_at' || field === 'closes_at') && typeof value === 'string') return formatDateTime(value, lang);
  if (field.endsWith('Cents') && typeof value === 'number' && Number.isSafeInteger(value)) return formatMoney(value, lang);
  if (Array.isArray(value) && field === 'reminder_days') return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One history line's details: "Deadline: 28/02/2027 23:59 → 31/03/2027 23:59", a status change, an OCMW… */
export function eventDetails(t: T, lang: Language, type: string, payload: Record<string, unknown>): string {
  if (type === 'CHANGED') {
    const field = String(payload.field ?? '');
    const label = FIELD_KEYS[field] ? t(FIELD_KEYS[field]) : field.replace(/^params\./, '');
    return `${label}: ${valueText(field, payload.old, lang)} → ${valueText(field, payload.new, lang)}`;
  }
  if (type === 'STATUS_CHANGED') {
    const status = (s: unknown) => (typeof s === 'string' && s in STATUS_KEYS ? t(STATUS_KEYS[s as CampaignStatus]) : String(s));
    return `${status(payload.old)} → ${status(payload.new)}`;
  }
  if (type === 'LATE_ALLOWED') {
    return t('bo.campaigns.event.late_details', {
      ocmw: String(payload.organisation ?? ''),
      until: valueText('closes_at', payload.until, lang),
      reason: String(payload.reason ?? ''),
    });
  }
  if (type === 'LATE_WITHDRAWN') return String(payload.organisation ?? '');
  return '';
}
