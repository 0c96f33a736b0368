/**
 * Campaign dates are typed and shown in Brussels time (opening at 00:00, deadline at 23:59:59), stored in UTC.
 * Summer time is taken from the platform's time-zone data, so nothing depends on the month.
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A moment's wall-clock time in Brussels, as numbers (also for spreadsheets, whose date-times have no time zone). */
export function wallClock(utcMs: number): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const p = Object.fromEntries(parts.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second) };
}

function offsetMs(utcMs: number): number {
  const w = wallClock(utcMs);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - utcMs;
}

/** A Brussels wall-clock moment (ISO date, hours, minutes, seconds) as a UTC instant. */
export function brusselsToUtc(isoDate: string, hours: number, minutes: number, seconds = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d, hours, minutes, seconds);
  const first = naive - offsetMs(naive);
  return new Date(naive - offsetMs(first));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day in Brussels at this moment, `YYYY-MM-DD` (the day the registry's validity dates speak of). */
export function brusselsDay(date: Date): string {
  const w = wallClock(date.getTime());
  return `${w.y}-${pad(w.m)}-${pad(w.d)}`;
}

/** dd/mm/yyyy and hh:mm (hh:mm:ss when the seconds are not zero) in Brussels time, as typed in the forms. */
export function brusselsInputs(date: Date): { date: string; time: string } {
  const w = wallClock(date.getTime());
  return { date: `${pad(w.d)}/${pad(w.m)}/${w.y}`, time: `${pad(w.h)}:${pad(w.min)}${w.s ? `:${pad(w.s)}` : ''}` };
}

/** hh:mm or hh:mm:ss (also with a dot) to its parts; null when it is not a time of day. */
export function parseTimeOfDay(raw: string): { h: number; min: number; s: number } | null {
  const match = /^(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?$/.exec(raw.trim());
  if (!match) return null;
  const [h, min, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return h < 24 && min < 60 && s < 60 ? { h, min, s } : null;
}
