import { TableRegion } from '../../views/components.tsx';
import type { Language } from '../../i18n/language.ts';
import type { T } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { eventNameKey } from '../event-names.ts';

export interface HistoryEntry {
  occurredAt: Date;
  type: string;
  actor: string;
  details: string;
  /** whom the event is about (shown only with `subjectLabel`) */
  subject?: string;
}

/**
 * Audit events as a table (when, who, what, details; with `subjectLabel`, whom before the details) in a
 * keyboard-scrollable region, named by the heading `labelledBy` or else by `title`.
 */
export function HistoryTable({
  t,
  lang,
  title,
  entries,
  labelledBy,
  subjectLabel,
}: {
  t: T;
  lang: Language;
  title: string;
  entries: HistoryEntry[];
  labelledBy?: string;
  subjectLabel?: string;
}) {
  return (
    <TableRegion labelledBy={labelledBy} label={title}>
      <table class="data-table">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.when')}</th>
            <th scope="col">{t('history.who')}</th>
            <th scope="col">{t('history.what')}</th>
            {subjectLabel !== undefined && <th scope="col">{subjectLabel}</th>}
            <th scope="col">{t('history.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{formatDateTime(e.occurredAt, lang)}</td>
              <td>{e.actor}</td>
              <td>{t(eventNameKey(e.type))}</td>
              {subjectLabel !== undefined && <td>{e.subject}</td>}
              <td>{e.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
