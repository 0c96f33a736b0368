import { mulDiv } from '../blocks/arithmetic.ts';
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
  numberParam,
  subsidyPeriod,
} from '../definition.ts';

/**
 * F5 — Personeelskosten (art. 40) / Frais de personnel (art. 40) (forms.md §4.1).
 *
 * Part A (improvement of staff norms) lists staff, part B (qualitative improvement of reception) lists
 * expenses; the justified amount is Σ A.chargedAmount + Σ B.eligibleAmount, settled against the allocation.
 * F5-2 (every period within report year N) is the `inSubsidyPeriod` check of the periods.
 * The whole allocation is the reference for the accepted amount (Q-ART40-2 default): no `justificationBase`.
 *
 * Campaign parameter: `amountPerFileCents` (amount per file of the year, shown for information: POD MI
 * computes the allocation, including years where the amount changed mid-year, Q-ART40-1).
 * Reference values: fileCount, allocation, advancesPaid.
 */

/** Functions of part A (forms.md §4.1.4) [A]. */
export const ART40_FUNCTIONS = ['socialWorker', 'headSocialWorker', 'socialServiceAdmin', 'receptionAgent', 'other'] as const;
/** Categories of part B (forms.md §4.1.4) [A]. */
export const ART40_RECEPTION = ['premises', 'training', 'interpreting', 'information', 'receptionStaff', 'other'] as const;
/** Functions counted as social workers in the staffing indicator [A]. */
const SOCIAL_WORKER_FUNCTIONS: readonly string[] = ['socialWorker', 'headSocialWorker'];
/** Q-ART40-4 [A]: an expense of category "other" is described in at least this many characters. */
export const OTHER_DESCRIPTION_MIN_LENGTH = 20;

const total = (ctx: ComputeContext, table: string, column: string): number => ctx.totals[table]?.[column] ?? 0;

export function justifiedTotal(ctx: ComputeContext): number {
  return total(ctx, 'staffNorms', 'chargedAmount') + total(ctx, 'reception', 'eligibleAmount');
}

/**
 * Indicator [A]: FTE (hundredths) of the social workers of part A employed on the last day of the subsidy
 * period (31/12). A sum of rows, because an FTE input accepts at most 1,00.
 */
export function socialWorkersFteAtYearEnd(ctx: ComputeContext): number {
  const end = subsidyPeriod(ctx).to;
  return (ctx.tables.staffNorms ?? [])
    .filter((row) => SOCIAL_WORKER_FUNCTIONS.includes(String(row.function)) && coversDay(row, end))
    .reduce((sum, row) => sum + (typeof row.fte === 'number' ? row.fte : 0), 0);
}

function coversDay(row: RowValues, day: string): boolean {
  const period = row.period;
  return typeof period === 'object' && period !== null && period.from <= day && period.to >= day;
}

/**
 * Indicator [A]: files per FTE social worker, in hundredths of a file (62,35 = 6235), rounded half away from
 * zero; null without social workers at year end or without a file count.
 */
export function averageFilesPerSocialWorker(ctx: ComputeContext): number | null {
  const files = ctx.refs.fileCount;
  const fte = socialWorkersFteAtYearEnd(ctx);
  return typeof files === 'number' && fte > 0 ? mulDiv(files, 10_000, fte) : null;
}

/** Q-ART40-4: "other" expenses need a real description. */
function otherNeedsDescription(row: RowValues): RowIssue[] {
  const { category, description } = row;
  if (category !== 'other' || typeof description !== 'string' || description.length >= OTHER_DESCRIPTION_MIN_LENGTH) return [];
  return [{ code: 'personeelskosten.other_description_short', severity: 'error', column: 'description', params: { min: OTHER_DESCRIPTION_MIN_LENGTH } }];
}

function receptionTable(): TableField {
  const table = expenseTable({
    key: 'reception',
    labelKey: 'personeelskosten.reception_table',
    categories: { name: 'art40Reception', values: ART40_RECEPTION },
  });
  return { ...table, rowRules: [...(table.rowRules ?? []), otherNeedsDescription] };
}

