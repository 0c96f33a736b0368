import { formatNumeric } from '../../../i18n/format.ts';
import type { InputField, NumericType, TableField } from '../definition.ts';
import { periodKeys } from '../field-types.ts';
import { cellName } from '../field-names.ts';
import { formatValue } from '../format-value.ts';
import { Messages, type RenderContext, StackedField, inputId, issueMessage, issuesAt } from './form-controls.tsx';

/**
 * Tables with `layout: 'records'` (the staff tables, ADR 0042): one summary card per row instead of a table of a
 * dozen columns. In edit mode each card has "Wijzigen" and "Verwijderen" and the table "Personeelslid toevoegen":
 * submit buttons of the part's form, so what was typed elsewhere on the page is saved first and it all works without
 * JavaScript; the row itself is edited on a page of its own (RecordFields). The rows are posted back unchanged as
 * hidden inputs, so a save of the part keeps them and the figures that follow the typing (ADR 0039) still count them.
 */

type Column = InputField | NonNullable<TableField['rowComputed']>[number];

/** The values that name a row (first and last name); the row number when nothing is typed there. */
export function recordTitle(ctx: Pick<RenderContext, 't' | 'raw'>, table: TableField, index: number): string {
  const row = ctx.raw.tables[table.key]?.[index] ?? {};
  const name = (table.titleColumns ?? [])
    .map((key) => (row[key] ?? '').trim())
    .filter(Boolean)
    .join(' ');
  return name || ctx.t('records.unnamed', { n: index + 1 });
}

/** The anchor of a row's card (also the target of issue links on read-only pages). */
export function recordId(table: string, index: number): string {
  return `row-${table}-${index}`;
}

function isComputed(table: TableField, key: string): boolean {
  return (table.rowComputed ?? []).some((c) => c.key === key);
}

function columnOf(table: TableField, key: string): Column | undefined {
  return table.columns.find((c) => c.key === key) ?? table.rowComputed?.find((c) => c.key === key);
}

/** A value as shown on a card: the evaluated value, else what was typed (a value that could not be read). */
function shownValue(ctx: RenderContext, table: TableField, index: number, column: Column): string {
  if (isComputed(table, column.key)) {
    return formatNumeric(column.type as NumericType, ctx.evaluation.rowComputed[table.key]?.[index]?.[column.key] ?? null, ctx.lang);
  }
  const field = column as InputField;
  const value = ctx.evaluation.tables[table.key]?.[index]?.[field.key] ?? null;
  if (value !== null) return formatValue(field, value, ctx.t, ctx.lang);
  const raw = ctx.raw.tables[table.key]?.[index] ?? {};
  const typed = (field.type === 'period' ? periodKeys(field.key) : [field.key])
    .map((k) => (raw[k] ?? '').trim())
    .filter(Boolean)
    .join(' – ');
  return typed || '—';
}

