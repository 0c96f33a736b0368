import { type MoneyParseError, formatMoneyInput, parseMoney } from '../../shared/money.ts';

/**
 * The year's parameters of a campaign (campaigns.params) as form fields, typed by their current value: amounts
 * (keys ending in `Cents`) in Belgian notation, numbers, yes/no, text, objects of numbers (a class table) as
 * key/value rows, anything else as JSON validated on save. Field names: `p.<key>`, rows `p.<key>.k.<i>` / `.v.<i>`.
 */
export type ParamKind = 'money' | 'number' | 'yesno' | 'text' | 'table' | 'json';

export interface ParamField {
  key: string;
  kind: ParamKind;
}

export interface InputError {
  key: string;
  params?: Record<string, string | number>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function paramKind(key: string, value: unknown): ParamKind {
  if (typeof value === 'number') return key.endsWith('Cents') && Number.isSafeInteger(value) ? 'money' : 'number';
  if (typeof value === 'boolean') return 'yesno';
  if (typeof value === 'string') return 'text';
  if (isPlainObject(value) && Object.keys(value).length > 0 && Object.values(value).every((v) => typeof v === 'number')) return 'table';
  return 'json';
}

export function paramFields(params: Record<string, unknown>): ParamField[] {
  return Object.keys(params)
    .sort()
    .map((key) => ({ key, kind: paramKind(key, params[key]) }));
}

/** The raw form values of parameters as stored (what the edit form shows first). */
export function paramRawValues(params: Record<string, unknown>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const { key, kind } of paramFields(params)) {
    const value = params[key];
    if (kind === 'money') raw[`p.${key}`] = formatMoneyInput(value as number);
    else if (kind === 'number') raw[`p.${key}`] = String(value).replace('.', ',');
    else if (kind === 'yesno') raw[`p.${key}`] = value ? 'yes' : 'no';
    else if (kind === 'text') raw[`p.${key}`] = value as string;
    else if (kind === 'json') raw[`p.${key}`] = JSON.stringify(value, null, 2);
    else
      Object.entries(value as Record<string, number>).forEach(([k, v], i) => {
        raw[`p.${key}.k.${i}`] = k;
        raw[`p.${key}.v.${i}`] = String(v).replace('.', ',');
      });
  }
  return raw;
}

/** How many rows a table parameter has in the raw input (the form adds one empty row to fill in). */
export function tableRowCount(raw: Record<string, string>, key: string): number {
  let n = 0;
  while (`p.${key}.k.${n}` in raw || `p.${key}.v.${n}` in raw) n++;
  return n;
}

export function parseNumber(raw: string, integer: boolean): { ok: true; value: number } | { ok: false; error: InputError } {
  const text = raw.trim();
  if (!/^-?\d{1,15}([.,]\d{1,6})?$/.test(text)) return { ok: false, error: { key: 'bo.campaigns.error.number' } };
  const value = Number(text.replace(',', '.'));
  if (integer && !Number.isSafeInteger(value)) return { ok: false, error: { key: 'bo.campaigns.error.integer' } };
  return { ok: true, value };
}

const MONEY_ERRORS: Record<MoneyParseError, string> = {
  format: 'bo.campaigns.error.money',
  decimals: 'bo.campaigns.error.money_decimals',
  negative: 'bo.campaigns.error.money_negative',
  too_large: 'bo.campaigns.error.money_too_large',
};

function parseOne(field: ParamField, current: unknown, raw: Record<string, string>, errors: Record<string, InputError>): unknown {
  const name = `p.${field.key}`;
  const text = raw[name] ?? '';
  switch (field.kind) {
    case 'money': {
      const parsed = parseMoney(text);
      if (!parsed.ok) errors[name] = { key: MONEY_ERRORS[parsed.error] };
      return parsed.ok ? parsed.cents : undefined;
    }
    case 'number': {
      const parsed = parseNumber(text, Number.isInteger(current));
      if (!parsed.ok) errors[name] = parsed.error;
      return parsed.ok ? parsed.value : undefined;
    }
    case 'yesno':
      if (text !== 'yes' && text !== 'no') errors[name] = { key: 'bo.campaigns.error.required' };
      return text === 'yes';
    case 'text':
      if (text.length > 500) errors[name] = { key: 'bo.campaigns.error.too_long', params: { max: 500 } };
      return text.trim();
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        errors[name] = { key: 'bo.campaigns.error.json' };
        return undefined;
      }
    case 'table': {
      const table: Record<string, number> = {};
      for (let i = 0; i < tableRowCount(raw, field.key); i++) {
        const k = (raw[`${name}.k.${i}`] ?? '').trim();
        const v = (raw[`${name}.v.${i}`] ?? '').trim();
        if (!k && !v) continue;
        if (!k || k.length > 50) errors[`${name}.k.${i}`] = { key: 'bo.campaigns.error.row_key' };
        else if (k in table) errors[`${name}.k.${i}`] = { key: 'bo.campaigns.error.row_duplicate' };
        const parsed = parseNumber(v, true);
        if (!parsed.ok) errors[`${name}.v.${i}`] = parsed.error;
        else if (k) table[k] = parsed.value;
      }
      if (Object.keys(table).length === 0 && !Object.keys(errors).some((e) => e.startsWith(`${name}.`)))
        errors[`${name}.k.0`] = { key: 'bo.campaigns.error.row_empty' };
      return table;
    }
  }
}

/** Parses the posted parameters with the structure of the current ones; errors by field name. */
export function parseParams(
  current: Record<string, unknown>,
  raw: Record<string, string>,
): { params: Record<string, unknown>; errors: Record<string, InputError> } {
  const errors: Record<string, InputError> = {};
  const params: Record<string, unknown> = {};
  for (const field of paramFields(current)) params[field.key] = parseOne(field, current[field.key], raw, errors);
  return { params, errors };
}
