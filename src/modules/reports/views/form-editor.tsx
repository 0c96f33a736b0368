import { FormSections, type RenderContext } from '../../forms/views/form-renderer.tsx';
import type { FormFiguresData } from '../form-figures.ts';
import { FormFiguresScript } from './form-figures-script.tsx';

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
  next = false,
  figures,
}: {
  base: string;
  version: number;
  render: RenderContext;
  saveLabel: string;
  cancelLabel: string;
  part?: string;
  /** a long form's part with a part after it: "Opslaan en verder" saves and opens the next part */
  next?: boolean;
  /** what the figures that follow the typing need (ADR 0039); without it they change on saving only */
  figures?: FormFiguresData;
}) {
  const action = next ? 'next' : 'save';
  return (
    <form method="post" action={base} data-warn-unsaved="true" novalidate>
      <input type="hidden" name="version" value={String(version)} />
      {part && <input type="hidden" name="part" value={part} />}
      {/* Enter in a field saves (the first submit button is the default one), never removes a row. */}
      <button type="submit" name="action" value={action} class="visually-hidden" tabIndex={-1} aria-hidden="true">
        {saveLabel}
      </button>
      <FormSections ctx={render} />
      {figures && <FormFiguresScript data={figures} />}
      <div class="button-bar">
        <button type="submit" class="button" name="action" value={action}>
          {saveLabel}
        </button>
        <a class="button button--secondary" href={base}>
          {cancelLabel}
        </a>
      </div>
    </form>
  );
}
