import type { T } from '../../../../i18n/i18n.ts';
import type { Language } from '../../../../db/types.ts';
import { formatDateTime } from '../../../../views/format.ts';
import { EVENT_KEYS } from '../../../../audit/views/history.view.tsx';
import { SIGNATURE_HEADINGS } from '../../../reports/views/form-page.view.tsx';
import type { HistoryEvent } from '../form-view.service.ts';

function details(t: T, e: HistoryEvent): string {
  const p = e.payload;
  if (typeof p.reason === 'string') return p.reason;
  if (p.role === 'CHAIR' || p.role === 'DIRECTOR') return t(SIGNATURE_HEADINGS[p.role]);
  return typeof p.version === 'number' ? t('history.version', { version: p.version }) : '';
}

/** The form's history from the OCMW's audit trail (who did what, when; the reason of a correction). */
export function FormHistory({ t, lang, events }: { t: T; lang: Language; events: HistoryEvent[] }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {events.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a horizontally scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="history-title">
          <table class="data-table">
            <caption class="visually-hidden">{t('history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.who')}</th>
                <th scope="col">{t('history.what')}</th>
                <th scope="col">{t('history.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr>
                  <td>{formatDateTime(e.occurredAt, lang)}</td>
                  <td>{e.actor}</td>
                  <td>{t(EVENT_KEYS[e.type] ?? 'history.other')}</td>
                  <td>{details(t, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
