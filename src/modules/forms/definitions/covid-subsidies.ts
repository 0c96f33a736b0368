import { min } from '../blocks/arithmetic.ts';
import { expenseTable } from '../blocks/expenses.ts';
import { reclaimWarning, settlementSection } from '../blocks/settlement.ts';
import { staffTable } from '../blocks/staff-costs.ts';
import { isValidInsz } from '../../shared/identifiers.ts';
import {
  type ComputeContext,
  type ComputedField,
  type FieldItem,
  type FormDefinition,
  type InputField,
  type RefField,
  type RowIssue,
  type RowValues,
  type Section,
  type TableField,
  namedOptions,
} from '../definition.ts';

/**
 * F11–F14 — the Covid-era subsidies (forms.md §4.7): food aid, youth and students, the Covid-19 subsidy and
 * psychological well-being, one builder for the four. Common pattern: part 1 the detailed expenses (the
 * spreadsheet file, forms.md §4.7 generic columns, Q-COV-3: the beneficiary by a pseudonymous file number, never a
 * name or a national number); the control summary / activity report (Q-COV-4: one screen, counts and free text); for
 * F13 and F14 also the personnel and operating costs. [A] The manual's F13/F14 parts "2 subsidy for social aid" and
 * "3 subsidy for personnel and operating costs" are each a part the OCMW types in, its subsidy's figures under its
 * tables: part 1 the social aid (expenses, justified, accepted), part 2 the personnel and operating costs — a part
 * with only figures would be a step of the task list with nothing to do. The money was paid in full beforehand (100 %
 * upfront): the envelope is the allocation and what was paid, only a reclaim can follow — by POD MI's letter and
 * invoice, never a spontaneous repayment (forms.md §4.7, [V:S52]).
 *
 * Envelopes are reference values loaded by POD MI per OCMW: `envelope` (F11, F12, F14); F13 has two subsidies in
 * one form [A]: `socialAidEnvelope` (part 2) and `personnelEnvelope` (part 3), each justified up to its own amount.
 * The subsidy period is the campaign's `periodFrom`/`periodTo` (the extensions to 31/03/2022 are in the per-year
 * data).
 */

/** What an aid row was for, per measure (forms.md §4.7 "Allowed uses"; `other` [A] with its description). */
export const FOOD_AID_USES = ['foodParcels', 'readyMeals', 'foodVouchers', 'hygieneProtection', 'delivery', 'voucherAdministration'] as const;
export const YOUTH_AID_USES = ['transportPass', 'rent', 'rentalGuarantee', 'bills', 'studyCosts', 'structuralHelp', 'other'] as const;
export const COVID_AID_USES = ['housing', 'energy', 'digital', 'psychosocial', 'health', 'unpaidBills', 'primaryNeeds', 'childPoverty'] as const;
export const WELLBEING_AID_USES = ['psychologicalSupport', 'againstIsolation', 'partnership', 'thirdPartyServices', 'healthMeasures', 'publicity'] as const;

/** Individual help to one beneficiary, or collective help (a distribution, a group activity). */
export const AID_KINDS = ['individual', 'collective'] as const;

/** Functions of the staff charged to F13/F14 part 3 [A], and the operating cost categories [A]. */
export const COVID_STAFF_FUNCTIONS = ['socialWorker', 'psychologist', 'administrativeWorker', 'coordinator', 'other'] as const;
export const COVID_COSTS = ['operating', 'equipment', 'investment', 'thirdPartyServices', 'publicity', 'other'] as const;

const AID_TABLE = 'aid';

/** The beneficiary of an individual row is named by the OCMW's file number (never by a national number). */
function pseudonymousBeneficiary(row: RowValues): RowIssue[] {
  const ref = row.beneficiaryRef;
  if (typeof ref !== 'string') {
    return row.kind === 'individual' ? [{ code: 'covidsub.beneficiary_required', severity: 'error', column: 'beneficiaryRef' }] : [];
  }
  const digits = ref.replace(/[.\-\s/]/g, '');
  if (/^\d{11}$/.test(digits) && isValidInsz(digits)) return [{ code: 'covidsub.beneficiary_not_insz', severity: 'error', column: 'beneficiaryRef' }];
  return [];
}

