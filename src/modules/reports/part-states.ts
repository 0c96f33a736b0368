import { type FormDefinition, type Section, editableSections, sectionOf } from '../forms/definition.ts';
import { type Evaluation, isBlankRow } from '../forms/evaluate.ts';
import type { RawInput } from '../forms/field-types.ts';

/**
 * Where a part of a long form stands, as the task list shows it (issue 14, item 4; GOV.UK "task list"):
 * - not started: nothing typed in it yet (or the form was never saved and nothing is required there);
 * - in progress: something typed, only required values still missing;
 * - errors: something typed and a value refused (wrong format, out of range, a rule broken) — with their number;
 * - completed: no error left — also a part with nothing required and nothing typed, once that part was saved
 *   (an OCMW without a recognised debt mediation leaves the gas fund's staff table empty and saves the part).
 */
export type PartState = { kind: 'not_started' } | { kind: 'in_progress'; errors: number } | { kind: 'errors'; errors: number } | { kind: 'completed' };

export interface Part {
  section: Section;
  state: PartState;
  warnings: number;
}

function typedIn(section: Section, raw: RawInput): boolean {
  return section.items.some((item) => {
    if (item.kind === 'input') return (raw.fields[item.key] ?? '').trim() !== '';
    if (item.kind === 'table') return (raw.tables[item.key] ?? []).some((row) => !isBlankRow(item, row));
    return false;
  });
}

/** The parts of a paged form, in their order, with their state. `savedParts`: the parts saved at least once ("*": all). */
export function formParts(definition: FormDefinition, raw: RawInput, evaluation: Evaluation, savedParts: readonly string[]): Part[] {
  const saved = (key: string) => savedParts.includes(key) || savedParts.includes('*');
  const issuesOf = new Map<string, { errors: number; required: number; warnings: number }>();
  for (const issue of evaluation.issues) {
    const key = sectionOf(definition, issue.path)?.key ?? '';
    const c = issuesOf.get(key) ?? { errors: 0, required: 0, warnings: 0 };
    if (issue.severity === 'error') {
      c.errors++;
      if (issue.code === 'issue.required') c.required++;
    } else c.warnings++;
    issuesOf.set(key, c);
  }
  return editableSections(definition).map((section) => {
    const c = issuesOf.get(section.key) ?? { errors: 0, required: 0, warnings: 0 };
    return { section, state: partState(typedIn(section, raw), c, saved(section.key)), warnings: c.warnings };
  });
}

function partState(typed: boolean, c: { errors: number; required: number }, saved: boolean): PartState {
  if (!typed) return c.errors === 0 && saved ? { kind: 'completed' } : { kind: 'not_started' };
  if (c.errors === 0) return { kind: 'completed' };
  return c.errors === c.required ? { kind: 'in_progress', errors: c.errors } : { kind: 'errors', errors: c.errors };
}

/** The part after this one, if any: where "Opslaan en verder" leads. */
export function nextPart(definition: FormDefinition, part: string | undefined): string | undefined {
  const parts = editableSections(definition);
  const at = parts.findIndex((s) => s.key === part);
  return at >= 0 ? parts[at + 1]?.key : undefined;
}
