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
import { REGISTRY_COLUMNS, REGISTRY_COLUMN_KEYS } from '../registry-rows.ts';
import type { RegistryImportDetail, RegistryImportSummary, UploadError } from '../registry.model.ts';
import { type Flash, RegistryNav, Summary } from './parts.tsx';
import { STATE_KEYS, problemText } from './texts.ts';

const BASE = '/backoffice/registry/imports';

/** The upload form (the columns a list has, the template) and the lists uploaded before. */
export function RegistryImportsPage({ ctx, actor, imports, error }: { ctx: PageContext; actor: Actor; imports: RegistryImportSummary[]; error?: UploadError }) {
  const { t } = ctx;
  const title = t('bo.registry.import.title');
  const message = error ? t(error.key, error.params ?? {}) : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <RegistryNav ctx={ctx} actor={actor} current="imports" />
      {message && <ErrorSummary t={t} errors={[{ fieldId: 'i-file', label: t('bo.registry.import.file'), message }]} />}
      <h1>{title}</h1>
      <p>{t('bo.registry.import.intro')}</p>
      <ImportColumns t={t} texts={LIST_TEXTS} columns={REGISTRY_COLUMNS.map((c) => [c, t(REGISTRY_COLUMN_KEYS[c])] as const)} />
      <p>
        {t('bo.registry.import.template')} <a href={`${BASE}/template.csv`}>{t('bo.registry.import.template_csv')}</a>
      </p>
      <form method="post" action={BASE} enctype="multipart/form-data" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('bo.registry.import.upload_title')}</h2>
        <UploadFileField
          id="i-file"
          label={t('bo.registry.import.file')}
          hint={t('bo.registry.import.file_hint')}
          error={message}
          accept=".csv,.xlsx,text/csv"
        />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.registry.import.upload')}
          </button>
        </div>
      </form>
      <ImportHistory ctx={ctx} texts={LIST_TEXTS} stateKeys={STATE_KEYS} base={BASE} imports={imports} />
    </Layout>
  );
}

const LIST_TEXTS: ImportListTexts = {
  columnsCaption: 'bo.registry.import.columns_caption',
  colColumn: 'bo.registry.import.col_column',
  colMeaning: 'bo.registry.import.col_meaning',
  file: 'bo.registry.import.file',
  uploaded: 'bo.registry.import.uploaded',
  lines: 'bo.registry.import.lines',
  problems: 'bo.registry.import.problems',
  history: 'bo.registry.import.history',
  historyNone: 'bo.registry.import.history_none',
  committed: 'bo.registry.import.committed',
  discarded: 'bo.registry.import.discarded',
};

const TEXTS: StagedImportTexts = {
  reportTitle: 'bo.registry.import.report_title',
  reportNone: 'bo.registry.import.report_none',
  reportCaption: 'bo.registry.import.report_caption',
  colLine: 'bo.registry.import.col_line',
  colColumn: 'bo.registry.import.col_column',
  colProblem: 'bo.registry.import.col_problem',
  notLoadable: 'bo.registry.import.not_loadable',
  commit: 'bo.registry.review.confirm',
  discard: 'bo.registry.import.discard',
  back: 'bo.registry.import.back',
};

/** One list: its report, line by line which organisation gets which KBO number instead of which; commit or discard. */
export function RegistryImportPage({ ctx, actor, detail, flash }: { ctx: PageContext; actor: Actor; detail: RegistryImportDetail; flash?: Flash }) {
  const { t, lang } = ctx;
  const title = t('bo.registry.import.detail_title', { file: detail.fileName });
  const loadable = detail.state === 'STAGED' && detail.problems.length === 0 && detail.preview.length > 0;
  const meta = importFacts(ctx, LIST_TEXTS, STATE_KEYS, detail);
  return (
    <StagedImportPage
      ctx={ctx}
      title={title}
      nav={<RegistryNav ctx={ctx} actor={actor} current="imports" />}
      flash={flash}
      meta={<Summary rows={meta} />}
      detail={detail}
      texts={TEXTS}
      base={`${BASE}/${detail.id}`}
      loadable={loadable}
      ready={t('bo.registry.import.ready', { count: detail.changes })}
      reportId="registry-report"
      problemText={problemText}
      backHref={BASE}
    >
      {detail.preview.length > 0 && (
        <section>
          <h2 id="registry-preview">{t('bo.registry.import.preview_title')}</h2>
          <TableRegion labelledBy="registry-preview">
            <table class="data-table">
              <caption>{t('bo.registry.import.preview_caption', { shown: detail.preview.length, total: detail.rowCount })}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('bo.registry.import.col_line')}
                  </th>
                  <th scope="col">{t('bo.registry.field.name')}</th>
                  <th scope="col">{t('bo.registry.field.nis')}</th>
                  <th scope="col">{t('bo.registry.import.kbo_now')}</th>
                  <th scope="col">{t('bo.registry.import.kbo_next')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.preview.map((r) => (
                  <tr>
                    <td class="num">{r.line}</td>
                    <th scope="row">
                      {r.organisation ? <a href={`/backoffice/registry/${r.organisation.id}`}>{organisationName(r.organisation, lang)}</a> : '—'}
                    </th>
                    <td class="nowrap">
                      {r.nis}
                      {r.formerNis && <div class="field__hint">{t('bo.registry.import.former_nis')}</div>}
                    </td>
                    <td class="nowrap">
                      {formatKbo(r.kboBefore)}
                      {r.kboBeforeFictitious && (
                        <>
                          {' '}
                          <span class="tag">{t('bo.registry.mark.fictitious')}</span>
                        </>
                      )}
                    </td>
                    <td class="nowrap">{r.unchanged ? t('bo.registry.import.unchanged') : formatKbo(r.kbo)}</td>
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
