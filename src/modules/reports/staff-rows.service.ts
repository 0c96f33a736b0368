import { requireAccess } from '../../access/access.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import type { RawInput } from '../forms/field-types.ts';
import { type FormDefinition, type TableField, sectionOf } from '../forms/definition.ts';
import { NotFound } from '../shared/errors.ts';
import { type RowRef, composeInput, emptyRawInput, recordsTable, sameInput, storedRawInput, withRow, workbookTables } from './form-input.ts';
import { findInstance } from './reports.repository.ts';
import { type SaveResult, changeContent } from './reports.service.ts';

/**
 * One row of a records table (a staff member, ADR 0042) saved or removed on its own page: a narrower merge than the
 * save of a part — only that row of the stored input changes — through the same compare-and-set on the version.
 */

export type { RowRef } from './form-input.ts';

/** The records table a URL names, editable in the form's entry mode; anything else is not found. */
export function editableRecordsTable(definition: FormDefinition, entryMode: Parameters<typeof workbookTables>[1], key: string): TableField {
  const table = recordsTable(definition, key);
  // rows from an uploaded workbook change only by uploading a file (forms.md §2.7)
  if (!table || workbookTables(definition, entryMode).has(key)) throw new NotFound();
  return table;
}

/** The part (section) of a long form that holds a table; undefined for a form edited on one page. */
export function partOf(definition: FormDefinition, table: string): string | undefined {
  return definition.paged ? sectionOf(definition, table)?.key : undefined;
}

/** The row a URL names: an existing row of the input, or a new one (below the maximum); else not found. */
export function checkedRow(table: TableField, raw: RawInput, row: RowRef): RowRef {
  const count = raw.tables[table.key]?.length ?? 0;
  if (row === 'new' ? count >= table.maxRows : row >= count) throw new NotFound();
  return row;
}

/** Saves one row (new: appended) into the stored input; `row` null removes it. */
export function saveRow(
  ctx: ServiceContext,
  campaignId: string,
  expectedVersion: number,
  tableKey: string,
  index: RowRef,
  row: Record<string, string> | null,
): Promise<SaveResult> {
  return changeContent(ctx, campaignId, expectedVersion, (current) => {
    const table = editableRecordsTable(current.definition, current.entryMode, tableKey);
    checkedRow(table, current.stored, index);
    if (index === 'new' && !row) throw new NotFound();
    return {
      raw: withRow(current.stored, table.key, index, row),
      entryMode: current.entryMode,
      workbook: { keep: current.workbook?.id ?? null, sha256: current.workbook?.sha256 ?? null },
      audit: { type: 'FORM_SAVED', payload: { table: table.key, row: index === 'new' ? 'new' : index, ...(row ? {} : { removed: true }) } },
    };
  });
}

/**
 * Would a save of this posted part change nothing stored (same version, same values)? Opening a row's page from the
 * part's page saves the part first; when nothing was typed there, that save is skipped — no new version, no audit row.
 */
export async function partUnchanged(
  ctx: ServiceContext,
  campaignId: string,
  expectedVersion: number,
  definition: FormDefinition,
  posted: RawInput,
  part: string | undefined,
): Promise<boolean> {
  requireAccess(ctx.actor, 'FormEdit');
  const instance = await findInstance(ctx.db, currentOrganisationId(ctx), campaignId);
  if ((instance?.version ?? 0) !== expectedVersion || instance?.submitted_at) return false;
  // a form never saved is the empty input: opening a member's page does not create it
  const stored = instance ? storedRawInput(instance.input) : emptyRawInput();
  return sameInput(composeInput(definition, stored, posted, { part, entryMode: instance?.entry_mode ?? 'MANUAL' }), stored);
}
