import type { ChainVerification } from '../audit.ts';
import { Notice } from '../../views/components.tsx';
import { Layout, type PageContext } from '../../views/layout.tsx';
import { type HistoryEntry, HistoryTable } from './history-table.tsx';

/** The audit trail of one subject (a form, or the OCMW data), with the verification of the OCMW's chain. */
export function HistoryPage({
  ctx,
  title,
  backHref,
  entries,
  chain,
}: {
  ctx: PageContext;
  title: string;
  backHref: string;
  entries: HistoryEntry[];
  chain: ChainVerification;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {chain.ok ? (
        <Notice kind="success">{t('history.chain_ok', { count: chain.events })}</Notice>
      ) : (
        <Notice kind="warning">{t('history.chain_broken', { seq: chain.problem?.seq ?? 0 })}</Notice>
      )}
      {entries.length === 0 ? <p>{t('history.empty')}</p> : <HistoryTable t={t} lang={ctx.lang} title={title} entries={entries} />}
      <p>
        <a class="button button--secondary" href={backHref}>
          {t('button.back')}
        </a>
      </p>
    </Layout>
  );
}
