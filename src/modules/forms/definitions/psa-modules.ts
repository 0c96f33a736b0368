import { sum } from '../blocks/arithmetic.ts';
import { staffTable } from '../blocks/staff-costs.ts';
import { type ComputeContext, type RowIssue, type RowValues, type TableField, namedOptions } from '../definition.ts';
import { PSA_FUNCTIONS, PSA_ORGANISERS, PSA_THEMES } from './psa-lists.ts';

/**
 * PSA part B (forms.md §4.3.6): the staff of the collective modules, each row optionally naming the module
 * it worked for, and the modules, whose personnel cost is the sum charged by the staff rows naming them.
 * The staff table is declared before the modules so that its charged amounts exist when modules compute.
 */

/** Module titles are matched without regard to case or repeated spaces. */
export function sameTitle(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().toLowerCase() : null);
  const left = norm(a);
  return left !== null && left !== '' && left === norm(b);
}

/** Σ charged amounts of the part B staff rows naming this module. */
export function modulePersonnelCost(row: RowValues, ctx: ComputeContext): number {
  const staff = ctx.tables.staffB ?? [];
  const charged = ctx.rowComputed.staffB ?? [];
  return sum(staff.map((s, i) => (sameTitle(row.title, s.module) ? charged[i]?.chargedAmount : 0)));
}

function moduleExists(row: RowValues, _computed: Record<string, number | null>, ctx: ComputeContext): RowIssue[] {
  if (typeof row.module !== 'string' || (ctx.tables.modulesB ?? []).some((m) => sameTitle(m.title, row.module))) return [];
  return [{ code: 'psa.module_unknown', severity: 'warning', column: 'module' }];
}

/** The staff of part B: the staff table with the title of the module each person worked for. */
export function staffBTable(): TableField {
  const table = staffTable({ key: 'staffB', labelKey: 'psa.staff_b', functions: { name: 'psaFunction', values: PSA_FUNCTIONS } });
  return {
    ...table,
    columns: [...table.columns, { kind: 'input', key: 'module', type: 'text', labelKey: 'psa.staff_module', hintKey: 'psa.staff_module_hint', maxLength: 150 }],
    rowRules: [...(table.rowRules ?? []), moduleExists],
  };
}

function gpmiWithinParticipants(row: RowValues): RowIssue[] {
  const { participants, participantsWithGpmi } = row;
  if (typeof participants !== 'number' || typeof participantsWithGpmi !== 'number' || participantsWithGpmi <= participants) return [];
  return [{ code: 'psa.gpmi_above_participants', severity: 'error', column: 'participantsWithGpmi' }];
}

function partnerNamed(row: RowValues): RowIssue[] {
  if (row.organiser !== 'partner' || typeof row.partnerName === 'string') return [];
  return [{ code: 'psa.partner_name_required', severity: 'error', column: 'partnerName' }];
}

/** Staff rows are linked to a module by its title: two modules may not share one. */
function uniqueTitle(row: RowValues, _computed: Record<string, number | null>, ctx: ComputeContext): RowIssue[] {
  const same = (ctx.tables.modulesB ?? []).filter((m) => sameTitle(m.title, row.title)).length;
  return same > 1 ? [{ code: 'psa.module_title_duplicate', severity: 'error', column: 'title' }] : [];
}

/** The collective modules of part B, one row per module. */
export function modulesTable(): TableField {
  return {
    kind: 'table',
    key: 'modulesB',
    labelKey: 'psa.modules',
    maxRows: 2000,
    workbookSheet: 'B_Modules',
    columns: [
      { kind: 'input', key: 'title', type: 'text', labelKey: 'psa.module_title', required: true, maxLength: 150 },
      { kind: 'input', key: 'theme', type: 'enum', labelKey: 'psa.module_theme', required: true, ...namedOptions('psaTheme', PSA_THEMES) },
      { kind: 'input', key: 'period', type: 'period', labelKey: 'psa.module_period', required: true, inSubsidyPeriod: true },
      { kind: 'input', key: 'sessions', type: 'count', labelKey: 'psa.module_sessions', required: true, min: 1 },
      { kind: 'input', key: 'participants', type: 'count', labelKey: 'psa.module_participants', required: true, min: 1 },
      { kind: 'input', key: 'participantsWithGpmi', type: 'count', labelKey: 'psa.module_participants_gpmi', required: true },
      { kind: 'input', key: 'organiser', type: 'enum', labelKey: 'psa.module_organiser', required: true, ...namedOptions('psaOrganiser', PSA_ORGANISERS) },
      { kind: 'input', key: 'partnerName', type: 'text', labelKey: 'psa.module_partner_name', maxLength: 150 },
      { kind: 'input', key: 'operatingCost', type: 'money', labelKey: 'psa.module_operating_cost', required: true },
    ],
    rowComputed: [{ key: 'personnelCost', type: 'money', labelKey: 'psa.module_personnel_cost', compute: modulePersonnelCost }],
    totals: ['sessions', 'participants', 'participantsWithGpmi', 'operatingCost', 'personnelCost'],
    rowRules: [gpmiWithinParticipants, partnerNamed, uniqueTitle],
  };
}