/** An aid of type "other" says what it was in words. */
function otherDescribed(row: RowValues): RowIssue[] {
  if (row.aidType !== 'other' || typeof row.description === 'string') return [];
  return [{ code: 'covidsub.description_required', severity: 'error', column: 'description' }];
}

interface AidTableOptions {
  labelKey: string;
  uses: { name: string; values: readonly string[] };
}

/** Part 1: the detailed expenses, one row per aid granted (the measure's spreadsheet sheet "Uitgaven"). */
function aidTable(options: AidTableOptions): TableField {
  const columns: InputField[] = [
    { kind: 'input', key: 'date', type: 'date', labelKey: 'covidsub.date', hintKey: 'covidsub.date_hint', required: true, inSubsidyPeriod: true },
    { kind: 'input', key: 'kind', type: 'enum', labelKey: 'covidsub.kind', required: true, ...namedOptions('covidAidKind', AID_KINDS) },
    { kind: 'input', key: 'beneficiaryRef', type: 'text', labelKey: 'covidsub.beneficiary_ref', hintKey: 'covidsub.beneficiary_ref_hint', maxLength: 30 },
    { kind: 'input', key: 'aidType', type: 'enum', labelKey: 'covidsub.aid_type', required: true, ...namedOptions(options.uses.name, options.uses.values) },
    { kind: 'input', key: 'description', type: 'text', labelKey: 'covidsub.description', hintKey: 'covidsub.description_hint', maxLength: 250 },
    { kind: 'input', key: 'amount', type: 'money', labelKey: 'covidsub.amount', required: true, positive: true },
  ];
  return {
    kind: 'table',
    key: AID_TABLE,
    labelKey: options.labelKey,
    columns,
    totals: ['amount'],
    rowRules: [pseudonymousBeneficiary, otherDescribed],
    maxRows: 5000,
    workbookSheet: 'Uitgaven',
  };
}

/** The control summary / activity report (Q-COV-4): counts and free text. */
function reportSection(extraCounts: InputField[]): Section {
  return {
    key: 'report',
    titleKey: 'covidsub.report_title',
    introKey: 'covidsub.report_intro',
    items: [
      { kind: 'input', key: 'personsHelped', type: 'count', labelKey: 'covidsub.persons_helped', hintKey: 'covidsub.persons_helped_hint', required: true },
      ...extraCounts,
      { kind: 'input', key: 'activities', type: 'text', labelKey: 'covidsub.activities', hintKey: 'covidsub.activities_hint', required: true, maxLength: 4000 },
      { kind: 'input', key: 'controls', type: 'text', labelKey: 'covidsub.controls', hintKey: 'covidsub.controls_hint', required: true, maxLength: 4000 },
    ],
  };
}

/** Σ of part 1. */
export function aidJustified(ctx: ComputeContext): number {
  return ctx.totals[AID_TABLE]?.amount ?? 0;
}

/** Σ of part 3: the staff charged plus the operating costs. */
export function personnelJustified(ctx: ComputeContext): number {
  return (ctx.totals.staff?.chargedAmount ?? 0) + (ctx.totals.costs?.eligibleAmount ?? 0);
}

const envelopeOf = (key: string) => (ctx: ComputeContext) => ctx.refs[key] ?? null;

// ------------------------------------------------------------------ F11, F12: expenses + report

interface AidOnlyOptions {
  measure: string;
  titleKey: string;
  introKey: string;
  uses: { name: string; values: readonly string[] };
  extraCounts?: InputField[];
}

