import { parseDate } from '../forms/field-types.ts';
import { brusselsToUtc } from '../shared/brussels-time.ts';

/** A block "until day D" lifts at the start of the next day in Brussels: day D is the last blocked day. */
export function blockEnd(isoDate: string): Date {
  return new Date(brusselsToUtc(isoDate, 23, 59, 59).getTime() + 1000);
}

/**
 * A block's last day as typed (dd/mm/yyyy or yyyy-mm-dd, impossible dates like 31/02 refused): null when none was
 * typed (blocked until someone unblocks), 'invalid', 'past' when that day is over, else the moment the block lifts.
 * Toegangsbeheer and POD MI's staff pages read it alike.
 */
export function parseBlockEnd(raw: string, now: Date): Date | null | 'invalid' | 'past' {
  if (raw.trim() === '') return null;
  const iso = parseDate(raw);
  if (!iso) return 'invalid';
  const end = blockEnd(iso);
  return end <= now ? 'past' : end;
}
