import { parseDate } from '../../forms/field-types.ts';
import { brusselsInputs, brusselsToUtc, parseTimeOfDay } from '../../shared/brussels-time.ts';
import { type InputError, paramRawValues, parseParams } from './param-fields.ts';
import { text } from '../../shared/posted-text.ts';

/**
 * The campaign form (edit and new): dates in Brussels time, reminder days, definition version and the
 * year's parameters. Raw values are kept as typed, by field name, so a refused form comes back unchanged.
 */
export type RawCampaignForm = Record<string, string>;

export interface CampaignValues {
  opensAt: Date;
  closesAt: Date;
  reminderDays: number[];
  definitionVersion: number;
  params: Record<string, unknown>;
}

export function rawOf(values: CampaignValues): RawCampaignForm {
  const opens = brusselsInputs(values.opensAt);
  const closes = brusselsInputs(values.closesAt);
  return {
    opensDate: opens.date,
    opensTime: opens.time,
    closesDate: closes.date,
    closesTime: closes.time,
    reminderDays: values.reminderDays.join(', '),
    definitionVersion: String(values.definitionVersion),
    ...paramRawValues(values.params),
  };
}

/** Only the fields of the form, as strings (anything else posted is ignored). */
export function readRaw(body: Record<string, unknown>): RawCampaignForm {
  const raw: RawCampaignForm = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string' || value.length > 20_000) continue;
    if (
      ['opensDate', 'opensTime', 'closesDate', 'closesTime', 'reminderDays', 'definitionVersion'].includes(name) ||
      /^p\.[A-Za-z0-9_]+(\.[kv]\.\d{1,3})?$/.test(name)
    )
      raw[name] = text(value);
  }
  return raw;
}

/** "14, 3" → [14, 3]: whole days 1–90, each once, largest first; empty means no reminders. */
export function parseReminderDays(raw: string): number[] | null {
  const items = raw.split(/[,;\s]+/).filter(Boolean);
  if (!items.every((i) => /^\d{1,2}$/.test(i) && Number(i) >= 1 && Number(i) <= 90)) return null;
  return [...new Set(items.map(Number))].sort((a, b) => b - a);
}

function parseMoment(raw: RawCampaignForm, prefix: 'opens' | 'closes', errors: Record<string, InputError>): Date | null {
  const date = parseDate(raw[`${prefix}Date`] ?? '');
  const time = parseTimeOfDay(raw[`${prefix}Time`] ?? '');
  if (!date) errors[`${prefix}Date`] = { key: 'bo.campaigns.error.date' };
  if (!time) errors[`${prefix}Time`] = { key: 'bo.campaigns.error.time' };
  return date && time ? brusselsToUtc(date, time.h, time.min, time.s) : null;
}

export type ParsedCampaignForm = { ok: true; values: CampaignValues } | { ok: false; errors: Record<string, InputError> };

/** Validates the form against the structure of `currentParams` and the definition versions known for the measure. */
export function parseCampaignForm(raw: RawCampaignForm, currentParams: Record<string, unknown>, versions: number[]): ParsedCampaignForm {
  const errors: Record<string, InputError> = {};
  const opensAt = parseMoment(raw, 'opens', errors);
  const closesAt = parseMoment(raw, 'closes', errors);
  if (opensAt && closesAt && closesAt <= opensAt) errors.closesDate = { key: 'bo.campaigns.error.deadline_before_opening' };
  const reminderDays = parseReminderDays(raw.reminderDays ?? '');
  if (!reminderDays) errors.reminderDays = { key: 'bo.campaigns.error.reminder_days' };
  const definitionVersion = Number(raw.definitionVersion);
  if (!versions.includes(definitionVersion)) errors.definitionVersion = { key: 'bo.campaigns.error.definition_version' };
  const params = parseParams(currentParams, raw);
  Object.assign(errors, params.errors);
  if (Object.keys(errors).length > 0 || !opensAt || !closesAt || !reminderDays) return { ok: false, errors };
  return { ok: true, values: { opensAt, closesAt, reminderDays, definitionVersion, params: params.params } };
}
