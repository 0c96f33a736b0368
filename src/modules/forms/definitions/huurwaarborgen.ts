import { isValidInsz } from '../../shared/identifiers.ts';
import { min } from '../blocks/arithmetic.ts';
import { settlementSection } from '../blocks/settlement.ts';
import {
  type ComputeContext,
  type FormDefinition,
  type Issue,
  type RowIssue,
  type RowValues,
  type TableField,
  namedOptions,
  numberParam,
  optionalNumberParam,
} from '../definition.ts';

/**
 * F1 — Huurwaarborgen / Garanties locatives (forms.md §5.1): one row per rental guarantee granted in the
 * report year; the subsidy is a fixed amount per guarantee. Campaign parameters:
 * - amountPerGuaranteeCents: the amount per guarantee (2500 = €25);
 * - envelopeCents (optional): a yearly envelope capping the subsidy (Q-HIST-2: uncapped when absent);
 * - maxRentMonths: per guarantee type, the most months of rent a guarantee may plausibly cover (rental law,
 *   forms.md §5.1.2: blocked account 2, bank guarantee 3); a type left out is not checked.
 */

export const RENT_GUARANTEE_TYPES = ['bankGuarantee', 'letterOfGuarantee', 'blockedAccount'] as const;

const TABLE = 'guarantees';

/** The beneficiary reference as compared for uniqueness: without spaces, dots and dashes, upper case. */
export function normaliseBeneficiaryRef(ref: string): string {
  return ref.replace(/[.\-\s]/g, '').toUpperCase();
}

/** A reference of 11 digits is taken for a national number (INSZ) and must pass its check digits. */
function inszChecked(row: RowValues): RowIssue[] {
  const ref = row.beneficiaryRef;
  if (typeof ref !== 'string') return [];
  const digits = normaliseBeneficiaryRef(ref);
  if (/^\d{11}$/.test(digits) && !isValidInsz(digits)) return [{ code: 'rent.insz_invalid', severity: 'error', column: 'beneficiaryRef' }];
  return [];
}

/** The subsidy is tied to a repayment plan agreed with the beneficiary (forms.md §5.1.1). */
function repaymentPlanAgreed(row: RowValues): RowIssue[] {
  return row.repaymentPlan === false ? [{ code: 'rent.repayment_plan_required', severity: 'error', column: 'repaymentPlan' }] : [];
}

/** The most months of rent a guarantee of this type may cover, from the campaign (null: not checked). */
export function maxRentMonths(params: Record<string, unknown>, type: string): number | null {
  const table = params.maxRentMonths;
  if (table === undefined || table === null) return null;
  if (typeof table !== 'object') throw new Error('Campaign parameter maxRentMonths is not an object');
  return optionalNumberParam(table as Record<string, unknown>, type);
}

/** Warning when the guarantee covers more months of rent than the rental law allows for its type. */
function guaranteeWithinRent(row: RowValues, _computed: Record<string, number | null>, ctx: ComputeContext): RowIssue[] {
  const { guaranteeAmount, monthlyRent, guaranteeType } = row;
  if (typeof guaranteeAmount !== 'number' || typeof monthlyRent !== 'number' || typeof guaranteeType !== 'string') return [];
  const months = maxRentMonths(ctx.params, guaranteeType);
  if (months === null || guaranteeAmount <= months * monthlyRent) return [];
  return [{ code: 'rent.warning_above_rent', severity: 'warning', column: 'guaranteeAmount', params: { months, maximumCents: months * monthlyRent } }];
}

/** One subsidy per beneficiary and year: every later row with the same reference is an error. */
function uniqueBeneficiaries(ctx: ComputeContext): Issue[] {
  const firstRow = new Map<string, number>();
  const issues: Issue[] = [];
  (ctx.tables[TABLE] ?? []).forEach((row, index) => {
    if (typeof row.beneficiaryRef !== 'string') return;
    const ref = normaliseBeneficiaryRef(row.beneficiaryRef);
    const first = firstRow.get(ref);
    if (first === undefined) firstRow.set(ref, index);
    else issues.push({ code: 'rent.duplicate_beneficiary', severity: 'error', path: `${TABLE}.${index}.beneficiaryRef`, params: { row: first + 1 } });
  });
  return issues;
}

