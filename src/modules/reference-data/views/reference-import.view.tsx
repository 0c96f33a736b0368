import { TableRegion } from '../../../views/components.tsx';
import { formatDateTime, formatNumeric } from '../../../i18n/format.ts';
import type { PageContext } from '../../../views/layout.tsx';
import { organisationName } from '../../shared/organisation-name.ts';
import type { ReferenceImportDetail } from '../reference-data.model.ts';
import { STATE_KEYS, campaignLabel, fileSize, problemText } from './texts.ts';
import { StagedImportPage, type StagedImportTexts } from './staged-import.tsx';

export interface Flash {
  key: string;
  kind: 'success' | 'info' | 'warning';
}

/** The texts of the reference values' import page. */
const TEXTS: StagedImportTexts = {
  reportTitle: 'refdata.report_title',
  reportNone: 'refdata.report_none',
  reportCaption: 'refdata.report_caption',
  colLine: 'refdata.col_line',
  colColumn: 'refdata.col_column',
  colProblem: 'refdata.col_problem',
  notLoadable: 'refdata.not_loadable',
  commit: 'refdata.commit',
  discard: 'refdata.discard',
  back: 'refdata.back',
};

function Preview({ ctx, detail }: { ctx: PageContext; detail: ReferenceImportDetail }) {
  const { t } = ctx;
  if (detail.loadableRows === 0) return null;
  const caption =
    detail.preview.length < detail.loadableRows
      ? t('refdata.preview_caption_partial', { shown: detail.preview.length, total: detail.loadableRows })
      : t('refdata.preview_caption_all', { total: detail.loadableRows });
  return (
    <section>
      <h2 id="refdata-preview">{t('refdata.preview_title')}</h2>
      <p>{t('refdata.preview_empty_cells')}</p>
      <TableRegion labelledBy="refdata-preview">
        <table class="data-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('refdata.col_line')}
              </th>
              <th scope="col">{t('common.ocmw')}</th>
              <th scope="col">{t('ocmw.nis')}</th>
              {detail.fields.map((f) => (
                <th scope="col" class="num">
                  {t(f.labelKey)} <code>{f.key}</code>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {detail.preview.map((row) => (
              <tr>
                <td class="num">{row.line}</td>
                <th scope="row">{row.organisation ? organisationName(row.organisation, ctx.lang) : '—'}</th>
                <td>{row.organisation?.nis ?? '—'}</td>
                {detail.fields.map((f) => (
                  <td class="num">
                    {row.values[f.key] === undefined ? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span class="visually-hidden">{t('refdata.not_in_file')}</span>
                      </>
                    ) : (
                      formatNumeric(f.type, row.values[f.key], ctx.lang)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

/** One import: what was uploaded, the validation report, the preview, and commit or discard while staged. */
export function ReferenceImportPage({ ctx, detail, flash }: { ctx: PageContext; detail: ReferenceImportDetail; flash?: Flash }) {
  const { t, lang } = ctx;
  const title = t('refdata.import_title', { file: detail.fileName });
  const meta: Array<[string, string]> = [
    [t('refdata.campaign'), campaignLabel(t, detail.campaign)],
    [t('refdata.file'), `${detail.fileName} (${fileSize(detail.fileSize)})`],
    [t('refdata.uploaded'), `${formatDateTime(detail.uploadedAt, lang)}, ${detail.uploadedBy}`],
    [t('common.state'), t(STATE_KEYS[detail.state])],
    [t('refdata.col_rows'), String(detail.rowCount)],
    ...(detail.committedAt ? [[t('refdata.committed'), `${formatDateTime(detail.committedAt, lang)}, ${detail.committedBy ?? ''}`] as [string, string]] : []),
    ...(detail.discardedAt ? [[t('refdata.discarded'), `${formatDateTime(detail.discardedAt, lang)}, ${detail.discardedBy ?? ''}`] as [string, string]] : []),
  ];
  return (
    <StagedImportPage
      ctx={ctx}
      title={title}
      flash={flash}
      detail={detail}
      texts={TEXTS}
      base={`/backoffice/reference-data/${detail.id}`}
      loadable={detail.problems.length === 0 && detail.loadableRows > 0}
      ready={t('refdata.ready', { count: detail.loadableRows, campaign: campaignLabel(t, detail.campaign) })}
      reportId="refdata-report"
      problemText={problemText}
      backHref="/backoffice/reference-data"
      meta={
        <dl class="meta-list">
          {meta.map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <div>
            <dt>{t('refdata.sha256')}</dt>
            <dd>
              {/* groups of 16 with break opportunities: the hash fits a narrow screen */}
              <code>
                {(detail.fileSha256.match(/.{1,16}/g) ?? []).map((group) => (
                  <>
                    {group}
                    <wbr />
                  </>
                ))}
              </code>
            </dd>
          </div>
        </dl>
      }
    >
      <Preview ctx={ctx} detail={detail} />
    </StagedImportPage>
  );
}
