import type { Language } from '../../db/types.ts';
import { translator } from '../../i18n/i18n.ts';
import { formatDate } from '../../i18n/format.ts';
import { formWhere } from '../shared/mail-link.ts';

/** Where a form that is not submitted stands: what the reminder says is missing. */
export type ReminderState = 'not_started' | 'errors' | 'unsigned' | 'chair_only' | 'director_only' | 'both_signed';

const STATE_KEYS: Record<ReminderState, string> = {
  not_started: 'bo.reminders.state.not_started',
  errors: 'bo.reminders.state.errors',
  unsigned: 'bo.reminders.state.unsigned',
  chair_only: 'bo.reminders.state.chair_only',
  director_only: 'bo.reminders.state.director_only',
  both_signed: 'bo.reminders.state.both_signed',
};

/** Only signatures on the form's current content count (the query compares content hashes). */
export function reminderState(form: {
  instance_id: string | null;
  has_errors: boolean | null;
  chair_signed: boolean;
  director_signed: boolean;
}): ReminderState {
  if (!form.instance_id) return 'not_started';
  if (form.has_errors) return 'errors';
  if (form.chair_signed && form.director_signed) return 'both_signed';
  if (form.chair_signed) return 'chair_only';
  if (form.director_signed) return 'director_only';
  return 'unsigned';
}

export interface ReminderMailInput {
  language: Language;
  /** the contact person's name, if known */
  contactName: string;
  ocmwName: string;
  /** the text key of the measure's title */
  measureTitleKey: string;
  reportYear: number;
  deadline: Date;
  state: ReminderState;
  /** the OCMW's KBO number and the campaign: where the link (or the words) lead */
  kbo: string;
  campaignId: string;
  /** the application's public URL when one is configured; absent, the e-mail says where to go in words */
  publicUrl: string | undefined;
}

/** The reminder e-mail in the OCMW's language, as plain text. */
export function composeReminder(input: ReminderMailInput): { subject: string; body: string } {
  const t = translator(input.language);
  const measure = t(input.measureTitleKey);
  const deadline = formatDate(input.deadline, input.language);
  const year = String(input.reportYear);
  const greeting = input.contactName ? t('bo.reminders.greeting_named', { name: input.contactName }) : t('bo.reminders.greeting');
  const body = [
    greeting,
    '',
    t('bo.reminders.intro', { measure, year, ocmw: input.ocmwName, deadline }),
    '',
    t('bo.reminders.state_line', { state: t(STATE_KEYS[input.state]) }),
    '',
    t('bo.reminders.action'),
    '',
    formWhere(t, input.publicUrl, { kbo: input.kbo, campaignId: input.campaignId, measure, year, ocmw: input.ocmwName }),
    '',
    t('bo.reminders.closing'),
    '',
    '-- ',
    t('bo.reminders.automatic'),
  ].join('\n');
  return { subject: t('bo.reminders.subject', { measure, year, deadline }), body };
}
