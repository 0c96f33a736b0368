import { type FieldError, TableRegion } from '../../../views/components.tsx';
import { formatNumeric } from '../../../i18n/format.ts';
import { formatRef, formatValue } from '../format-value.ts';
import { cellName, fieldName } from '../field-names.ts';
import type { ComputedField, FormDefinition, InputField, Issue, RefField, TableField } from '../definition.ts';
import { inPageOrder } from '../issue-order.ts';
import { Control, Messages, type RenderContext, StackedField, inputId, issueMessage } from './form-controls.tsx';
import { RecordsTable, recordTitle } from './records.tsx';

export type { RenderContext } from './form-controls.tsx';
export { inputId, issueMessage } from './form-controls.tsx';

/** Every issue as an error-summary entry linking to its field (errors first, then warnings). */
export function summaryEntries(ctx: RenderContext, severity: Issue['severity']): FieldError[] {
  const labels = new Map<string, string>();
  const records = new Map<string, TableField>();
  for (const section of ctx.definition.sections) {
    for (const item of section.items) {
      labels.set(item.key, ctx.t(item.labelKey));
      if (item.kind === 'table') for (const c of item.columns) labels.set(`${item.key}.*.${c.key}`, ctx.t(c.labelKey));
      if (item.kind === 'table' && item.layout === 'records') records.set(item.key, item);
    }
  }
  // a row of a records table is named by its values (the person's name), else by its number
  const rowName = (table: string, row: number) => {
    const record = records.get(table);
    return record ? recordTitle(ctx, record, row) : ctx.t('form.row', { n: row + 1 });
  };
  return inPageOrder(ctx.definition, ctx.evaluation.issues)
    .filter((i) => i.severity === severity)
    .map((issue) => {
      const [table, row, column] = issue.path.split('.');
      const label =
        column !== undefined
          ? `${labels.get(table) ?? ''} — ${rowName(table, Number(row))} — ${labels.get(`${table}.*.${column}`) ?? ''}`
          : (labels.get(issue.path) ?? ctx.t('form.whole_form'));
      const fieldId = issue.path ? inputId(issue.path) : 'form-top';
      return { fieldId, href: issue.path ? ctx.linkFor?.(issue.path) : undefined, label, message: issueMessage(ctx, issue) };
    });
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
  return <StackedField ctx={ctx} field={field} path={field.key} name={fieldName} source={ctx.raw.fields} />;
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
  if (table.layout === 'records') return <RecordsTable ctx={outer} table={table} />;
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