function CardValues({ ctx, table, index, keys }: { ctx: RenderContext; table: TableField; index: number; keys: string[] }) {
  const live = ctx.mode === 'edit';
  return (
    <dl class="summary-list record-card__values">
      {keys.map((key) => {
        const column = columnOf(table, key);
        if (!column) return null;
        const computed = isComputed(table, key);
        return (
          <div class={computed ? 'summary-row summary-row--computed' : 'summary-row'}>
            <dt>{ctx.t(column.labelKey)}</dt>
            <dd data-figure={computed && live ? `${table.key}.${index}.${key}` : undefined}>{shownValue(ctx, table, index, column)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The issues of one row, each with its column's label: shown on the row's card. */
function CardIssues({ ctx, table, index }: { ctx: RenderContext; table: TableField; index: number }) {
  const entries = [
    ...issuesAt(ctx, `${table.key}.${index}`).map((issue) => ({ issue, label: '' })),
    ...table.columns.flatMap((c) => issuesAt(ctx, `${table.key}.${index}.${c.key}`).map((issue) => ({ issue, label: ctx.t(c.labelKey) }))),
  ];
  if (entries.length === 0) return null;
  return (
    <ul class="record-card__issues">
      {entries.map(({ issue, label }) => (
        <li class={issue.severity === 'error' ? 'field__error' : 'field__warning'}>
          <span class="visually-hidden">{`${issue.severity === 'error' ? ctx.t('form.error_prefix') : ctx.t('form.warning_prefix')} `}</span>
          {label ? `${label}: ` : ''}
          {issueMessage(ctx, issue)}
        </li>
      ))}
    </ul>
  );
}

/** Every row of a records table as hidden inputs (all but `except`): what a save of the page posts back unchanged. */
export function RecordHiddenRows({ ctx, table, except, rows }: { ctx: RenderContext; table: TableField; except?: number; rows: number }) {
  const source = ctx.raw.tables[table.key] ?? [];
  return (
    <>
      <input type="hidden" name={`t.${table.key}.rows`} value={String(rows)} />
      {source.map((row, index) =>
        index === except
          ? null
          : table.columns
              .flatMap((c) => (c.type === 'period' ? periodKeys(c.key) : [c.key]))
              .map((key) => <input type="hidden" name={cellName(table.key, index, key)} value={row[key] ?? ''} />),
      )}
    </>
  );
}

function Totals({ ctx, table }: { ctx: RenderContext; table: TableField }) {
  const totals = ctx.evaluation.totals[table.key] ?? {};
  const keys = table.totals ?? [];
  if (keys.length === 0) return null;
  return (
    <dl class="summary-list records__totals">
      {keys.map((key) => {
        const column = columnOf(table, key);
        if (!column) return null;
        return (
          <div class="summary-row summary-row--computed">
            <dt>{`${ctx.t('form.total')}: ${ctx.t(column.labelKey)}`}</dt>
            <dd data-total={ctx.mode === 'edit' ? `${table.key}.${key}` : undefined}>
              {formatNumeric(column.type as NumericType, totals[key] ?? 0, ctx.lang)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A records table: a card per row, the totals, and in edit mode the buttons of each row and "add". */
export function RecordsTable({ ctx: outer, table }: { ctx: RenderContext; table: TableField }) {
  // rows from an uploaded workbook stay read-only: shown as on the read-only page
  const ctx: RenderContext = outer.mode === 'edit' && outer.readOnlyTables?.has(table.key) ? { ...outer, mode: 'view' } : outer;
  const edit = ctx.mode === 'edit';
  const count = edit ? (ctx.raw.tables[table.key] ?? []).length : (ctx.evaluation.tables[table.key] ?? []).length;
  const all = [...table.columns.map((c) => c.key), ...(table.rowComputed ?? []).map((c) => c.key)];
  const title = (table.titleColumns ?? []).length > 0 ? table.titleColumns : undefined;
  const shown = edit ? (table.cardColumns ?? all) : all.filter((key) => !title?.includes(key));
  const headingId = `table-${table.key}-title`;
  return (
    <div class="records" id={`table-${table.key}`} role="region" aria-labelledby={headingId}>
      <h3 id={headingId} class="records__title">
        {ctx.t(table.labelKey)}
      </h3>
      <p class="records__count">{count === 0 ? ctx.t('records.none') : ctx.t('records.count', { count })}</p>
      {edit && <RecordHiddenRows ctx={ctx} table={table} rows={count} />}
      {Array.from({ length: count }, (_, index) => {
        const name = recordTitle(ctx, table, index);
        const hasError = [`${table.key}.${index}`, ...table.columns.map((c) => `${table.key}.${index}.${c.key}`)].some((path) =>
          issuesAt(ctx, path).some((i) => i.severity === 'error'),
        );
        return (
          <section
            class={hasError ? 'record-card record-card--error' : 'record-card'}
            id={recordId(table.key, index)}
            aria-labelledby={`${recordId(table.key, index)}-title`}
          >
            <div class="record-card__header">
              <h4 class="record-card__title" id={`${recordId(table.key, index)}-title`}>
                {name}
              </h4>
              {edit && (
                <ul class="record-card__actions">
                  <li>
                    <button type="submit" name="action" value={`person:${table.key}:${index}`} class="link-button">
                      {ctx.t('button.edit')}
                      <span class="visually-hidden">{` ${name}`}</span>
                    </button>
                  </li>
                  <li>
                    <button type="submit" name="action" value={`confirm-remove:${table.key}:${index}`} class="link-button">
                      {ctx.t('records.remove')}
                      <span class="visually-hidden">{` ${name}`}</span>
                    </button>
                  </li>
                </ul>
              )}
            </div>
            <CardIssues ctx={ctx} table={table} index={index} />
            <CardValues ctx={ctx} table={table} index={index} keys={shown} />
          </section>
        );
      })}
      {count > 0 && <Totals ctx={ctx} table={table} />}
      {edit && count < table.maxRows && (
        <button type="submit" name="action" value={`person:${table.key}:new`} class="button button--secondary">
          {ctx.t('records.add')}
        </button>
      )}
      <Messages ctx={ctx} path={table.key} />
    </div>
  );
}

/** The fields of one row stacked (the row's own page): label, hint, messages, input; named as the table's cells. */
export function RecordFields({ ctx, table, index }: { ctx: RenderContext; table: TableField; index: number }) {
  const source = ctx.raw.tables[table.key]?.[index] ?? {};
  return (
    <>
      {table.columns.map((column) => (
        <StackedField ctx={ctx} field={column} path={`${table.key}.${index}.${column.key}`} name={(key) => cellName(table.key, index, key)} source={source} />
      ))}
      <Messages ctx={ctx} path={`${table.key}.${index}`} />
    </>
  );
}

/**
 * What the row's page computes (its row-computed values and the table's totals with this row), following the typing
 * (ADR 0039): the page posts the other rows as hidden inputs, so the totals are those a save would give.
 */
export function RecordFigures({ ctx, table, index }: { ctx: RenderContext; table: TableField; index: number }) {
  const computed = table.rowComputed ?? [];
  return (
    <>
      <h2 class="records__figures-title">{ctx.t('staff_page.figures')}</h2>
      <dl class="summary-list">
        {computed.map((c) => (
          <div class="summary-row summary-row--computed">
            <dt>{ctx.t(c.labelKey)}</dt>
            <dd id={inputId(`${table.key}.${index}.${c.key}`)} data-figure={`${table.key}.${index}.${c.key}`}>
              {formatNumeric(c.type, ctx.evaluation.rowComputed[table.key]?.[index]?.[c.key] ?? null, ctx.lang)}
            </dd>
          </div>
        ))}
        {(table.totals ?? [])
          .filter((key) => computed.some((c) => c.key === key))
          .map((key) => {
            const column = columnOf(table, key) as Column;
            return (
              <div class="summary-row summary-row--computed">
                <dt>{ctx.t('staff_page.table_total', { label: ctx.t(column.labelKey), table: ctx.t(table.labelKey) })}</dt>
                <dd data-total={`${table.key}.${key}`}>{formatNumeric(column.type as NumericType, ctx.evaluation.totals[table.key]?.[key] ?? 0, ctx.lang)}</dd>
              </div>
            );
          })}
      </dl>
    </>
  );
}
