import { eventNameKey } from '../../audit/event-names.ts';
import { historyDetails } from '../../audit/history-details.ts';
import type { T } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Language } from '../../i18n/language.ts';
import { CSV_BOM, csvLine } from '../backoffice/exports/csv.ts';
import type { AccessAuditRow } from './access-management.service.ts';
import type { AccessEvent } from './access-management.model.ts';

/** The name of an access event's type in words (the same words as every history page). */
export function eventTypeText(t: T, type: string): string {
  return t(eventNameKey(type));
}

/** The audit rows as the page shows them: every code but the event's type in words (the table names the type). */
export function accessEvents(t: T, rows: AccessAuditRow[]): AccessEvent[] {
  return rows.map((r) => ({
    occurredAt: r.occurredAt,
    type: r.type,
    actor: r.actor,
    subject: r.subject,
    details: historyDetails(t, r.type, r.payload),
  }));
}

/** The CSV export: UTF-8 with BOM, `;`, CRLF, text cells neutralised (as every export of the application). */
export function accessAuditCsv(t: T, lang: Language, events: AccessEvent[]): string {
  let out = CSV_BOM + csvLine([t('history.when'), t('history.who'), t('history.what'), t('access.col.subject'), t('history.details')]);
  for (const e of events) out += csvLine([formatDateTime(e.occurredAt, lang), e.actor, eventTypeText(t, e.type), e.subject, e.details]);
  return out;
}
