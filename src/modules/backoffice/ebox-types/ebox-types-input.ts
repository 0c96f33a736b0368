import { isBlank } from '../../shared/posted-text.ts';
import { MAX_VALIDITY_MONTHS, MIN_VALIDITY_MONTHS, type ValidityError } from './ebox-types.model.ts';

/** The name of a type's field in the form. */
export function validityField(code: string): string {
  return `validity_${code}`;
}

/** A typed validity: a whole number of months from 1 to 240 (spaces around it allowed). */
export function checkValidity(raw: string): { ok: true; months: number } | { ok: false; error: ValidityError } {
  if (isBlank(raw)) return { ok: false, error: 'required' };
  const s = raw.trim();
  if (!/^\d{1,6}$/.test(s)) return { ok: false, error: 'not_whole' };
  const months = Number(s);
  if (months < MIN_VALIDITY_MONTHS || months > MAX_VALIDITY_MONTHS) return { ok: false, error: 'out_of_range' };
  return { ok: true, months };
}
