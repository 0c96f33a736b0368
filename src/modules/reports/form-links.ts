import { type FormDefinition, editableSections, sectionOf } from '../forms/definition.ts';
import { inputId } from '../forms/views/form-renderer.tsx';

export type LinkPage = { kind: 'edit'; part?: string } | { kind: 'view'; canEdit: boolean };

/**
 * Where an error-summary link goes: the in-page anchor (undefined) when the field is on the page, else the
 * edit page (of the part that holds the field, for long forms edited one part at a time), at the field; a computed
 * figure of a long form on the form's page; on a read-only page for someone who cannot edit, the row of a table.
 */
export function issueLink(base: string, definition: FormDefinition, path: string, page: LinkPage): string | undefined {
  const part = definition.paged ? sectionOf(definition, path)?.key : undefined;
  // A computed part of a long form (summary, settlement) has no edit page: its figures are on the form's page (issue 14,
  // item 6: "Terug te vorderen" led to a part that does not exist).
  if (part !== undefined && !editableSections(definition).some((s) => s.key === part)) return page.kind === 'view' ? undefined : `${base}#${inputId(path)}`;
  const editHref = `${base}/edit${part ? `?part=${part}` : ''}#${inputId(path)}`;
  if (page.kind === 'edit') return !definition.paged || part === page.part ? undefined : editHref;
  if (page.canEdit) return editHref;
  const [table, row] = path.split('.');
  return row !== undefined ? `#row-${table}-${row}` : undefined;
}

/** The part to edit: the requested section when it is one the user types in, else the first one. */
export function chosenPart(definition: FormDefinition, requested: unknown): string | undefined {
  if (!definition.paged) return undefined;
  const parts = editableSections(definition);
  return parts.find((s) => s.key === requested)?.key ?? parts[0]?.key;
}
