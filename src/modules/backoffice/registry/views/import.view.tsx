import type { Actor } from '../../../../access/access.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { ErrorSummary, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../organisations/organisation-name.ts';
import { StagedImportPage, type StagedImportTexts, UploadFileField } from '../../../reference-data/views/staged-import.tsx';
import { fileSize } from '../../../reference-data/views/texts.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import { REGISTRY_COLUMNS, REGISTRY_COLUMN_KEYS } from '../registry-rows.ts';
import type { RegistryImportDetail, RegistryImportSummary, UploadError } from '../registry.model.ts';
import { type Flash, RegistryNav, Summary } from './parts.tsx';
import { STATE_KEYS, problemText } from './texts.ts';

const BASE = '/backoffice/registry/imports';

/** The upload form (the columns a list has, the template) and the lists uploaded before. */
export function RegistryImportsPage({ ctx, actor, imports, error }: { ctx: PageContext; actor: Actor; imports: RegistryImportSummary[]; error?: UploadError }) {
  const { t, lang } = ctx;
  const title = t('bo.registry.import.title');
  const message = error ? t(error.key, error.params ?? {}) : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <RegistryNav ctx={ctx} actor={actor} current="imports" />
      {message && <ErrorSummary t={t} errors={[{ fieldId: 'i-file', label: t('bo.registry.import.file'), message }]} />}
      <h1>{title}</h1>
      <p>{t('bo.registry.import.intro')}</p>
      <TableRegion labelledBy="import-columns">
        <table class="data-table">
          <caption id="import-columns">{t('bo.registry.import.columns_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.registry.import.col_column')}</th>
              <th scope="col">{t('bo.registry.import.col_meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {REGISTRY_COLUMNS.map((c) => (
              <tr>
                <th scope="row">
                  <code>{c}</code>
                </th>
                <td>{t(REGISTRY_COLUMN_KEYS[c])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
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
      <h2 id="import-history">{t('bo.registry.import.history')}</h2>
      {imports.length === 0 ? (
        <p>{t('bo.registry.import.history_none')}</p>
      ) : (
        <TableRegion labelledBy="import-history">
          <table class="data-table">
            <caption class="visually-hidden">{t('bo.registry.import.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.registry.import.file')}</th>
                <th scope="col">{t('bo.registry.import.uploaded')}</th>
                <th scope="col">{t('common.state')}</th>
                <th scope="col" class="num">
                  {t('bo.registry.import.lines')}
                </th>
                <th scope="col" class="num">
                  {t('bo.registry.import.problems')}
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr>
                  <th scope="row">
                    <a href={`${BASE}/${i.id}`}>{i.fileName}</a>
                  </th>
                  <td>{`${formatDateTime(i.uploadedAt, lang)}, ${i.uploadedBy}`}</td>
                  <td>{t(STATE_KEYS[i.state])}</td>
                  <td class="num">{i.rowCount}</td>
                  <td class="num">{i.problemCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

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
  const meta: Array<[string, string]> = [
    [t('bo.registry.import.file'), `${detail.fileName} (${fileSize(detail.fileSize)})`],
    [t('bo.registry.import.uploaded'), `${formatDateTime(detail.uploadedAt, lang)}, ${detail.uploadedBy}`],
    [t('common.state'), t(STATE_KEYS[detail.state])],
    [t('bo.registry.import.lines'), String(detail.rowCount)],
    ...(detail.committedAt
      ? [[t('bo.registry.import.committed'), `${formatDateTime(detail.committedAt, lang)}, ${detail.committedBy ?? ''}`] as [string, string]]
      : []),
    ...(detail.discardedAt
      ? [[t('bo.registry.import.discarded'), `${formatDateTime(detail.discardedAt, lang)}, ${detail.discardedBy ?? ''}`] as [string, string]]
      : []),
  ];
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
