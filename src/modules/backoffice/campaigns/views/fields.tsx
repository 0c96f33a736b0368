import type { ComponentChildren } from 'preact';
import type { T } from '../../../../i18n/i18n.ts';
import { type FieldError, Field as SharedField } from '../../../../views/components.tsx';
import type { InputError } from '../param-fields.ts';
import { errorText } from './texts.ts';

/** The HTML id of a form field: its name with dots as dashes (`p.classTable.k.0` → `f-p-classTable-k-0`). */
export const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** The shared Field (views/components.tsx) with its id taken from the field's name, handed to the control too. */
export function Field({
  name,
  children,
  ...field
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (aria: { id: string; describedBy: string | undefined; invalid: 'true' | undefined }) => ComponentChildren;
}) {
  const id = fieldId(name);
  return (
    <SharedField id={id} {...field}>
      {(aria) => children({ id, ...aria })}
    </SharedField>
  );
}

export function TextField({
  name,
  label,
  hint,
  value,
  error,
  inputMode,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  inputMode?: 'numeric' | 'decimal';
}) {
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      {(a) => (
        <input
          id={a.id}
          name={name}
          type="text"
          value={value}
          class="field__input"
          inputMode={inputMode}
          aria-describedby={a.describedBy}
          aria-invalid={a.invalid}
          autocomplete="off"
        />
      )}
    </Field>
  );
}

/** The error summary's entries, in the order of the form (labels by field name). */
export function summaryOf(t: T, errors: Record<string, InputError>, labelOf: (name: string) => string): FieldError[] {
  return Object.entries(errors).map(([name, error]) => ({ fieldId: fieldId(name), label: labelOf(name), message: errorText(t, error) ?? '' }));
}
