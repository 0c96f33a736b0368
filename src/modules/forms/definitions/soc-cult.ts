import { min } from '../blocks/arithmetic.ts';
import { expenseTable } from '../blocks/expenses.ts';
import { settlementSection } from '../blocks/settlement.ts';
import type { ComputeContext, FormDefinition, Issue, RowIssue, RowValues, TableField } from '../definition.ts';
import { numberParam } from '../definition.ts';

/**
 * F6 — Sociale en culturele participatie / Participation socioculturelle (forms.md §5.4), last report year 2016
 * (replaced by PSA from 2017). The yearly royal decree funds the participation of OCMW users in social, sporting and
 * cultural events, in associations (membership fees, necessary equipment), initiatives by or for the target group,
 * initiatives for access to ICT, a recycled computer bought through a re-use centre (at most €100 per beneficiary),
 * and from 2010 a child-poverty strand. References loaded by POD MI: allocation, advancesPaid. Campaign parameter:
 * recycledComputerCapCents (10000 = €100 per beneficiary, `[V:S55]`).
 *
 * Choices `[A]` (forms.md §7, Q-HIST-1/Q-HIST-3; easy to change):
 * - one form instead of the two of the ≈2010 manual ("inscription et avance" early in the year, "rapport d'activités"
 *   after it): part 1 registers and asks the advance, parts 2 and 3 report, the last part settles;
 * - the subsidy period is the report year (1/1–31/12); a campaign may set another one with periodFrom/periodTo;
 * - the activity rows are the ExpenseRow of forms.md §3.2 (category, description, period within the subsidy period,
 *   amount) with the number of beneficiaries, required and at least 1, for every category;
 * - the recycled-computer cap is not blocking (Q-GEN-6): the part of a row above cap × beneficiaries is not eligible
 *   and a warning says so; the other categories count in full (no target-group share, no subcontracting columns);
 * - the child-poverty strand is a table of its own with the child-poverty categories of PSA part C (forms.md §4.3.6)
 *   and the number of children reached; it is settled together with the activities against one allocation (no
 *   earmarked child-poverty allocation);
 * - "not participating" with rows in a table is an error on that table, as is an advance requested without taking
 *   part; the advance request itself is optional (a participating OCMW may do without an advance);
 * - settlement: standard (§3.3): POD MI pays a positive balance and reclaims a negative one;
 * - no spreadsheet (workbook) route: the activities are typed in the form.
 */

export const SOC_CULT_ACTIVITIES = ['events', 'associations', 'targetGroupInitiatives', 'ictAccess', 'recycledComputer'] as const;
/** [A] the child-poverty categories of PSA part C (forms.md §4.3.6). */
export const SOC_CULT_CHILD_POVERTY = [
  'activityParticipation',
  'schoolCosts',
  'homeworkSupport',
  'childcare',
  'medicalPsychological',
  'basicNeeds',
  'other',
] as const;

const ACTIVITIES = 'activities';
const CHILD_POVERTY = 'childPoverty';

/** The most a recycled-computer row may charge: cap per beneficiary × beneficiaries (null while the count is missing). */
export function recycledComputerCap(capPerBeneficiaryCents: number, beneficiaries: number | null): number | null {
  return beneficiaries === null ? null : capPerBeneficiaryCents * beneficiaries;
}

const number = (value: RowValues[string]): number | null => (typeof value === 'number' ? value : null);
const capParam = (ctx: ComputeContext): number => numberParam(ctx.params, 'recycledComputerCapCents');

/** Eligible amount of an activity: the amount, for a recycled computer at most the cap for its beneficiaries. */
function activityEligible(row: RowValues, ctx: ComputeContext): number | null {
  const amount = number(row.amount);
  if (amount === null) return null;
  if (row.category !== 'recycledComputer') return amount;
  const cap = recycledComputerCap(capParam(ctx), number(row.beneficiaries));
  return cap === null ? null : min(amount, cap);
}

/** A warning on a recycled computer above the cap: the excess is not accepted (Q-GEN-6). */
function recycledComputerCapped(row: RowValues, computed: Record<string, number | null>, ctx: ComputeContext): RowIssue[] {
  const amount = number(row.amount);
  const eligible = computed.eligibleAmount;
  if (row.category !== 'recycledComputer' || amount === null || typeof eligible !== 'number' || eligible >= amount) return [];
  const params = { capCents: eligible, perBeneficiaryCents: capParam(ctx), excessCents: amount - eligible };
  return [{ code: 'soccult.recycled_computer_capped', severity: 'warning', column: 'amount', params }];
}

