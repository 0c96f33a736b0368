import { ErrorSummary, Notice } from '../../../views/components.tsx';
import { Layout, type PageContext, formHref } from '../../../views/layout.tsx';
import type { TableField } from '../../forms/definition.ts';
import { type Evaluation, heldAlarms } from '../../forms/evaluate.ts';
import type { RawInput } from '../../forms/field-types.ts';
import { type RenderContext, summaryEntries } from '../../forms/views/form-renderer.tsx';
import { RecordFields, RecordFigures, RecordHiddenRows, recordTitle } from '../../forms/views/records.tsx';
import { formatValue } from '../../forms/format-value.ts';
import { formFiguresData } from '../form-figures.ts';
import type { LoadedForm } from '../form.model.ts';
import type { RowRef } from '../form-input.ts';
import { FormFiguresScript } from './form-figures-script.tsx';

/**
 * The pages of one staff member (issue 14, item 2; ADR 0042): the member's fields stacked with their hints, what they
 * are charged, "Opslaan" back to the part; and the question before a removal. Both post the version they were
 * rendered with, as every save does.
 */

export interface StaffMemberProps {
  ctx: PageContext;
  form: LoadedForm;
  table: TableField;
  /** the row's index in `raw` (for a new member: the number of rows before it) */
  index: number;
  row: RowRef;
  /** the stored input, or the stored input with what was just posted for this row */
  raw: RawInput;
  evaluation: Evaluation;
  version: number;
  /** the edit page of the part that holds the table */
  backHref: string;
  part?: string;
  flash?: { key: string; kind: 'success' | 'warning' | 'info' };
  /** an error of the page as a whole (a member posted without any value) */
  pageError?: string;
}

function renderContext(props: Pick<StaffMemberProps, 'ctx' | 'form' | 'raw' | 'evaluation'>, issuesOf: (path: string) => boolean): RenderContext {
  const whole = heldAlarms(props.evaluation);
  return {
    t: props.ctx.t,
    lang: props.ctx.lang,
    definition: props.form.definition,
    raw: props.raw,
    evaluation: { ...whole, issues: whole.issues.filter((i) => issuesOf(i.path)) },
    params: props.form.campaign.params as Record<string, unknown>,
    mode: 'edit',
  };
}

export function StaffMemberPage(props: StaffMemberProps) {
  const { ctx, form, table, index, row, raw, version, backHref, part, flash, pageError } = props;
  const { t } = ctx;
  const base = formHref(ctx, form.campaign.id);
  const own = (path: string) => path === `${table.key}.${index}` || path.startsWith(`${table.key}.${index}.`);
  const render = renderContext(props, own);
  const name = recordTitle(render, table, index);
  const title = row === 'new' ? t('records.add') : t('staff_page.title_edit', { name });
  const rows = (raw.tables[table.key]?.length ?? 0) + (row === 'new' && index >= (raw.tables[table.key]?.length ?? 0) ? 1 : 0);
  const errors = pageError
    ? [{ fieldId: `field-${table.key}-${index}-lastName`, label: t(table.labelKey), message: pageError }]
    : summaryEntries(render, 'error');
  return (
    <Layout ctx={ctx} title={`${title} — ${t(form.definition.titleKey)}`}>
      <p class="page-caption">{`${t(form.definition.titleKey)} ${form.campaign.report_year} — ${t(table.labelKey)}`}</p>
      <h1 id="form-top" tabIndex={-1}>
        {title}
      </h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <ErrorSummary t={t} errors={errors} />
      <ErrorSummary t={t} errors={pageError ? [] : summaryEntries(render, 'warning')} titleKey="form.warnings_title" variant="warning" />
      {form.signatures.length > 0 && <Notice kind="warning">{t('form.edit_drops_signatures')}</Notice>}
      <form method="post" action={`${base}/staff/${table.key}/${row}`} data-warn-unsaved="true" novalidate class="record-form">
        <input type="hidden" name="version" value={String(version)} />
        <RecordHiddenRows ctx={render} table={table} except={index} rows={rows} />
        <RecordFields ctx={render} table={table} index={index} />
        <RecordFigures ctx={render} table={table} index={index} />
        <FormFiguresScript
          data={formFiguresData({
            definition: form.definition,
            reportYear: form.campaign.report_year,
            lang: ctx.lang,
            params: render.params,
            refs: form.evaluation.refs,
            raw: form.raw,
            part,
            entryMode: form.entryMode,
          })}
        />
        <div class="button-bar">
          <button type="submit" class="button" name="action" value="save">
            {t('button.save')}
          </button>
          <a class="button button--secondary" href={backHref}>
            {t('button.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** "Wilt u X verwijderen?": without JavaScript too, a removal is asked before it is done. */
export function StaffRemovePage({
  ctx,
  form,
  table,
  index,
  version,
  backHref,
}: Pick<StaffMemberProps, 'ctx' | 'form' | 'table' | 'index' | 'version' | 'backHref'>) {
  const { t } = ctx;
  const base = formHref(ctx, form.campaign.id);
  const name = recordTitle({ t, raw: form.raw }, table, index);
  const title = t('staff_page.remove_title', { name });
  const values = form.evaluation.tables[table.key]?.[index] ?? {};
  const shown = table.columns.filter((c) => ['function', 'period'].includes(c.key));
  return (
    <Layout ctx={ctx} title={title}>
      <p class="page-caption">{`${t(form.definition.titleKey)} ${form.campaign.report_year} — ${t(table.labelKey)}`}</p>
      <h1>{title}</h1>
      <dl class="summary-list">
        {shown.map((c) => (
          <div class="summary-row">
            <dt>{t(c.labelKey)}</dt>
            <dd>{formatValue(c, values[c.key] ?? null, t, ctx.lang)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('staff_page.remove_text', { name, table: t(table.labelKey) })}</p>
      <form method="post" action={`${base}/staff/${table.key}/${index}`} novalidate>
        <input type="hidden" name="version" value={String(version)} />
        <div class="button-bar">
          <button type="submit" class="button button--warning" name="action" value="remove">
            {t('staff_page.remove_yes')}
          </button>
          <a class="button button--secondary" href={backHref}>
            {t('staff_page.remove_no')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
