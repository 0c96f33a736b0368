import { min } from '../blocks/arithmetic.ts';
import { expenseTable } from '../blocks/expenses.ts';
import { settlementSection } from '../blocks/settlement.ts';
import { staffTable } from '../blocks/staff-costs.ts';
import {
  type ComputeContext,
  type FormDefinition,
  type Issue,
  type RowIssue,
  type RowValues,
  type Section,
  type TableField,
  namedOptions,
  numberParam,
} from '../definition.ts';

/**
 * F4 — Gas- en elektriciteitsfonds / Fonds social gaz électricité (forms.md §4.2).
 *
 * Art. 4 pays staff (a lump sum per FTE of the OCMW's entitlement); art. 6 pays interventions in unpaid energy
 * bills and a preventive energy policy; art. 5 §4 other measures are charged to the art. 6 envelope (Q-GAS-2).
 * Both parts are settled separately: a surplus on one part never covers what is unused on the other (F4-2).
 * F4-1 (every period within report year N) is the `inSubsidyPeriod` check of the staff and expense periods.
 *
 * Campaign parameters: `lumpSumPerFteCents` (art. 4 lump sum per FTE), `classTable` ({"1": 50, …}: class →
 * FTE entitlement in hundredths, shown for information; the entitlement itself is a reference value because
 * of the one-year "joker").
 * Reference values: class, fteEntitlement, allocationArt4, allocationArt6, extraTranches, advancesPaid,
 * compensationFromPreviousYear, approvedDebtMediation (1 = approved or under agreement, 0 = not).
 */

/** Staff functions of art. 4 (forms.md §4.2.4, Q-GAS-3) [A]. */
export const GAS_FUNCTIONS = ['socialWorker', 'debtMediator', 'administrative', 'other'] as const;
/** Energies of the curative part: no heating oil, which belongs to the Social Heating Fund (F4-3). */
export const GAS_ENERGIES = ['gas', 'electricity', 'both'] as const;
/** Categories of the preventive energy policy (forms.md §4.2.4) [A]. */
export const GAS_PREVENTIVE = ['efficientAppliances', 'installationChecks', 'smallWorks', 'majorWorks', 'informationCollective', 'other'] as const;
/** Categories of the other measures of art. 5 §4, until the royal decree is read (Q-GAS-2) [A]. */
export const GAS_OTHER = ['guidance', 'cooperation', 'other'] as const;

const ref = (ctx: ComputeContext, key: string): number => ctx.refs[key] ?? 0;
const total = (ctx: ComputeContext, table: string, column: string): number => ctx.totals[table]?.[column] ?? 0;

/** Without an approved debt-mediation service (or an agreement with one) there is no art. 4 money (§4.2.2). */
export function withoutDebtMediation(ctx: ComputeContext): boolean {
  return ctx.refs.approvedDebtMediation === 0;
}

export function art4Available(ctx: ComputeContext): number {
  return withoutDebtMediation(ctx) ? 0 : ref(ctx, 'allocationArt4');
}

export function personnelJustified(ctx: ComputeContext): number {
  return total(ctx, 'staffArt4', 'chargedAmount');
}

export function art4Accepted(ctx: ComputeContext): number {
  return min(personnelJustified(ctx), art4Available(ctx));
}

export function art6Available(ctx: ComputeContext): number {
  return ref(ctx, 'allocationArt6') + ref(ctx, 'extraTranches');
}

/** Curative bills + eligible preventive expenses + eligible other measures (art. 5 §4). */
export function art6Justified(ctx: ComputeContext): number {
  return total(ctx, 'unpaidBills', 'amount') + total(ctx, 'preventive', 'eligibleAmount') + total(ctx, 'otherMeasures', 'eligibleAmount');
}

export function art6Accepted(ctx: ComputeContext): number {
  return min(art6Justified(ctx), art6Available(ctx));
}

const art4Unused = (ctx: ComputeContext): number => art4Available(ctx) - art4Accepted(ctx);
const art6Unused = (ctx: ComputeContext): number => art6Available(ctx) - art6Accepted(ctx);

/** FTE of the OCMW's class in the year's class table (the entitlement may differ for one year: the "joker"). */
function classTableFte(ctx: ComputeContext): number | null {
  const table = ctx.params.classTable;
  const ocmwClass = ctx.refs.class;
  if (ocmwClass === null || ocmwClass === undefined || typeof table !== 'object' || table === null) return null;
  const fte = (table as Record<string, unknown>)[String(ocmwClass)];
  return typeof fte === 'number' ? fte : null;
}

/**
 * What the OCMW already received for the year: the advances paid, plus the unused amount of the previous year
 * that POD MI withheld from this year's payments (it settles last year's debt, so it counts as received) [A].
 */
