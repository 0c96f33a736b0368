import type { ComponentChildren } from 'preact';
import type { T } from '../i18n/i18n.ts';

export interface FieldError {
  /** id of the input the message belongs to */
  fieldId: string;
  /** where the link goes when the field is on another page (a part of a long form) */
  href?: string;
  label: string;
  message: string;
}

/** GOV.UK-style error summary: focusable, at the top, each message links to its field. */
export function ErrorSummary({
  t,
  errors,
  titleKey = 'errors.summary_title',
  variant = 'error',
}: {
  t: T;
  errors: FieldError[];
  titleKey?: string;
  variant?: 'error' | 'warning';
}) {
  if (errors.length === 0) return null;
  const id = `${variant}-summary-title`;
  const content = (
    <>
      <h2 id={id} class="error-summary__title">
        {t(titleKey)}
      </h2>
      <ul class="error-summary__list">
        {errors.map((e) => (
          <li>
            <a href={e.href ?? `#${e.fieldId}`}>{`${e.label}: ${e.message}`}</a>
          </li>
        ))}
      </ul>
    </>
  );
  if (variant === 'warning') {
    return (
      <section class="error-summary error-summary--warning" aria-labelledby={id}>
        {content}
      </section>
    );
  }
  return (
    <div class="error-summary" role="alert" aria-labelledby={id} tabIndex={-1} data-autofocus="true">
      {content}
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'success' | 'info' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'info' ? undefined : 'status'}>
      {children}
    </div>
  );
}

export function Check({ done, label, t }: { done: boolean; label: string; t: T }) {
  return (
    <li class={done ? 'step step--done' : 'step'}>
      <span class="step__mark" aria-hidden="true">
        {done ? '✔' : '○'}
      </span>
      <span>{label}</span>
      <span class="visually-hidden">{done ? ` (${t('status.done')})` : ` (${t('status.not_done')})`}</span>
    </li>
  );
}

/** A labelled control with its hint and error message; the control gets the aria attributes to wire up. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (aria: { describedBy: string | undefined; invalid: 'true' | undefined }) => ComponentChildren;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id} class="field__label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      )}
      {children({ describedBy, invalid: error ? 'true' : undefined })}
    </div>
  );
}

export function TextInput(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  autocomplete?: string;
  type?: string;
  inputmode?: string;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {({ describedBy, invalid }) => (
        <input
          id={props.id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value}
          class="field__input"
          autocomplete={props.autocomplete ?? 'off'}
          inputMode={props.inputmode as 'text' | 'decimal' | 'numeric' | undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}

/**
 * The horizontally scrollable region around a wide table: reachable by keyboard (WCAG 2.1.1) unless `focusable`
 * is false (a table of inputs, whose inputs take the focus), and named by its caption (`labelledBy`) or a label.
 */
export function TableRegion({
  labelledBy,
  label,
  id,
  focusable = true,
  children,
}: {
  labelledBy?: string;
  label?: string;
  id?: string;
  focusable?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap" id={id} tabIndex={focusable ? 0 : undefined} role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
      {children}
    </div>
  );
}

/** Previous / "page n of m" / next under a paged list (nothing when there is one page); the texts come translated. */
export function Pagination({
  label,
  page,
  pages,
  href,
  previous,
  next,
  pageOf,
}: {
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  previous: string;
  next: string;
  pageOf: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={label}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {previous}
        </a>
      )}
      <span aria-current="page">{pageOf}</span>
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {next}
        </a>
      )}
    </nav>
  );
}

/** A labelled drop-down of a filter form (value → text), the empty value first when the list offers one. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | null;
  options: Array<[string, string]>;
}) {
  return (
    <div class="field">
      <label for={id} class="field__label">
        {label}
      </label>
      <select id={id} name={name} class="field__select">
        {options.map(([v, text]) => (
          <option value={v} selected={(value ?? '') === v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
