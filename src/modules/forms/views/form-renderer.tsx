import type { Language } from '../../../i18n/language.ts';
import type { T } from '../../../i18n/i18n.ts';
import { type FieldError, TableRegion } from '../../../views/components.tsx';
import { formatIssueParams, formatNumeric } from '../../../i18n/format.ts';
import { formatRef, formatValue } from '../format-value.ts';
import { cellName, fieldName } from '../field-names.ts';
import { type ComputedField, type FormDefinition, type InputField, type Issue, type RefField, type TableField, enumOptions } from '../definition.ts';
import { inPageOrder } from '../issue-order.ts';
import type { Evaluation } from '../evaluate.ts';
import { type RawInput, periodKeys } from '../field-types.ts';

export interface RenderContext {
  t: T;
  lang: Language;
  definition: FormDefinition;
  raw: RawInput;
  evaluation: Evaluation;
  /** the campaign's parameters (the year's enum lists) */
  params: Record<string, unknown>;
  mode: 'edit' | 'view';
  /** only these sections (a part of a long form); all when absent */
  sections?: readonly string[];
  /** tables shown read-only in edit mode (rows that come from an uploaded workbook) */
  readOnlyTables?: ReadonlySet<string>;
  /** link of an issue whose field is not on this page */
  linkFor?: (path: string) => string | undefined;
}

export function inputId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Issues by path, built once per evaluation: a form of thousands of cells looks each cell up. */
const issueIndex = new WeakMap<Issue[], Map<string, Issue[]>>();

function issuesAt(ctx: RenderContext, path: string): Issue[] {
  let index = issueIndex.get(ctx.evaluation.issues);
  if (!index) {
    index = new Map();
    for (const issue of ctx.evaluation.issues) {
      const list = index.get(issue.path);
      if (list) list.push(issue);
      else index.set(issue.path, [issue]);
    }
    issueIndex.set(ctx.evaluation.issues, index);
  }
  return index.get(path) ?? NO_ISSUES;
}

const NO_ISSUES: Issue[] = [];

export function issueMessage(ctx: Pick<RenderContext, 't' | 'lang'>, issue: Issue): string {
  return ctx.t(issue.code, formatIssueParams(issue.params, ctx.lang, ctx.t));
}

/** Every issue as an error-summary entry linking to its field (errors first, then warnings). */
export function summaryEntries(ctx: RenderContext, severity: Issue['severity']): FieldError[] {
  const labels = new Map<string, string>();
  for (const section of ctx.definition.sections) {
    for (const item of section.items) {
      labels.set(item.key, ctx.t(item.labelKey));
      if (item.kind === 'table') for (const c of item.columns) labels.set(`${item.key}.*.${c.key}`, ctx.t(c.labelKey));
    }
  }
  return inPageOrder(ctx.definition, ctx.evaluation.issues)
    .filter((i) => i.severity === severity)
    .map((issue) => {
      const [table, row, column] = issue.path.split('.');
      const label =
        column !== undefined
          ? `${labels.get(table) ?? ''} — ${ctx.t('form.row', { n: Number(row) + 1 })} — ${labels.get(`${table}.*.${column}`) ?? ''}`
          : (labels.get(issue.path) ?? ctx.t('form.whole_form'));
      const fieldId = issue.path ? inputId(issue.path) : 'form-top';
      return { fieldId, href: issue.path ? ctx.linkFor?.(issue.path) : undefined, label, message: issueMessage(ctx, issue) };
    });
}

function Messages({ ctx, path }: { ctx: RenderContext; path: string }) {
  const list = issuesAt(ctx, path);
  if (list.length === 0) return null;
  return (
    <>
      {list.map((issue) => (
        <p id={`${inputId(path)}-${issue.severity}`} class={issue.severity === 'error' ? 'field__error' : 'field__warning'}>
          <span class="visually-hidden">{`${issue.severity === 'error' ? ctx.t('form.error_prefix') : ctx.t('form.warning_prefix')} `}</span>
          {issueMessage(ctx, issue)}
        </p>
      ))}
    </>
  );
}