function aidOnlyDefinition(options: AidOnlyOptions): FormDefinition {
  const envelope = envelopeOf('envelope');
  return {
    measure: options.measure,
    version: 1,
    titleKey: options.titleKey,
    paged: true,
    workbook: { templateVersion: 1 },
    sections: [
      {
        key: 'header',
        titleKey: 'covidsub.header',
        introKey: options.introKey,
        items: [{ kind: 'ref', key: 'envelope', type: 'money', labelKey: 'covidsub.envelope', hintKey: 'covidsub.envelope_hint' }],
      },
      { key: 'aid', titleKey: 'covidsub.aid_title', introKey: 'covidsub.aid_intro', items: [aidTable({ labelKey: 'covidsub.aid', uses: options.uses })] },
      reportSection(options.extraCounts ?? []),
      // No settlement until POD MI loaded the envelope: it is both the allocation and what was paid.
      settlementSection({
        justified: (ctx) => (envelope(ctx) === null ? null : aidJustified(ctx)),
        allocation: envelope,
        advancesPaid: envelope,
        variant: 'reclaimOnly',
        reclaimByInvoice: true,
      }),
    ],
    rules: [reclaimWarning('covidsub.warning_reclaim')],
  };
}

/** F11 — Toelage voedselhulp / Aide alimentaire (KB 31/03/2020, 24/06/2020). */
export const voedselhulpV1 = aidOnlyDefinition({
  measure: 'VOEDSELHULP',
  titleKey: 'measure.VOEDSELHULP',
  introKey: 'covidsub.intro_food',
  uses: { name: 'foodAidUse', values: FOOD_AID_USES },
});

/** F12 — Jongeren en studenten / Aide jeunes et étudiants (KB 03/03/2021, extended to 31/03/2022). */
export const jongerenStudentenV1 = aidOnlyDefinition({
  measure: 'JONGEREN_STUDENTEN',
  titleKey: 'measure.JONGEREN_STUDENTEN',
  introKey: 'covidsub.intro_youth',
  uses: { name: 'youthAidUse', values: YOUTH_AID_USES },
  extraCounts: [
    { kind: 'input', key: 'studentsHelped', type: 'count', labelKey: 'covidsub.students_helped', hintKey: 'covidsub.students_helped_hint', required: true },
  ],
});

// ------------------------------------------------------------------ F13, F14: expenses + personnel and operating + report

interface WithPersonnelOptions {
  measure: string;
  titleKey: string;
  introKey: string;
  uses: { name: string; values: readonly string[] };
  /** F13: two subsidies, each justified up to its own envelope; F14: one envelope for everything */
  envelopes: 'split' | 'single';
}

function personnelItems(): FieldItem[] {
  return [
    staffTable({
      key: 'staff',
      labelKey: 'covidsub.staff',
      functions: { name: 'covidStaffFunction', values: COVID_STAFF_FUNCTIONS },
      workbookSheet: 'Personeel',
    }),
    expenseTable({ key: 'costs', labelKey: 'covidsub.costs', categories: { name: 'covidCost', values: COVID_COSTS }, workbookSheet: 'Werking' }),
  ];
}

/** F13: min(part 2, its envelope) + min(part 3, its envelope); F14: min(part 2 + part 3, the envelope). */
export function acceptedWithPersonnel(ctx: ComputeContext, envelopes: 'split' | 'single'): number | null {
  if (envelopes === 'single') {
    const envelope = ctx.refs.envelope;
    return envelope === null || envelope === undefined ? null : min(aidJustified(ctx) + personnelJustified(ctx), envelope);
  }
  const aid = ctx.refs.socialAidEnvelope;
  const personnel = ctx.refs.personnelEnvelope;
  if (aid === null || aid === undefined || personnel === null || personnel === undefined) return null;
  return min(aidJustified(ctx), aid) + min(personnelJustified(ctx), personnel);
}

/** A part's justified amount up to its own envelope (F13), null until POD MI loaded the envelope. */
function cappedAt(key: string, labelKey: string, justified: (ctx: ComputeContext) => number, envelopeKey: string): ComputedField {
  return {
    kind: 'computed',
    key,
    type: 'money',
    labelKey,
    compute: (ctx) => {
      const envelope = ctx.refs[envelopeKey];
      return envelope === null || envelope === undefined ? null : min(justified(ctx), envelope);
    },
  };
}

