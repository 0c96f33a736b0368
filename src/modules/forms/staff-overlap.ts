import { overlapDays } from './blocks/arithmetic.ts';
import type { FormDefinition, Issue, Value } from './definition.ts';
import { tablesOf } from './definition.ts';
import { type RawInput, parseField, periodKeys } from './field-types.ts';

/**
 * G-STAFF-1 (forms.md §3.1): one person may be charged to several measures of the same OCMW and report
 * year, but over overlapping periods the sum of FTE × allocation rate may not exceed the person's FTE.
 * Forms are signed independently, so this is a warning on every form concerned, never blocking.
 */
export interface StaffLine {
  measure: string;
  /** issue path of the row's allocation rate, for lines of the form being checked */
  path: string;
  person: string;
  name: string;
  period: { from: string; to: string };
  /** hundredths */
  fte: number;
  /** hundredths of a percent */
  rate: number;
}

/** Same staff number, or else same name and first name (case and accents ignored). */
export function personKey(row: Record<string, string>): string | null {
  const id = (row.staffId ?? '').replace(/[\s.\-/]/g, '').toUpperCase();
  if (id) return `id:${id}`;
  const name = `${row.lastName ?? ''}|${row.firstName ?? ''}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return name === '|' ? null : `name:${name}`;
}

function parsed(definitionColumn: Parameters<typeof parseField>[0], raw: string | undefined, rawTo?: string): Value | null {
  const result = parseField(definitionColumn, raw, rawTo);
  return result.ok ? result.value : null;
}

/** The staff lines of a form's raw input that parse; lines with unreadable values are left to the form's own errors. */
export function staffLines(measure: string, definition: FormDefinition, raw: RawInput): StaffLine[] {
  const lines: StaffLine[] = [];
  for (const table of tablesOf(definition).filter((t) => t.staffRows)) {
    const column = (key: string) => table.columns.find((c) => c.key === key);
    const [fteCol, rateCol, periodCol] = [column('fte'), column('allocationRate'), column('period')];
    if (!fteCol || !rateCol || !periodCol) continue;
    (raw.tables[table.key] ?? []).forEach((row, index) => {
      const person = personKey(row);
      const [fromKey, toKey] = periodKeys('period');
      const fte = parsed(fteCol, row.fte);
      const rate = parsed(rateCol, row.allocationRate);
      const period = parsed(periodCol, row[fromKey], row[toKey]);
      if (!person || typeof fte !== 'number' || typeof rate !== 'number' || !period || typeof period !== 'object') return;
      const name = `${(row.firstName ?? '').trim()} ${(row.lastName ?? '').trim()}`.trim();
      lines.push({ measure, path: `${table.key}.${index}.allocationRate`, person, name, period, fte, rate });
    });
  }
  return lines;
}

/** Warnings for the lines of `own` whose person is charged above their FTE over an overlapping period. */
export function overChargedStaff(own: StaffLine[], others: StaffLine[]): Issue[] {
  const all = [...own, ...others];
  const issues: Issue[] = [];
  for (const line of own) {
    const overlapping = all.filter((o) => o.person === line.person && overlapDays(o.period, line.period) > 0);
    // FTE × rate in hundredths × hundredths of a percent: compare Σ fte × rate/100 with the largest FTE.
    const charged = overlapping.reduce((total, o) => total + o.fte * o.rate, 0);
    const fte = Math.max(...overlapping.map((o) => o.fte));
    if (charged <= fte * 10_000) continue;
    issues.push({
      code: 'staff.over_100',
      severity: 'warning',
      path: line.path,
      params: {
        name: line.name,
        totalHundredths: Math.round(charged / 10_000),
        fteHundredths: fte,
        measures: [...new Set(overlapping.map((o) => o.measure))].join(','),
      },
    });
  }
  return issues;
}
