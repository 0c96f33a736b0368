import type { Language } from '../../../i18n/language.ts';
import type { T } from '../../../i18n/i18n.ts';
import { formatIssueParams } from '../../../i18n/format.ts';
import { type FormDefinition, type InputField, type Issue, enumOptions } from '../definition.ts';
import type { Evaluation } from '../evaluate.ts';
import { type RawInput, periodKeys } from '../field-types.ts';

/** The controls of a form (input, its messages) shared by the renderer's layouts: rows, tables and records. */

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

export function issuesAt(ctx: RenderContext, path: string): Issue[] {
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

export function Messages({ ctx, path }: { ctx: RenderContext; path: string }) {
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
export function Control({
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

/** One field stacked as on a GOV.UK page: label, hint, messages, input. A field of a form or of a row's own page. */
export function StackedField({
  ctx,
  field,
  path,
  name,
  source,
}: {
  ctx: RenderContext;
  field: InputField;
  path: string;
  name: (key: string) => string;
  source: Record<string, string>;
}) {
  const label = ctx.t(field.labelKey);
  const hasError = issuesAt(ctx, path).some((i) => i.severity === 'error');
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="field__label" for={inputId(path)}>
        {label}
        {field.required ? '' : ` ${ctx.t('form.optional')}`}
      </label>
      {field.hintKey && (
        <p id={`${inputId(path)}-hint`} class="field__hint">
          {ctx.t(field.hintKey)}
        </p>
      )}
      <Messages ctx={ctx} path={path} />
      <Control ctx={ctx} field={field} path={path} name={name} source={source} label={label} />
    </div>
  );
}
