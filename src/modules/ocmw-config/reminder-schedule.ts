/**
 * When an unread OCMW Online help request appears in the reminder mails (portal.md §6.4, rule CFG-6). With d0 the
 * calendar day of submission (Europe/Brussels; not the legal receipt date), a request is due on day D iff it is still
 * unread, D ≥ d0 + term, and (D − (d0 + term)) is a multiple of the frequency. The OCMW's settings are read at each
 * run, so a change of term or frequency applies at once to requests still unread. Days are `YYYY-MM-DD`.
 */
export interface ReminderSettings {
  /** days after submission of the first reminder (1–60) */
  termDays: number;
  /** days between reminders (1–30) */
  frequencyDays: number;
}

export const TERM_BOUNDS = { min: 1, max: 60 } as const;
export const FREQUENCY_BOUNDS = { min: 1, max: 30 } as const;

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`Not a calendar day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Does a request submitted on `submittedOn` and still unread appear in the reminder run of `runDay`? */
export function isReminderDue(settings: ReminderSettings, submittedOn: string, runDay: string): boolean {
  const sinceFirst = dayNumber(runDay) - (dayNumber(submittedOn) + settings.termDays);
  return sinceFirst >= 0 && sinceFirst % settings.frequencyDays === 0;
}

/** The first `count` days on which a request submitted on `submittedOn` appears in reminders while it stays unread. */
export function reminderDays(settings: ReminderSettings, submittedOn: string, count: number): string[] {
  const first = dayNumber(submittedOn) + settings.termDays;
  return Array.from({ length: count }, (_, i) => dayOf(first + i * settings.frequencyDays));
}

/** The worked example shown on the OCMW Online screen: submitted on Monday 3 March 2025. */
export const EXAMPLE_SUBMISSION_DAY = '2025-03-03';
export const EXAMPLE_SETTINGS: ReminderSettings = { termDays: 2, frequencyDays: 3 };