function receivedForYear(ctx: ComputeContext): number {
  return ref(ctx, 'advancesPaid') + ref(ctx, 'compensationFromPreviousYear');
}

/** 2a: the number of households helped is required as soon as an amount is paid. */
function householdsWhenAmount(row: RowValues): RowIssue[] {
  const { amount, householdsHelped } = row;
  if (typeof amount !== 'number' || amount <= 0 || householdsHelped !== 0) return [];
  return [{ code: 'gas.households_required', severity: 'error', column: 'householdsHelped' }];
}

const unpaidBillsTable: TableField = {
  kind: 'table',
  key: 'unpaidBills',
  labelKey: 'gas.unpaid_bills_table',
  maxRows: 100,
  columns: [
    { kind: 'input', key: 'energy', type: 'enum', labelKey: 'gas.energy', required: true, ...namedOptions('gasEnergy', GAS_ENERGIES) },
    { kind: 'input', key: 'householdsHelped', type: 'count', labelKey: 'gas.households_helped', required: true },
    { kind: 'input', key: 'amount', type: 'money', labelKey: 'expense.amount', required: true },
  ],
  totals: ['householdsHelped', 'amount'],
  rowRules: [householdsWhenAmount],
};

const referenceSection: Section = {
  key: 'reference',
  titleKey: 'gas.section_reference',
  introKey: 'gas.intro_reference',
  items: [
    { kind: 'ref', key: 'class', type: 'count', labelKey: 'gas.class' },
    { kind: 'computed', key: 'classTableFte', type: 'fte', labelKey: 'gas.class_table_fte', compute: classTableFte },
    { kind: 'ref', key: 'fteEntitlement', type: 'fte', labelKey: 'gas.fte_entitlement', hintKey: 'gas.fte_entitlement_hint' },
    {
      kind: 'computed',
      key: 'lumpSumPerFte',
      type: 'money',
      labelKey: 'gas.lump_sum_per_fte',
      compute: (ctx) => numberParam(ctx.params, 'lumpSumPerFteCents'),
    },
    {
      kind: 'ref',
      key: 'approvedDebtMediation',
      type: 'count',
      display: 'yesno',
      labelKey: 'gas.approved_debt_mediation',
      hintKey: 'gas.approved_debt_mediation_hint',
    },
    { kind: 'ref', key: 'allocationArt4', type: 'money', labelKey: 'gas.allocation_art4' },
    { kind: 'ref', key: 'allocationArt6', type: 'money', labelKey: 'gas.allocation_art6' },
    { kind: 'ref', key: 'extraTranches', type: 'money', labelKey: 'gas.extra_tranches', hintKey: 'gas.extra_tranches_hint' },
    { kind: 'ref', key: 'advancesPaid', type: 'money', labelKey: 'gas.advances_paid', hintKey: 'gas.advances_paid_hint' },
    {
      kind: 'ref',
      key: 'compensationFromPreviousYear',
      type: 'money',
      labelKey: 'gas.compensation_previous_year',
      hintKey: 'gas.compensation_previous_year_hint',
    },
  ],
};

const personnelSection: Section = {
  key: 'art4',
  titleKey: 'gas.section_personnel',
  introKey: 'gas.intro_personnel',
  items: [
    staffTable({ key: 'staffArt4', labelKey: 'gas.staff_table', functions: { name: 'gasFunction', values: GAS_FUNCTIONS } }),
    { kind: 'computed', key: 'fteChargedTotal', type: 'fte', labelKey: 'gas.fte_charged_total', compute: (ctx) => total(ctx, 'staffArt4', 'fteCharged') },
    { kind: 'computed', key: 'personnelJustified', type: 'money', labelKey: 'gas.personnel_justified', compute: personnelJustified },
  ],
};

const unpaidBillsSection: Section = {
  key: 'art6Curative',
  titleKey: 'gas.section_unpaid_bills',
  introKey: 'gas.intro_unpaid_bills',
  items: [unpaidBillsTable],
};

const preventiveSection: Section = {
  key: 'art6Preventive',
  titleKey: 'gas.section_preventive',
  introKey: 'gas.intro_preventive',
  items: [
    expenseTable({
      key: 'preventive',
      labelKey: 'gas.preventive_table',
      categories: { name: 'gasPreventive', values: GAS_PREVENTIVE },
      extraColumns: [{ kind: 'input', key: 'beneficiaries', type: 'count', labelKey: 'gas.beneficiaries', required: true }],
    }),
  ],
};

