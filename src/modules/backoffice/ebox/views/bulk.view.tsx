import type { Actor } from '../../../../access/access.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { ErrorSummary, Notice, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { BatchReport } from '../ebox-publication.model.ts';
import { EBOX_ADMIN_BASE } from './ebox-admin.view.tsx';
import { bulkErrorText } from './ebox-texts.ts';

export interface BatchSummary {
  id: string;
  file_name: string;
  row_count: number;
  state: string;
  uploaded_at: Date;
  first_name: string;
  last_name: string;
}

const STATE_KEYS: Record<string, string> = {
  PUBLISHING: 'bo.ebox.bulk.state.PUBLISHING',
  DONE: 'bo.ebox.bulk.state.DONE',
  REFUSED: 'bo.ebox.bulk.state.REFUSED',
};

/** The bulk upload: what the ZIP holds (manifest.csv and the PDFs), the upload, the last batches. */
export function BulkFormPage({ ctx, actor, batches, error }: { ctx: PageContext; actor: Actor; batches: BatchSummary[]; error?: string }) {
  const { t, lang } = ctx;
  const title = t('bo.ebox.bulk.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="ebox" />
      <p>
        <a href={EBOX_ADMIN_BASE}>{t('bo.ebox.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={error ? [{ fieldId: 'bulk-file', label: t('bo.ebox.bulk.file'), message: error }] : []} />
      <p>{t('bo.ebox.bulk.intro')}</p>
      <p>{t('bo.ebox.bulk.manifest_columns')}</p>
      <pre class="code-sample">row_reference;recipient_kbo;message_type;legislation;period;subject_nl;subject_fr;subject_de;main_file;attachments</pre>
      <p>{t('bo.ebox.bulk.rules')}</p>
      <form method="post" action={`${EBOX_ADMIN_BASE}/bulk`} enctype="multipart/form-data">
        <div class={error ? 'field field--error' : 'field'}>
          <label for="bulk-file" class="field__label">
            {t('bo.ebox.bulk.file')}
          </label>
          {error && (
            <p id="bulk-file-error" class="field__error">
              {error}
            </p>
          )}
          <input
            id="bulk-file"
            name="file"
            type="file"
            accept=".zip,application/zip"
            class="field__file"
            aria-describedby={error ? 'bulk-file-error' : undefined}
          />
        </div>
        <button type="submit" class="button">
          {t('bo.ebox.bulk.upload')}
        </button>
      </form>
      {batches.length > 0 && (
        <TableRegion labelledBy="bulk-batches">
          <table class="data-table">
            <caption id="bulk-batches">{t('bo.ebox.bulk.batches')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.ebox.published_at')}</th>
                <th scope="col">{t('bo.ebox.bulk.file')}</th>
                <th scope="col">{t('bo.ebox.bulk.rows')}</th>
                <th scope="col">{t('bo.ebox.bulk.state_col')}</th>
                <th scope="col">{t('bo.ebox.bulk.by')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr>
                  <td>{formatDateTime(b.uploaded_at, lang)}</td>
                  <th scope="row">
                    <a href={`${EBOX_ADMIN_BASE}/bulk/${b.id}`}>{b.file_name}</a>
                  </th>
                  <td class="num">{b.row_count}</td>
                  <td>{t(STATE_KEYS[b.state] ?? STATE_KEYS.DONE)}</td>
                  <td>{`${b.first_name} ${b.last_name}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** A bulk upload's result: refused with every problem (nothing published), or the per-row report. */
export function BulkResultPage({ ctx, actor, batch, report }: { ctx: PageContext; actor: Actor; batch: BatchSummary; report: BatchReport }) {
  const { t } = ctx;
  const title = t('bo.ebox.bulk.result_title', { file: batch.file_name });
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="ebox" />
      <p>
        <a href={`${EBOX_ADMIN_BASE}/bulk`}>{t('bo.ebox.bulk.back')}</a>
      </p>
      <h1>{title}</h1>
      {report.state === 'REFUSED' ? (
        <>
          <Notice kind="warning">{t('bo.ebox.bulk.refused', { count: report.errors.length })}</Notice>
          <TableRegion labelledBy="bulk-errors">
            <table class="data-table">
              <caption id="bulk-errors">{t('bo.ebox.bulk.errors_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bo.ebox.bulk.row')}</th>
                  <th scope="col">{t('bo.ebox.bulk.reference')}</th>
                  <th scope="col">{t('bo.ebox.bulk.column')}</th>
                  <th scope="col">{t('bo.ebox.bulk.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e) => (
                  <tr>
                    <td>{e.row ?? t('bo.ebox.bulk.whole_upload')}</td>
                    <td>{e.reference ?? '—'}</td>
                    <td>{e.field ?? '—'}</td>
                    <td>{bulkErrorText(t, e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : (
        <>
          <Notice kind="success">
            {t('bo.ebox.bulk.done', {
              published: report.outcomes.filter((o) => o.result === 'published').length,
              already: report.outcomes.filter((o) => o.result === 'already_published').length,
            })}
          </Notice>
          <p>
            <a class="button button--secondary" href={`${EBOX_ADMIN_BASE}/bulk/${batch.id}/report.csv`}>
              {t('bo.ebox.bulk.download_report')}
            </a>{' '}
            <a href={`${EBOX_ADMIN_BASE}?batch=${batch.id}`}>{t('bo.ebox.bulk.see_messages')}</a>
          </p>
          <TableRegion labelledBy="bulk-outcomes">
            <table class="data-table">
              <caption id="bulk-outcomes">{t('bo.ebox.bulk.outcomes_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bo.ebox.bulk.row')}</th>
                  <th scope="col">{t('bo.ebox.bulk.reference')}</th>
                  <th scope="col">KBO</th>
                  <th scope="col">{t('bo.ebox.bulk.result')}</th>
                </tr>
              </thead>
              <tbody>
                {report.outcomes.slice(0, 1000).map((o) => (
                  <tr>
                    <td>{o.row}</td>
                    <td>{o.reference}</td>
                    <td>{o.recipientKbo}</td>
                    <td>
                      <a href={`${EBOX_ADMIN_BASE}/messages/${o.messageId}`}>
                        {o.result === 'published' ? t('bo.ebox.bulk.published') : t('bo.ebox.bulk.already_published')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </Layout>
  );
}
