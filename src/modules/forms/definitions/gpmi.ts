import { expenseTable } from '../blocks/expenses.ts';
import { reclaimWarning, settlementSection } from '../blocks/settlement.ts';
import { staffTable } from '../blocks/staff-costs.ts';
import type { ComputeContext, FormDefinition, Issue, RefField, RowIssue, RowValues, TableField } from '../definition.ts';

/**
 * F8 — GPMI (forms.md §4.4) and F9 — GPMI temporary protection (§4.5), one builder for both: the OCMW shows
 * how it used the 10 % supplements POD MI paid through the D forms: staff (table 1) and, when the year's
 * parameter `otherCostsAllowed` is true, other guidance and activation costs (table 2). The money was paid
 * beforehand: justified = Σ charged + Σ eligible, accepted = min(justified, received), the rest is reclaimed.
 * F9 adds the parameter `tpEndDate`: no row may go past the end of temporary protection.
 */

export const GPMI_FUNCTIONS = ['socialWorker', 'pathwayCounsellor', 'jobCoach', 'psychologist', 'administrativeWorker', 'other'] as const;
export const GPMI_COSTS = ['clientTraining', 'jobApplicationTraining', 'material', 'travelCosts', 'other'] as const;

interface GpmiOptions {
  measure: string;
  titleKey: string;
  /** the supplements received for the year: the allocation, paid in full */
  received: RefField;
  /** counts shown for information */
  counts: RefField[];
  texts: { header: string; intro: string; reclaim: string };
  /** extra row rules of both tables */
  rowRules?: TableField['rowRules'];
}

/** What the staff and other costs justify (before the cap at the amount received). */
export function gpmiJustified(ctx: ComputeContext): number {
  return (ctx.totals.staff?.chargedAmount ?? 0) + (ctx.totals.costs?.eligibleAmount ?? 0);
}

function otherCostsAllowed(ctx: ComputeContext): boolean {
  const allowed = ctx.params.otherCostsAllowed;
  if (typeof allowed !== 'boolean') throw new Error('Campaign parameter otherCostsAllowed is missing or not a boolean');
  return allowed;
}

/** Rows in the other-costs table of a year in which POD MI accepts only personnel are an error. */
function noOtherCosts(ctx: ComputeContext): Issue[] {
  if (otherCostsAllowed(ctx) || (ctx.tables.costs ?? []).length === 0) return [];
  return [{ code: 'gpmi.other_costs_not_allowed', severity: 'error', path: 'costs' }];
}

/** F9: a row may not go past the end of temporary protection (parameter `tpEndDate`, when set). */
export function beforeProtectionEnds(row: RowValues, _computed: Record<string, number | null>, ctx: ComputeContext): RowIssue[] {
  const end = ctx.params.tpEndDate;
  const period = row.period;
  if (typeof end !== 'string' || !period || typeof period !== 'object' || period.to <= end) return [];
  return [{ code: 'gpmitb.after_protection_end', severity: 'error', column: 'period', params: { endDate: end } }];
}

function withRules(table: TableField, rules: TableField['rowRules'] = []): TableField {
  return { ...table, rowRules: [...(table.rowRules ?? []), ...rules] };
}

function gpmiDefinition(options: GpmiOptions): FormDefinition {
  const received = (ctx: ComputeContext) => ctx.refs[options.received.key] ?? null;
  const staff = staffTable({ key: 'staff', labelKey: 'gpmi.staff', functions: { name: 'gpmiFunction', values: GPMI_FUNCTIONS }, workbookSheet: 'Personeel' });
  const costs = expenseTable({ key: 'costs', labelKey: 'gpmi.costs', categories: { name: 'gpmiCost', values: GPMI_COSTS }, workbookSheet: 'Kosten' });
  return {
    measure: options.measure,
    version: 1,
    titleKey: options.titleKey,
    workbook: { templateVersion: 1 },
    sections: [
      { key: 'header', titleKey: options.texts.header, introKey: options.texts.intro, items: [options.received, ...options.counts] },
      { key: 'staff', titleKey: 'gpmi.staff_section', introKey: 'gpmi.staff_intro', items: [withRules(staff, options.rowRules)] },
      { key: 'costs', titleKey: 'gpmi.costs_section', introKey: 'gpmi.costs_intro', items: [withRules(costs, options.rowRules)] },
      // No settlement until POD MI loaded the amount received: it is both the allocation and what was paid.
      settlementSection({
        justified: (ctx) => (received(ctx) === null ? null : gpmiJustified(ctx)),
        allocation: received,
        advancesPaid: received,
        variant: 'reclaimOnly',
      }),
    ],
    rules: [noOtherCosts, reclaimWarning(options.texts.reclaim)],
  };
}

export const gpmiV1 = gpmiDefinition({
  measure: 'GPMI',
  titleKey: 'measure.GPMI',
  received: { kind: 'ref', key: 'specialSubsidyReceived', type: 'money', labelKey: 'gpmi.special_subsidy_received' },
  counts: [
    { kind: 'ref', key: 'gpmiBeneficiaries', type: 'count', labelKey: 'gpmi.beneficiaries' },
    { kind: 'ref', key: 'gpmiMonths', type: 'count', labelKey: 'gpmi.months' },
  ],
  texts: { header: 'gpmi.header', intro: 'gpmi.intro', reclaim: 'gpmi.warning_reclaim' },
});

export const gpmiTbV1 = gpmiDefinition({
  measure: 'GPMI_TB',
  titleKey: 'measure.GPMI_TB',
  received: { kind: 'ref', key: 'supplementReceived', type: 'money', labelKey: 'gpmitb.supplement_received' },
  counts: [{ kind: 'ref', key: 'beneficiariesCount', type: 'count', labelKey: 'gpmitb.beneficiaries' }],
  texts: { header: 'gpmitb.header', intro: 'gpmitb.intro', reclaim: 'gpmitb.warning_reclaim' },
  rowRules: [beforeProtectionEnds],
});
