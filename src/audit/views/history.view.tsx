import type { ChainVerification } from '../audit.ts';
import { Notice } from '../../views/components.tsx';
import { formatDateTime } from '../../views/format.ts';
import { Layout, type PageContext } from '../../views/layout.tsx';

export interface HistoryEntry {
  occurredAt: Date;
  type: string;
  actor: string;
  details: string;
}

export const EVENT_KEYS: Record<string, string> = {
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
};

/** The audit trail of one subject (a form, or the OCMW data), with the verification of the OCMW's chain. */
export function HistoryPage({ ctx, title, backHref, entries, chain }: { ctx: PageContext; title: string; backHref: string; entries: HistoryEntry[]; chain: ChainVerification }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {chain.ok ? (
        <Notice kind="success">{t('history.chain_ok', { count: chain.events })}</Notice>
      ) : (
        <Notice kind="warning">{t('history.chain_broken', { seq: chain.problem?.seq ?? 0 })}</Notice>
      )}
      {entries.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a horizontally scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <div class="table-wrap" tabIndex={0} role="region" aria-label={title}>
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
                <td>{formatDateTime(e.occurredAt, ctx.lang)}</td>
                <td>{e.actor}</td>
                <td>{t(EVENT_KEYS[e.type] ?? 'history.other')}</td>
                <td>{e.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <p>
        <a class="button button--secondary" href={backHref}>
          {t('button.back')}
        </a>
      </p>
    </Layout>
  );
}
