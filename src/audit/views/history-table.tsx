import { TableRegion } from '../../views/components.tsx';
import type { Language } from '../../i18n/language.ts';
import type { T } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../i18n/format.ts';

export interface HistoryEntry {
  occurredAt: Date;
  type: string;
  actor: string;
  details: string;
}

const EVENT_KEYS: Record<string, string> = {
  FORM_SAVED: 'history.FORM_SAVED',
  FORM_SIGNED: 'history.FORM_SIGNED',
  SIGNATURE_DROPPED: 'history.SIGNATURE_DROPPED',
  FORM_SUBMITTED: 'history.FORM_SUBMITTED',
  OCMW_DATA_CHANGED: 'history.OCMW_DATA_CHANGED',
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
};

/**
 * Audit events as a table (when, who, what, details) in a keyboard-scrollable region, named by the heading
 * `labelledBy` or else by `title`.
 */
export function HistoryTable({ t, lang, title, entries, labelledBy }: { t: T; lang: Language; title: string; entries: HistoryEntry[]; labelledBy?: string }) {
  return (
    <TableRegion labelledBy={labelledBy} label={title}>
      <table class="data-table">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.when')}</th>
            <th scope="col">{t('history.who')}</th>
            <th scope="col">{t('history.what')}</th>
            <th scope="col">{t('history.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{formatDateTime(e.occurredAt, lang)}</td>
              <td>{e.actor}</td>
              <td>{t(EVENT_KEYS[e.type] ?? 'history.other')}</td>
              <td>{e.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
