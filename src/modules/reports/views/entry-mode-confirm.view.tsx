import { Notice } from '../../../views/components.tsx';
import { Layout, type PageContext, formHref } from '../../../views/layout.tsx';
import type { EntryMode } from '../../shared/domain.ts';

/** Switching how a measure is justified wipes the other way's rows: said plainly, confirmed on purpose. */
export function EntryModeConfirmPage({
  ctx,
  campaignId,
  version,
  to,
  rows,
  emptied,
  title,
}: {
  ctx: PageContext;
  campaignId: string;
  version: number;
  to: EntryMode;
  rows: number;
  /** switching to the workbook: the typed tables it empties, with their rows */
  emptied: Array<{ label: string; rows: number }>;
  title: string;
}) {
  const { t } = ctx;
  const base = formHref(ctx, campaignId);
  const heading = to === 'WORKBOOK' ? t('entry.confirm_to_workbook_title') : t('entry.confirm_to_manual_title');
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <p>{title}</p>
      <Notice kind="warning">{to === 'WORKBOOK' ? t('entry.confirm_to_workbook', { count: rows }) : t('entry.confirm_to_manual', { count: rows })}</Notice>
      {emptied.length > 0 && (
        <>
          <p>{t('entry.confirm_tables')}</p>
          <ul>
            {emptied.map((table) => (
              <li>{t('entry.confirm_table_rows', { table: table.label, count: table.rows })}</li>
            ))}
          </ul>
          <p>{t('entry.confirm_download_first')}</p>
          <p>
            <a class="button button--secondary" href={`${base}/workbook`} download>
              {t('entry.confirm_download_link')}
            </a>
          </p>
        </>
      )}
      <form method="post" action={`${base}/entry-mode`}>
        <input type="hidden" name="version" value={String(version)} />
        <input type="hidden" name="mode" value={to} />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('entry.confirm_yes')}
          </button>
          <a class="button button--secondary" href={base}>
            {t('button.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
