import { settlementSection } from '../blocks/settlement.ts';
import type { ComputeContext, FormDefinition, RowIssue, RowValues, TableField } from '../definition.ts';

/**
 * F2 — Toelage sociale activering grote steden / Subvention majorée de l'État (forms.md §5.2): the OCMW of
 * a large city reports on the insertion initiatives of its yearly convention with the Minister. References
 * loaded by POD MI: conventionNumber, envelope (the allocation), advancesPaid. No campaign parameters.
 */

const TABLE = 'initiatives';

/** Nobody can move on to work or training without having taken part. */
function movedOnWithinParticipants(row: RowValues): RowIssue[] {
  const { participants, movedOnToWorkOrTraining: movedOn } = row;
  if (typeof participants !== 'number' || typeof movedOn !== 'number' || movedOn <= participants) return [];
  return [{ code: 'cities.moved_on_above_participants', severity: 'error', column: 'movedOnToWorkOrTraining', params: { participants } }];
}

/** Justified: the personnel and operating costs of every initiative. */
export function justifiedCosts(ctx: ComputeContext): number {
  const totals = ctx.totals[TABLE] ?? {};
  return (totals.personnelCost ?? 0) + (totals.operatingCost ?? 0);
}

const initiativesTable: TableField = {
  kind: 'table',
  key: TABLE,
  labelKey: 'cities.initiatives',
  minRows: 1,
  maxRows: 100,
  columns: [
    { kind: 'input', key: 'title', type: 'text', labelKey: 'cities.initiative_title', required: true, maxLength: 150 },
    { kind: 'input', key: 'targetGroup', type: 'text', labelKey: 'cities.target_group', hintKey: 'cities.target_group_hint', required: true, maxLength: 250 },
    { kind: 'input', key: 'period', type: 'period', labelKey: 'cities.period', required: true, inSubsidyPeriod: true },
    { kind: 'input', key: 'participants', type: 'count', labelKey: 'cities.participants', required: true, min: 1 },
    { kind: 'input', key: 'movedOnToWorkOrTraining', type: 'count', labelKey: 'cities.moved_on', hintKey: 'cities.moved_on_hint', required: true },
    { kind: 'input', key: 'personnelCost', type: 'money', labelKey: 'cities.personnel_cost', required: true },
    { kind: 'input', key: 'operatingCost', type: 'money', labelKey: 'cities.operating_cost', required: true },
  ],
  totals: ['participants', 'movedOnToWorkOrTraining', 'personnelCost', 'operatingCost'],
  rowRules: [movedOnWithinParticipants],
};

export const groteStedenV1: FormDefinition = {
  measure: 'GROTE_STEDEN',
  version: 1,
  titleKey: 'measure.GROTE_STEDEN',
  sections: [
    {
      key: 'convention',
      titleKey: 'cities.convention_title',
      introKey: 'cities.convention_intro',
      items: [
        { kind: 'ref', key: 'conventionNumber', type: 'count', labelKey: 'cities.convention_number' },
        { kind: 'ref', key: 'envelope', type: 'money', labelKey: 'cities.envelope' },
        { kind: 'ref', key: 'advancesPaid', type: 'money', labelKey: 'cities.advances_paid' },
      ],
    },
    { key: 'initiatives', titleKey: 'cities.initiatives_title', introKey: 'cities.initiatives_intro', items: [initiativesTable] },
    {
      key: 'report',
      titleKey: 'cities.report_title',
      items: [
        {
          kind: 'input',
          key: 'activityReport',
          type: 'text',
          labelKey: 'cities.activity_report',
          hintKey: 'cities.activity_report_hint',
          required: true,
          maxLength: 4000,
        },
      ],
    },
    settlementSection({ justified: justifiedCosts, allocation: (ctx) => ctx.refs.envelope ?? null }),
  ],
};
