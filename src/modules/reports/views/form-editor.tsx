import { FormSections, type RenderContext } from '../../forms/views/form-renderer.tsx';

/**
 * The editable form posted by "Opslaan": the version it is based on, the fields, and the buttons. Used by the
 * edit page and by the conflict page, so both save the same way (and Enter saves in both).
 */
export function FormEditor({
  base,
  version,
  render,
  saveLabel,
  cancelLabel,
  part,
}: {
  base: string;
  version: number;
  render: RenderContext;
  saveLabel: string;
  cancelLabel: string;
  part?: string;
}) {
  return (
    <form method="post" action={base} data-warn-unsaved="true" data-live-totals="true" novalidate>
      <input type="hidden" name="version" value={String(version)} />
      {part && <input type="hidden" name="part" value={part} />}
      {/* Enter in a field saves (the first submit button is the default one), never removes a row. */}
      <button type="submit" name="action" value="save" class="visually-hidden" tabIndex={-1} aria-hidden="true">
        {saveLabel}
      </button>
      <FormSections ctx={render} />
      <div class="button-bar">
        <button type="submit" class="button" name="action" value="save">
          {saveLabel}
        </button>
        <a class="button button--secondary" href={base}>
          {cancelLabel}
        </a>
      </div>
    </form>
  );
}
