import type { T } from '../../../../i18n/i18n.ts';
import type { Language } from '../../../../i18n/language.ts';
import { HistoryTable } from '../../../../audit/views/history-table.tsx';
import { SIGNATURE_HEADINGS } from '../../../reports/views/form-page.view.tsx';
import type { HistoryEvent } from '../follow-up.model.ts';

function details(t: T, e: HistoryEvent): string {
  const p = e.payload;
  if (typeof p.reason === 'string') return p.reason;
  if (p.role === 'CHAIR' || p.role === 'DIRECTOR') return t(SIGNATURE_HEADINGS[p.role]);
  return typeof p.version === 'number' ? t('history.version', { version: p.version }) : '';
}

/** The form's history from the OCMW's audit trail (who did what, when; the reason of a correction). */
export function FormHistory({ t, lang, events }: { t: T; lang: Language; events: HistoryEvent[] }) {
  return (
    <section>
      <h2 id="history-title">{t('history.title')}</h2>
      {events.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <HistoryTable
          t={t}
          lang={lang}
          title={t('history.title')}
          labelledBy="history-title"
          entries={events.map((e) => ({ occurredAt: e.occurredAt, type: e.type, actor: e.actor, details: details(t, e) }))}
        />
      )}
    </section>
  );
}
