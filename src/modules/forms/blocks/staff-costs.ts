import { isValidInsz } from '../../shared/identifiers.ts';
import { type ComputeContext, type RowIssue, type RowValues, type TableField, namedOptions } from '../definition.ts';
import { daysInclusive, min, mulDiv } from './arithmetic.ts';

/** Staff statuses (forms.md §3.1): the same list for every measure. */
export const STAFF_STATUSES = ['statutory', 'contractual', 'art60'] as const;

export interface StaffTableOptions {
  key: string;
  labelKey: string;
  /** name and values of the measure's list of functions (labels `enum.<name>.<value>`) */
  functions: { name: string; values: readonly string[] };
  maxRows?: number;
  minRows?: number;
  workbookSheet?: string;
}

/**
 * Charged to the subsidy (forms.md §3.1): min(round(grossCost × rate/100), grossCost − otherFunding).
 * Rate in hundredths of a percent (12,50 % = 1250), amounts in cents.
 */
export function chargedAmount(grossCost: number, ratePercentHundredths: number, otherFunding: number): number {
  return min(mulDiv(grossCost, ratePercentHundredths, 10_000), grossCost - otherFunding);
}

/**
 * FTE charged (forms.md §3.1): fte × rate/100 × days(period)/days(report year), in hundredths — against the report
 * year, also for a measure whose subsidy period is shorter (GPMI TB 2023: 1/10–31/12 at 1,00 FTE is 0,25 FTE).
 */
export function fteCharged(fteHundredths: number, ratePercentHundredths: number, periodDays: number, yearDays: number): number {
  return mulDiv(fteHundredths * ratePercentHundredths, periodDays, 10_000 * yearDays);
}

function rowCharged(row: RowValues): number | null {
  const { grossCost, allocationRate } = row;
  if (typeof grossCost !== 'number' || typeof allocationRate !== 'number') return null;
  const other = typeof row.otherFunding === 'number' ? row.otherFunding : 0;
  return chargedAmount(grossCost, allocationRate, other);
}

function rowFteCharged(row: RowValues, ctx: ComputeContext): number | null {
  const { fte, allocationRate, period } = row;
  if (typeof fte !== 'number' || typeof allocationRate !== 'number' || !period || typeof period !== 'object') return null;
  return fteCharged(fte, allocationRate, daysInclusive(period.from, period.to), daysInclusive(`${ctx.reportYear}-01-01`, `${ctx.reportYear}-12-31`));
}

function otherFundingWithinCost(row: RowValues): RowIssue[] {
  const { grossCost, otherFunding } = row;
  if (typeof grossCost !== 'number' || typeof otherFunding !== 'number' || otherFunding <= grossCost) return [];
  return [{ code: 'staff.other_funding_above_cost', severity: 'error', column: 'otherFunding' }];
}

/** A staff number of 11 digits is taken for a national number and must pass its check digits. */
function staffIdChecked(row: RowValues): RowIssue[] {
  const id = row.staffId;
  if (typeof id !== 'string') return [];
  const digits = id.replace(/[.\-\s]/g, '');
  if (/^\d{11}$/.test(digits) && !isValidInsz(digits)) return [{ code: 'staff.insz_invalid', severity: 'error', column: 'staffId' }];
  return [];
}

/** The StaffCostRow table of forms.md §3.1, used by every measure that justifies personnel. */
export function staffTable(options: StaffTableOptions): TableField {
  return {
    kind: 'table',
    key: options.key,
    labelKey: options.labelKey,
    maxRows: options.maxRows ?? 500,
    minRows: options.minRows,
    workbookSheet: options.workbookSheet,
    staffRows: true,
    // 12 columns do not fit a page: one card per person, one page per person (ADR 0042)
    layout: 'records',
    titleColumns: ['firstName', 'lastName'],
    cardColumns: ['function', 'period', 'fte', 'allocationRate', 'chargedAmount', 'fteCharged'],
    columns: [
      { kind: 'input', key: 'lastName', type: 'text', labelKey: 'staff.last_name', required: true, maxLength: 100 },
      { kind: 'input', key: 'firstName', type: 'text', labelKey: 'staff.first_name', required: true, maxLength: 100 },
      { kind: 'input', key: 'staffId', type: 'text', labelKey: 'staff.staff_id', hintKey: 'staff_hint.staff_id', maxLength: 20 },
      {
        kind: 'input',
        key: 'function',
        type: 'enum',
        labelKey: 'staff.function',
        required: true,
        ...namedOptions(options.functions.name, options.functions.values),
      },
      { kind: 'input', key: 'status', type: 'enum', labelKey: 'staff.status', required: true, ...namedOptions('staffStatus', STAFF_STATUSES) },
      { kind: 'input', key: 'period', type: 'period', labelKey: 'staff.period', hintKey: 'staff_hint.period', required: true, inSubsidyPeriod: true },
      { kind: 'input', key: 'fte', type: 'fte', labelKey: 'staff.fte', hintKey: 'staff_hint.fte', required: true },
      {
        kind: 'input',
        key: 'allocationRate',
        type: 'percent',
        labelKey: 'staff.allocation_rate',
        hintKey: 'staff_hint.allocation_rate',
        required: true,
        positive: true,
      },
      { kind: 'input', key: 'grossCost', type: 'money', labelKey: 'staff.gross_cost', hintKey: 'staff_hint.gross_cost', required: true },
      { kind: 'input', key: 'otherFunding', type: 'money', labelKey: 'staff.other_funding', hintKey: 'staff_hint.other_funding', required: true },
    ],
    rowComputed: [
      { key: 'chargedAmount', type: 'money', labelKey: 'staff.charged_amount', compute: rowCharged },
      { key: 'fteCharged', type: 'fte', labelKey: 'staff.fte_charged', compute: rowFteCharged },
    ],
    totals: ['grossCost', 'otherFunding', 'chargedAmount', 'fteCharged'],
    rowRules: [otherFundingWithinCost, staffIdChecked],
  };
}
