import { daysInclusive } from '../blocks/arithmetic.ts';
import {
  type ComputeContext,
  type FormDefinition,
  type Issue,
  type RowIssue,
  type RowValues,
  type TableField,
  namedOptions,
  optionalNumberParam,
} from '../definition.ts';

/**
 * F15 — Formulier overeenkomst / Formulaire convention (forms.md §5.5), report year 2016: the electronic yearly
 * convention between the OCMW and the Minister on which the increased state subsidy of the large cities (F2,
 * GROTE_STEDEN) and the cluster plan (F3, CLUSTERS) depend. The OCMW states which subsidy it is for, the convention's
 * period, its objectives with their indicators and planned period, and its budget; the chairman and the general
 * director sign it like every other form (the workflow does that). It justifies no money: no settlement section.
 * Reference loaded by POD MI: conventionNumber (optional). Campaign parameter: clusterAmountCents (optional, €10.000
 * for 2016, forms.md §5.3): the amount of one cluster, against which a cluster's budget is checked.
 *
 * Choices `[A]` (forms.md §5.5, Q-HIST-3; easy to change):
 * - parties: the OCMW is the one filling in (its master data), the Minister is named in the texts; for a cluster the
 *   promoter names the member OCMWs (required then);
 * - one convention per OCMW and report year: a large city and a cluster promoter are different OCMWs in practice;
 * - the convention's period is a yearly one, within the report year (a campaign may set periodFrom/periodTo);
 *   its length in days is shown;
 * - objectives: objective, indicator, planned period (a single date is a period of one day), each within the
 *   convention's period (error); at least one;
 * - budget: category (personnel, operating costs, activities, other), description, amount > 0; the total is
 *   computed; at least one line; a cluster's budget above the year's cluster amount is a warning, not an error;
 * - the statuses of forms.md (in preparation, signed by the OCMW, approved by the Minister, refused) are the
 *   back office's states of a form (ADR 0017): not started … ready / signed once = in preparation; submitted =
 *   signed by the OCMW; accepted = approved; correction requested = refused (sent back with a reason).
 */

export const CONVENTION_SUBSIDIES = ['groteSteden', 'clusters'] as const;
export const CONVENTION_BUDGET_CATEGORIES = ['personnel', 'operating', 'activities', 'other'] as const;

const OBJECTIVES = 'objectives';
const BUDGET = 'budget';

type Period = { from: string; to: string };
const periodOf = (value: unknown): Period | null =>
  value && typeof value === 'object' && 'from' in value && 'to' in value ? { from: String(value.from), to: String(value.to) } : null;

/** An objective is planned within the convention's period. */
function objectiveWithinConvention(row: RowValues, _computed: Record<string, number | null>, ctx: ComputeContext): RowIssue[] {
  const convention = periodOf(ctx.values.conventionPeriod);
  const planned = periodOf(row.plannedPeriod);
  if (!convention || !planned || (planned.from >= convention.from && planned.to <= convention.to)) return [];
  return [
    {
      code: 'convention.objective_outside_convention',
      severity: 'error',
      column: 'plannedPeriod',
      params: { fromDate: convention.from, toDate: convention.to },
    },
  ];
}

/** The total budget of the convention: Σ amount of the budget lines. */
export function budgetTotal(ctx: ComputeContext): number {
  return ctx.totals[BUDGET]?.amount ?? 0;
}

/** A cluster names the OCMWs that form it. */
function clusterMembersNamed(ctx: ComputeContext): Issue[] {
  if (ctx.values.subsidy !== 'clusters' || typeof ctx.values.memberOcmws === 'string') return [];
  return [{ code: 'convention.members_required', severity: 'error', path: 'memberOcmws' }];
}

/** A cluster's budget above the amount of one cluster cannot be funded in full (warning). */
function clusterBudgetWithinAmount(ctx: ComputeContext): Issue[] {
  const amount = optionalNumberParam(ctx.params, 'clusterAmountCents');
  const total = budgetTotal(ctx);
  if (ctx.values.subsidy !== 'clusters' || amount === null || total <= amount) return [];
  return [{ code: 'convention.budget_above_cluster_amount', severity: 'warning', path: BUDGET, params: { totalCents: total, amountCents: amount } }];
}

const objectivesTable: TableField = {
  kind: 'table',
  key: OBJECTIVES,
  labelKey: 'convention.objectives',
  minRows: 1,
  maxRows: 30,
  columns: [
    { kind: 'input', key: 'objective', type: 'text', labelKey: 'convention.objective', hintKey: 'convention.objective_hint', required: true, maxLength: 250 },
    { kind: 'input', key: 'indicator', type: 'text', labelKey: 'convention.indicator', hintKey: 'convention.indicator_hint', required: true, maxLength: 250 },
    {
      kind: 'input',
      key: 'plannedPeriod',
      type: 'period',
      labelKey: 'convention.planned_period',
      hintKey: 'convention.planned_period_hint',
      required: true,
      inSubsidyPeriod: true,
    },
  ],
  rowRules: [objectiveWithinConvention],
};

const budgetTable: TableField = {
  kind: 'table',
  key: BUDGET,
  labelKey: 'convention.budget',
  minRows: 1,
  maxRows: 100,
  columns: [
    {
      kind: 'input',
      key: 'category',
      type: 'enum',
      labelKey: 'convention.budget_category',
      required: true,
      ...namedOptions('conventionBudget', CONVENTION_BUDGET_CATEGORIES),
    },
    { kind: 'input', key: 'description', type: 'text', labelKey: 'convention.budget_description', required: true, maxLength: 250 },
    { kind: 'input', key: 'amount', type: 'money', labelKey: 'convention.budget_amount', required: true, positive: true },
  ],
  totals: ['amount'],
};

export const overeenkomstV1: FormDefinition = {
  measure: 'OVEREENKOMST',
  version: 1,
  titleKey: 'measure.OVEREENKOMST',
  sections: [
    {
      key: 'convention',
      titleKey: 'convention.convention_title',
      introKey: 'convention.convention_intro',
      items: [
        { kind: 'ref', key: 'conventionNumber', type: 'count', labelKey: 'convention.number', missingKey: 'convention.number_missing' },
        {
          kind: 'input',
          key: 'subsidy',
          type: 'enum',
          labelKey: 'convention.subsidy',
          hintKey: 'convention.subsidy_hint',
          required: true,
          ...namedOptions('conventionSubsidy', CONVENTION_SUBSIDIES),
        },
        {
          kind: 'input',
          key: 'memberOcmws',
          type: 'text',
          labelKey: 'convention.member_ocmws',
          hintKey: 'convention.member_ocmws_hint',
          maxLength: 1000,
        },
        {
          kind: 'input',
          key: 'conventionPeriod',
          type: 'period',
          labelKey: 'convention.period',
          hintKey: 'convention.period_hint',
          required: true,
          inSubsidyPeriod: true,
        },
        {
          kind: 'computed',
          key: 'durationDays',
          type: 'count',
          labelKey: 'convention.duration_days',
          compute: (ctx) => {
            const period = periodOf(ctx.values.conventionPeriod);
            return period ? daysInclusive(period.from, period.to) : null;
          },
        },
      ],
    },
    { key: OBJECTIVES, titleKey: 'convention.objectives_title', introKey: 'convention.objectives_intro', items: [objectivesTable] },
    {
      key: BUDGET,
      titleKey: 'convention.budget_title',
      introKey: 'convention.budget_intro',
      // the table's own total line is the budget (a separate figure after it would repeat it)
      items: [budgetTable],
    },
  ],
  rules: [clusterMembersNamed, clusterBudgetWithinAmount],
};
