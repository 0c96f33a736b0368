import type { Actor } from '../../../../access/access.ts';
import { ErrorSummary, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../shared/organisation-name.ts';
import {
  ImportColumns,
  ImportHistory,
  type ImportListTexts,
  StagedImportPage,
  type StagedImportTexts,
  UploadFileField,
  importFacts,
} from '../../../reference-data/views/staged-import.tsx';
import { formatKbo } from '../../../shared/identifiers.ts';
import type { HtbImportDetail, HtbImportSummary, UploadError } from '../access-admin.model.ts';
import { HTB_COLUMNS, HTB_COLUMN_KEYS } from '../htb-rows.ts';
import type { Flash } from './htb.view.tsx';
import { AccessNav, Summary } from './parts.tsx';
import { STATE_KEYS, languageName, problemText } from './texts.ts';

/** The upload form (with the columns a list has and the templates) and the lists uploaded before. */
export function HtbImportsPage({
  ctx,
  actor,
  imports,
  error,
  keepPrevious,
}: {
  ctx: PageContext;
  actor: Actor;
  imports: HtbImportSummary[];
  error?: UploadError;
  keepPrevious: boolean;
}) {
  const { t } = ctx;
  const title = t('bo.access_admin.import.title');
  const message = error ? t(error.key, error.params ?? {}) : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="import" />
      {message && <ErrorSummary t={t} errors={[{ fieldId: 'i-file', label: t('bo.access_admin.import.file'), message }]} />}
      <h1>{title}</h1>
      <p>{t('bo.access_admin.import.intro')}</p>
      <ImportColumns t={t} texts={LIST_TEXTS} columns={HTB_COLUMNS.map((c) => [c, t(HTB_COLUMN_KEYS[c])] as const)} />
      <p>
        {t('bo.access_admin.import.templates')} <a href="/backoffice/access/imports/template.xlsx">{t('bo.access_admin.import.template_xlsx')}</a>,{' '}
        <a href="/backoffice/access/imports/template.csv">{t('bo.access_admin.import.template_csv')}</a>
      </p>
      <form method="post" action="/backoffice/access/imports" enctype="multipart/form-data" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('bo.access_admin.import.upload_title')}</h2>
        <UploadFileField
          id="i-file"
          label={t('bo.access_admin.import.file')}
          hint={t('bo.access_admin.import.file_hint')}
          error={message}
          accept=".csv,.xlsx,text/csv"
        />
        <div class="field">
          <input type="checkbox" id="i-keep" name="keepPrevious" value="on" checked={keepPrevious} />{' '}
          <label for="i-keep">{t('bo.access_admin.import.keep_previous')}</label>
        </div>
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.access_admin.import.upload')}
          </button>
        </div>
      </form>
      <ImportHistory ctx={ctx} texts={LIST_TEXTS} stateKeys={STATE_KEYS} base="/backoffice/access/imports" imports={imports} />
    </Layout>
  );
}

/** The texts of the upload page and of a list's facts. */
const LIST_TEXTS: ImportListTexts = {
  columnsCaption: 'bo.access_admin.import.columns_caption',
  colColumn: 'bo.access_admin.import.col_column',
  colMeaning: 'bo.access_admin.import.col_meaning',
  file: 'bo.access_admin.import.file',
  uploaded: 'bo.access_admin.import.uploaded',
  lines: 'bo.access_admin.import.lines',
  problems: 'bo.access_admin.import.problems',
  history: 'bo.access_admin.import.history',
  historyNone: 'bo.access_admin.import.history_none',
  committed: 'bo.access_admin.import.committed',
  discarded: 'bo.access_admin.import.discarded',
};

/** The texts of a list's page. */
const TEXTS: StagedImportTexts = {
  reportTitle: 'bo.access_admin.import.report_title',
  reportNone: 'bo.access_admin.import.report_none',
  reportCaption: 'bo.access_admin.import.report_caption',
  colLine: 'bo.access_admin.import.col_line',
  colColumn: 'bo.access_admin.import.col_column',
  colProblem: 'bo.access_admin.import.col_problem',
  notLoadable: 'bo.access_admin.import.not_loadable',
  commit: 'bo.access_admin.confirm',
  discard: 'bo.access_admin.import.discard',
  back: 'bo.access_admin.import.back',
};

/** One list: what was uploaded, its report, line by line who is HTB now and who becomes it; commit or discard. */
export function HtbImportPage({ ctx, actor, detail, flash }: { ctx: PageContext; actor: Actor; detail: HtbImportDetail; flash?: Flash }) {
  const { t, lang } = ctx;
  const title = t('bo.access_admin.import.detail_title', { file: detail.fileName });
  const loadable = detail.state === 'STAGED' && detail.problems.length === 0 && detail.preview.length > 0;
  const meta = importFacts(ctx, LIST_TEXTS, STATE_KEYS, detail, [
    [t('bo.access_admin.import.keep_previous_short'), detail.keepPrevious ? t('common.yes') : t('common.no')],
  ]);
  return (
    <StagedImportPage
      ctx={ctx}
      title={title}
      nav={<AccessNav ctx={ctx} actor={actor} current="import" />}
      flash={flash}
      meta={<Summary rows={meta} />}
      detail={detail}
      texts={TEXTS}
      base={`/backoffice/access/imports/${detail.id}`}
      loadable={loadable}
      ready={t('bo.access_admin.import.ready', { count: detail.changes })}
      reportId="htb-report"
      problemText={problemText}
      backHref="/backoffice/access/imports"
    >
      {detail.preview.length > 0 && (
        <section>
          <h2 id="htb-preview">{t('bo.access_admin.import.preview_title')}</h2>
          <TableRegion labelledBy="htb-preview">
            <table class="data-table">
              <caption>{t('bo.access_admin.import.preview_caption', { shown: detail.preview.length, total: detail.rowCount })}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('bo.access_admin.import.col_line')}
                  </th>
                  <th scope="col">{t('common.ocmw')}</th>
                  <th scope="col">{t('bo.access_admin.overview.htb_now')}</th>
                  <th scope="col">{t('bo.access_admin.overview.htb_next')}</th>
                  <th scope="col">{t('bo.access_admin.field.email')}</th>
                  <th scope="col">{t('bo.access_admin.field.language')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.preview.map((r) => (
                  <tr>
                    <td class="num">{r.line}</td>
                    <th scope="row">{r.ocmw ? `${organisationName(r.ocmw, lang)} (${formatKbo(r.ocmw.kbo)})` : '—'}</th>
                    <td>{r.current ? `${r.current.name} (${r.current.maskedInsz})` : t('bo.access_admin.list.no_htb')}</td>
                    <td>
                      {r.unchanged
                        ? t('bo.access_admin.import.unchanged')
                        : `${r.next.name} (${r.next.maskedInsz})${r.next.known ? '' : ` — ${t('bo.access_admin.import.new_person')}`}`}
                    </td>
                    <td>{r.next.email}</td>
                    <td>{languageName(t, r.next.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      )}
    </StagedImportPage>
  );
}
