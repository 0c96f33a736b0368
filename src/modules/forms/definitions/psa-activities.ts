import { mulDiv } from '../blocks/arithmetic.ts';
import { type ExpenseTableOptions, eligibleAmount, expenseTable } from '../blocks/expenses.ts';
import { type ComputeContext, type InputField, type RowIssue, type RowValues, type TableField, numberParam } from '../definition.ts';

/**
 * PSA activity tables of parts A and C (forms.md §4.3.6): the ExpenseRow of §3.2 with the overheads of a
 * subcontracted activity capped (PSA-R2): the part of `overheadAmount` above `subcontractOverheadCapHundredths`
 * of the row's amount is not eligible (warning, capped automatically, Q-GEN-6).
 */

/** The overheads a subcontracted activity may charge: round(amount × cap / 100 %). */
export function overheadCap(amountCents: number, capHundredths: number): number {
  return mulDiv(amountCents, capHundredths, 10_000);
}

/** The overheads above the cap, removed from the eligible amount (0 when within the cap). */
export function overheadExcess(amountCents: number, overheadCents: number | null, capHundredths: number): number {
  if (overheadCents === null) return 0;
  return Math.max(overheadCents - overheadCap(amountCents, capHundredths), 0);
}

const number = (value: RowValues[string]): number | null => (typeof value === 'number' ? value : null);
const overheadCapParam = (ctx: ComputeContext): number => numberParam(ctx.params, 'subcontractOverheadCapHundredths');

function rowExcess(row: RowValues, ctx: ComputeContext): number | null {
  const amount = number(row.amount);
  if (amount === null) return null;
  return overheadExcess(amount, number(row.overheadAmount), overheadCapParam(ctx));
}

/** Eligible amount of a PSA activity: the target-group share (PSA-R6) of the cost without excess overheads. */
function rowEligible(row: RowValues, ctx: ComputeContext): number | null {
  const amount = number(row.amount);
  const excess = rowExcess(row, ctx);
  if (amount === null || excess === null) return null;
  return eligibleAmount(amount - excess, number(row.mixedPublicShare));
}

function overheadCapped(row: RowValues, computed: Record<string, number | null>, ctx: ComputeContext): RowIssue[] {
  const excess = computed.overheadExcess;
  const amount = number(row.amount);
  if (!excess || amount === null) return [];
  const params = { capCents: overheadCap(amount, overheadCapParam(ctx)), excessCents: excess };
  return [{ code: 'psa.overhead_capped', severity: 'warning', column: 'overheadAmount', params }];
}

/** Overheads of subcontracting need the partner it was subcontracted to (§3.2). */
function partnerNamed(row: RowValues): RowIssue[] {
  const overhead = number(row.overheadAmount);
  if (!overhead || typeof row.partner === 'string') return [];
  return [{ code: 'psa.partner_required', severity: 'error', column: 'partner' }];
}

interface ActivityTableOptions extends Pick<ExpenseTableOptions, 'key' | 'labelKey' | 'categories' | 'workbookSheet'> {
  /** the count of people reached by each activity (users for part A, children for part C) */
  reached: InputField;
  /** extra columns before the count (part A: individual or collective) */
  before?: InputField[];
}

/** An activity table of PSA part A or C. */
export function activityTable(options: ActivityTableOptions): TableField {
  const { reached, before = [], ...rest } = options;
  const table = expenseTable({ ...rest, extraColumns: [...before, reached], mixedPublicShare: true, subcontracting: true, maxRows: 2000 });
  return {
    ...table,
    rowComputed: [
      { key: 'overheadExcess', type: 'money', labelKey: 'psa.overhead_excess', compute: rowExcess },
      { key: 'eligibleAmount', type: 'money', labelKey: 'expense.eligible_amount', compute: rowEligible },
    ],
    totals: [...(table.totals ?? []), 'overheadExcess', reached.key],
    rowRules: [...(table.rowRules ?? []), partnerNamed, overheadCapped],
  };
}