const otherSection: Section = {
  key: 'art5Other',
  titleKey: 'gas.section_other',
  introKey: 'gas.intro_other',
  items: [expenseTable({ key: 'otherMeasures', labelKey: 'gas.other_table', categories: { name: 'gasOther', values: GAS_OTHER } })],
};

/** Section 4: the two parts side by side, kept separate (F4-2, Q-GAS-4). */
const summarySection: Section = {
  key: 'summary',
  titleKey: 'gas.section_summary',
  introKey: 'gas.intro_summary',
  items: [
    { kind: 'computed', key: 'art4Available', type: 'money', labelKey: 'gas.art4_available', compute: art4Available },
    { kind: 'computed', key: 'art4Accepted', type: 'money', labelKey: 'gas.art4_accepted', compute: art4Accepted },
    { kind: 'computed', key: 'art6Available', type: 'money', labelKey: 'gas.art6_available', compute: art6Available },
    { kind: 'computed', key: 'art6Justified', type: 'money', labelKey: 'gas.art6_justified', compute: art6Justified },
    { kind: 'computed', key: 'art6Accepted', type: 'money', labelKey: 'gas.art6_accepted', compute: art6Accepted },
    { kind: 'computed', key: 'art4Unused', type: 'money', labelKey: 'gas.art4_unused', compute: art4Unused },
    { kind: 'computed', key: 'art6Unused', type: 'money', labelKey: 'gas.art6_unused', compute: art6Unused },
    { kind: 'computed', key: 'unusedTotal', type: 'money', labelKey: 'gas.unused_total', compute: (ctx) => art4Unused(ctx) + art6Unused(ctx) },
  ],
};

/** Staff rows while the OCMW has no approved debt mediation: art. 4 pays nothing then. */
function staffWithoutDebtMediation(ctx: ComputeContext): Issue[] {
  if (!withoutDebtMediation(ctx) || (ctx.tables.staffArt4 ?? []).length === 0) return [];
  return [{ code: 'gas.no_debt_mediation', severity: 'error', path: 'staffArt4' }];
}

/** F4-P1 and F4-P2: FTE charged below (money left unused) or above (not financed) the entitlement. */
function fteAgainstEntitlement(ctx: ComputeContext): Issue[] {
  const entitlement = ctx.refs.fteEntitlement;
  if (withoutDebtMediation(ctx) || typeof entitlement !== 'number') return [];
  const charged = total(ctx, 'staffArt4', 'fteCharged');
  if (charged === entitlement) return [];
  const code = charged < entitlement ? 'gas.warning_fte_below' : 'gas.warning_fte_above';
  return [{ code, severity: 'warning', path: 'fteChargedTotal', params: { chargedHundredths: charged, entitlementHundredths: entitlement } }];
}

/** F4-2: a surplus on one part does not cover the unused amount of the other part. */
function noTransferBetweenParts(ctx: ComputeContext): Issue[] {
  const surplusArt4 = personnelJustified(ctx) - art4Available(ctx);
  const surplusArt6 = art6Justified(ctx) - art6Available(ctx);
  const issue = (code: string, surplus: number, unused: number): Issue => ({
    code,
    severity: 'warning',
    path: 'unusedTotal',
    params: { surplusCents: surplus, unusedCents: unused },
  });
  const issues: Issue[] = [];
  if (surplusArt6 > 0 && art4Unused(ctx) > 0) issues.push(issue('gas.warning_art6_over_art4_unused', surplusArt6, art4Unused(ctx)));
  if (surplusArt4 > 0 && art6Unused(ctx) > 0) issues.push(issue('gas.warning_art4_over_art6_unused', surplusArt4, art6Unused(ctx)));
  return issues;
}

/** Unused money is withheld from next year's allocation (forms.md §4.2.6). */
function unusedCompensatedNextYear(ctx: ComputeContext): Issue[] {
  const unused = art4Unused(ctx) + art6Unused(ctx);
  return unused > 0 ? [{ code: 'gas.warning_unused', severity: 'warning', path: 'unusedTotal', params: { unusedCents: unused } }] : [];
}

export const gasElekV1: FormDefinition = {
  measure: 'GAS_ELEK',
  version: 1,
  titleKey: 'measure.GAS_ELEK',
  paged: true,
  sections: [
    referenceSection,
    personnelSection,
    unpaidBillsSection,
    preventiveSection,
    otherSection,
    summarySection,
    settlementSection({
      justified: (ctx) => art4Accepted(ctx) + art6Accepted(ctx),
      allocation: (ctx) => art4Available(ctx) + art6Available(ctx),
      advancesPaid: receivedForYear,
      compensatedNextYear: true,
    }),
  ],
  rules: [staffWithoutDebtMediation, fteAgainstEntitlement, noTransferBetweenParts, unusedCompensatedNextYear],
};