function describedBy(ctx: RenderContext, path: string, hint: boolean): string | undefined {
  const ids = [hint ? `${inputId(path)}-hint` : '', ...issuesAt(ctx, path).map((i) => `${inputId(path)}-${i.severity}`)].filter(Boolean);
  return ids.length ? [...new Set(ids)].join(' ') : undefined;
}

const INPUT_MODE: Partial<Record<InputField['type'], 'decimal' | 'numeric'>> = { money: 'decimal', fte: 'decimal', percent: 'decimal', count: 'numeric' };

/**
 * The input of a field. In a table cell there is no visible <label>: `cellLabel` (column — row n) names the
 * control for assistive technology.
 */
function Control({
  ctx,
  field,
  path,
  name,
  source,
  label,
  cellLabel,
}: {
  ctx: RenderContext;
  field: InputField;
  path: string;
  name: (key: string) => string;
  source: Record<string, string>;
  label: string;
  cellLabel?: string;
}) {
  const id = inputId(path);
  const invalid = issuesAt(ctx, path).some((i) => i.severity === 'error') ? 'true' : undefined;
  const aria = describedBy(ctx, path, Boolean(field.hintKey));
  if (field.type === 'period') {
    const [fromKey, toKey] = periodKeys(field.key);
    return (
      <span class="period">
        <input
          id={id}
          name={name(fromKey)}
          value={source[fromKey] ?? ''}
          class="field__input field__input--date"
          aria-label={`${label} — ${ctx.t('form.period_from')}`}
          aria-invalid={invalid}
          aria-describedby={aria}
          placeholder="dd/mm/jjjj"
        />
        <span aria-hidden="true"> – </span>
        <input
          id={`${id}-to`}
          name={name(toKey)}
          value={source[toKey] ?? ''}
          class="field__input field__input--date"
          aria-label={`${label} — ${ctx.t('form.period_to')}`}
          aria-invalid={invalid}
        />
      </span>
    );
  }
  if (field.type === 'enum' || field.type === 'yesno') {
    const options =
      field.type === 'yesno'
        ? [
            { value: 'yes', labelKey: 'common.yes' },
            { value: 'no', labelKey: 'common.no' },
          ]
        : enumOptions(field, ctx.params);
    return (
      <select id={id} name={name(field.key)} class="field__select" aria-label={cellLabel} aria-invalid={invalid} aria-describedby={aria}>
        <option value="">{ctx.t('form.choose')}</option>
        {options.map((o) => (
          <option value={o.value} selected={source[field.key] === o.value}>
            {ctx.t(o.labelKey)}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'text' && (field.maxLength ?? 0) > 250) {
    return (
      <textarea id={id} name={name(field.key)} class="field__textarea" rows={6} aria-label={cellLabel} aria-invalid={invalid} aria-describedby={aria}>
        {source[field.key] ?? ''}
      </textarea>
    );
  }
  return (
    <input
      id={id}
      name={name(field.key)}
      value={source[field.key] ?? ''}
      class={`field__input field__input--${field.type}`}
      aria-label={cellLabel}
      inputMode={INPUT_MODE[field.type]}
      autocomplete="off"
      aria-invalid={invalid}
      aria-describedby={aria}
    />
  );
}

function InputRow({ ctx, field }: { ctx: RenderContext; field: InputField }) {
  const label = ctx.t(field.labelKey);
  if (ctx.mode === 'view') {
    return (
      <div class="summary-row">
        <dt>{label}</dt>
        <dd id={inputId(field.key)}>
          {formatValue(field, ctx.evaluation.values[field.key] ?? null, ctx.t, ctx.lang)}
          <Messages ctx={ctx} path={field.key} />
        </dd>
      </div>
    );
  }
  const hasError = issuesAt(ctx, field.key).some((i) => i.severity === 'error');
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="field__label" for={inputId(field.key)}>
        {label}
        {field.required ? '' : ` ${ctx.t('form.optional')}`}
      </label>
      {field.hintKey && (
        <p id={`${inputId(field.key)}-hint`} class="field__hint">
          {ctx.t(field.hintKey)}
        </p>
      )}
      <Messages ctx={ctx} path={field.key} />
      <Control ctx={ctx} field={field} path={field.key} name={fieldName} source={ctx.raw.fields} label={label} />
    </div>
  );
}

function ValueRow({ ctx, item }: { ctx: RenderContext; item: RefField | ComputedField }) {
  const value = item.kind === 'ref' ? ctx.evaluation.refs[item.key] : ctx.evaluation.computed[item.key];
  const negative = item.kind === 'computed' && item.negativeLabelKey && typeof value === 'number' && value < 0;
  const label = ctx.t(negative && item.kind === 'computed' ? (item.negativeLabelKey as string) : item.labelKey);
  // a label that changes with the sign: both texts for the figures that follow the typing (ADR 0039)
  const signed = ctx.mode === 'edit' && item.kind === 'computed' && item.negativeLabelKey;
  return (
    <div class={`summary-row summary-row--${item.kind}`}>
      <dt data-label={signed ? ctx.t(item.labelKey) : undefined} data-negative-label={signed ? ctx.t(item.negativeLabelKey as string) : undefined}>
        {label}
      </dt>
      <dd id={inputId(item.key)} data-computed={item.kind === 'computed' ? item.key : undefined}>
        {item.kind === 'ref'
          ? formatRef(item, typeof value === 'number' ? value : null, ctx.t, ctx.lang)
          : formatNumeric(item.type, typeof value === 'number' && negative ? -value : (value ?? null), ctx.lang)}
        {item.kind === 'ref' && <span class="tag">{ctx.t('form.from_podmi')}</span>}
      </dd>
    </div>
  );
}

function Table({ ctx: outer, table }: { ctx: RenderContext; table: TableField }) {
  const ctx: RenderContext = outer.mode === 'edit' && outer.readOnlyTables?.has(table.key) ? { ...outer, mode: 'view' } : outer;
  const rows = ctx.mode === 'edit' ? (ctx.raw.tables[table.key] ?? []) : (ctx.evaluation.tables[table.key] ?? []);
  const rowComputed = ctx.evaluation.rowComputed[table.key] ?? [];
  const totals = ctx.evaluation.totals[table.key] ?? {};
  const computedColumns = table.rowComputed ?? [];
  // Translated once per table, not once per row: a table can hold thousands of rows.
  const rowTemplate = ctx.t('form.row', { n: ROW_NUMBER });
  const removeTemplate = ctx.t('form.remove_row', { n: ROW_NUMBER });
  return (
    <TableRegion id={`table-${table.key}`} focusable={ctx.mode === 'view'} label={ctx.t(table.labelKey)}>
      <table class="data-table">
        <caption>{ctx.t(table.labelKey)}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {table.columns.map((c) => (
              <th scope="col">{ctx.t(c.labelKey)}</th>
            ))}
            {computedColumns.map((c) => (
              <th scope="col">{ctx.t(c.labelKey)}</th>
            ))}
            {ctx.mode === 'edit' && (
              <th scope="col">
                <span class="visually-hidden">{ctx.t('form.row_actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((_, index) => {
            const rowText = ctx.mode === 'edit' ? numbered(rowTemplate, index + 1) : '';
            return (
              <tr id={`row-${table.key}-${index}`}>
                <th scope="row">{index + 1}</th>
                {table.columns.map((column) => {
                  const path = `${table.key}.${index}.${column.key}`;
                  const label = ctx.mode === 'edit' ? `${ctx.t(column.labelKey)} — ${rowText}` : '';
                  return (
                    <td>
                      {ctx.mode === 'edit' ? (
                        <Control
                          ctx={ctx}
                          field={column}
                          path={path}
                          name={(key) => cellName(table.key, index, key)}
                          source={ctx.raw.tables[table.key]?.[index] ?? {}}
                          label={label}
                          cellLabel={label}
                        />
                      ) : (
                        formatValue(column, ctx.evaluation.tables[table.key]?.[index]?.[column.key] ?? null, ctx.t, ctx.lang)
                      )}
                      <Messages ctx={ctx} path={path} />
                    </td>
                  );
                })}
                {computedColumns.map((c) => (
                  <td class="num" data-figure={ctx.mode === 'edit' ? `${table.key}.${index}.${c.key}` : undefined}>
                    {formatNumeric(c.type, rowComputed[index]?.[c.key] ?? null, ctx.lang)}
                  </td>
                ))}
                {ctx.mode === 'edit' && (
                  <td>
                    <button type="submit" name="action" value={`remove:${table.key}:${index}`} class="button button--secondary button--small">
                      {numbered(removeTemplate, index + 1)}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
        {table.totals && table.totals.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row">{ctx.t('form.total')}</th>
              {[...table.columns, ...computedColumns].map((c) => (
                <td class="num" data-total={liveTotal(ctx, table, c) ? `${table.key}.${c.key}` : undefined}>
                  {table.totals?.includes(c.key) ? formatNumeric(c.type as 'money', totals[c.key] ?? 0, ctx.lang) : ''}
                </td>
              ))}
              {ctx.mode === 'edit' && <td />}
            </tr>
          </tfoot>
        )}
      </table>
      {ctx.mode === 'edit' && (
        <>
          <input type="hidden" name={`t.${table.key}.rows`} value={String(rows.length)} />
          <button type="submit" name="action" value={`add:${table.key}`} class="button button--secondary">
            {ctx.t('form.add_row')}
          </button>
        </>
      )}
      <Messages ctx={ctx} path={table.key} />
    </TableRegion>
  );
}

const ROW_NUMBER = '\u0000n\u0000';

function numbered(template: string, n: number): string {
  return template.replace(ROW_NUMBER, String(n));
}

/** Totals on an edit page follow the typing (public/js/form-figures.js, ADR 0039); elsewhere they are computed on saving. */
function liveTotal(ctx: RenderContext, table: TableField, column: { key: string }): boolean {
  return ctx.mode === 'edit' && (table.totals?.includes(column.key) ?? false);
}

/** The one renderer of every form definition, in edit or read-only mode. */
export function FormSections({ ctx }: { ctx: RenderContext }) {
  return (
    <>
      {ctx.definition.sections
        .filter((section) => !ctx.sections || ctx.sections.includes(section.key))
        .map((section) => (
          <section class="form-section" aria-labelledby={`section-${section.key}`}>
            <h2 id={`section-${section.key}`}>{ctx.t(section.titleKey)}</h2>
            {section.introKey && <p class="form-section__intro">{ctx.t(section.introKey)}</p>}
            {groupItems(section.items).map((group) =>
              group.kind === 'table' ? (
                <Table ctx={ctx} table={group} />
              ) : ctx.mode === 'view' ? (
                <dl class="summary-list">
                  {group.items.map((item) => (item.kind === 'input' ? <InputRow ctx={ctx} field={item} /> : <ValueRow ctx={ctx} item={item} />))}
                </dl>
              ) : (
                group.items.map((item) =>
                  item.kind === 'input' ? (
                    <InputRow ctx={ctx} field={item} />
                  ) : (
                    <dl class="summary-list">
                      <ValueRow ctx={ctx} item={item} />
                    </dl>
                  ),
                )
              ),
            )}
          </section>
        ))}
    </>
  );
}

type Group = TableField | { kind: 'list'; items: Array<InputField | RefField | ComputedField> };

function groupItems(items: FormDefinition['sections'][number]['items']): Group[] {
  const groups: Group[] = [];
  for (const item of items) {
    if (item.kind === 'table') groups.push(item);
    else {
      const last = groups.at(-1);
      if (last && last.kind === 'list') last.items.push(item);
      else groups.push({ kind: 'list', items: [item] });
    }
  }
  return groups;
}
