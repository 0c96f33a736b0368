/**
 * The campaign calendar of forms.md §2.3 / X-CAL: forms of report year N open on 12 January N+1 ("early"),
 * personnel costs and GPMI at the end of January N+1 ("late": the last working day), and the deadline is
 * the last working day of February N+1 — 27 February 2026 for report year 2025, 28 February 2017 for 2016,
 * as the circulars of 2026 and 2017 set them. A year's own dates can override the pattern.
 */
import { brusselsToUtc } from '../shared/brussels-time.ts';

export type Opening = 'early' | 'late';

const pad = (n: number) => String(n).padStart(2, '0');

/** Times are Brussels office hours: opening at 00:00 and the deadline at 23:59:59, Brussels time (summer time too). */
function utc(y: number, m: number, d: number, h = 0, min = 0, s = 0): Date {
  return brusselsToUtc(`${y}-${pad(m)}-${pad(d)}`, h, min, s);
}

function isWeekend(y: number, m: number, d: number): boolean {
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 || day === 6;
}

/** The last Monday-to-Friday of a month (public holidays do not fall at the end of January or February). */
export function lastWorkingDay(year: number, month: number): number {
  let day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  while (isWeekend(year, month, day)) day--;
  return day;
}

export interface CampaignDates {
  opensAt: Date;
  closesAt: Date;
}

/** ISO dates (yyyy-mm-dd) of a year's own opening or deadline, when a circular departs from the pattern. */
export interface DateOverrides {
  opensOn?: string;
  closesOn?: string;
}

function isoParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

export function campaignDates(reportYear: number, opening: Opening, overrides: DateOverrides = {}): CampaignDates {
  const year = reportYear + 1;
  const opensOn = overrides.opensOn ? isoParts(overrides.opensOn) : ([year, 1, opening === 'early' ? 12 : lastWorkingDay(year, 1)] as const);
  const closesOn = overrides.closesOn ? isoParts(overrides.closesOn) : ([year, 2, lastWorkingDay(year, 2)] as const);
  return { opensAt: utc(opensOn[0], opensOn[1], opensOn[2]), closesAt: utc(closesOn[0], closesOn[1], closesOn[2], 23, 59, 59) };
}
