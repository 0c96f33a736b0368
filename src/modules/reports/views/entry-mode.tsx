import type { Language } from '../../../i18n/language.ts';
import type { T } from '../../../i18n/i18n.ts';
import type { FieldError } from '../../../views/components.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { tablesOf } from '../../forms/definition.ts';
import { issueMessage } from '../../forms/views/form-renderer.tsx';
import type { LoadedForm } from '../form.model.ts';
import { describeLocation } from '../../workbooks/index.ts';
import type { UploadProblem } from '../form.model.ts';

export const WORKBOOK_FILE_ID = 'workbook-file';

/** One line per problem of a refused upload, in the user's language, naming sheet, row and column. */
export function problemMessages(t: T, lang: Language, problems: UploadProblem[]): string[] {
  return problems.map((p) => {
    if (p.kind === 'file') return t(p.error.code, measureNames(t, p.error.code, p.error.params));
    const message = issueMessage({ t, lang }, p.issue);
    const found = p.found ? ` (${t('workbook.found', { value: p.found })})` : '';
    return p.at ? `${describeLocation(p.at, t)}: ${message}${found}` : `${message}${found}`;
  });
}

/** A workbook of another measure is named by the measures' names, never their codes (issue 14, item 8). */
function measureNames(t: T, code: string, params: Record<string, unknown>): Record<string, unknown> {
  if (code !== 'workbook.error.wrong_measure') return params;
  const name = (measure: unknown) => (typeof measure === 'string' && /^[A-Z0-9_]+$/.test(measure) ? t(`measure.${measure}`) : String(measure));
  return { ...params, expected: name(params.expected), found: name(params.found) };
}

export function uploadSummary(t: T, lang: Language, problems: UploadProblem[]): FieldError[] {
  return problemMessages(t, lang, problems).map((message) => ({ fieldId: WORKBOOK_FILE_ID, label: t('entry.file_label'), message }));
}

function sheetNames(form: LoadedForm): string {
  return tablesOf(form.definition)
    .filter((table) => table.workbookSheet)
    .map((table) => table.workbookSheet)
    .join(', ');
}

/**
 * How the measure is justified (forms.md §2.7): typed in, or by the workbook. Download of the official
 * workbook, the kept file, the upload with its problems next to the field, and the switch of mode.
 */
export function EntryModeBox({
  t,
  lang,
  base,
  form,
  canEdit,
  problems,
}: {
  t: T;
  lang: Language;
  base: string;
  form: LoadedForm;
  canEdit: boolean;
  problems?: UploadProblem[];
}) {
  const workbook = form.entryMode === 'WORKBOOK';
  const messages = problems ? problemMessages(t, lang, problems) : [];
  return (
    <section class="entry-mode" aria-labelledby="entry-mode-title">
      <h2 id="entry-mode-title">{t('entry.title')}</h2>
      <p>{workbook ? t('entry.workbook_mode', { sheets: sheetNames(form) }) : t('entry.manual_mode')}</p>
      {workbook && form.workbook && (
        <dl class="file-facts">
          <dt>{t('entry.file_name')}</dt>
          <dd>
            <a href={`${base}/workbook/file`}>{form.workbook.file_name}</a>
          </dd>
          <dt>{t('entry.uploaded')}</dt>
          <dd>
            {t('entry.uploaded_by', { name: `${form.workbook.first_name} ${form.workbook.last_name}`, date: formatDateTime(form.workbook.uploaded_at, lang) })}
          </dd>
          <dt>{t('entry.checksum')}</dt>
          <dd>
            <code>{form.workbook.sha256}</code>
          </dd>
        </dl>
      )}
      {workbook && !form.workbook && <p>{t('entry.no_file_yet')}</p>}
      <p>
        <a href={`${base}/workbook`}>{t('entry.download_template')}</a>
      </p>
      {workbook && canEdit && (
        <form method="post" action={`${base}/workbook`} enctype="multipart/form-data" class={messages.length ? 'field field--error' : 'field'}>
          <input type="hidden" name="version" value={String(form.instance?.version ?? 0)} />
          <label class="field__label" for={WORKBOOK_FILE_ID}>
            {t('entry.file_label')}
          </label>
          <p id={`${WORKBOOK_FILE_ID}-hint`} class="field__hint">
            {t('entry.file_hint')}
          </p>
          {messages.length > 0 && (
            <div id={`${WORKBOOK_FILE_ID}-error`} class="field__error">
              <p>{t('entry.nothing_taken')}</p>
              <ul>
                {messages.map((m) => (
                  <li>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <input
            id={WORKBOOK_FILE_ID}
            name="file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby={`${WORKBOOK_FILE_ID}-hint${messages.length ? ` ${WORKBOOK_FILE_ID}-error` : ''}`}
            aria-invalid={messages.length ? 'true' : undefined}
          />
          <div class="button-bar">
            <button type="submit" class="button">
              {t('entry.upload')}
            </button>
          </div>
        </form>
      )}
      {canEdit && (
        <p>
          <a href={`${base}/entry-mode`}>{workbook ? t('entry.switch_to_manual') : t('entry.switch_to_workbook')}</a>
        </p>
      )}
    </section>
  );
}
