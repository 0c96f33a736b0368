import { Field } from '../../../views/components.tsx';

/** A drop-down with a first "Kies…" option, its hint and message next to it. */
export function SelectInput(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  placeholder: string;
  error?: string;
  hint?: string;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {({ describedBy, invalid }) => (
        <select id={props.id} name={props.name} class="field__input" aria-invalid={invalid} aria-describedby={describedBy}>
          <option value="" selected={props.value === ''}>
            {props.placeholder}
          </option>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
