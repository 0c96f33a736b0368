import type { T } from '../../../i18n/i18n.ts';
import { ErrorSummary, Field, TableRegion } from '../../../views/components.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { NumericType } from '../../forms/definition.ts';
import type { CampaignChoice, StagedImportSummary, UploadError } from '../reference-data.model.ts';
import { STATE_KEYS, campaignLabel } from './texts.ts';
import { UploadFileField } from './staged-import.tsx';

export interface ImportSummary extends StagedImportSummary {
  reportYear: number;
  measure: string;
  titleKey: string | null;
}

export interface UploadErrors {
  campaign?: UploadError;
  file?: UploadError;
}

const NOTATION_KEYS: Record<NumericType, string> = {
  money: 'refdata.notation_money',
  count: 'refdata.notation_count',
  fte: 'refdata.notation_fte',
  percent: 'refdata.notation_percent',
};

/** The columns a file may have for one measure: identifiers, report year, then its reference values. */
function ColumnsTable({ t, campaign }: { t: T; campaign: CampaignChoice }) {
  const caption = t('refdata.columns_caption', { campaign: campaign.titleKey ? t(campaign.titleKey) : campaign.measure });
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('refdata.col_column')}</th>
          <th scope="col">{t('refdata.col_meaning')}</th>
          <th scope="col">{t('refdata.col_notation')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">
            <code>nis</code> / <code>kbo</code>
          </th>
          <td>{t('refdata.column_identifier')}</td>
          <td>{t('refdata.notation_identifier')}</td>
        </tr>
        <tr>
          <th scope="row">
            <code>report_year</code>
          </th>
          <td>{t('refdata.column_report_year')}</td>
          <td>{t('refdata.notation_report_year')}</td>
        </tr>
        {campaign.fields.map((field) => (
          <tr>
            <th scope="row">
              <code>{field.key}</code>
            </th>
            <td>{t(field.labelKey)}</td>
            <td>{t(NOTATION_KEYS[field.type])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ ctx, imports }: { ctx: PageContext; imports: ImportSummary[] }) {
  const { t } = ctx;
  const title = t('refdata.history_title');
  return (
    <section>
      <h2 id="refdata-history">{title}</h2>
      {imports.length === 0 ? (
        <p>{t('refdata.history_empty')}</p>
      ) : (
        <TableRegion labelledBy="refdata-history">
          <table class="data-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('refdata.col_uploaded_at')}</th>
                <th scope="col">{t('refdata.col_uploaded_by')}</th>
                <th scope="col">{t('refdata.col_campaign')}</th>
                <th scope="col">{t('refdata.col_file')}</th>
                <th scope="col" class="num">
                  {t('refdata.col_rows')}
                </th>
                <th scope="col">{t('common.state')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr>
                  <td>{formatDateTime(i.uploadedAt, ctx.lang)}</td>
                  <td>{i.uploadedBy}</td>
                  <td>{campaignLabel(t, i)}</td>
                  <td>
                    <a href={`/backoffice/reference-data/${i.id}`}>{i.fileName}</a>
                  </td>
                  <td class="num">{i.rowCount}</td>
                  <td>
                    {t(STATE_KEYS[i.state])}
                    {i.state === 'STAGED' && i.problemCount > 0 ? ` — ${t('refdata.problem_count', { count: i.problemCount })}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** POD MI's screen to load reference values: choose a campaign and a file; below, the past imports. */
export function ReferenceDataPage({
  ctx,
  campaigns,
  imports,
  selectedCampaignId,
  errors,
}: {
  ctx: PageContext;
  campaigns: CampaignChoice[];
  imports: ImportSummary[];
  selectedCampaignId: string;
  errors: UploadErrors;
}) {
  const { t } = ctx;
  const title = t('refdata.title');
  const message = (error: UploadError | undefined) => (error ? t(error.key, error.params ?? {}) : undefined);
  const summary = [
    ...(errors.campaign ? [{ fieldId: 'refdata-campaign', label: t('refdata.campaign'), message: message(errors.campaign) as string }] : []),
    ...(errors.file ? [{ fieldId: 'refdata-file', label: t('refdata.file'), message: message(errors.file) as string }] : []),
  ];
  const years = [...new Set(campaigns.map((c) => c.reportYear))];
  // One columns table per measure and definition: campaigns of several years share it.
  const measures = [...new Map(campaigns.filter((c) => c.fields.length > 0).map((c) => [`${c.measure}:${c.fields.map((f) => f.key).join()}`, c])).values()];
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={summary} />
      <p>{t('refdata.intro')}</p>
      <form method="post" action="/backoffice/reference-data" enctype="multipart/form-data" novalidate>
        <Field id="refdata-campaign" label={t('refdata.campaign')} hint={t('refdata.campaign_hint')} error={message(errors.campaign)}>
          {({ describedBy, invalid }) => (
            <select id="refdata-campaign" name="campaignId" class="field__select" aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="">{t('form.choose')}</option>
              {years.map((year) => (
                <optgroup label={String(year)}>
                  {campaigns
                    .filter((c) => c.reportYear === year)
                    .map((c) => (
                      <option value={c.id} selected={c.id === selectedCampaignId}>
                        {campaignLabel(t, c)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <UploadFileField
          id="refdata-file"
          label={t('refdata.file')}
          hint={t('refdata.file_hint')}
          error={message(errors.file)}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('refdata.upload')}
          </button>
        </div>
      </form>
      <details>
        <summary>{t('refdata.format_title')}</summary>
        <p>{t('refdata.format_text')}</p>
        <p>{t('refdata.format_empty')}</p>
        {measures.map((campaign) => (
          <ColumnsTable t={t} campaign={campaign} />
        ))}
      </details>
      <History ctx={ctx} imports={imports} />
    </Layout>
  );
}