const activitiesTable: TableField = {
  ...expenseTable({
    key: ACTIVITIES,
    labelKey: 'soccult.activities',
    categories: { name: 'socCultActivity', values: SOC_CULT_ACTIVITIES },
    extraColumns: [
      {
        kind: 'input',
        key: 'beneficiaries',
        type: 'count',
        labelKey: 'soccult.beneficiaries',
        hintKey: 'soccult.beneficiaries_hint',
        required: true,
        min: 1,
      },
    ],
    maxRows: 2000,
  }),
  rowComputed: [{ key: 'eligibleAmount', type: 'money', labelKey: 'expense.eligible_amount', compute: activityEligible }],
  totals: ['beneficiaries', 'amount', 'eligibleAmount'],
  rowRules: [recycledComputerCapped],
};

const childPovertyTable: TableField = {
  ...expenseTable({
    key: CHILD_POVERTY,
    labelKey: 'soccult.child_poverty',
    categories: { name: 'socCultChildPoverty', values: SOC_CULT_CHILD_POVERTY },
    extraColumns: [{ kind: 'input', key: 'childrenReached', type: 'count', labelKey: 'soccult.children_reached', required: true, min: 1 }],
    maxRows: 1000,
  }),
  totals: ['childrenReached', 'amount', 'eligibleAmount'],
};

/** A row with any value read: a blank row (nothing typed) is not an activity. */
const filledRows = (rows: RowValues[] | undefined): number => (rows ?? []).filter((row) => Object.values(row).some((v) => v !== null)).length;

/** An OCMW that does not take part reports no activities and asks no advance. */
function nothingWithoutParticipation(ctx: ComputeContext): Issue[] {
  if (ctx.values.participates !== false) return [];
  const issues: Issue[] = [];
  if (ctx.values.advanceRequested === true) issues.push({ code: 'soccult.advance_without_participation', severity: 'error', path: 'advanceRequested' });
  for (const table of [ACTIVITIES, CHILD_POVERTY]) {
    const rows = filledRows(ctx.tables[table]);
    if (rows > 0) issues.push({ code: 'soccult.rows_without_participation', severity: 'error', path: table, params: { rows } });
  }
  return issues;
}

/** Justified: the eligible activities (recycled computers within their cap) plus the child-poverty actions. */
export function justifiedSocCult(ctx: ComputeContext): number {
  return (ctx.totals[ACTIVITIES]?.eligibleAmount ?? 0) + (ctx.totals[CHILD_POVERTY]?.eligibleAmount ?? 0);
}

export const socCultV1: FormDefinition = {
  measure: 'SOC_CULT',
  version: 1,
  titleKey: 'measure.SOC_CULT',
  sections: [
    {
      key: 'registration',
      titleKey: 'soccult.registration_title',
      introKey: 'soccult.registration_intro',
      items: [
        { kind: 'ref', key: 'allocation', type: 'money', labelKey: 'soccult.allocation' },
        { kind: 'ref', key: 'advancesPaid', type: 'money', labelKey: 'soccult.advances_paid' },
        { kind: 'input', key: 'participates', type: 'yesno', labelKey: 'soccult.participates', hintKey: 'soccult.participates_hint', required: true },
        { kind: 'input', key: 'advanceRequested', type: 'yesno', labelKey: 'soccult.advance_requested', hintKey: 'soccult.advance_requested_hint' },
      ],
    },
    {
      key: ACTIVITIES,
      titleKey: 'soccult.activities_title',
      introKey: 'soccult.activities_intro',
      items: [
        activitiesTable,
        {
          kind: 'computed',
          key: 'recycledComputerCap',
          type: 'money',
          labelKey: 'soccult.recycled_computer_cap',
          compute: capParam,
        },
      ],
    },
    { key: CHILD_POVERTY, titleKey: 'soccult.child_poverty_title', introKey: 'soccult.child_poverty_intro', items: [childPovertyTable] },
    settlementSection({ justified: justifiedSocCult }),
  ],
  rules: [nothingWithoutParticipation],
};