const referenceSection: Section = {
  key: 'reference',
  titleKey: 'personeelskosten.section_reference',
  introKey: 'personeelskosten.intro_reference',
  items: [
    { kind: 'ref', key: 'fileCount', type: 'count', labelKey: 'personeelskosten.file_count' },
    {
      kind: 'computed',
      key: 'amountPerFile',
      type: 'money',
      labelKey: 'personeelskosten.amount_per_file',
      compute: (ctx) => numberParam(ctx.params, 'amountPerFileCents'),
    },
    { kind: 'ref', key: 'allocation', type: 'money', labelKey: 'personeelskosten.allocation', hintKey: 'personeelskosten.allocation_hint' },
    { kind: 'ref', key: 'advancesPaid', type: 'money', labelKey: 'personeelskosten.advances_paid' },
  ],
};

const staffNormsSection: Section = {
  key: 'partA',
  titleKey: 'personeelskosten.section_staff_norms',
  introKey: 'personeelskosten.intro_staff_norms',
  items: [
    staffTable({ key: 'staffNorms', labelKey: 'personeelskosten.staff_table', functions: { name: 'art40Function', values: ART40_FUNCTIONS } }),
    { kind: 'computed', key: 'socialWorkersFteAt31Dec', type: 'fte', labelKey: 'personeelskosten.social_workers_fte', compute: socialWorkersFteAtYearEnd },
    {
      kind: 'computed',
      key: 'averageFilesPerSocialWorker',
      type: 'fte',
      labelKey: 'personeelskosten.files_per_social_worker',
      compute: averageFilesPerSocialWorker,
    },
  ],
};

const receptionSection: Section = {
  key: 'partB',
  titleKey: 'personeelskosten.section_reception',
  introKey: 'personeelskosten.intro_reception',
  items: [receptionTable()],
};

/** F5-1: at least one row in part A or part B. */
function somethingJustified(ctx: ComputeContext): Issue[] {
  const rows = (ctx.tables.staffNorms ?? []).length + (ctx.tables.reception ?? []).length;
  return rows > 0 ? [] : [{ code: 'personeelskosten.no_rows', severity: 'error', path: '' }];
}

/** F5-3: less justified than allocated; the difference may be reclaimed. */
function belowAllocation(ctx: ComputeContext): Issue[] {
  const allocation = ctx.refs.allocation;
  const justified = justifiedTotal(ctx);
  if (typeof allocation !== 'number' || justified >= allocation) return [];
  return [
    {
      code: 'personeelskosten.warning_below_allocation',
      severity: 'warning',
      path: 'settlementJustified',
      params: { differenceCents: allocation - justified },
    },
  ];
}

/**
 * Report year 2018 (issue 14, item 20; forms.md §4.1.3): €470 per file until 30/06/2018 and €515 from 1/07/2018 —
 * the form shows both rates and their periods. The allocation stays POD MI's figure (a Ref).
 */
const splitYearReferenceSection: Section = {
  ...referenceSection,
  items: referenceSection.items.flatMap((item) =>
    item.key === 'amountPerFile'
      ? [
          {
            kind: 'computed',
            key: 'amountPerFileUntilJune',
            type: 'money',
            labelKey: 'personeelskosten.amount_per_file_until_june',
            compute: (ctx) => numberParam(ctx.params, 'amountPerFileUntilJuneCents'),
          },
          { ...item, labelKey: 'personeelskosten.amount_per_file_from_july' },
        ]
      : [item],
  ),
};

export const personeelskostenV1: FormDefinition = {
  measure: 'PERSONEELSKOSTEN',
  version: 1,
  titleKey: 'measure.PERSONEELSKOSTEN',
  sections: [referenceSection, staffNormsSection, receptionSection, settlementSection({ justified: justifiedTotal })],
  rules: [somethingJustified, belowAllocation],
};

/** Report year 2018: the same form with the two rates of that year. */
export const personeelskostenV2: FormDefinition = {
  ...personeelskostenV1,
  version: 2,
  sections: [splitYearReferenceSection, ...personeelskostenV1.sections.slice(1)],
};