function withPersonnelDefinition(options: WithPersonnelOptions): FormDefinition {
  const split = options.envelopes === 'split';
  const envelopeRefs: RefField[] = split
    ? [
        { kind: 'ref', key: 'socialAidEnvelope', type: 'money', labelKey: 'covidsub.social_aid_envelope' },
        { kind: 'ref', key: 'personnelEnvelope', type: 'money', labelKey: 'covidsub.personnel_envelope' },
      ]
    : [{ kind: 'ref', key: 'envelope', type: 'money', labelKey: 'covidsub.envelope', hintKey: 'covidsub.envelope_hint' }];
  const allocation = (ctx: ComputeContext): number | null => {
    if (!split) return ctx.refs.envelope ?? null;
    const aid = ctx.refs.socialAidEnvelope;
    const personnel = ctx.refs.personnelEnvelope;
    return aid === null || aid === undefined || personnel === null || personnel === undefined ? null : aid + personnel;
  };
  return {
    measure: options.measure,
    version: 1,
    titleKey: options.titleKey,
    paged: true,
    workbook: { templateVersion: 1 },
    sections: [
      { key: 'header', titleKey: 'covidsub.header', introKey: options.introKey, items: envelopeRefs },
      {
        key: 'aid',
        titleKey: 'covidsub.aid_title',
        introKey: split ? 'covidsub.aid_intro_split' : 'covidsub.aid_intro',
        items: [
          aidTable({ labelKey: 'covidsub.aid', uses: options.uses }),
          { kind: 'computed', key: 'aidJustified', type: 'money', labelKey: 'covidsub.aid_justified', compute: aidJustified },
          ...(split ? [cappedAt('aidAccepted', 'covidsub.aid_accepted', aidJustified, 'socialAidEnvelope')] : []),
        ],
      },
      {
        key: 'personnel',
        titleKey: 'covidsub.personnel_title',
        introKey: split ? 'covidsub.personnel_intro_split' : 'covidsub.personnel_intro_single',
        items: [
          ...personnelItems(),
          { kind: 'computed', key: 'personnelJustified', type: 'money', labelKey: 'covidsub.personnel_justified', compute: personnelJustified },
          ...(split ? [cappedAt('personnelAccepted', 'covidsub.personnel_accepted', personnelJustified, 'personnelEnvelope')] : []),
        ],
      },
      reportSection([]),
      settlementSection({
        justified: (ctx) => (allocation(ctx) === null ? null : aidJustified(ctx) + personnelJustified(ctx)),
        allocation,
        advancesPaid: allocation,
        accepted: (ctx) => acceptedWithPersonnel(ctx, options.envelopes),
        variant: 'reclaimOnly',
        reclaimByInvoice: true,
      }),
    ],
    rules: [reclaimWarning('covidsub.warning_reclaim')],
  };
}

/** F13 — Toelage COVID-19 / Subside COVID-19 (KB 13/05/2020, amended 03/07/2020, 30/12/2020, 18/01/2022). */
export const covidToelageV1 = withPersonnelDefinition({
  measure: 'COVID_TOELAGE',
  titleKey: 'measure.COVID_TOELAGE',
  introKey: 'covidsub.intro_covid',
  uses: { name: 'covidAidUse', values: COVID_AID_USES },
  envelopes: 'split',
});

/** F14 — Psychologisch welzijn / Bien-être psychologique (KB 24/12/2020, 27/12/2021). */
export const psyWelzijnV1 = withPersonnelDefinition({
  measure: 'PSY_WELZIJN',
  titleKey: 'measure.PSY_WELZIJN',
  introKey: 'covidsub.intro_wellbeing',
  uses: { name: 'wellbeingAidUse', values: WELLBEING_AID_USES },
  envelopes: 'single',
});