/** Count × amount per guarantee, before the envelope. */
function subsidyBeforeEnvelope(ctx: ComputeContext): number {
  return (ctx.tables[TABLE] ?? []).length * numberParam(ctx.params, 'amountPerGuaranteeCents');
}

/** The subsidy: count × amount per guarantee, capped by the yearly envelope when the campaign sets one. */
function subsidy(ctx: ComputeContext): number {
  const envelope = optionalNumberParam(ctx.params, 'envelopeCents');
  const gross = subsidyBeforeEnvelope(ctx);
  return envelope === null ? gross : min(gross, envelope);
}

function envelopeReached(ctx: ComputeContext): Issue[] {
  const envelope = optionalNumberParam(ctx.params, 'envelopeCents');
  const gross = subsidyBeforeEnvelope(ctx);
  if (envelope === null || gross <= envelope) return [];
  return [{ code: 'rent.warning_envelope', severity: 'warning', path: 'subsidy', params: { amountCents: gross, envelopeCents: envelope } }];
}

const guaranteesTable: TableField = {
  kind: 'table',
  key: TABLE,
  labelKey: 'rent.guarantees',
  maxRows: 10_000,
  columns: [
    { kind: 'input', key: 'decisionDate', type: 'date', labelKey: 'rent.decision_date', required: true, inSubsidyPeriod: true },
    {
      kind: 'input',
      key: 'beneficiaryRef',
      type: 'text',
      labelKey: 'rent.beneficiary_ref',
      hintKey: 'rent.beneficiary_ref_hint',
      required: true,
      maxLength: 20,
    },
    {
      kind: 'input',
      key: 'guaranteeType',
      type: 'enum',
      labelKey: 'rent.guarantee_type',
      required: true,
      ...namedOptions('rentGuaranteeType', RENT_GUARANTEE_TYPES),
    },
    { kind: 'input', key: 'guaranteeAmount', type: 'money', labelKey: 'rent.guarantee_amount', required: true, positive: true },
    { kind: 'input', key: 'monthlyRent', type: 'money', labelKey: 'rent.monthly_rent', hintKey: 'rent.monthly_rent_hint', positive: true },
    { kind: 'input', key: 'repaymentPlan', type: 'yesno', labelKey: 'rent.repayment_plan', hintKey: 'rent.repayment_plan_hint', required: true },
  ],
  totals: ['guaranteeAmount'],
  rowRules: [inszChecked, repaymentPlanAgreed, guaranteeWithinRent],
};

export const huurwaarborgenV1: FormDefinition = {
  measure: 'HUURWAARBORGEN',
  version: 1,
  titleKey: 'measure.HUURWAARBORGEN',
  sections: [
    { key: 'guarantees', titleKey: 'rent.guarantees_title', introKey: 'rent.guarantees_intro', items: [guaranteesTable] },
    {
      key: 'subsidy',
      titleKey: 'rent.subsidy_title',
      items: [
        { kind: 'computed', key: 'guaranteesCount', type: 'count', labelKey: 'rent.guarantees_count', compute: (ctx) => (ctx.tables[TABLE] ?? []).length },
        {
          kind: 'computed',
          key: 'amountPerGuarantee',
          type: 'money',
          labelKey: 'rent.amount_per_guarantee',
          compute: (ctx) => numberParam(ctx.params, 'amountPerGuaranteeCents'),
        },
        { kind: 'computed', key: 'subsidy', type: 'money', labelKey: 'rent.subsidy', compute: subsidy },
        { kind: 'ref', key: 'advancesPaid', type: 'money', labelKey: 'rent.advances_paid' },
      ],
    },
    settlementSection({ justified: (ctx) => ctx.computed.subsidy ?? null, variant: 'justifiedIsAllocation' }),
  ],
  rules: [uniqueBeneficiaries, envelopeReached],
};
