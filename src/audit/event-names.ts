/** The translation key of every audit event's name (what the history pages and the access audit show). */
const EVENT_KEYS: Record<string, string> = {
  FORM_SAVED: 'history.FORM_SAVED',
  FORM_SIGNED: 'history.FORM_SIGNED',
  SIGNATURE_DROPPED: 'history.SIGNATURE_DROPPED',
  FORM_SUBMITTED: 'history.FORM_SUBMITTED',
  OCMW_DATA_CHANGED: 'history.OCMW_DATA_CHANGED',
  OCMW_CONFIG_SAVED: 'config.history_event',
  WORKBOOK_UPLOADED: 'history.WORKBOOK_UPLOADED',
  ENTRY_MODE_CHANGED: 'history.ENTRY_MODE_CHANGED',
  CORRECTION_REQUESTED: 'bo.corrections.event.correction_requested',
  FORM_ACCEPTED: 'bo.corrections.event.accepted',
  REMINDER_QUEUED: 'bo.reminders.history_event',
  SETTLEMENT_ISSUED: 'bo.settlement.history_event',
  LATE_SUBMISSION_ALLOWED: 'bo.campaigns.late.history_allowed',
  LATE_SUBMISSION_WITHDRAWN: 'bo.campaigns.late.history_withdrawn',
  PODMI_READ: 'history.PODMI_READ',
  LOGGED_IN: 'history.LOGGED_IN',
  USER_ADDED: 'access.event.USER_ADDED',
  USER_CHANGED: 'access.event.USER_CHANGED',
  APP_GRANTED: 'access.event.APP_GRANTED',
  APP_REVOKED: 'access.event.APP_REVOKED',
  ROLE_GRANTED: 'access.event.ROLE_GRANTED',
  ROLE_REVOKED: 'access.event.ROLE_REVOKED',
  TB_CHANGED: 'access.event.TB_CHANGED',
  USER_BLOCKED: 'access.event.USER_BLOCKED',
  USER_UNBLOCKED: 'access.event.USER_UNBLOCKED',
  USER_REMOVED: 'access.event.USER_REMOVED',
  ACCESS_CHANGE_REFUSED: 'access.event.ACCESS_CHANGE_REFUSED',
  HTB_APPOINTED: 'bo.access_admin.event.HTB_APPOINTED',
  LOGGED_OUT: 'history.LOGGED_OUT',
  LOGIN_REFUSED: 'history.LOGIN_REFUSED',
  ORG_SELECTED: 'history.ORG_SELECTED',
  STEP_UP_OK: 'history.STEP_UP_OK',
  STEP_UP_REFUSED: 'history.STEP_UP_REFUSED',
};

/** The key of an event type's name; an unknown type reads "Andere gebeurtenis". */
export function eventNameKey(type: string): string {
  return EVENT_KEYS[type] ?? 'history.other';
}
