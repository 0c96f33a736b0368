import type { ComponentChildren } from 'preact';

/**
 * A labelled field of the upload form with its hint and error, like TextInput (views/components.tsx) but for
 * any control: the control gets `describedBy` and `invalid` to wire up.
 */
export function UploadField({
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
